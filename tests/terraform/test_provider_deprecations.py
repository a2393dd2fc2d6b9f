"""No argument or block we write is deprecated in the provider that runs here (hashicorp/aws 5.100).

A deprecated argument is the one 6.x removes next (`elastic_gpu_specifications`,
`inference_accelerator` went that way). The jsii assemblies that carry the 6.x schemas do not
keep the provider's deprecation flags, so this reads them from the real provider binary:
`terraform providers schema -json` after an offline init marks each deprecated attribute
(`"deprecated": true`) and block (`"deprecated": true` in its block). Checked: the modules, the
hand-written examples and what `render` adds (root module, wiring, bootstrap).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from ..conftest import MODULES_DIR, REPO_ROOT, TF
from ..tools import aws_schema
from .conftest import example_params, module_params
from .test_provider6_schema import RENDERED_CASES, _rendered_tf, _tf_files

VERSIONS_TF = """
terraform {
  required_providers {
    aws = { source = "hashicorp/aws", version = "5.100.0" }
  }
}
"""


def _compact(block: dict[str, Any]) -> dict[str, Any]:
    """{name: [deprecated, nested-or-None]} for one provider schema block."""
    out: dict[str, Any] = {}
    for name, attr in block.get("attributes", {}).items():
        out[name] = [bool(attr.get("deprecated")), None]
    for name, nested in block.get("block_types", {}).items():
        inner = nested.get("block", {})
        out[name] = [bool(inner.get("deprecated")), _compact(inner)]
    return out


@pytest.fixture(scope="session")
def provider_schema(tf: TF, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    work = tmp_path_factory.mktemp("provider-schema")
    (work / "versions.tf").write_text(VERSIONS_TF, encoding="utf-8")
    tf.init(work)
    raw = json.loads(tf.run(work, "providers", "schema", "-json").stdout)
    aws = raw["provider_schemas"]["registry.terraform.io/hashicorp/aws"]
    return {
        "resource": {k: _compact(v["block"]) for k, v in aws["resource_schemas"].items()},
        "data": {k: _compact(v["block"]) for k, v in aws["data_source_schemas"].items()},
    }


def deprecated_uses(schema: dict[str, Any], text: str, filename: str) -> list[str]:
    """Every deprecated argument or block set in `text`'s aws_* resources and data sources."""
    found: list[str] = []

    def walk(body: dict[str, Any], block: dict[str, Any], where: str) -> None:
        for key, value in body.items():
            if key.startswith("__") or key in aws_schema.META_ARGUMENTS:
                continue
            if key == "dynamic" and isinstance(value, list):
                for item in value:
                    for label, spec in item.items():
                        name = label.strip('"')
                        if name in block:
                            visit(name, spec.get("content", []), block, where)
                continue
            if key in block:
                visit(key, value, block, where)

    def visit(name: str, value: Any, block: dict[str, Any], where: str) -> None:
        deprecated, nested = block[name]
        path = f"{where}.{name}"
        if deprecated:
            found.append(f"{filename}: {path} is deprecated in hashicorp/aws 5.100")
        if nested is not None:
            for item in value if isinstance(value, list) else [value]:
                if isinstance(item, dict):
                    walk(item, nested, path)

    parsed = aws_schema.parse_hcl(text)
    for kind in ("resource", "data"):
        for entry in parsed.get(kind, []):
            for raw_type, instances in entry.items():
                tf_type = raw_type.strip('"')
                if not tf_type.startswith("aws_") or tf_type not in schema[kind]:
                    continue
                for raw_name, body in instances.items():
                    if isinstance(body, dict) and not raw_name.startswith("__"):
                        address = f"{kind}.{tf_type}.{raw_name.strip(chr(34))}"
                        walk(body, schema[kind][tf_type], address)
    return found


def test_checker_finds_deprecated_arguments(provider_schema: dict[str, Any]) -> None:
    # Both are deprecated in 5.100 (removed in 6.0): a flat argument and a nested block.
    text = """
resource "aws_launch_template" "x" {
  name_prefix = "ecs-"
  elastic_gpu_specifications {
    type = "eg1.medium"
  }
}
resource "aws_instance" "y" {
  ami            = "ami-1"
  cpu_core_count = 2
}
resource "aws_lb" "fine" {
  name = "x"
}
"""
    found = deprecated_uses(provider_schema, text, "t.tf")
    assert any("aws_launch_template.x.elastic_gpu_specifications" in f for f in found), found
    assert any("aws_instance.y.cpu_core_count" in f for f in found), found
    assert not any("aws_lb.fine" in f for f in found), found


def _module_and_example_files() -> list[Path]:
    roots = [MODULES_DIR / m for m in module_params()]
    roots += [REPO_ROOT / "examples" / e for e in example_params()]
    return [f for root in roots for f in _tf_files(root)]


def test_modules_and_examples_use_nothing_deprecated(provider_schema: dict[str, Any]) -> None:
    files = _module_and_example_files()
    assert len(files) > 10
    found = [
        hit
        for f in files
        for hit in deprecated_uses(
            provider_schema, f.read_text(encoding="utf-8"), str(f.relative_to(REPO_ROOT))
        )
    ]
    assert not found, "\n".join(found)


@pytest.mark.parametrize("case", RENDERED_CASES)
def test_rendered_project_uses_nothing_deprecated(
    provider_schema: dict[str, Any], case: str
) -> None:
    found = [
        hit
        for name, text in _rendered_tf(case).items()
        for hit in deprecated_uses(provider_schema, text, name)
    ]
    assert not found, "\n".join(found)
