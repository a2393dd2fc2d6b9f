"""PlanRunner: real terraform for the happy paths, fake terraform scripts for every error
path, and cancellation (SIGINT to the process group, escalation, lock released)."""

from __future__ import annotations

import json
import shutil
import socket
import threading
import time

import pytest

from ecs_wizard.plan.diagnostics import ErrorKind, parse_human_diagnostics
from ecs_wizard.plan.runner import (
    PlanOptions,
    PlanRunner,
    ProgressLine,
    Status,
)
from ecs_wizard.plan.workdir import init_fingerprint, needs_init
from ecs_wizard.terraform import tfenv
from tests.plan.conftest import FIXTURES

JSON_DIAG = (
    '{"@level":"error","@message":"Error: %s","type":"diagnostic","diagnostic":'
    '{"severity":"error","summary":"%s","detail":"%s",'
    '"range":{"filename":"main.tf","start":{"line":3,"column":1}},'
    '"snippet":{"code":"  input = var.x"}}}'
)


def collect(runner_kwargs) -> tuple[list[ProgressLine], dict]:
    lines: list[ProgressLine] = []
    return lines, {**runner_kwargs, "on_line": lines.append}


# -- real terraform --------------------------------------------------------------------------


@pytest.mark.terraform
def test_real_plan_with_changes_streams_and_returns_plan(tf, scenario_dir):
    lines: list[ProgressLine] = []
    runner = PlanRunner(
        scenario_dir, terraform_bin=str(tf.binary), env=tf.env, on_line=lines.append
    )
    result = runner.run()
    assert result.status is Status.CHANGES and result.exit_code == 2, result.error
    assert result.plan_file == scenario_dir / ".ecs-wizard" / "tfplan"
    assert result.plan_file.is_file()
    ignored = (scenario_dir / ".ecs-wizard" / ".gitignore").read_text().splitlines()
    assert "tfplan" in ignored and "init.fingerprint" in ignored
    plan = result.plan()
    assert plan.summary.replace == 1 and plan.summary.destroy == 1
    texts = [line.text for line in lines]
    assert "terraform_data.cluster: Plan to replace" in texts
    assert any(t.startswith("Plan: ") for t in texts)
    # second run: init is not repeated (fingerprint unchanged)
    again = PlanRunner(scenario_dir, terraform_bin=str(tf.binary), env=tf.env).run()
    assert again.status is Status.CHANGES and not again.ran_init


@pytest.mark.terraform
def test_real_plan_no_changes_exits_0(tf, tmp_path):
    d = shutil.copytree(FIXTURES / "nochange", tmp_path / "nochange")
    PlanRunner(d, terraform_bin=str(tf.binary), env=tf.env).run()  # creates the output
    tf.run(d, "apply", "-auto-approve", "-input=false", "-no-color")
    result = PlanRunner(d, terraform_bin=str(tf.binary), env=tf.env).run()
    assert result.status is Status.NO_CHANGES and result.exit_code == 0
    assert not result.plan().summary.has_changes


@pytest.mark.terraform
def test_real_plan_failure_has_structured_diagnostics(tf, tmp_path):
    d = shutil.copytree(FIXTURES / "broken", tmp_path / "broken")
    result = PlanRunner(d, terraform_bin=str(tf.binary), env=tf.env).run()
    assert result.status is Status.ERROR and result.exit_code == 1
    err = result.error
    assert err.kind is ErrorKind.PLAN_FAILED
    (diag,) = err.diagnostics
    assert diag.summary == "Reference to undeclared input variable"
    assert diag.location == "main.tf:2" and "var.not_declared" in diag.snippet
    assert "main.tf:2" in err.text()


@pytest.mark.terraform
def test_pass_through_options_reach_terraform(tf, tmp_path):
    d = tmp_path / "targets"
    d.mkdir()
    (d / "main.tf").write_text(
        'variable "v" {\n  default = "z"\n}\n'
        'resource "terraform_data" "a" {\n  input = var.v\n}\n'
        'resource "terraform_data" "b" {\n  input = var.v\n}\n'
    )
    tf.run(d, "init", "-input=false", "-no-color")
    tf.run(d, "apply", "-auto-approve", "-input=false", "-no-color", "-var=v=a")
    var_file = tmp_path / "a.tfvars"
    var_file.write_text('v = "a"\n')  # the applied value: no change
    runner = PlanRunner(
        d,
        terraform_bin=str(tf.binary),
        env=tf.env,
        options=PlanOptions(targets=["terraform_data.a"], var_files=[str(var_file)], refresh=False),
    )
    cmd = runner.plan_command("terraform")
    assert "-target=terraform_data.a" in cmd and "-refresh=false" in cmd
    assert f"-var-file={var_file}" in cmd
    result = runner.run()
    assert result.status is Status.NO_CHANGES, result.error and result.error.text()
    assert any("targeting is in effect" in w.summary.lower() for w in result.warnings)
    # without the var file, only the targeted resource changes
    runner.options.var_files = []
    result = runner.run()
    assert result.status is Status.CHANGES
    assert [rc.address for rc in result.plan().changes] == ["terraform_data.a"]


@pytest.mark.terraform
def test_real_plan_error_explains_itself(tf, scenario_dir):
    """Targeting that excludes a moved resource: terraform's own explanation is kept."""
    result = PlanRunner(
        scenario_dir,
        terraform_bin=str(tf.binary),
        env=tf.env,
        options=PlanOptions(targets=["terraform_data.stamp"]),
    ).run()
    assert result.error.kind is ErrorKind.PLAN_FAILED
    assert result.error.diagnostics[0].summary == "Moved resource instances excluded by targeting"
    assert '-target="terraform_data.new_name"' in result.error.text()


@pytest.mark.terraform
@pytest.mark.slow
def test_real_terraform_cancel_releases_the_state_lock(tf, tmp_path):
    """Plan blocks on an AWS endpoint that never answers; cancel() interrupts terraform,
    which stops and removes its state lock; nothing is left running."""
    d = shutil.copytree(FIXTURES / "slow_aws", tmp_path / "slow")
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(16)
    port = silent.getsockname()[1]
    (d / "terraform.tfvars").write_text(f'endpoint = "http://127.0.0.1:{port}"\n')
    lines: list[ProgressLine] = []
    runner = PlanRunner(
        d,
        terraform_bin=str(tf.binary),
        env=tf.env,
        on_line=lines.append,
        options=PlanOptions(refresh=False),
        cancel_grace=120,
    )
    out = {}
    t = threading.Thread(target=lambda: out.setdefault("r", runner.run()))
    t.start()
    lock = d / ".terraform.tfstate.lock.info"
    deadline = time.monotonic() + 120
    while not lock.exists() and time.monotonic() < deadline and t.is_alive():
        time.sleep(0.1)
    assert lock.exists(), [x.text for x in lines]
    runner.cancel()
    t.join(180)
    silent.close()
    assert not t.is_alive()
    assert out["r"].status is Status.CANCELLED and out["r"].exit_code == 130
    assert not lock.exists(), "terraform left its state lock behind"
    # Stopped by the SIGINT alone: never escalated to SIGTERM or SIGKILL. (Terraform's own
    # "Interrupt received" line is not asserted: the SIGINT reaches the process group, the
    # provider plugin too, and terraform may exit on the plugin's failure before its signal
    # handler prints; one clean-clone CI run of four lost the line that way.)
    texts = [x.text for x in lines]
    assert "waiting for terraform to stop cleanly…" in texts, texts
    assert not [t for t in texts if "sending SIGTERM" in t or "sending SIGKILL" in t], texts


# -- fake terraform: error paths ---------------------------------------------------------------


def test_terraform_not_installed(project, monkeypatch):
    result = PlanRunner(project, terraform_bin="no-such-terraform-xyz").run()
    assert result.status is Status.ERROR and result.exit_code == 1
    assert result.error.kind is ErrorKind.NOT_INSTALLED
    assert "developer.hashicorp.com/terraform/install" in result.error.text()


def test_binary_from_environment_variable_eg_opentofu(project, fake_terraform, monkeypatch):
    plan = {"format_version": "1.2", "terraform_version": "1.8.0", "resource_changes": []}
    (project / "plan.json").write_text(json.dumps(plan))
    fake = fake_terraform(
        'case "$1" in init) exit 0;; plan) exit 0;; show) cat plan.json;; esac\n', name="tofu"
    )
    monkeypatch.setenv(tfenv.TERRAFORM_ENV, str(fake))
    result = PlanRunner(project).run()
    assert result.status is Status.NO_CHANGES and result.plan_json == plan


def test_not_a_terraform_directory(tmp_path, fake_terraform):
    fake = fake_terraform("exit 0\n")
    result = PlanRunner(tmp_path, terraform_bin=str(fake)).run()
    assert (
        result.error.kind is ErrorKind.NOT_A_PROJECT
        and "no Terraform files" in result.error.message
    )


def test_init_failure_shows_terraform_diagnostics(project, fake_terraform):
    fake = fake_terraform(
        'if [ "$1" = init ]; then\n'
        "  echo 'Initializing provider plugins...'\n"
        "  echo 'Error: Failed to query available provider packages' >&2\n"
        "  echo '' >&2\n"
        "  echo 'Could not retrieve the list of available versions for provider' >&2\n"
        "  exit 1\nfi\nexit 99\n"
    )
    lines: list[ProgressLine] = []
    result = PlanRunner(project, terraform_bin=str(fake), on_line=lines.append).run()
    assert result.status is Status.ERROR and result.ran_init
    assert result.error.kind is ErrorKind.INIT_FAILED
    (diag,) = result.error.diagnostics
    assert diag.summary == "Failed to query available provider packages"
    assert "Could not retrieve" in diag.detail
    assert any(x.stage == "init" and "Initializing" in x.text for x in lines)


def test_plan_failure_from_json_diagnostics(project, fake_terraform):
    diag = JSON_DIAG % ("Unsupported argument", "Unsupported argument", "No such thing.")
    fake = fake_terraform(
        f"case \"$1\" in init) exit 0;; plan) echo '{diag}'; exit 1;; esac\nexit 99\n"
    )
    result = PlanRunner(project, terraform_bin=str(fake)).run()
    assert result.error.kind is ErrorKind.PLAN_FAILED
    (d,) = result.error.diagnostics
    assert (d.summary, d.detail, d.location) == (
        "Unsupported argument",
        "No such thing.",
        "main.tf:3",
    )


def test_plan_failure_without_json_falls_back_to_human_output(project, fake_terraform):
    fake = fake_terraform(
        'case "$1" in init) exit 0;; plan) echo "Error: Backend configuration changed"; '
        'echo; echo "Run terraform init -reconfigure"; exit 1;; esac\n'
    )
    result = PlanRunner(project, terraform_bin=str(fake)).run()
    assert result.error.kind is ErrorKind.PLAN_FAILED
    assert result.error.diagnostics[0].summary == "Backend configuration changed"


def test_missing_credentials_are_recognised(project, fake_terraform):
    diag = JSON_DIAG % (
        "No valid credential sources found",
        "No valid credential sources found",
        "Please see https://registry.terraform.io/providers/hashicorp/aws\\\\nError: "
        "failed to refresh cached credentials, no EC2 IMDS role found",
    )
    fake = fake_terraform(f"case \"$1\" in init) exit 0;; plan) echo '{diag}'; exit 1;; esac\n")
    result = PlanRunner(project, terraform_bin=str(fake)).run()
    assert result.error.kind is ErrorKind.CREDENTIALS
    assert "AWS_PROFILE" in result.error.hint and "AWS_ACCESS_KEY_ID" in result.error.hint


def test_network_failure_is_recognised(project, fake_terraform):
    diag = JSON_DIAG % (
        "reading SSM Parameter",
        "reading SSM Parameter (/aws/x): request send failed",
        "dial tcp: lookup ssm.eu-west-1.amazonaws.com: no such host",
    )
    fake = fake_terraform(f"case \"$1\" in init) exit 0;; plan) echo '{diag}'; exit 1;; esac\n")
    result = PlanRunner(project, terraform_bin=str(fake)).run()
    assert result.error.kind is ErrorKind.NETWORK
    assert "HTTPS_PROXY" in result.error.hint
    assert result.error.diagnostics[0].location == "main.tf:3"


def test_show_failure(project, fake_terraform):
    fake = fake_terraform(
        'case "$1" in init) exit 0;; plan) exit 2;; show) echo "Error: bad plan" >&2; exit 1;; '
        "esac\n"
    )
    result = PlanRunner(project, terraform_bin=str(fake)).run()
    assert result.error.kind is ErrorKind.SHOW_FAILED


def test_cancel_forwards_sigint_to_the_process_group(project, fake_terraform, tmp_path):
    marker = tmp_path / "interrupted"
    fake = fake_terraform(
        'case "$1" in init) exit 0;;\n'
        f"plan) trap 'echo int > {marker}; rm -f lock; exit 1' INT; touch lock; "
        'echo \'{"@message":"planning","type":"log"}\'; '
        "while true; do sleep 0.05; done;;\nesac\n"
    )
    lines: list[ProgressLine] = []
    runner = PlanRunner(project, terraform_bin=str(fake), on_line=lines.append, cancel_grace=20)
    out = {}
    t = threading.Thread(target=lambda: out.setdefault("r", runner.run()))
    t.start()
    deadline = time.monotonic() + 20
    while not any(x.text == "planning" for x in lines) and time.monotonic() < deadline:
        time.sleep(0.02)
    runner.cancel()
    t.join(30)
    assert out["r"].status is Status.CANCELLED and out["r"].exit_code == 130
    assert marker.read_text().strip() == "int"  # SIGINT, not a kill
    assert not (project / "lock").exists()


def test_cancel_escalates_to_sigterm_when_sigint_is_ignored(project, fake_terraform, tmp_path):
    marker = tmp_path / "terminated"
    fake = fake_terraform(
        'case "$1" in init) exit 0;;\n'
        f"plan) trap '' INT; trap 'echo term > {marker}; exit 143' TERM; "
        "echo started; while true; do sleep 0.05; done;;\nesac\n"
    )
    lines: list[ProgressLine] = []
    runner = PlanRunner(
        project, terraform_bin=str(fake), on_line=lines.append, cancel_grace=0.5, term_grace=10
    )
    out = {}
    t = threading.Thread(target=lambda: out.setdefault("r", runner.run()))
    t.start()
    deadline = time.monotonic() + 20
    while not any(x.text == "started" for x in lines) and time.monotonic() < deadline:
        time.sleep(0.02)
    start = time.monotonic()
    runner.cancel()
    t.join(30)
    assert out["r"].status is Status.CANCELLED
    assert marker.read_text().strip() == "term"
    assert time.monotonic() - start < 10
    assert any("SIGTERM" in x.text for x in lines)


# -- init decision ----------------------------------------------------------------------------


def test_needs_init_follows_lock_file_and_module_changes(tmp_path):
    d = tmp_path / "p"
    d.mkdir()
    (d / "main.tf").write_text('module "a" {\n  source = "./m"\n}\n')
    (d / "m").mkdir()
    (d / "m" / "main.tf").write_text("")
    assert needs_init(d)  # never initialised
    (d / ".terraform").mkdir()
    (d / ".ecs-wizard").mkdir()
    (d / ".ecs-wizard" / "init.fingerprint").write_text(init_fingerprint(d))
    assert not needs_init(d)
    (d / "main.tf").write_text('resource "x" "y" {}\n' + (d / "main.tf").read_text())
    assert not needs_init(d)  # resources do not matter
    (d / "m" / "main.tf").write_text('module "b" {\n  source = "../n"\n}\n')
    assert needs_init(d)  # a nested module call was added
    (d / ".ecs-wizard" / "init.fingerprint").write_text(init_fingerprint(d))
    (d / ".terraform.lock.hcl").write_text("# providers changed\n")
    assert needs_init(d)


def test_gitignore_is_extended_not_rewritten(project, fake_terraform):
    work = project / ".ecs-wizard"
    work.mkdir()
    (work / ".gitignore").write_text("backups/")
    fake = fake_terraform('case "$1" in init) exit 0;; *) exit 1;; esac\n')
    PlanRunner(project, terraform_bin=str(fake)).run()
    PlanRunner(project, terraform_bin=str(fake)).run()
    assert (work / ".gitignore").read_text().splitlines() == [
        "backups/",
        "tfplan",
        "init.fingerprint",
    ]


def test_parse_human_diagnostics_boxed_output():
    out = (
        "╷\n│ Error: Invalid reference\n│ \n│   on main.tf line 4, in resource:\n"
        "│    4:   x = foo\n│ \n│ A reference must start with a name.\n╵\n"
    )
    (d,) = parse_human_diagnostics(out)
    assert (d.summary, d.filename, d.line) == ("Invalid reference", "main.tf", 4)
    assert "must start with a name" in d.detail


def test_show_json_ignores_warnings_on_stderr(project, fake_terraform):
    plan = {"format_version": "1.2", "resource_changes": []}
    (project / "plan.json").write_text(json.dumps(plan))
    fake = fake_terraform(
        'case "$1" in init) exit 0;; plan) exit 0;;\n'
        "show) echo 'Warning: Unable to open CLI configuration file' >&2; cat plan.json;;\nesac\n"
    )
    result = PlanRunner(project, terraform_bin=str(fake)).run()
    assert result.status is Status.NO_CHANGES and result.plan_json == plan


def test_json_ui_lines_become_messages(project, fake_terraform):
    plan = {"format_version": "1.2", "resource_changes": []}
    plan_file = project / "plan.json"
    plan_file.write_text(json.dumps(plan))
    fake = fake_terraform(
        'case "$1" in init) exit 0;;\n'
        'plan) echo \'{"@level":"info","@message":"Plan: 0 to add","type":"x"}\'; '
        "echo 'not json'; exit 0;;\n"
        f"show) cat {plan_file};;\nesac\n"
    )
    lines: list[ProgressLine] = []
    result = PlanRunner(project, terraform_bin=str(fake), on_line=lines.append).run()
    assert result.status is Status.NO_CHANGES and result.plan_json == plan
    texts = [x.text for x in lines]
    assert "Plan: 0 to add" in texts and "not json" in texts
