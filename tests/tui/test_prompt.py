"""Prompt mode, driven through prompt_toolkit's pipe input."""

from __future__ import annotations

import argparse
import subprocess
import sys

import pytest
import yaml
from prompt_toolkit.application import create_app_session
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput

from ecs_wizard.commands import prompt as prompt_cmd
from ecs_wizard.prompt.questions import Aborted, run_prompt
from ecs_wizard.validation import validate_data
from tests.answers_fixtures import PRIVATE_SUBNETS, PUBLIC_SUBNETS, VPC_ID

DOWN = "\x1b[B"
CLEAR = "\x15"  # Ctrl-U: delete the pre-filled default
VPC = VPC_ID
PUB = ", ".join(PUBLIC_SUBNETS)  # typed as a comma-separated list
PRIV = ", ".join(PRIVATE_SUBNETS)
KMS = "arn:aws:kms:eu-west-1:123456789012:key/0a1b2c3d-1111-2222-3333-444455556666"


def feed(keys: str, base=None, preset=None):
    with create_pipe_input() as inp, create_app_session(input=inp, output=DummyOutput()):
        inp.send_text(keys)
        inp.close()  # end of input: a question the keys did not answer aborts, never hangs
        return run_prompt(base, preset=preset)


def test_two_services_https_and_rules():
    keys = "".join(
        [
            "Bad_Name\r",  # rejected by the model's name rule: the question stays
            CLEAR + "shop\r",
            "\r",  # environment: prod
            "\r",  # region: eu-west-1
            VPC + "\r",
            PUB + "\r",
            PRIV + "\r",
            DOWN + "\r",  # Fargate + Fargate Spot
            "\r",  # service name: web
            "public.ecr.aws/nginx/nginx:1.27\r",
            "\r",  # port 80
            "\r\r",  # 0.25 vCPU, 0.5 GB
            "\r",  # desired 2
            CLEAR + "/healthz\r",
            "DB_URL=arn:aws:secretsmanager:eu-west-1:123456789012:secret:db\r",
            "alias/app\r",  # refused: a KMS key ARN is needed
            CLEAR + KMS + "\r",
            "y",  # read-only root filesystem
            "y",  # another service
            CLEAR + "api\r",
            "123456789012.dkr.ecr.eu-west-1.amazonaws.com/api:1.4.2\r",
            CLEAR + "8080\r",
            DOWN + "\r",  # 0.5 vCPU
            "\r",  # 1 GB
            "\r",
            CLEAR + "/health\r",
            "\r",  # no secrets (so no KMS question)
            "n",  # api writes to its root filesystem
            "n",
            "\r",  # unmatched requests -> web
            "y",  # HTTPS
            "example.com\r",
            "*.example.com, www.example.org\r",
            "Z0123456789ABCDEFGHIJ\r",  # zone of example.com
            "Zbad\r",  # refused: not a zone id
            CLEAR + "Z9876543210ZYXWVUTSRQ\r",  # www.example.org's zone
            "y",  # access logs
            "shop-alb-logs\r",
            "\r",  # create the bucket: yes
            "y",  # a rule
            CLEAR + "api\r",
            DOWN + "\r",  # -> api
            "api.example.com\r",
            "/v1/*\r",
            "y",
            CLEAR + "admin\r",
            "\r",  # -> web
            "\r",
            "/admin/*\r",
            "n",
            "n",  # no extra access (egress, task role, Service Connect, ...)
            "n",  # one environment
            "n",  # local state
        ]
    )
    data = feed(keys)
    result = validate_data(data)
    assert result.ok, result.errors
    a = result.answers
    assert a.project.name == "shop" and a.project.region == "eu-west-1"
    assert a.cluster.capacity.fargate_spot is not None
    assert [(s.name, s.cpu, s.memory) for s in a.services] == [
        ("web", 256, 512),
        ("api", 512, 1024),
    ]
    assert a.services[1].containers[0].port == 8080
    ro = [s.containers[0].readonly_root_filesystem for s in a.services]
    assert ro == [True, False]
    assert a.services[0].secrets_kms_key_arns == [KMS] and a.services[1].secrets_kms_key_arns == []
    cert = a.alb.https.certificates[0]
    assert cert.route53_zone_id == "Z0123456789ABCDEFGHIJ"
    assert cert.subject_alternative_names == ["*.example.com", "www.example.org"]
    assert cert.zones == {"www.example.org": "Z9876543210ZYXWVUTSRQ"}  # only the outside name
    assert a.alb.access_logs.bucket == "shop-alb-logs" and a.alb.access_logs.create_bucket
    assert a.services[0].load_balancer.health_check.path == "/healthz"
    assert a.alb.https.certificates[0].domain == "example.com"
    assert a.alb.default_action.forward == "web"
    assert [(r.name, r.priority, r.service, r.hosts, r.paths) for r in a.routing] == [
        ("api", 10, "api", ["api.example.com"], ["/v1/*"]),
        ("admin", 20, "web", [], ["/admin/*"]),
    ]


def test_flags_and_answers_file_skip_questions(tmp_path):
    args = argparse.Namespace(
        answers=None,
        name="shop",
        environment=None,
        region="eu-west-1",
        vpc_id=VPC,
        public_subnets=PUB,
        private_subnets=PRIV,
    )
    base, preset = prompt_cmd.build_base(args)
    keys = "".join(
        [
            "\r",  # environment (the only project question left)
            "\r",  # Fargate
            "\r",
            "nginx:1.27\r",
            CLEAR + "\r",  # no port: a worker, not behind the ALB
            "\r\r",  # CPU, memory
            "\r",
            "\r",  # no secrets
            "\r",  # read-only root filesystem: yes (the default)
            "n",  # no other service
            "n",  # no HTTPS
            "n",  # no access logs
            "n",  # no extra access (egress, task role, Service Connect, ...)
            "n",  # one environment
            "n",  # local state
        ]
    )
    data = feed(keys, base, preset)
    assert data["project"]["name"] == "shop" and data["network"]["vpc_id"] == VPC
    svc = data["services"][0]
    assert "load_balancer" not in svc and "port" not in svc["containers"][0]
    assert svc["containers"][0]["readonly_root_filesystem"] is True  # Enter: the default

    # an answers file pre-fills whole sections
    answers = tmp_path / "a.yaml"
    answers.write_text(yaml.safe_dump(data, sort_keys=False))
    args.answers = str(answers)
    base, preset = prompt_cmd.build_base(args)
    assert {"services", "cluster.capacity"} <= preset
    data2 = feed("nnnn", base, preset)  # HTTPS, access logs, environments and state remain
    assert data2["services"] == data["services"]


def test_environments_and_state_after_the_base_answers():
    other_vpc = "vpc-0ffffffffffffffff"
    keys = "".join(
        [
            "shop\r",
            "\r",  # environment of the base: prod
            "\r",  # region
            VPC + "\r",
            PUB + "\r",
            PRIV + "\r",
            "\r",  # Fargate
            "\r",  # web
            "nginx:1.27\r",
            "\r\r\r\r\r",  # port 80, CPU, memory, count 2, health check /
            "\r",  # no secrets
            "y",  # read-only root filesystem
            "n",  # no other service
            "n",  # no HTTPS
            "n",  # no access logs
            "n",  # no extra access
            "y",  # environments
            "\r",  # staging
            "n",  # not the same network
            CLEAR + "vpc-bad\r",  # refused: not a VPC id
            CLEAR + other_vpc + "\r",
            "\r",  # public subnets: the base's, offered as default
            "\r",
            "y",  # another
            "Prod\r",  # refused: upper case
            CLEAR + "prod\r",
            "y",  # same network
            "n",  # no more
            "y",  # S3 state (offered by default with environments)
            CLEAR + "Shop_State\r",  # refused by E-STATE-BUCKET
            CLEAR + "shop-tfstate-123456789012\r",
            DOWN + "\r",  # DynamoDB
            "\r",  # shop-tflock
        ]
    )
    data = feed(keys)
    result = validate_data(data)
    assert result.ok, result.errors
    assert list(result.environments) == ["staging", "prod"]
    assert result.environments["staging"].network.vpc_id == other_vpc
    assert result.environments["staging"].network.public_subnet_ids == list(PUBLIC_SUBNETS)
    assert result.environments["prod"].network.vpc_id == VPC
    assert data["state"] == {
        "bucket": "shop-tfstate-123456789012",
        "lock": "dynamodb",
        "dynamodb_table": "shop-tflock",
    }


def test_ctrl_c_aborts():
    with pytest.raises(Aborted):
        feed("\x03")


def test_finish_writes_valid_answers_and_refuses_invalid(tmp_path, capsys):
    data = feed(
        "shop\r\r\r" + VPC + "\r" + PUB + "\r" + PRIV + "\r\r\rnginx:1.27\r" + "\r" * 6 + "ynnnnnn"
    )  # port, CPU, memory, count, health, secrets; read-only; no other service, no HTTPS,
    # no access logs, no extra access, one environment, local state
    out = tmp_path / "answers.yaml"
    assert prompt_cmd.finish(data, out, None, force=False) == 0
    assert yaml.safe_load(out.read_text())["project"]["name"] == "shop"
    data["services"][0]["cpu"] = 300
    bad = tmp_path / "bad.yaml"
    assert prompt_cmd.finish(data, bad, None, force=False) == 1
    assert not bad.exists()
    assert "services[0]" in capsys.readouterr().err
    assert (tmp_path / "bad.yaml.draft").exists()  # nothing typed is lost


@pytest.mark.parametrize("command", ["prompt", "wizard", "edit"])
def test_no_tty_fails_fast_pointing_at_render(command, tmp_path):
    args = [command] + ([str(tmp_path)] if command == "edit" else [])
    if command == "edit":
        (tmp_path / "answers.yaml").write_text("version: 1\n")
    proc = subprocess.run(
        [sys.executable, "-m", "ecs_wizard", *args],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
        cwd=tmp_path,
    )
    assert proc.returncode == 1
    assert "ecs-wizard render" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_application_access_questions():
    """Egress, security groups, task role and Service Connect per service, then the ALB's
    DNS record and WAF web ACL; a bad CIDR is refused at its question."""
    waf = "arn:aws:wafv2:eu-west-1:123456789012:regional/webacl/shop/" + "0" * 8 + "-" + "0" * 4
    waf += "-" + "0" * 4 + "-" + "0" * 4 + "-" + "0" * 12
    keys = "".join(
        [
            "shop\r",
            "\r\r",  # prod, eu-west-1
            VPC + "\r",
            PUB + "\r",
            PRIV + "\r",
            "\r",  # Fargate
            "\r",  # web
            "nginx:1.27\r",
            "\r\r\r\r\r",  # port 80, CPU, memory, count 2, health check /
            "\r",  # no secrets
            "y",  # read-only root filesystem
            "y",  # another service
            CLEAR + "api\r",
            "acme/api:1.0\r",
            CLEAR + "8080\r",
            "\r\r\r",  # CPU, memory, count
            CLEAR + "/health\r",
            "\r",  # no secrets
            "y",  # read-only root filesystem
            "n",  # no more services
            "\r",  # unmatched requests -> web
            "n",  # no HTTPS
            "n",  # no access logs
            "y",  # a routing rule: /api/* -> api
            CLEAR + "api\r",
            DOWN + "\r",
            "\r",
            "/api/*\r",
            "n",
            "y",  # more access
            # web: no egress, no extra groups, no task role, Service Connect client
            "y",
            "n",
            "\r",
            "n",
            DOWN + "\r",  # client
            "\r",  # namespace shop.internal
            # api: an egress rule, a group, a task role statement, a server
            "y",
            "y",  # egress rule
            "\r",  # tcp
            "5432\r",
            "\r",  # one port
            "10.0.0.1/16\r",  # refused: host bits
            CLEAR + "10.0.0.0/16, sg-0123456789abcdef0\r",
            "n",  # no more rules
            "sg-0fedcba9876543210\r",
            "y",  # task role
            "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess\r",
            "y",  # a statement
            "\r",  # Allow
            "sqs:SendMessage\r",
            "*\r",
            "n",
            DOWN * 2 + "\r",  # server
            "\r",  # port api-8080
            "\r",  # discovery name api
            "y",  # a DNS record
            "shop.example.com\r",
            "Z0123456789ABCDEFGHIJ\r",
            "n",
            waf + "\r",
            "n",  # one environment
            "n",  # local state
        ]
    )
    data = feed(keys)
    result = validate_data(data)
    assert result.ok, result.errors
    a = result.answers
    web, api = a.services
    assert web.service_connect.client and web.service_connect.server is None
    assert a.service_connect.namespace == "shop.internal"
    assert [(e.port, e.to) for e in api.egress] == [(5432, ["10.0.0.0/16", "sg-0123456789abcdef0"])]
    assert api.security_group_ids == ["sg-0fedcba9876543210"]
    assert api.task_role.policy_arns == ["arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"]
    (st,) = api.task_role.statements
    assert (st.effect, st.actions, st.resources) == ("Allow", ["sqs:SendMessage"], ["*"])
    assert api.service_connect.server.port_name == "api-8080"
    assert api.service_connect.server.discovery_name == "api"
    assert [(r.name, r.zone_id) for r in a.alb.dns_records] == [
        ("shop.example.com", "Z0123456789ABCDEFGHIJ")
    ]
    assert a.alb.waf_web_acl_arn == waf
