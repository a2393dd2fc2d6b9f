"""rules/names.py: names, tags and the names derived from them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from ecs_wizard.aws import naming
from ecs_wizard.validation import (
    RESERVED_TAGS,
    validate_data,
)
from tests.validation.helpers import Change, check_rule_ids, data, error_at, errors, is_ok, warnings

REPO = Path(__file__).resolve().parents[3]


@pytest.mark.parametrize("name", ["shop", "a", "my-shop-2"])
def test_project_name_valid(name):
    assert "project.name" not in errors(data(**{"project.name": name}))


@pytest.mark.parametrize("name", ["Shop", "2shop", "shop-", "sh_op", "x" * 33])
def test_project_name_invalid(name):
    assert "project.name" in errors(data(**{"project.name": name}))


def test_service_rule_and_container_names():
    e = errors(data(**{"services[2].name": "Worker", "routing[1].name": "Admin Rule"}))
    assert "services[2].name" in e and "routing[1].name" in e
    e = errors(data(**{"services[2].containers[0].name": "bad name"}))
    assert "services[2].containers[0].name" in e
    assert "services[2].containers[0].name" not in errors(
        data(**{"services[2].containers[0].name": "Worker_1"})
    )


def test_unique_service_container_and_rule_names():
    d = data(**{"services[2].name": "api", "routing[1].name": "api"})
    d["services"][0]["containers"].append({"name": "web", "image": "nginx:1.27"})
    e = errors(d)
    assert any("duplicate service name" in m for m in e["services[2].name"])
    assert "routing[1].name" in e
    assert "services[0].containers[1].name" in e


def test_naming_shortens_deterministically_and_uniquely():
    long_a = naming.target_group_name("averyveryverylongproject", "production", "service-a")
    long_b = naming.target_group_name("averyveryverylongproject", "production", "service-b")
    # 27: the ecs-service module appends a 5-character suffix within AWS's 32.
    assert len(long_a) <= 27 and len(long_b) <= 27 and long_a != long_b
    assert long_a == naming.target_group_name("averyveryverylongproject", "production", "service-a")
    assert naming.target_group_name("shop", "prod", "web") == "shop-prod-web"
    assert len(naming.alb_name("a" * 40, "prod")) <= 32
    assert not naming.alb_name("internal", "x").startswith("internal-")
    assert not naming.shorten("a" * 25 + "-" * 10 + "b", 32).endswith("-")


def test_long_names_validate_because_they_are_shortened():
    d = data(**{"project.name": "a" * 32, "project.environment": "production-eu"})
    assert validate_data(d).ok


def test_tags():
    assert "project.tags.aws:team" in errors(data(**{"project.tags": {"aws:team": "x"}}))
    assert validate_data(data(**{"project.tags": {"team": "platform"}})).ok


def test_long_service_names_are_accepted_and_ami_id():
    # Issue 10: a 32-character service in payments-platform / production (62 characters with
    # the prefix) was refused only for the IAM role names, which are now shortened.
    d = data(**{"project.name": "payments-platform", "project.environment": "production"})
    d["services"][2]["name"] = "s" * 32
    assert "services[2].name" not in errors(d)
    ec2 = {"capacity": {"ec2": {"instance_type": "m6i.large", "ami_id": "ami-xyz"}}}
    assert "cluster.capacity.ec2.ami_id" in errors(data(**{"cluster": ec2}))
    ec2["capacity"]["ec2"]["ami_id"] = "ami-0123456789abcdef0"
    assert "cluster.capacity.ec2.ami_id" not in errors(data(**{"cluster": ec2}))


def test_tags_and_query_keys_reject_control_characters():
    assert "project.tags.bad\nkey" in errors(data(**{"project.tags": {"bad\nkey": "x"}}))
    assert "project.tags.team" in errors(data(**{"project.tags": {"team": "a\tb"}}))
    assert "project.tags.team" not in errors(data(**{"project.tags": {"team": "Platform Ops"}}))
    d = data(**{"routing[0].query_strings": {"v\n": "2"}})
    assert "routing[0].query_strings" in errors(d)


def test_container_name_starts_with_letter_or_digit():
    e = error_at(
        data(**{"services[2].containers[0].name": "-worker"}), "services[2].containers[0].name"
    )
    assert "starting with a letter or digit" in e.message and "`worker`" in e.fix
    assert e.value == "-worker"
    assert is_ok(data(**{"services[2].containers[0].name": "9_worker-x"}))


def test_tags_that_the_provider_block_overrides_get_a_warning():
    w = warnings(data(**{"project.tags": {"Project": "other", "team": "x"}}))
    assert "project.tags.Project" in w and "project.tags.team" not in w
    versions_tf = (REPO / "ecs_wizard/root/versions.tf").read_text()
    main_tf = (REPO / "ecs_wizard/root/main.tf").read_text()
    # The provider's default tags are local.project_tags (also given to the cluster module).
    assert "tags = local.project_tags" in versions_tf
    block = main_tf.split("project_tags = merge(var.project.tags, {", 1)[1].split("})", 1)[0]
    for tag in RESERVED_TAGS:  # the list matches what the root module really adds
        assert f"{tag} " in block


def _many_lb_services(d: dict[str, Any]) -> None:
    lb = {"containers": [{"name": "a", "image": "a:1", "port": 80}], "load_balancer": {}}
    d["services"] += [{"name": f"s{i}", **lb} for i in range(100)]


# (change to the base answers, expected (path, rule id) issues): one row per check at least.
RULE_IDS: list[tuple[Change, list[tuple[str, str]]]] = [
    ({"project.name": "Shop"}, [("project.name", "E-NAMES-FORMAT")]),
    ({"project.name": "sg"}, [("project.name", "E-NAMES-SG-PREFIX")]),
    ({"project.name": "sg-shop"}, [("project.name", "E-NAMES-SG-PREFIX")]),
    (
        {"services[2].containers[0].name": "-w"},
        [("services[2].containers[0].name", "E-NAMES-CONTAINER")],
    ),
    ({"project.tags": {"aws:team": "x"}}, [("project.tags.aws:team", "E-NAMES-TAG")]),
    ({"project.tags": {"Project": "x"}}, [("project.tags.Project", "W-NAMES-TAG-OVERRIDDEN")]),
    ({"services[2].name": "api"}, [("services[2].name", "E-NAMES-DUPLICATE")]),
    (_many_lb_services, [("services", "E-ALB-TARGET-GROUPS")]),
    ({"project.tags": {f"t{i}": "x" for i in range(47)}}, [("project.tags", "E-NAMES-TAG-COUNT")]),
]


@pytest.mark.parametrize(
    ("change", "expected"), RULE_IDS, ids=[",".join(r for _, r in exp) for _, exp in RULE_IDS]
)
def test_rule_ids(change, expected):
    check_rule_ids(change, expected)


@pytest.mark.parametrize("name", ["sgx", "shop-sg", "s"])
def test_project_names_that_do_not_make_sg_prefixed_security_groups_are_fine(name):
    assert "project.name" not in errors(data(**{"project.name": name}))


@pytest.mark.parametrize(
    ("tags", "ec2", "ok"),
    [
        ({f"t{i}": "x" for i in range(46)}, False, True),  # + Project, Environment, ManagedBy, Name
        ({f"t{i}": "x" for i in range(47)}, False, False),
        # Tags that ecs-wizard sets anyway do not add to the count.
        ({**{f"t{i}": "x" for i in range(45)}, "Name": "n", "Project": "p"}, False, True),
        # On EC2, instances carry project.tags + Project, Environment, ManagedBy (through the
        # launch template and the group) + Name + AmazonECSManaged.
        ({**{f"t{i}": "x" for i in range(46)}, "Project": "p", "Environment": "e",
          "ManagedBy": "m"}, False, True),
        ({**{f"t{i}": "x" for i in range(46)}, "Project": "p", "Environment": "e",
          "ManagedBy": "m"}, True, False),
        ({f"t{i}": "x" for i in range(45)}, True, True),
        ({f"t{i}": "x" for i in range(46)}, True, False),
    ],
)  # fmt: skip
def test_tag_count_includes_the_tags_ecs_wizard_adds(tags, ec2, ok):
    d = data(**{"project.tags": tags})
    if ec2:
        d["cluster"] = {"capacity": {"ec2": {"instance_type": "m6i.large"}}}
    found = [i for i in validate_data(d).errors if i.rule == "E-NAMES-TAG-COUNT"]
    assert (not found) is ok, found
    if not ok:
        assert found[0].path == "project.tags" and "50" in found[0].message
        assert "remove at least" in found[0].fix
