"""Size and typing rules for the ecs_wizard package that keep it easy to move around in."""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parents[2] / "ecs_wizard"
MAX_LINES = 500


def test_no_python_file_over_the_line_limit() -> None:
    offenders = {}
    for path in sorted(PACKAGE_DIR.rglob("*.py")):
        count = len(path.read_text(encoding="utf-8").splitlines())
        if count > MAX_LINES:
            offenders[path.relative_to(PACKAGE_DIR.parent).as_posix()] = count
    assert not offenders, f"files over {MAX_LINES} lines (split them by concern):\n" + "\n".join(
        f"  {name}: {count}" for name, count in offenders.items()
    )


def test_screens_reach_the_app_typed_not_through_attr_defined_ignores() -> None:
    marker = "type: ignore[attr-defined]"
    hits = []
    for path in sorted((PACKAGE_DIR / "screens").rglob("*.py")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if marker in line:
                hits.append(f"  {path.relative_to(PACKAGE_DIR.parent).as_posix()}:{number}")
    assert not hits, (
        f"{len(hits)} `{marker}` in screens/ (use a typed `cast('WizardApp', self.app)`):\n"
        + "\n".join(hits)
    )
