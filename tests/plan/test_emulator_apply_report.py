"""A failed apply in the emulator (`plan --local --apply`) shows terraform's real error, with
or without -q, and blames the emulator only for a known gap."""

from __future__ import annotations

import argparse
from pathlib import Path
from types import SimpleNamespace

import pytest

from ecs_wizard.commands.plan import _apply_in_emulator
from ecs_wizard.plan.apply_report import explain_apply_failure

REAL_ERROR = (
    "aws_lb_target_group.this: Creating...\n"
    "╷\n"
    "│ Error: creating ELBv2 Target Group (shop-web): ValidationError: "
    "Health check interval must be greater than the timeout.\n"
    "│\n"
    '│   with module.service["web"].aws_lb_target_group.this,\n'
    '│   on .terraform/modules/service/main.tf line 12, in resource "aws_lb_target_group":\n'
    "│\n"
    "╵\n"
)
GAP_ERROR = (
    "aws_appautoscaling_policy.cpu: Creating...\n"
    "╷\n"
    "│ Error: putting Application Auto Scaling Policy (cpu): operation error Application "
    "Auto Scaling: PutScalingPolicy, https response error StatusCode: 500, RequestID: 1, "
    "api error InternalFailure: The PutScalingPolicy action has not been implemented\n"
    "│\n"
    "╵\n"
)


class FakeTarget:
    def __init__(self, output: str, rc: int = 1) -> None:
        self.output, self.rc = output, rc

    def apply(self, plan_file: Path, terraform_bin: str | None, out) -> int:
        for line in self.output.splitlines():
            out(line)
        return self.rc


def _run(output: str, quiet: bool, capsys, rc: int = 1) -> tuple[int, str]:
    args = argparse.Namespace(quiet=quiet, terraform_bin=None)
    code = _apply_in_emulator(FakeTarget(output, rc), args, SimpleNamespace(plan_file=Path("p")))
    return code, " ".join(capsys.readouterr().err.split())


@pytest.mark.parametrize("quiet", [True, False])
def test_a_real_error_is_shown_and_not_blamed_on_the_emulator(quiet, capsys):
    code, err = _run(REAL_ERROR, quiet, capsys)
    assert code == 1
    assert err.count("Health check interval must be greater than the timeout") == 1, err
    assert "terraform apply failed in the emulator (exit 1)" in err
    assert "emulator gap" not in err.replace("does not match a known emulator gap", "")
    assert "real AWS would most likely refuse it too" in err
    assert "acm-validation-wait" not in err and "iam-managed-policies" not in err


@pytest.mark.parametrize("quiet", [True, False])
def test_a_known_gap_is_named_with_the_real_error(quiet, capsys):
    code, err = _run(GAP_ERROR, quiet, capsys)
    assert code == 1
    assert err.count("The PutScalingPolicy action has not been implemented") == 1, err
    assert "known emulator gap" in err


def test_no_diagnostics_shows_the_end_of_the_output():
    failure = explain_apply_failure(1, "\n".join(f"line {i}" for i in range(100)) + "\nkilled\n")
    assert not failure.diagnostics and not failure.emulator_gap
    assert failure.details().endswith("killed") and "line 0\n" not in failure.details()


def test_success_says_applied(capsys):
    code, err = _run("Apply complete! Resources: 3 added, 0 changed, 0 destroyed.", True, capsys, 0)
    assert code == 0 and "Applied in the emulator." in err and "Apply complete" not in err
