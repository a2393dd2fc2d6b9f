"""Read a rendered `terraform.tfvars` back into answers, so a project can be reopened.

The tfvars holds the answers one to one (see render.tfvars_data), so import is: parse the
literal values with python-hcl2, put `version: 1` back, and validate like any answers file.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ecs_wizard.rendering.layout import TFVARS_FILE


class ImportError_(RuntimeError):
    """The tfvars file cannot be read as answers (missing, unparsable, not literal values)."""


def locate_tfvars(path: Path) -> Path:
    """`path` itself when it is a file, else `path/terraform.tfvars`."""
    if path.is_dir():
        candidate = path / TFVARS_FILE
        if not candidate.is_file():
            raise ImportError_(
                f"{path} has no {TFVARS_FILE}: pass a rendered project directory or the "
                "tfvars file itself"
            )
        return candidate
    if not path.is_file():
        raise ImportError_(f"{path} does not exist")
    return path


def tfvars_to_data(text: str, source: str = TFVARS_FILE) -> dict[str, Any]:
    """Parse tfvars text into answers data (unvalidated)."""
    from ecs_wizard.rendering import hcl

    try:
        values = hcl.loads_tfvars(text)
    except (hcl.DuplicateArgument, hcl.UnexpectedBlock) as exc:
        raise ImportError_(f"{source}:{exc.line}: {exc}") from exc
    except hcl.NestedTooDeep as exc:
        raise ImportError_(f"{source}: {exc}") from exc
    except hcl.HclValueError as exc:
        raise ImportError_(
            f"{source}: {exc}. Only literal values can be imported; move computed values "
            "into the Terraform code"
        ) from exc
    except Exception as exc:  # python-hcl2 / lark parse errors carry line and column
        line = getattr(exc, "line", None)
        column = getattr(exc, "column", None)
        where = f"{source}:{line}:{column}" if line is not None else source
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise ImportError_(f"{where}: not valid HCL ({first})") from exc
    return {"version": 1, **values}


def import_tfvars(path: Path) -> dict[str, Any]:
    """Read `path` (a tfvars file or a rendered directory) into answers data."""
    tfvars = locate_tfvars(path)
    try:
        data = tfvars.read_bytes()
    except OSError as exc:
        raise ImportError_(f"cannot read {tfvars}: {exc.strerror}") from exc
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise ImportError_(
            f"{tfvars}:{line}:{column}: not UTF-8 (byte 0x{data[exc.start]:02x}); Terraform "
            "reads only UTF-8 files. Convert it, e.g. `iconv -f latin1 -t utf-8`"
        ) from None
    if text.startswith("\ufeff"):
        text = text[1:]  # a byte-order mark: Terraform skips it too
    return tfvars_to_data(text, source=str(tfvars))
