"""`terraform fmt` and `terraform validate` over every module and example, offline."""

from __future__ import annotations

import json
import warnings
from pathlib import Path

import pytest

from ..conftest import EXAMPLES_DIR, MODULE_NAMES, MODULES_DIR, REPO_ROOT, TF
from .conftest import (
    EXAMPLE_NAMES,
    copy_example,
    copy_module,
    example_params,
    module_params,
)

pytestmark = pytest.mark.terraform


def test_all_four_modules_exist() -> None:
    missing = [n for n in MODULE_NAMES if not (MODULES_DIR / n / "main.tf").is_file()]
    assert not missing, (
        f"missing module(s) {missing}: each needs {MODULES_DIR}/<name>/main.tf "
        "(plus variables.tf, outputs.tf, versions.tf, README.md, tests/*.tftest.hcl)"
    )


@pytest.mark.parametrize("name", MODULE_NAMES)
def test_module_has_the_conventional_files(name: str) -> None:
    root = MODULES_DIR / name
    expected = ["main.tf", "variables.tf", "outputs.tf", "versions.tf", "README.md"]
    missing = [f for f in expected if not (root / f).is_file()]
    assert not missing, f"{root} lacks {missing}"
    assert list((root / "tests").glob("*.tftest.hcl")), f"{root}/tests has no *.tftest.hcl"


def test_all_examples_exist() -> None:
    missing = [n for n in EXAMPLE_NAMES if not (EXAMPLES_DIR / n / "main.tf").is_file()]
    assert not missing, f"missing example(s) {missing} under {EXAMPLES_DIR}"


def test_terraform_fmt_is_clean(tf: TF) -> None:
    targets = [str(p.relative_to(REPO_ROOT)) for p in (MODULES_DIR, EXAMPLES_DIR) if p.is_dir()]
    proc = tf.run(
        REPO_ROOT, "fmt", "-check", "-recursive", "-diff", "-no-color", *targets, check=False
    )
    assert proc.returncode == 0, (
        "terraform fmt found unformatted files; run `terraform fmt -recursive "
        f"{' '.join(targets)}`:\n{proc.stdout[-6000:]}{proc.stderr[-2000:]}"
    )


def _validate(tf: TF, directory: Path) -> None:
    tf.init(directory)
    proc = tf.run(directory, "validate", "-json", "-no-color", check=False)
    try:
        result = json.loads(proc.stdout)
    except json.JSONDecodeError:
        pytest.fail(f"terraform validate printed no JSON:\n{proc.stdout}\n{proc.stderr}", False)
    diags = result.get("diagnostics", [])

    def fmt(d: dict) -> str:
        rng = d.get("range") or {}
        where = f"{rng.get('filename', '?')}:{rng.get('start', {}).get('line', '?')}"
        return f"[{d['severity']}] {where}: {d['summary']} {d.get('detail', '')}".strip()

    errors = [fmt(d) for d in diags if d["severity"] == "error"]
    assert result.get("valid") and not errors, "terraform validate failed:\n" + "\n".join(errors)
    # Deprecations in provider 5.x are removals in 6.x: make them visible without failing.
    for d in diags:
        if d["severity"] == "warning":
            warnings.warn(f"{directory.name}: {fmt(d)}", stacklevel=1)


@pytest.mark.parametrize("name", module_params())
def test_module_validates(tf: TF, tmp_path: Path, name: str) -> None:
    # A child module has no provider block, so no offline override is needed (or allowed).
    _validate(tf, copy_module(name, tmp_path))


@pytest.mark.parametrize("name", example_params())
def test_example_validates(tf: TF, tmp_path: Path, name: str) -> None:
    _validate(tf, copy_example(name, tmp_path / "repo"))
