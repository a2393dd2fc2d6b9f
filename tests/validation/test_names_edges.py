"""rules/names.py, edge by edge: each rule at its bounds, with the exact message, the suggested
name in the fix and the reported value (issue 14: the mutation run of names.py)."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from ecs_wizard.validation import validate_data
from tests.validation.helpers import data


def found(d: dict[str, Any], rule: str) -> list[tuple[str, str, str, Any]]:
    return [(i.path, i.message, i.fix, i.value) for i in validate_data(d).issues if i.rule == rule]


FORMAT = (
    "must use lower-case letters, digits and hyphens, start with a letter and not end with a hyphen"
)


@pytest.mark.parametrize(
    ("name", "suggestion"),
    [
        ("Shop_1", "shop-1"),
        ("1shop", "x1shop"),
        ("__", "app"),
        ("-shop-", "shop"),
        ("shop--", "shop"),
        ("a b!!c", "a-b-c"),
    ],
)
def test_a_malformed_name_gets_a_well_formed_suggestion(name, suggestion):
    assert found(data(**{"project.name": name}), "E-NAMES-FORMAT") == [
        ("project.name", f"the project name {FORMAT}", f"e.g. `{suggestion}`", name)
    ]


@pytest.mark.parametrize(
    ("path", "what", "max_len"),
    [
        ("project.name", "the project name", 32),
        ("project.environment", "the environment name", 32),
        ("services[1].name", "a service name", 64),
        ("routing[1].name", "a rule name", 64),
    ],
)
def test_name_lengths(path, what, max_len):
    assert found(data(**{path: "a" * max_len}), "E-NAMES-FORMAT") == []
    too_long = "a" * (max_len + 1)
    assert found(data(**{path: too_long}), "E-NAMES-FORMAT") == [
        (path, f"{what} is longer than {max_len} characters", "shorten it", too_long)
    ]
    assert found(data(**{path: "A"}), "E-NAMES-FORMAT") == [
        (path, f"{what} {FORMAT}", "e.g. `a`", "A")
    ]


@pytest.mark.parametrize(
    ("name", "suggestion"),
    [
        ("_web app!", "web-app-"),
        ("__", "app"),
        ("-x", "x"),
        ("a" * 255 + "!", "a" * 255),
        ("Web App", "Web-App"),  # upper case is kept
        ("_Xray!", "Xray-"),  # only leading _ and - go
    ],
)
def test_a_malformed_container_name_gets_a_suggestion(name, suggestion):
    d = data(**{"services[2].containers[0].name": name})
    assert found(d, "E-NAMES-CONTAINER") == [
        (
            "services[2].containers[0].name",
            "a container name must be 1-255 letters, digits, hyphens and underscores, "
            "starting with a letter or digit",
            f"rename it, e.g. `{suggestion}`",
            name,
        )
    ]


def test_container_name_length():
    d = data(**{"services[2].containers[0].name": "W" * 255})
    assert found(d, "E-NAMES-CONTAINER") == []
    d = data(**{"services[2].containers[0].name": "W" * 256})
    assert [p for p, *_ in found(d, "E-NAMES-CONTAINER")] == ["services[2].containers[0].name"]


def test_tag_problems_in_their_order_and_what_is_reported():
    tags = {
        "aws:x": "1",
        "AWS:y": "1",
        "": "v",
        "k" * 129: "v",
        "k" * 128: "v" * 256,
        "long": "v" * 257,
        "Project": "p",
        "bad#": "v",
        "ok": "bad#",
        "fine key:/=+-@._": "any value",
    }
    d = data(**{"project.tags": tags})
    length = ("tag keys are 1-128 and values 0-256 characters", "shorten")
    chars = (
        "tags may only use letters, digits, spaces and _ . : / = + - @",
        "remove other characters",
    )
    reserved = ("tag keys starting with `aws:` are reserved by AWS", "rename")
    assert sorted(found(d, "E-NAMES-TAG")) == sorted(
        [
            ("project.tags.aws:x", *reserved, "aws:x"),
            ("project.tags.AWS:y", *reserved, "AWS:y"),
            ("project.tags.", *length, ""),
            (f"project.tags.{'k' * 129}", *length, "k" * 129),
            ("project.tags.long", *length, "long"),
            ("project.tags.bad#", *chars, "bad#"),
            ("project.tags.ok", *chars, "bad#"),
        ]
    )
    assert found(d, "W-NAMES-TAG-OVERRIDDEN") == [
        (
            "project.tags.Project",
            "`Project` is set by ecs-wizard on every resource (from the project) and "
            "overrides this value",
            "rename the tag, or rely on the generated `Project` tag",
            "Project",
        )
    ]


def test_a_reserved_prefix_wins_over_length_and_an_override_over_characters():
    d = data(**{"project.tags": {"aws:" + "k" * 200: "v", "Environment": "bad#"}})
    assert [m for _, m, _, _ in found(d, "E-NAMES-TAG")] == [
        "tag keys starting with `aws:` are reserved by AWS"
    ]
    assert [p for p, *_ in found(d, "W-NAMES-TAG-OVERRIDDEN")] == ["project.tags.Environment"]


def test_duplicates_name_the_first_occurrence():
    d = data()
    d["services"].append(copy_service(d, 2))
    d["services"].append(copy_service(d, 2))
    d["routing"].append({**d["routing"][0], "priority": 30})
    d["services"][0]["containers"] += [
        {"name": "side", "image": "side:1"},
        {"name": "side", "image": "side:1"},
        {"name": "web", "image": "web:1"},
    ]
    assert found(d, "E-NAMES-DUPLICATE") == [
        (
            "services[0].containers[2].name",
            "duplicate container name in service `web`",
            "give every container of a service a unique name",
            "side",
        ),
        (
            "services[0].containers[3].name",
            "duplicate container name in service `web`",
            "give every container of a service a unique name",
            "web",
        ),
        (
            "services[3].name",
            "duplicate service name (also services[2])",
            "give every service a unique name",
            "worker",
        ),
        (
            "services[4].name",
            "duplicate service name (also services[2])",
            "give every service a unique name",
            "worker",
        ),
        (
            "routing[2].name",
            "duplicate rule name (also routing[0])",
            "give every rule a unique name",
            "api",
        ),
    ]


def copy_service(d: dict[str, Any], i: int) -> dict[str, Any]:
    return copy.deepcopy(d["services"][i])


@pytest.mark.parametrize(
    ("name", "refused"), [("sg", True), ("sg-x", True), ("sgx", False), ("xsg", False)]
)
def test_security_group_prefix(name, refused):
    expected = (
        "project.name",
        "the security group names derived from it would start with `sg-`, which AWS refuses",
        "choose a project name that does not start with `sg-` (and is not `sg`)",
        name,
    )
    assert found(data(**{"project.name": name}), "E-NAMES-SG-PREFIX") == (
        [expected] if refused else []
    )


def test_a_malformed_project_name_is_not_also_an_sg_prefix():
    assert found(data(**{"project.name": "sg-"}), "E-NAMES-SG-PREFIX") == []


def _lb_services(n: int) -> dict[str, Any]:
    d = data()
    d["services"] = [
        {
            "name": f"s{i}",
            "containers": [{"name": "c", "image": "nginx:1", "port": 80}],
            "load_balancer": {},
        }
        for i in range(n)
    ]
    d["routing"] = []
    return d


def test_target_groups_per_alb():
    assert found(_lb_services(100), "E-ALB-TARGET-GROUPS") == []
    assert found(_lb_services(101), "E-ALB-TARGET-GROUPS") == [
        (
            "services",
            "more than 100 services behind one ALB",
            "split the services across projects",
            None,
        )
    ]
    no_lb = _lb_services(101)
    no_lb["services"][0].pop("load_balancer")
    assert found(no_lb, "E-ALB-TARGET-GROUPS") == []


def _tags(n: int, *keys: str) -> dict[str, str]:
    tags = {k: "v" for k in keys}
    tags.update({f"k{i}": "v" for i in range(n - len(keys))})
    return tags


def test_tag_count_with_the_tags_ecs_wizard_adds():
    assert found(data(**{"project.tags": _tags(46)}), "E-NAMES-TAG-COUNT") == []
    assert found(data(**{"project.tags": _tags(47)}), "E-NAMES-TAG-COUNT") == [
        (
            "project.tags",
            "lists 47 tags; with the 4 that ecs-wizard adds (Environment, ManagedBy, Name, "
            "Project) some resources would carry 51, and AWS allows 50 per resource",
            "remove at least 1 tags from project.tags (keep at most 46)",
            47,
        )
    ]
    # tags set by hand that ecs-wizard also adds count once
    hand_set = data(**{"project.tags": _tags(49, "Project", "Name", "Environment")})
    assert found(hand_set, "E-NAMES-TAG-COUNT") == []


def test_tag_count_on_ec2_instances():
    keys = ("Project", "Environment", "ManagedBy")
    ec2 = {"capacity": {"fargate": {"weight": 1}, "ec2": {"instance_type": "m6i.large"}}}
    # without EC2: 48 + Name = 49; on instances: 48 + Name + AmazonECSManaged = 50
    assert found(data(cluster=ec2, **{"project.tags": _tags(48, *keys)}), "E-NAMES-TAG-COUNT") == []
    assert found(data(**{"project.tags": _tags(49, *keys)}), "E-NAMES-TAG-COUNT") == []
    assert found(data(cluster=ec2, **{"project.tags": _tags(49, *keys)}), "E-NAMES-TAG-COUNT") == [
        (
            "project.tags",
            "lists 49 tags; with the 2 that ecs-wizard adds (AmazonECSManaged, Name) some "
            "resources would carry 51, and AWS allows 50 per resource",
            "remove at least 1 tags from project.tags (keep at most 48)",
            49,
        )
    ]
    # with none of the reserved keys, EC2 instances carry the most added tags: the project's
    # default tags (Project, Environment, ManagedBy) reach them through the launch template,
    # with Name and AmazonECSManaged: 47 + 5 = 52
    assert found(data(cluster=ec2, **{"project.tags": _tags(47)}), "E-NAMES-TAG-COUNT")[0][2] == (
        "remove at least 2 tags from project.tags (keep at most 45)"
    )


def test_a_one_character_tag_key_is_fine():
    assert found(data(**{"project.tags": {"k": "v", "K": ""}}), "E-NAMES-TAG") == []


def test_duplicate_load_balanced_services_are_not_a_target_group_collision():
    d = data()
    d["services"][1]["name"] = "web"  # reported once, as a duplicate name
    assert found(d, "E-NAMES-TARGET-GROUP") == []
    assert [p for p, *_ in found(d, "E-NAMES-DUPLICATE")] == ["services[1].name"]


def test_tag_count_names_the_tags_added_to_ec2_instances_when_they_carry_the_most():
    # with Project and Environment set by hand, every resource adds ManagedBy and Name (51),
    # and EC2 instances also AmazonECSManaged (52): the message names the instances' three
    ec2 = {"capacity": {"fargate": {"weight": 1}, "ec2": {"instance_type": "m6i.large"}}}
    d = data(cluster=ec2, **{"project.tags": _tags(49, "Project", "Environment")})
    [(_, message, _, _)] = found(d, "E-NAMES-TAG-COUNT")
    assert "with the 3 that ecs-wizard adds (AmazonECSManaged, ManagedBy, Name)" in message


def test_a_service_named_like_another_s_shortened_target_group_collides():
    from ecs_wizard.aws import naming

    long_name = "payments-" + "x" * 30
    shortened = naming.target_group_name("shop", "prod", long_name)
    assert len(shortened) == naming.TARGET_GROUP_BASE_MAX
    twin = shortened.removeprefix("shop-prod-")  # fits, so it is kept as is: the same name
    d = data()
    d["services"][0]["name"] = long_name
    d["services"][2]["name"] = twin
    d["services"][2]["containers"][0]["port"] = 80
    d["services"][2]["load_balancer"] = {}
    d["routing"] = [
        {"name": f"r{k}", "priority": k + 1, "service": s, "paths": [f"/{k}"]}
        for k, s in enumerate((long_name, "api", twin))
    ]
    assert found(d, "E-NAMES-TARGET-GROUP") == [
        (
            "services[2].name",
            f"target group name `{shortened}` collides with services[0] after shortening to "
            f"{naming.TARGET_GROUP_BASE_MAX} characters",
            "rename one of the services",
            twin,
        )
    ]
    d["services"][1]["load_balancer"] = None  # a service without load balancer is skipped
    d["services"][1].pop("load_balancer")
    d["routing"] = [r for r in d["routing"] if r["service"] != "api"]
    assert [p for p, *_ in found(d, "E-NAMES-TARGET-GROUP")] == ["services[2].name"]
