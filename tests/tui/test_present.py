"""render_error: the one drawing of errors the CLI and the wizard share."""

from __future__ import annotations

from pathlib import Path

from ecs_wizard.model.yamlio import AnswersFileError
from ecs_wizard.plan.diagnostics import Diagnostic, ErrorKind, PlanError
from ecs_wizard.rendering.writer import RenderConflict
from ecs_wizard.ui.fields import format_value, parse_value
from ecs_wizard.ui.present import describe, render_error
from ecs_wizard.validation import Issue


def test_issue_is_one_marked_line() -> None:
    error = Issue("services[0].cpu", "not a Fargate size", "pick 256/512", 300)
    warning = Issue("alb.https", "no HTTPS", "add a certificate", None, "warning")
    assert render_error(error).plain == "✗ services[0].cpu: not a Fargate size — pick 256/512"
    assert render_error(error).style == "red"
    assert render_error(warning).plain == "! alb.https: no HTTPS — add a certificate"
    assert render_error(warning).style == "yellow"


def test_exceptions_keep_their_own_text_after_the_prefix() -> None:
    exc = AnswersFileError("mapping values are not allowed", 3, 7, "a.yaml")
    assert render_error(exc).plain == "error: a.yaml:3:7: mapping values are not allowed"
    conflict = RenderConflict(Path("out"), ["main.tf"])
    assert render_error(conflict).plain == f"error: {conflict}"
    text = render_error(OSError("disk full"), prefix="error: cannot write out: ")
    assert text.plain == "error: cannot write out: disk full"
    assert render_error("--tui needs a terminal.", prefix="Error: ").plain == (
        "Error: --tui needs a terminal."
    )


def test_plan_error_shows_diagnostics_and_the_fix() -> None:
    err = PlanError(
        ErrorKind.PLAN_FAILED,
        "terraform plan failed.",
        hint="run terraform init",
        diagnostics=[Diagnostic("error", "Invalid reference", "detail here")],
    )
    plain = render_error(err).plain
    assert plain.startswith("Error: terraform plan failed.\n\n")
    assert "Invalid reference" in plain
    assert plain.endswith("How to fix: run terraform init")


def test_plan_error_without_diagnostics_shows_the_tail_of_the_output() -> None:
    err = PlanError(ErrorKind.PLAN_FAILED, "failed", output="x" * 5000)
    plain = render_error(err).plain
    assert "x" * 3000 in plain and "x" * 3001 not in plain


def test_describe_names_the_type() -> None:
    assert describe(ValueError("bad")) == "ValueError: bad"


def test_values_round_trip_through_their_text() -> None:
    for kind, value in (
        ("list", ["a", "b"]),
        ("dict", {"team": "platform"}),
        ("dictlist", {"X-Env": ["blue", "green"]}),
        ("cmd", ["CMD-SHELL", "curl -f http://localhost/"]),
        ("int", 80),
    ):
        assert parse_value(kind, format_value(kind, value)) == value
