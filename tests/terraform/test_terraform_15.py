"""The modules and the root module declare `required_version = ">= 1.5"`: nothing in them may
need a newer Terraform. The one feature that slipped in once is a variable validation that
refers to another variable (Terraform 1.9+; on 1.5-1.8 every plan fails with "Invalid
reference in variable validation"). Checked here from the source, since the Terraform on this
machine is newer and would accept it."""

from __future__ import annotations

import re
from pathlib import Path

import hcl2
import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "ecs_wizard"
SOURCES = sorted(
    [*PACKAGE.glob("modules/*/variables.tf"), PACKAGE / "root" / "variables.tf"],
    key=str,
)
VAR_REF = re.compile(r"\bvar\.([A-Za-z_][A-Za-z0-9_-]*)")


def foreign_references(text: str) -> list[tuple[str, str]]:
    """(variable, other variable) for each validation of `variable` that reads `other`."""
    found = []
    for block in hcl2.loads(text).get("variable", []):
        for key, body in block.items():
            name = key.strip('"')
            for validation in body.get("validation", []):
                for other in VAR_REF.findall(str(validation.get("condition", ""))):
                    if other != name:
                        found.append((name, other))
    return found


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_validation_reads_another_variable(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert 'required_version = ">= 1.5"' in (path.parent / "versions.tf").read_text()
    assert foreign_references(text) == [], (
        "a variable validation that reads another variable needs Terraform 1.9: use a "
        "precondition (a resource's or an output's) instead"
    )


def test_the_check_finds_a_cross_variable_validation() -> None:
    text = """
variable "services" {
  type = list(string)
  validation {
    condition     = var.service_connect != null || length(var.services) == 0
    error_message = "x"
  }
}
"""
    assert foreign_references(text) == [("services", "service_connect")]
