"""Each module README documents every input variable and every output, and nothing stale.

Variables and outputs are read from the module's .tf files with python-hcl2. The README must have
an "Inputs" section and an "Outputs" section whose markdown tables name each one (first column,
backticks optional).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ..tools.aws_schema import parse_hcl
from .conftest import module_params, require_module


def declared(module: Path, kind: str) -> set[str]:
    names: set[str] = set()
    for tf in sorted(module.glob("*.tf")):
        for block in parse_hcl(tf.read_text(encoding="utf-8")).get(kind, []):
            names.update(k.strip('"') for k in block if not k.startswith("__"))
    return names


_HEADING = re.compile(r"^(#{1,6})\s+(.*)$")


def table_names(readme: str, section: str, subsections: bool = True) -> set[str]:
    """First-column names of the markdown tables under the heading that contains `section`.

    With subsections=False, tables under deeper headings (e.g. "### `ec2` fields", documenting
    an object's attributes) are left out.
    """
    names: set[str] = set()
    level = None
    nested = False
    for line in readme.splitlines():
        heading = _HEADING.match(line)
        if heading:
            depth = len(heading.group(1))
            if level is not None and depth <= level:
                level = None
            if level is None and section.lower() in heading.group(2).lower():
                level = depth
            nested = level is not None and depth > level
            continue
        if level is None or (nested and not subsections) or not line.lstrip().startswith("|"):
            continue
        first = line.strip().strip("|").split("|")[0].strip()
        match = re.fullmatch(r"`?([A-Za-z_][A-Za-z0-9_-]*)`?", first)
        if match and not set(first) <= set("-: "):
            names.add(match.group(1))
    return names


def test_table_names_reads_sections() -> None:
    readme = (
        "# m\n## Inputs\n| Name | Description |\n|---|---|\n| `a` | x |\n| b | y |\n"
        "## Outputs\n| Name | Description |\n|------|---|\n| `c` | z |\n## Security\n| `d` | |\n"
    )
    assert table_names(readme, "Inputs") == {"Name", "a", "b"}
    nested = readme.replace("## Outputs", "### `a` fields\n| `a_field` | |\n## Outputs")
    assert table_names(nested, "Inputs") == {"Name", "a", "b", "a_field"}
    assert table_names(nested, "Inputs", subsections=False) == {"Name", "a", "b"}
    assert table_names(readme, "Outputs") == {"Name", "c"}


def test_declared_reads_variables_and_outputs(tmp_path: Path) -> None:
    (tmp_path / "variables.tf").write_text(
        'variable "a" {\n  type = string\n}\nvariable "b" {}\n', encoding="utf-8"
    )
    (tmp_path / "outputs.tf").write_text('output "c" {\n  value = 1\n}\n', encoding="utf-8")
    assert declared(tmp_path, "variable") == {"a", "b"}
    assert declared(tmp_path, "output") == {"c"}


@pytest.mark.parametrize("name", module_params())
def test_readme_documents_inputs_and_outputs(name: str) -> None:
    module = require_module(name)
    readme_path = module / "README.md"
    assert readme_path.is_file(), f"{name}: README.md is missing"
    readme = readme_path.read_text(encoding="utf-8")
    variables, outputs = declared(module, "variable"), declared(module, "output")
    assert variables and outputs, f"{name}: no variables/outputs parsed from {module}"
    header = {"Name", "Input", "Output", "Variable"}
    problems = [
        f"input `{v}` is not in the Inputs table"
        for v in sorted(variables - table_names(readme, "Inputs"))
    ]
    problems += [
        f"output `{o}` is not in the Outputs table"
        for o in sorted(outputs - table_names(readme, "Outputs"))
    ]
    # Stale rows: only the tables directly under the heading (not "### `ec2` fields" etc.).
    problems += [
        f"Inputs table lists `{v}`, which is not a variable"
        for v in sorted(table_names(readme, "Inputs", subsections=False) - variables - header)
    ]
    problems += [
        f"Outputs table lists `{o}`, which is not an output"
        for o in sorted(table_names(readme, "Outputs", subsections=False) - outputs - header)
    ]
    assert not problems, f"{readme_path}:\n" + "\n".join(problems)
