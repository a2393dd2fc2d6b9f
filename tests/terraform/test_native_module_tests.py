"""Each module's own `terraform test` suite (tests/*.tftest.hcl) runs green, offline."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from ..conftest import TF
from .conftest import copy_module, module_params

pytestmark = [pytest.mark.terraform, pytest.mark.slow]

TEST_TIMEOUT = 240

_SUMMARY = re.compile(r"(?:Success|Failure)! (\d+) passed, (\d+) failed(?:, (\d+) skipped)?")


def parse_summary(output: str) -> tuple[int, int, int]:
    """`Success! 7 passed, 0 failed.` -> (7, 0, 0)."""
    match = _SUMMARY.search(output)
    if not match:
        raise ValueError("no `N passed, M failed` summary in terraform test output")
    return int(match.group(1)), int(match.group(2)), int(match.group(3) or 0)


def test_parse_summary() -> None:
    assert parse_summary("...\nSuccess! 7 passed, 0 failed.\n") == (7, 0, 0)
    assert parse_summary("Failure! 2 passed, 1 failed, 3 skipped.") == (2, 1, 3)
    with pytest.raises(ValueError):
        parse_summary("Error: no tests")


@pytest.mark.parametrize("name", module_params())
def test_module_native_tests_pass(tf: TF, tmp_path: Path, name: str) -> None:
    module = copy_module(name, tmp_path)
    files = sorted((module / "tests").glob("*.tftest.hcl"))
    assert files, f"{name}: no tests/*.tftest.hcl files"
    tf.init(module)
    try:
        proc = tf.run(module, "test", "-no-color", check=False, timeout=TEST_TIMEOUT)
    except subprocess.TimeoutExpired as exc:
        out = (exc.stdout or b"").decode(errors="replace") if isinstance(exc.stdout, bytes) else ""
        pytest.fail(
            f"{name}: `terraform test` did not finish in {TEST_TIMEOUT} s (budget: ~60 s per "
            f"module). Look for a run that needs apply without a mock_provider, or a slow "
            f"data source.\n{out[-4000:]}",
            pytrace=False,
        )
    output = proc.stdout + proc.stderr
    assert proc.returncode == 0, f"`terraform test` failed for {name}:\n{output[-8000:]}"
    try:
        passed, failed, _skipped = parse_summary(output)
    except ValueError:
        pytest.fail(f"{name}: could not read the test summary:\n{output[-4000:]}", False)
    assert failed == 0, output[-8000:]
    assert passed > 0, f"{name}: `terraform test` ran no test runs:\n{output[-4000:]}"
