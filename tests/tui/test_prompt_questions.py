"""Prompt mode questions (issue 11): environment and region are asked, defaults come from the
same place as the wizard's, task sizes are labelled, a certificate gets its other names and
Route 53 zones, and typing at a pre-filled default replaces it."""

from __future__ import annotations

import argparse

import pytest
import questionary
import yaml

from ecs_wizard.aws.catalog import FARGATE_CPU_MEMORY, fargate_size_label
from ecs_wizard.commands import prompt as prompt_cmd
from ecs_wizard.model.draft import new_capacity_provider
from ecs_wizard.validation import validate_data
from tests.tui.test_prompt import CLEAR, DOWN, PRIV, PUB, VPC, feed

LEFT = "\x1b[D"
BACKSPACE = "\x7f"


def keys(
    *,
    env: str = "\r",
    region: str = "\r",
    capacity: str = "\r",
    ec2: str = "",
    port: str = "\r",
    cpu: str = "\r",
    memory: str = "\r",
    count: str = "\r",
    https: str = "n",
    public: str = PUB + "\r",
) -> str:
    return "".join(
        [
            "shop\r",
            env,
            region,
            VPC + "\r",
            public,
            PRIV + "\r",
            capacity,
            ec2,
            "\r",  # service name: web
            "nginx:1.27\r",
            port,
            cpu,
            memory,
            count,
            "\r",  # health check path /
            "\r",  # no secrets
            "y",  # read-only root filesystem
            "n",  # no other service
            https,
            "n",  # no access logs
            "n",  # no extra access (egress, task role, Service Connect, ...)
            "n",  # one environment
            "n",  # local state
        ]
    )


def valid(data: dict):
    result = validate_data(data)
    assert result.ok, result.errors
    return result.answers


def test_environment_and_region_are_asked_with_the_prefilled_default():
    a = valid(feed(keys(env="staging\r", region="us-east-2\r")))
    assert (a.project.environment, a.project.region) == ("staging", "us-east-2")
    a = valid(feed(keys()))  # Enter keeps the pre-filled values
    assert (a.project.environment, a.project.region) == ("prod", "eu-west-1")


def test_a_bad_region_is_refused_at_the_question():
    a = valid(feed(keys(region="mars-1\r" + CLEAR + "ap-south-1\r")))
    assert a.project.region == "ap-south-1"


def test_environment_and_region_given_as_flags_or_in_the_file_are_not_asked(tmp_path):
    args = argparse.Namespace(
        answers=None,
        name="shop",
        environment="qa",
        region="us-west-2",
        vpc_id=VPC,
        public_subnets=PUB,
        private_subnets=PRIV,
    )
    base, preset = prompt_cmd.build_base(args)
    # capacity, service: port, CPU, memory, count, health check, secrets; read-only root; no
    # other service, HTTPS, access logs, extra access, environments, remote state
    rest = "\r" + "\rnginx:1.27\r" + "\r" * 6 + "y" + "nnnnnn"
    data = feed(rest, base, preset)
    assert (data["project"]["environment"], data["project"]["region"]) == ("qa", "us-west-2")

    answers = tmp_path / "a.yaml"
    answers.write_text(yaml.safe_dump(data, sort_keys=False))
    args = argparse.Namespace(**{**vars(args), "answers": str(answers), "environment": None})
    args.region = None
    base, preset = prompt_cmd.build_base(args)
    data = feed("nnnn", base, preset)  # only HTTPS, access logs, environments and state
    assert (data["project"]["environment"], data["project"]["region"]) == ("qa", "us-west-2")


def test_typing_replaces_a_prefilled_default():
    a = valid(feed(keys(port="8080\r", count="3\r")))
    assert a.services[0].containers[0].port == 8080  # not 808080
    assert a.services[0].desired_count == 3  # not 23


def test_editing_a_prefilled_default_keeps_it_as_text():
    a = valid(feed(keys(port=BACKSPACE + "1\r", count=LEFT + "1\r")))
    assert a.services[0].containers[0].port == 81  # "80" -> "8" -> "81"
    assert a.services[0].desired_count == 12  # cursor moved: an ordinary insert


def test_typing_replaces_the_region_default_too():
    a = valid(feed(keys(region="us-east-1\r")))
    assert a.project.region == "us-east-1"


def test_fargate_spot_starts_with_the_wizards_weight():
    from ecs_wizard.model.answers import FargateCapacity
    from ecs_wizard.screens.cluster import _new_provider

    data = feed(keys(capacity=DOWN + "\r"))
    spot = data["cluster"]["capacity"]["fargate_spot"]
    assert spot == new_capacity_provider("fargate_spot") == _new_provider("fargate_spot")()
    assert spot["weight"] == FargateCapacity().weight
    valid(data)


def test_ec2_starts_like_the_wizard_and_asks_its_size():
    from ecs_wizard.screens.cluster import _new_provider

    data = feed(keys(capacity=DOWN * 2 + "\r", ec2="\r5\r"))  # m6i.large, max 5 (typed over 3)
    ec2 = data["cluster"]["capacity"]["ec2"]
    assert ec2 == {**_new_provider("ec2")(), "max_size": 5}


@pytest.fixture
def selects(monkeypatch) -> list[tuple[str, list[str]]]:
    """The select questions asked: (message, the titles of their choices)."""
    asked: list[tuple[str, list[str]]] = []
    real = questionary.select

    def spy(message, choices, **kwargs):
        titles = [c.title if isinstance(c, questionary.Choice) else c for c in choices]
        asked.append((message, [str(t) for t in titles]))
        return real(message, choices=choices, **kwargs)

    monkeypatch.setattr(questionary, "select", spy)
    return asked


def test_task_size_is_cpu_then_memory_with_vcpu_and_gb_labels(selects):
    a = valid(feed(keys(cpu=DOWN * 2 + "\r", memory=DOWN + "\r")))
    assert (a.services[0].cpu, a.services[0].memory) == (1024, 3072)
    (cpu_q,) = [t for m, t in selects if "task CPU" in m]
    (mem_q,) = [t for m, t in selects if "task memory" in m]
    assert cpu_q[:3] == [
        "0.25 vCPU  (256 CPU units)",
        "0.5 vCPU  (512 CPU units)",
        "1 vCPU  (1024 CPU units)",
    ]
    assert len(cpu_q) == len(FARGATE_CPU_MEMORY)
    assert mem_q[:2] == ["2 GB  (2048 MiB)", "3 GB  (3072 MiB)"]
    assert len(mem_q) == len(FARGATE_CPU_MEMORY[1024])
    assert all(len(t) < 20 for _, t in selects)  # no 40-row raw list
    assert not any(t == "256/512" for _, ts in selects for t in ts)


def test_default_task_size_and_the_shared_label():
    a = valid(feed(keys()))
    assert (a.services[0].cpu, a.services[0].memory) == (256, 512)
    assert fargate_size_label(256, 512) == "0.25 vCPU / 0.5 GB  (256/512)"
    assert fargate_size_label(16384, 122880) == "16 vCPU / 120 GB  (16384/122880)"


def test_certificate_names_and_route53_zones_are_asked():
    https = "".join(
        [
            "y",
            "example.com\r",
            "www.example.com, shop.example.org\r",  # subject alternative names
            "Zbad\r",  # refused: not a zone id
            CLEAR + "Z0123456789ABCDEFGHIJ\r",
            "not-a-zone\r",  # shop.example.org is in another domain: its own zone
            CLEAR + "Z0987654321ABCDEFGHIJ\r",
        ]
    )
    a = valid(feed(keys(https=https)))
    cert = a.alb.https.certificates[0]
    assert cert.domain == "example.com"
    assert cert.subject_alternative_names == ["www.example.com", "shop.example.org"]
    assert cert.route53_zone_id == "Z0123456789ABCDEFGHIJ"
    assert cert.zones == {"shop.example.org": "Z0987654321ABCDEFGHIJ"}


def test_certificate_without_names_or_zone():
    a = valid(feed(keys(https="yexample.com\r\r\r")))
    cert = a.alb.https.certificates[0]
    assert cert.subject_alternative_names == [] and cert.route53_zone_id is None
    assert not cert.zones


def test_an_existing_certificate_arn_asks_no_names():
    arn = "arn:aws:acm:eu-west-1:123456789012:certificate/0123abcd-0123-4567-89ab-0123456789ab"
    a = valid(feed(keys(https="y" + arn + "\r")))
    assert a.alb.https.certificates[0].arn == arn


def test_no_public_subnets_offers_an_internal_load_balancer():
    """Enter on an empty public-subnet answer asks whether the ALB is internal: yes describes
    a private-only VPC (the ALB goes in the private subnets); no asks for the subnets again."""
    a = valid(feed(keys(public="\r" + "y" + "\r")))  # Enter: the offered 10.0.0.0/8
    assert a.alb.internal is True and a.network.public_subnet_ids == []
    assert a.alb.ingress_cidrs == ["10.0.0.0/8"]  # not the internet (W-ALB-INTERNAL-OPEN)
    rules = {i.rule for i in validate_data(feed(keys(public="\r" + "y" + "\r"))).warnings}
    assert "W-ALB-INTERNAL-OPEN" not in rules
    a = valid(feed(keys(public="\r" + "n" + PUB + "\r")))
    assert a.alb.internal is False and len(a.network.public_subnet_ids) == 2
