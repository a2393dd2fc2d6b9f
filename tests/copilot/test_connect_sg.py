"""Copilot's Service Connect and task security groups in the answers: one namespace for every
environment (an overlay cannot change it), clients and servers, and an arm64 service's
platform kept per environment."""

from __future__ import annotations

from pathlib import Path

from ecs_wizard.validation import validate_data_all

from .core_ws import CERT, ENV, WEB, imported, service, workspace

API = """\
name: api
type: Backend Service
image:
  location: acme/api:1.0
  port: 9000
network:
  connect: {alias: api-internal}
"""


def _two_envs(tmp_path: Path, web: str) -> Path:
    envs = {e: ENV.format(name=e, cert=CERT) for e in ("prod", "staging")}
    return workspace(tmp_path, {"web": web, "api": API}, envs=envs)


def test_each_environment_keeps_copilot_s_own_namespace(tmp_path: Path) -> None:
    r = imported(_two_envs(tmp_path, WEB + "network: {connect: true}\n"))
    result = validate_data_all(r.answers)
    assert result.ok, result.errors
    namespace = r.answers["service_connect"]["namespace"]
    assert namespace in ("prod.shop.local", "staging.shop.local")
    other = "staging" if namespace.startswith("prod") else "prod"
    assert r.answers["environments"][other]["service_connect"] == {
        "namespace": f"{other}.shop.local"
    }
    assert result.environments[other].service_connect.namespace == f"{other}.shop.local"
    assert not [x for x in r.rows if x.field == "(Service Connect namespace)"]
    api = service(r, "api")["service_connect"]
    assert api["server"]["dns_name"] == "api-internal" and api["server"]["port_name"] == "api-9000"
    assert service(r, "web")["service_connect"]["server"]["port_name"] == "web-8080"


def test_connect_only_in_an_environment_override_still_has_a_namespace(tmp_path: Path) -> None:
    web = WEB + "environments:\n  staging:\n    network: {connect: true}\n"
    api = API.replace("network:\n  connect: {alias: api-internal}\n", "")
    envs = {e: ENV.format(name=e, cert=CERT) for e in ("prod", "staging")}
    r = imported(workspace(tmp_path, {"web": web, "api": api}, envs=envs))
    assert validate_data_all(r.answers).ok, validate_data_all(r.answers).errors
    assert r.answers["service_connect"] == {"namespace": "staging.shop.local"}
    # prod uses no Service Connect; its namespace is Copilot's own, never staging's
    assert r.answers["environments"]["prod"]["service_connect"] == {"namespace": "prod.shop.local"}
    assert "service_connect" in service(r, "web", env="staging")
    assert "service_connect" not in service(r, "web", env="prod")


def test_arm64_in_one_environment_only(tmp_path: Path) -> None:
    web = WEB + "environments:\n  staging:\n    platform: linux/arm64\n"
    envs = {e: ENV.format(name=e, cert=CERT) for e in ("prod", "staging")}
    r = imported(workspace(tmp_path, {"web": web}, envs=envs))
    assert validate_data_all(r.answers).ok
    assert service(r, "web", env="staging")["cpu_architecture"] == "ARM64"
    assert service(r, "web", env="prod").get("cpu_architecture") is None
