"""An init that cannot reach the provider registry says so (host, mirror, CLI config), not
that an AWS endpoint was unreachable: the F9/F10 plan and `ecs-wizard plan` share this."""

from __future__ import annotations

import pytest

from ecs_wizard.plan.diagnostics import ErrorKind, classify_failure, parse_human_diagnostics
from ecs_wizard.plan.runner import PlanRunner, Status
from ecs_wizard.ui.present import render_error

OFFLINE_INIT = """\
Initializing the backend...
Initializing provider plugins...
- Finding hashicorp/aws versions matching "~> 6.0"...
╷
│ Error: Failed to query available provider packages
│
│ Could not retrieve the list of available versions for provider hashicorp/aws: could not
│ connect to registry.terraform.io: failed to request discovery document: Get
│ "https://registry.terraform.io/.well-known/terraform.json": dial tcp: lookup
│ registry.terraform.io on 127.0.0.53:53: no such host
╵
"""


def _classify(output: str):
    return classify_failure("init", parse_human_diagnostics(output), output)


def _words(err) -> str:
    return " ".join(render_error(err).plain.split())


def test_unreachable_registry_names_the_host_and_the_mirror():
    err = _classify(OFFLINE_INIT)
    assert err.kind is ErrorKind.REGISTRY
    text = _words(err)
    assert "provider registry registry.terraform.io could not be reached" in text
    assert "TF_CLI_CONFIG_FILE" in text and "filesystem_mirror" in text
    assert "terraform providers mirror" in text or "mirror was found" in text
    assert "AWS endpoint" not in text and "credentials" not in text.replace(
        "not about AWS or your credentials", ""
    )
    assert "Failed to query available provider packages" in text  # the real error, too


def test_another_registry_host_is_named():
    out = OFFLINE_INIT.replace("registry.terraform.io", "tf-registry.example.corp")
    err = _classify(out)
    assert err.kind is ErrorKind.REGISTRY
    assert "tf-registry.example.corp" in err.message and "tf-registry.example.corp" in err.hint


def test_a_timeout_to_the_registry_is_a_registry_failure():
    out = (
        "Error: Failed to install provider\n\nError while installing hashicorp/aws v6.2.0: "
        'Get "https://releases.example.com/aws.zip": net/http: request canceled '
        "(Client.Timeout exceeded while awaiting headers)\n"
    )
    err = _classify(out)
    assert err.kind is ErrorKind.REGISTRY and "releases.example.com" in err.message


def test_a_version_constraint_mismatch_is_not_blamed_on_the_network():
    out = (
        "Error: Failed to query available provider packages\n\nCould not retrieve the list of "
        "available versions for provider hashicorp/aws: no available releases match the given "
        "constraints >= 99.0\n"
    )
    err = _classify(out)
    assert err.kind is ErrorKind.INIT_FAILED
    assert "no available releases match" in _words(err)


def test_aws_endpoint_failures_still_get_the_network_advice():
    out = "Error: reading ECS Cluster: dial tcp: lookup ecs.eu-west-1.amazonaws.com: no such host"
    err = classify_failure("plan", parse_human_diagnostics(out), out)
    assert err.kind is ErrorKind.NETWORK


@pytest.mark.parametrize("stream", [">&2", ""])
def test_the_runner_reports_an_offline_init_as_a_registry_failure(project, fake_terraform, stream):
    lines = "\n".join(f"  echo '{line}' {stream}" for line in OFFLINE_INIT.splitlines())
    fake = fake_terraform(f'if [ "$1" = init ]; then\n{lines}\n  exit 1\nfi\nexit 99\n')
    result = PlanRunner(project, terraform_bin=str(fake)).run()
    assert result.status is Status.ERROR
    assert result.error.kind is ErrorKind.REGISTRY, result.error
    assert "registry.terraform.io" in result.error.message


def test_the_hint_names_a_found_mirror_and_the_shipped_cli_config(monkeypatch):
    from pathlib import Path

    from ecs_wizard.terraform import tfenv

    monkeypatch.setattr(tfenv, "find_provider_mirror", lambda: Path("/opt/tf-plugins"))
    hint = " ".join(_classify(OFFLINE_INIT).hint.split())
    assert "mirror was found on this machine: /opt/tf-plugins" in hint
    shipped = Path(tfenv.__file__).with_name("offline.tfrc")
    assert f"export TF_CLI_CONFIG_FILE={shipped}" in hint and shipped.is_file()
    assert 'filesystem_mirror { path = "/opt/tf-plugins" }' in hint


def test_without_a_mirror_the_hint_says_how_to_make_one(monkeypatch):
    from ecs_wizard.terraform import tfenv

    def missing():
        raise tfenv.MirrorNotFound("none")

    monkeypatch.setattr(tfenv, "find_provider_mirror", missing)
    hint = " ".join(_classify(OFFLINE_INIT).hint.split())
    assert "terraform providers mirror DIR" in hint and 'path = "DIR"' in hint
    assert "offline.tfrc" not in hint
