"""What `ecs-wizard plan` prints: each diagnostic once, with -q and without (the live stream
shows progress and warnings; the failed run's report shows each error)."""

from __future__ import annotations

import pytest

from ecs_wizard.cli import main

ERROR_DIAG = (
    '{"@level":"error","@message":"Error: Unsupported argument","type":"diagnostic",'
    '"diagnostic":{"severity":"error","summary":"Unsupported argument zebra",'
    '"detail":"An argument named zebra is not expected here.",'
    '"range":{"filename":"main.tf","start":{"line":3,"column":1}}}}'
)
WARNING_DIAG = (
    '{"@level":"warn","@message":"Warning: Deprecated","type":"diagnostic",'
    '"diagnostic":{"severity":"warning","summary":"Deprecated attribute giraffe",'
    '"detail":"Use okapi instead."}}'
)


@pytest.mark.parametrize("quiet", [["-q"], []], ids=["quiet", "streamed"])
def test_plan_prints_each_diagnostic_once(project, fake_terraform, capsys, quiet):
    fake = fake_terraform(
        'case "$1" in init) exit 0;;\n'
        f"plan) echo '{WARNING_DIAG}'; echo '{ERROR_DIAG}'; exit 1;;\nesac\nexit 99\n"
    )
    code = main(["plan", str(project), "--terraform-bin", str(fake), "--init", *quiet])
    err = capsys.readouterr().err
    assert code == 1
    assert err.count("Unsupported argument zebra") == 1, err
    assert err.count("An argument named zebra") == 1, err
    assert err.count("Deprecated attribute giraffe") == 1, err  # a warning: still shown, once
    assert "terraform plan failed." in err


def test_quiet_plan_shows_a_warning_of_a_successful_plan(project, fake_terraform, capsys):
    fake = fake_terraform(
        'case "$1" in init) exit 0;;\n'
        f"plan) echo '{WARNING_DIAG}'; exit 0;;\n"
        'show) echo \'{"format_version":"1.2","resource_changes":[]}\'; exit 0;;\nesac\nexit 99\n'
    )
    code = main(["plan", str(project), "--terraform-bin", str(fake), "--init", "-q"])
    err = capsys.readouterr().err
    assert code == 0, err
    assert err.count("Deprecated attribute giraffe") == 1, err


def test_a_failed_init_is_printed_once(project, fake_terraform, capsys):
    """init has no -json: its lines stream as text, and its failure report quotes them."""
    fake = fake_terraform(
        'case "$1" in init) echo "Error: Failed to query available provider packages zebra"; '
        "exit 1;;\nesac\nexit 99\n"
    )
    code = main(["plan", str(project), "--terraform-bin", str(fake), "--init"])
    err = capsys.readouterr().err
    assert code == 1
    assert err.count("provider packages zebra") == 1, err


def test_a_failed_show_keeps_its_message_without_q(project, fake_terraform, capsys):
    """`show -json` is not streamed: its failure report is the only place its error appears."""
    fake = fake_terraform(
        'case "$1" in init) exit 0;;\nplan) exit 0;;\n'
        'show) echo "Error: Failed to read the plan file okapi" >&2; exit 1;;\nesac\nexit 99\n'
    )
    code = main(["plan", str(project), "--terraform-bin", str(fake), "--init"])
    err = capsys.readouterr().err
    assert code == 1
    assert err.count("plan file okapi") == 1, err
