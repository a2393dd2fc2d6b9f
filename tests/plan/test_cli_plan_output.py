"""What `ecs-wizard plan` prints: -q shows each diagnostic once."""

from __future__ import annotations

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


def test_quiet_plan_prints_each_diagnostic_once(project, fake_terraform, capsys):
    fake = fake_terraform(
        'case "$1" in init) exit 0;;\n'
        f"plan) echo '{WARNING_DIAG}'; echo '{ERROR_DIAG}'; exit 1;;\nesac\nexit 99\n"
    )
    code = main(["plan", str(project), "--terraform-bin", str(fake), "--init", "-q"])
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
