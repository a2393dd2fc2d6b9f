"""The importer's mapping rules, one small inline manifest each (ecs_wizard/copilot)."""

from __future__ import annotations

from pathlib import Path

import pytest

from ecs_wizard.copilot import CopilotImportError
from ecs_wizard.copilot.walk import parse_duration
from ecs_wizard.validation import validate_data_all

from .core_ws import CERT, ENV, WEB, imported, row, service, workspace


@pytest.mark.parametrize(
    ("text", "seconds"),
    [("6s", 6), ("1m30s", 90), ("2m", 120), ("1h", 3600), ("500ms", 1), (45, 45), ("1.5s", 2)],
)
def test_durations(text, seconds) -> None:
    assert parse_duration(text) == seconds


@pytest.mark.parametrize("text", ["6", "soon", "", "1x", True, "-3s"])
def test_not_durations(text) -> None:
    assert parse_duration(text) is None


def test_lbws_root_path_is_the_default_action(tmp_path: Path) -> None:
    r = imported(workspace(tmp_path, {"web": WEB}))
    a = r.answers
    assert a["alb"]["default_action"] == {"forward": "web"}
    assert a["routing"] == []
    assert service(r)["desired_count"] == 2
    assert service(r)["containers"][0] == {"name": "web", "image": "nginx:1.27", "port": 8080}
    assert a["alb"]["https"]["certificates"] == [{"arn": CERT}]
    assert a["project"]["region"] == "eu-west-1"  # from the certificate
    assert r.exit_code() == 0
    assert validate_data_all(a).ok


def test_more_specific_paths_get_lower_priorities_and_nothing_is_shadowed(tmp_path: Path) -> None:
    api = """\
        name: api
        type: Load Balanced Web Service
        image: {location: nginx:1.27, port: 80}
        http:
          path: api
          additional_rules:
            - path: api/v2/admin
            - path: /
              alias: admin.example.com
        """
    r = imported(workspace(tmp_path, {"web": WEB, "api": api}))
    rules = r.answers["routing"]
    by_name = {x["name"]: x for x in rules}
    assert by_name["api-1"]["paths"] == ["/api/v2/admin", "/api/v2/admin/*"]
    assert by_name["api"]["paths"] == ["/api", "/api/*"]
    assert by_name["api-2"]["hosts"] == ["admin.example.com"]
    assert by_name["api-1"]["priority"] < by_name["api"]["priority"]
    assert len({x["priority"] for x in rules}) == len(rules)
    result = validate_data_all(r.answers)
    assert result.ok, result.errors
    assert not [w for w in result.warnings if w.rule == "W-ROUTING-SHADOW"], result.warnings


@pytest.mark.parametrize(
    ("alias", "hosts"),
    [
        ("shop.example.com", ["shop.example.com"]),
        ('["a.example.com", "b.example.com"]', ["a.example.com", "b.example.com"]),
        ("[{name: a.example.com, hosted_zone: Z0123456789ABCDEFGHIJ}]", ["a.example.com"]),
    ],
)
def test_alias_forms_become_host_rules(tmp_path: Path, alias: str, hosts: list[str]) -> None:
    web = WEB.replace("  path: /\n", f"  path: /\n  alias: {alias}\n")
    r = imported(workspace(tmp_path, {"web": web}))
    (rule,) = r.answers["routing"]
    assert rule["hosts"] == hosts and rule["service"] == "web"
    certs = r.answers["alb"]["https"]["certificates"]
    if "hosted_zone" in alias:  # the zone validates a new certificate for the alias
        assert {"domain": "a.example.com", "route53_zone_id": "Z0123456789ABCDEFGHIJ"} in certs
    assert validate_data_all(r.answers).ok


def test_alias_without_certificate_or_zone_requests_one_and_says_so(tmp_path: Path) -> None:
    env = ENV.format(name="prod", cert=CERT).split("http:")[0]
    web = WEB.replace("  path: /\n", "  path: /\n  alias: shop.example.com\n")
    r = imported(
        workspace(tmp_path, {"web": web}, {"prod": env}), environ={"AWS_REGION": "eu-central-1"}
    )
    assert r.answers["alb"]["https"]["certificates"] == [{"domain": "shop.example.com"}]
    assert row(r, "http.alias shop.example.com (certificate)").status == "approximated"
    assert r.answers["project"]["region"] == "eu-central-1"


def test_target_health_check_string_and_map(tmp_path: Path) -> None:
    web = WEB.replace(
        "  path: /\n",
        "  path: /\n  healthcheck:\n    path: /ping\n    success_codes: '200,204'\n"
        "    healthy_threshold: 4\n    unhealthy_threshold: 2\n    interval: 15s\n"
        "    timeout: 10s\n    grace_period: 2m\n  deregistration_delay: 1m\n",
    )
    r = imported(workspace(tmp_path, {"web": web}))
    lb = service(r)["load_balancer"]
    assert lb["health_check"] == {
        "path": "/ping",
        "matcher": "200,204",
        "healthy_threshold": 4,
        "unhealthy_threshold": 2,
        "interval": 15,
        "timeout": 10,
    }
    assert lb["deregistration_delay"] == 60
    assert row(r, "http.healthcheck.grace_period").status == "not migrated"
    r2 = imported(
        workspace(
            tmp_path / "b", {"web": WEB.replace("  path: /\n", "  path: /\n  healthcheck: /up\n")}
        )
    )
    assert service(r2)["load_balancer"]["health_check"] == {
        "path": "/up",  # the rest are Copilot's defaults, not ecs-wizard's (200-399, 3, 3)
        "matcher": "200",
        "healthy_threshold": 5,
        "unhealthy_threshold": 2,
        "interval": 30,
        "timeout": 5,
    }
    assert service(r2)["load_balancer"]["deregistration_delay"] == 60  # Copilot's, not 30
    assert "Copilot's default" in row(r2, "http.deregistration_delay").detail


def test_target_group_defaults_are_copilots_when_the_manifest_sets_none(tmp_path: Path) -> None:
    """A manifest without `healthcheck` or `deregistration_delay` keeps Copilot's behaviour:
    success code 200 (not 200-399), healthy after 5 checks, unhealthy after 2, 60 s draining;
    the report says so, and the answers render those values."""
    r = imported(workspace(tmp_path, {"web": WEB}))
    lb = service(r)["load_balancer"]
    assert lb["health_check"]["matcher"] == "200"
    assert (lb["health_check"]["healthy_threshold"], lb["health_check"]["unhealthy_threshold"]) == (
        5,
        2,
    )
    assert lb["deregistration_delay"] == 60
    for field in ("http.healthcheck", "http.deregistration_delay"):
        assert row(r, field).status == "migrated"
        assert "not set: Copilot's default" in row(r, field).detail


@pytest.mark.parametrize(
    ("grace", "status"), [("60s", "migrated"), ("1m", "migrated"), ("2m", "not migrated")]
)
def test_grace_period_matches_the_modules_sixty_seconds(tmp_path: Path, grace, status) -> None:
    web = WEB.replace("  path: /\n", f"  path: /\n  healthcheck:\n    grace_period: {grace}\n")
    r = imported(workspace(tmp_path, {"web": web}))
    assert row(r, "http.healthcheck.grace_period").status == status


def test_container_health_check_keeps_copilot_defaults(tmp_path: Path) -> None:
    web = WEB.replace(
        "  port: 8080\n",
        "  port: 8080\n  healthcheck:\n    command: ['CMD-SHELL', 'curl -f localhost || exit 1']\n"
        "    start_period: 1m30s\n",
    )
    hc = service(imported(workspace(tmp_path, {"web": web})))["containers"][0]["health_check"]
    assert hc == {
        "command": ["CMD-SHELL", "curl -f localhost || exit 1"],
        "interval": 10,
        "timeout": 5,
        "retries": 2,
        "start_period": 90,
    }


def test_count_range_and_metrics_become_autoscaling(tmp_path: Path) -> None:
    web = WEB.replace(
        "count: 2\n",
        "count:\n  range: 2-8\n  cooldown: {in: 2m, out: 30s}\n  cpu_percentage: 60\n"
        "  memory_percentage: {value: 75, cooldown: {in: 1m}}\n  requests: 500\n"
        "  response_time: 2s\n",
    )
    r = imported(workspace(tmp_path, {"web": web}))
    s = service(r)
    assert s["autoscaling"] == {
        "min": 2,
        "max": 8,
        "scale_in_cooldown": 120,
        "scale_out_cooldown": 30,
        "cpu_percent": 60,
        "memory_percent": 75,
        "requests_per_target": 500,
    }
    assert s["desired_count"] == 2
    assert row(r, "count.response_time").status == "not migrated"
    assert row(r, "count.memory_percentage.cooldown").status == "approximated"
    assert r.exit_code() == 3
    assert validate_data_all(r.answers).ok


def test_spot_count_and_spot_from_are_capacity_choices(tmp_path: Path) -> None:
    worker = """\
        name: jobs
        type: Worker Service
        image: {location: busybox:1.36}
        count: {spot: 3}
        """
    web = WEB.replace(
        "count: 2\n", "count:\n  range: {min: 1, max: 6, spot_from: 3}\n  cpu_percentage: 50\n"
    )
    r = imported(workspace(tmp_path, {"web": web, "jobs": worker}))
    cap = r.answers["cluster"]["capacity"]
    assert cap == {"fargate": {"weight": 1, "base": 2}, "fargate_spot": {"weight": 1}}
    assert service(r, "jobs")["capacity"] == ["fargate_spot"]
    assert service(r, "jobs")["desired_count"] == 3
    assert service(r)["capacity"] == ["fargate", "fargate_spot"]
    assert row(r, "count.range.spot_from").status == "approximated"
    assert row(r, "count.spot").status == "approximated"
    assert validate_data_all(r.answers).ok


def test_secrets_become_arns_in_the_environment_region(tmp_path: Path) -> None:
    web = WEB + (
        "secrets:\n  PLAIN: DB_PASS\n  PATHED: /shop/db/pass\n"
        "  SM: {secretsmanager: shop/api-key}\n"
        "  SM_ARN:\n"
        "    secretsmanager: arn:aws:secretsmanager:eu-west-1:123456789012:secret:x-AbCdEf\n"
        "  CFN: {from_cfn: stack-export}\n"
        "variables:\n  LEVEL: info\n  PORT: 8080\n  ON: true\n"
    )
    r = imported(workspace(tmp_path, {"web": web}))
    c = service(r)["containers"][0]
    assert c["secrets"] == {
        "PLAIN": "arn:aws:ssm:eu-west-1:123456789012:parameter/DB_PASS",
        "PATHED": "arn:aws:ssm:eu-west-1:123456789012:parameter/shop/db/pass",
        "SM": "arn:aws:secretsmanager:eu-west-1:123456789012:secret:shop/api-key",
        "SM_ARN": "arn:aws:secretsmanager:eu-west-1:123456789012:secret:x-AbCdEf",
    }
    assert c["environment"] == {"LEVEL": "info", "PORT": "8080", "ON": "true"}
    assert row(r, "secrets.CFN").status == "not migrated"
    assert validate_data_all(r.answers).ok


def test_secret_names_without_account_id_stop_with_the_flag(tmp_path: Path) -> None:
    root = workspace(tmp_path, {"web": WEB + "secrets:\n  DB: /shop/db\n"})
    with pytest.raises(CopilotImportError) as info:
        imported(root, account_id=None)
    e = info.value
    assert (e.file, e.field, e.value) == ("copilot/web/manifest.yml", "secrets.DB", "/shop/db")
    assert "--account-id" in e.fix and "--account-id" in str(e)


def test_sidecars_command_entrypoint_readonly(tmp_path: Path) -> None:
    web = WEB + (
        "command: python -m app --port 8080\nentrypoint: ['/bin/sh', '-c']\n"
        "storage: {readonly_fs: true}\nplatform: linux/x86_64\ncpu: 512\nmemory: 1024\n"
        "sidecars:\n  proxy:\n    image: envoyproxy/envoy:v1.30\n    port: 9901/tcp\n"
        "    essential: false\n    command: envoy -c /etc/envoy.yaml\n"
        "  agent:\n    image: {location: 'busybox:1.36'}\n"
    )
    r = imported(workspace(tmp_path, {"web": web}))
    s = service(r)
    main, proxy, agent = s["containers"]
    assert main["command"] == ["python", "-m", "app", "--port", "8080"]
    assert main["entrypoint"] == ["/bin/sh", "-c"] and main["readonly_root_filesystem"] is True
    assert proxy == {
        "name": "proxy",
        "image": "envoyproxy/envoy:v1.30",
        "port": 9901,
        "essential": False,
        "command": ["envoy", "-c", "/etc/envoy.yaml"],
    }
    assert agent["essential"] is True  # Copilot's default for a sidecar
    assert (s["cpu"], s["memory"]) == (512, 1024)
    assert row(r, "platform").status == "migrated"


def test_arm64_platform_gives_arm64_tasks(tmp_path: Path) -> None:
    r = imported(
        workspace(tmp_path, {"web": WEB + "platform: {osfamily: linux, architecture: arm64}\n"})
    )
    assert row(r, "platform").status == "migrated" and "ARM64" in row(r, "platform").detail
    (web,) = [s for s in r.answers["services"] if s["name"] == "web"]
    assert web["cpu_architecture"] == "ARM64"


def test_arm64_with_fargate_spot_stops_the_import_naming_the_file_and_the_fix(
    tmp_path: Path,
) -> None:
    web = WEB.replace("count: 2\n", "count: {spot: 2}\n") + "platform: linux/arm64\n"
    ws = workspace(tmp_path, {"web": web})
    with pytest.raises(CopilotImportError) as info:
        imported(ws)
    text = str(info.value)
    assert "web/manifest.yml" in text and "platform" in text, text
    assert "count.spot" in text and "linux/x86_64" in info.value.fix, text


def test_build_needs_the_image_flag(tmp_path: Path) -> None:
    web = WEB.replace("  location: nginx:1.27\n", "  build: ./Dockerfile\n")
    root = workspace(tmp_path, {"web": web})
    with pytest.raises(CopilotImportError) as info:
        imported(root)
    assert info.value.field == "image.build" and "--image web=" in info.value.fix
    r = imported(root, images={"web": "123456789012.dkr.ecr.eu-west-1.amazonaws.com/web:1"})
    assert service(r)["containers"][0]["image"].endswith("/web:1")
    with pytest.raises(CopilotImportError) as info:
        imported(root, images={"web": "x:1", "wbe": "y:1"})
    assert info.value.field == "--image" and info.value.value == "wbe"


def test_network_connect_placement_security_groups(tmp_path: Path) -> None:
    web = WEB + (
        "network:\n  connect: true\n  vpc:\n    placement: public\n"
        "    security_groups: [sg-0123456789abcdef0, {from_cfn: shared-sg}]\n"
    )
    r = imported(workspace(tmp_path, {"web": web}))
    assert row(r, "network.connect").status == "migrated"
    assert "http://web:8080" in row(r, "network.connect").detail
    assert row(r, "network.vpc.placement").status == "approximated"
    assert row(r, "network.vpc.security_groups[0]").status == "migrated"
    assert row(r, "network.vpc.security_groups[1]").status == "not migrated"
    assert "shared-sg" in row(r, "network.vpc.security_groups[1]").detail
    web = service(r, "web")
    assert web["security_group_ids"] == ["sg-0123456789abcdef0"]
    assert web["service_connect"] == {
        "client": True,
        "server": {"port_name": "web-8080", "discovery_name": "web", "dns_name": "web"},
    }
    assert r.answers["service_connect"] == {"namespace": "prod.shop.local"}  # Copilot's name


def test_unknown_fields_and_named_features_are_not_dropped(tmp_path: Path) -> None:
    web = WEB + (
        "nlb: {port: 443/tls}\nlogging: {destination: {Name: cloudwatch}}\n"
        "publish: {topics: [{name: orders}]}\ntaskdef_overrides: [{path: x, value: 1}]\n"
        "deployment: {rolling: recreate, rollback_alarms: [cpu-high]}\n"
        "storage: {volumes: {data: {efs: true, path: /data}}}\nfavourite_colour: blue\n"
    )
    r = imported(workspace(tmp_path, {"web": web}))
    for field in (
        "nlb",
        "logging",
        "publish",
        "taskdef_overrides",
        "deployment.rollback_alarms",
        "storage.volumes",
        "favourite_colour",
    ):
        assert row(r, field).status == "not migrated", field
    assert "unknown field" in row(r, "favourite_colour").detail
    assert service(r)["deployment"] == {"minimum_healthy_percent": 0, "maximum_percent": 100}
    assert r.exit_code() == 3


@pytest.mark.parametrize(
    ("kind", "word"),
    [
        ("Request-Driven Web Service", "App Runner"),
        ("Scheduled Job", "schedule"),
        ("Static Site", "CloudFront"),
    ],
)
def test_other_workload_types_are_not_migrated_with_the_reason(tmp_path: Path, kind, word) -> None:
    other = f"name: other\ntype: {kind}\nimage: {{location: 'x:1'}}\n"
    r = imported(workspace(tmp_path, {"web": WEB, "other": other}))
    t = row(r, "type", "other/")
    assert t.status == "not migrated" and word in t.detail
    assert [s["name"] for s in r.answers["services"]] == ["web"]


def test_worker_has_no_load_balancer_and_its_subscription_is_named(tmp_path: Path) -> None:
    worker = (
        "name: jobs\ntype: Worker Service\nimage: {location: 'busybox:1.36'}\n"
        "subscribe: {topics: [{name: orders, service: web}]}\n"
    )
    r = imported(workspace(tmp_path, {"web": WEB, "jobs": worker}))
    assert "load_balancer" not in service(r, "jobs")
    assert row(r, "subscribe").status == "not migrated"


def test_backend_http_is_never_public(tmp_path: Path) -> None:
    backend = (
        "name: api\ntype: Backend Service\nimage: {location: 'nginx:1', port: 80}\n"
        "http: {path: /api}\n"
    )
    r = imported(workspace(tmp_path, {"web": WEB, "api": backend}))
    assert "load_balancer" not in service(r, "api") and r.answers["routing"] == []
    assert row(r, "http.path", "api/").status == "not migrated"
    alone = imported(workspace(tmp_path / "b", {"api": backend}))
    assert alone.answers["alb"]["internal"] is True
    assert alone.answers["routing"][0]["paths"] == ["/api", "/api/*"]
    assert row(alone, "http").status == "approximated"
    assert validate_data_all(alone.answers).ok


def test_workload_overrides_become_environment_overlays(tmp_path: Path) -> None:
    web = WEB + "environments:\n  prod:\n    count: 4\n    cpu: 1024\n    memory: 2048\n"
    envs = {
        "staging": ENV.format(name="staging", cert=CERT),
        "prod": ENV.format(name="prod", cert=CERT),
    }
    r = imported(workspace(tmp_path, {"web": web}, envs), envs=["staging", "prod"])
    a = r.answers
    assert a["project"]["environment"] == "staging"
    assert a["environments"]["staging"] == {}
    assert a["environments"]["prod"] == {
        "services": {"web": {"desired_count": 4, "cpu": 1024, "memory": 2048}}
    }
    assert service(r, env="prod")["desired_count"] == 4
    assert row(r, "environments.prod.count").status == "migrated"
    assert validate_data_all(a).ok


def test_interpolation_var_first_then_environment(tmp_path: Path) -> None:
    web = (
        WEB.replace("nginx:1.27", "${REGISTRY}/web:${TAG}")
        + "variables:\n  APP: ${COPILOT_APPLICATION_NAME}-${COPILOT_ENVIRONMENT_NAME}\n"
    )
    root = workspace(tmp_path, {"web": web})
    r = imported(
        root,
        variables={"TAG": "2"},
        environ={"TAG": "1", "REGISTRY": "ghcr.io/acme"},
        env_vars=["TAG", "REGISTRY"],
    )
    c = service(r)["containers"][0]
    assert c["image"] == "ghcr.io/acme/web:2" and c["environment"] == {"APP": "shop-prod"}
    with pytest.raises(CopilotImportError) as info:
        imported(root, variables={"TAG": "2"})
    e = info.value
    assert (e.file, e.field) == ("copilot/web/manifest.yml", "image.location")
    assert "REGISTRY" in str(e) and "--var REGISTRY=" in e.fix and "--env-var REGISTRY" in e.fix
    # In the environment, but not named with --env-var: not read.
    with pytest.raises(CopilotImportError) as info:
        imported(root, variables={"TAG": "2"}, environ={"REGISTRY": "ghcr.io/acme"})
    assert "--env-var REGISTRY" in info.value.fix


def test_copilot_created_vpc_stops_the_import_naming_the_environment(tmp_path: Path) -> None:
    envs = {
        "prod": "name: prod\ntype: Environment\nnetwork: {vpc: {cidr: 10.0.0.0/16}}\n",
        "test": ENV.format(name="test", cert=CERT),
    }
    root = workspace(tmp_path, {"web": WEB}, envs)
    with pytest.raises(CopilotImportError) as info:
        imported(root)
    assert info.value.file == "copilot/environments/prod/manifest.yml"
    assert info.value.field == "network.vpc" and "--env" in info.value.fix
    r = imported(root, envs=["test"])
    assert row(r, "network.vpc", "prod/").status == "not migrated"
    assert row(r, "(environment)", "prod/").status == "not migrated"


@pytest.mark.parametrize(
    ("env_text", "field"),
    [
        (
            ENV.format(name="prod", cert=CERT).replace("vpc-0123456789abcdef0", "vpc-123"),
            "network.vpc.id",
        ),
        (ENV.format(name="prod", cert="not-an-arn"), "http.public.certificates"),
    ],
)
def test_invalid_values_stop_with_file_field_value_and_fix(tmp_path: Path, env_text, field) -> None:
    with pytest.raises(CopilotImportError) as info:
        imported(workspace(tmp_path, {"web": WEB}, {"prod": env_text}))
    e = info.value
    assert e.file == "copilot/environments/prod/manifest.yml" and e.field == field
    assert e.value and e.fix


def test_a_name_too_long_names_the_workspace(tmp_path: Path) -> None:
    with pytest.raises(CopilotImportError) as info:
        imported(workspace(tmp_path, {"web": WEB}, app="a" * 60))
    assert (info.value.file, info.value.field) == ("copilot/.workspace", "application")


def test_a_range_without_a_metric_says_which_target_ecs_wizard_uses(tmp_path: Path) -> None:
    r = imported(workspace(tmp_path, {"web": WEB.replace("count: 2\n", "count: {range: 1-4}\n")}))
    assert service(r)["autoscaling"] == {"min": 1, "max": 4}
    assert row(r, "count.range").status == "approximated"
    assert "CPU 70%" in row(r, "count.range").detail
    assert row(r, "type").status == "migrated"


def test_overrides_of_an_environment_not_imported_are_named(tmp_path: Path) -> None:
    web = WEB + "environments:\n  qa:\n    count: 1\n"
    r = imported(workspace(tmp_path, {"web": web}))
    assert row(r, "environments.qa").status == "not migrated"
    assert "no environment manifest" in row(r, "environments.qa").detail


def test_every_field_of_a_type_not_migrated_is_not_migrated(tmp_path: Path) -> None:
    job = "name: nightly\ntype: Scheduled Job\nimage: {location: 'x:1'}\non: {schedule: '@daily'}\n"
    r = imported(workspace(tmp_path, {"web": WEB, "nightly": job}))
    rows = [x for x in r.rows if "nightly/" in x.file]
    assert {x.field for x in rows} == {"name", "type", "image", "on"}
    assert {x.status for x in rows} == {"not migrated"}


def test_a_bad_alias_zone_is_traced_to_the_workload_not_the_environment(tmp_path: Path) -> None:
    # the environment imports a certificate (certificates[0]); the alias's new certificate is
    # certificates[1], and its bad zone id is the workload's http.alias
    alias = "  alias: [{name: shop.example.com, hosted_zone: Z123_bad}]\n"
    web = WEB.replace("  path: /\n", "  path: /\n" + alias)
    with pytest.raises(CopilotImportError) as info:
        imported(workspace(tmp_path, {"web": web}))
    e = info.value
    assert (e.file, e.field, e.value) == ("copilot/web/manifest.yml", "http.alias", "Z123_bad")


def test_the_grace_period_the_report_names_is_the_modules_default() -> None:
    """The report's "every load-balanced service gets 60 s" is the ecs-service module's
    default, which the root module does not override."""
    import re

    from ecs_wizard.copilot.http import GRACE_PERIOD

    modules = Path(__file__).resolve().parents[2] / "ecs_wizard"
    variables = (modules / "modules" / "ecs-service" / "variables.tf").read_text()
    found = re.search(
        r"health_check_grace_period_seconds\s*=\s*optional\(number,\s*(\d+)\)", variables
    )
    assert found and int(found.group(1)) == GRACE_PERIOD
    assert "health_check_grace_period_seconds" not in (modules / "root" / "main.tf").read_text()


def test_an_environment_without_public_subnets_gets_an_internal_alb_and_no_public_ids(
    tmp_path: Path,
) -> None:
    """Private subnets only: the load balancer is internal, in the private subnets, and the
    answers list no public subnet (they used to repeat the private ones as public, which drew
    W-NETWORK-SUBNET-OVERLAP on every import of such a VPC)."""
    env = ENV.replace(
        "      public: [{{id: subnet-0123456789abcdef1}}, {{id: subnet-0123456789abcdef2}}]\n", ""
    ).format(name="prod", cert=CERT)
    r = imported(workspace(tmp_path, {"web": WEB}, envs={"prod": env}))
    assert r.answers["alb"]["internal"] is True
    assert r.answers["network"]["public_subnet_ids"] == []
    checked = validate_data_all(r.answers)
    assert checked.ok, [i.path for i in checked.errors]
    assert not [i for i in checked.warnings if i.rule == "W-NETWORK-SUBNET-OVERLAP"]
    assert row(r, "network.vpc.subnets.public", "environments/prod/").status == "approximated"
