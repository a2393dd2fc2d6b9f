"""Names: project, environment, service, rule and container names, tags, and the names derived
from them (ECS service, IAM role and target group names)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from ecs_wizard.aws import catalog, naming
from ecs_wizard.aws.limits import TAGS_PER_RESOURCE_MAX
from ecs_wizard.model.answers import Answers
from ecs_wizard.validation.issues import Issue
from ecs_wizard.validation.patterns import CONTAINER_NAME_RE, NAME_RE, RESERVED_TAGS, TAG_RE
from ecs_wizard.validation.registry import check, finding

_ECS_NAMES = "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_CreateService.html"
_TAGS = "https://docs.aws.amazon.com/tag-editor/latest/userguide/tagging.html"
_CONTAINER = (
    "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html"
    "#container_definition_name"
)
_TARGET_GROUP = (
    "https://docs.aws.amazon.com/elasticloadbalancing/latest/application/create-target-group.html"
)
_SECURITY_GROUP = (
    "https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateSecurityGroup.html"
)
_ALB_QUOTAS = (
    "https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-limits.html"
)


def _name_issue(path: str, value: str, what: str, max_len: int) -> Issue | None:
    if not NAME_RE.match(value):
        fixed = re.sub(r"[^a-z0-9-]+", "-", value.lower()).strip("-") or "app"
        if not fixed[0].isalpha():
            fixed = "x" + fixed
        return finding(
            path,
            f"{what} must use lower-case letters, digits and hyphens, start with a letter "
            "and not end with a hyphen",
            f"e.g. `{fixed}`",
            value,
        )
    if len(value) > max_len:
        return finding(path, f"{what} is longer than {max_len} characters", "shorten it", value)
    return None


@check(
    id="E-NAMES-FORMAT",
    severity="error",
    title="Project, environment, service and rule names are lower-case DNS-style labels",
    doc=_ECS_NAMES,
    tags=("names",),
)
def names_format(a: Answers) -> Iterator[Issue]:
    checks = [
        ("project.name", a.project.name, "the project name", 32),
        ("project.environment", a.project.environment, "the environment name", 32),
    ]
    checks += [(f"services[{i}].name", s.name, "a service name", 64) for i, s in
               enumerate(a.services)]  # fmt: skip
    checks += [(f"routing[{i}].name", r.name, "a rule name", 64) for i, r in enumerate(a.routing)]
    for path, value, what, max_len in checks:
        issue = _name_issue(path, value, what, max_len)
        if issue:
            yield issue


@check(
    id="E-NAMES-CONTAINER",
    severity="error",
    title="Container names are 1-255 letters, digits, hyphens and underscores",
    doc=_CONTAINER,
    tags=("names", "containers"),
)
def container_names(a: Answers) -> Iterator[Issue]:
    for i, s in enumerate(a.services):
        for j, c in enumerate(s.containers):
            if not CONTAINER_NAME_RE.match(c.name):
                fixed = re.sub(r"[^A-Za-z0-9_-]+", "-", c.name).lstrip("_-")[:255] or "app"
                yield finding(
                    f"services[{i}].containers[{j}].name",
                    "a container name must be 1-255 letters, digits, hyphens and underscores, "
                    "starting with a letter or digit",
                    f"rename it, e.g. `{fixed}`",
                    c.name,
                )


def _tag_problem(key: str, value: str) -> str | None:
    """What is wrong with a tag, checked in the order the messages are most useful."""
    if key.lower().startswith("aws:"):
        return "reserved"
    if not 1 <= len(key) <= 128 or len(value) > 256:
        return "length"
    if key in RESERVED_TAGS:
        return "overridden"
    if not TAG_RE.fullmatch(key) or not TAG_RE.fullmatch(value):
        return "characters"
    return None


@check(
    id="E-NAMES-TAG",
    severity="error",
    title="Tag keys and values follow AWS's tagging rules",
    doc=_TAGS,
    tags=("names", "tags"),
)
def tags(a: Answers) -> Iterator[Issue]:
    for key, value in a.project.tags.items():
        path = f"project.tags.{key}"
        problem = _tag_problem(key, value)
        if problem == "reserved":
            yield finding(path, "tag keys starting with `aws:` are reserved by AWS", "rename", key)
        elif problem == "length":
            yield finding(path, "tag keys are 1-128 and values 0-256 characters", "shorten", key)
        elif problem == "characters":
            yield finding(
                path,
                "tags may only use letters, digits, spaces and _ . : / = + - @",
                "remove other characters",
                key if not TAG_RE.fullmatch(key) else value,
            )


@check(
    id="W-NAMES-TAG-OVERRIDDEN",
    severity="warning",
    title="Tags the generated provider block sets on every resource are not set by hand",
    doc=_TAGS,
    tags=("names", "tags"),
)
def overridden_tags(a: Answers) -> Iterator[Issue]:
    for key, value in a.project.tags.items():
        if _tag_problem(key, value) == "overridden":
            yield finding(
                f"project.tags.{key}",
                f"`{key}` is set by ecs-wizard on every resource (from the project) and "
                "overrides this value",
                f"rename the tag, or rely on the generated `{key}` tag",
                key,
            )


def _repeats(names: Iterable[str]) -> Iterator[tuple[int, int]]:
    """(index, index of the first occurrence) for every name seen before."""
    first: dict[str, int] = {}
    for i, name in enumerate(names):
        if name in first:
            yield i, first[name]
        else:
            first[name] = i


@check(
    id="E-NAMES-DUPLICATE",
    severity="error",
    title="Service, container (per service) and rule names are unique",
    doc=_ECS_NAMES,
    tags=("names",),
)
def unique_names(a: Answers) -> Iterator[Issue]:
    for i, first in _repeats(s.name for s in a.services):
        yield finding(
            f"services[{i}].name",
            f"duplicate service name (also services[{first}])",
            "give every service a unique name",
            a.services[i].name,
        )
    for i, s in enumerate(a.services):
        for j, _ in _repeats(c.name for c in s.containers):
            yield finding(
                f"services[{i}].containers[{j}].name",
                f"duplicate container name in service `{s.name}`",
                "give every container of a service a unique name",
                s.containers[j].name,
            )
    for i, first in _repeats(r.name for r in a.routing):
        yield finding(
            f"routing[{i}].name",
            f"duplicate rule name (also routing[{first}])",
            "give every rule a unique name",
            a.routing[i].name,
        )


@check(
    id="E-NAMES-SG-PREFIX",
    severity="error",
    title="Derived security group names do not start with sg-",
    doc=_SECURITY_GROUP,
    tags=("names",),
)
def security_group_prefix(a: Answers) -> Iterator[Issue]:
    # Every security group's name starts with `<project>-<environment>-`, and AWS refuses
    # group names that start with "sg-" (CreateSecurityGroup, GroupName constraints).
    if NAME_RE.match(a.project.name) and f"{a.project.name}-".startswith("sg-"):
        yield finding(
            "project.name",
            "the security group names derived from it would start with `sg-`, which AWS refuses",
            "choose a project name that does not start with `sg-` (and is not `sg`)",
            a.project.name,
        )


@check(
    id="E-NAMES-TARGET-GROUP",
    severity="error",
    title="Shortened target group names do not collide",
    doc=_TARGET_GROUP,
    tags=("names", "alb"),
)
def target_group_names(a: Answers) -> Iterator[Issue]:
    p, e = a.project.name, a.project.environment
    tgs: dict[str, int] = {}
    for i, s in enumerate(a.services):
        if s.load_balancer is None:
            continue
        tg = naming.target_group_name(p, e, s.name)
        if tg in tgs and a.services[tgs[tg]].name != s.name:
            yield finding(
                f"services[{i}].name",
                f"target group name `{tg}` collides with services[{tgs[tg]}] after shortening "
                f"to {naming.TARGET_GROUP_BASE_MAX} characters",
                "rename one of the services",
                s.name,
            )
        tgs.setdefault(tg, i)


@check(
    id="E-ALB-TARGET-GROUPS",
    severity="error",
    title="No more load-balanced services than target groups per load balancer",
    doc=_ALB_QUOTAS,
    tags=("alb", "quotas"),
)
def target_groups_per_alb(a: Answers) -> Iterator[Issue]:
    if len(a.lb_services()) > catalog.TARGET_GROUPS_PER_ALB:
        yield finding(
            "services",
            f"more than {catalog.TARGET_GROUPS_PER_ALB} services behind one ALB",
            "split the services across projects",
        )


# -- Answers that `validate` let through and apply refused (issue 11) -----------------------

# Tag keys ecs-wizard itself puts on resources, besides project.tags: the provider's
# default_tags (root/versions.tf) on every resource, `Name` on the load balancer, security
# groups, target groups, certificates and launch templates' instances, and on EC2 capacity
# the Auto Scaling group's `Name` and `AmazonECSManaged` (propagated to the instances) and the
# default tags again, which the root module passes to the cluster because default_tags do not
# reach what the group launches. ECS's own aws:ecs:* tags do not count towards the limit.
_ADDED_EVERYWHERE = frozenset(RESERVED_TAGS | {"Name"})
_ADDED_ON_INSTANCES = frozenset(RESERVED_TAGS | {"Name", "AmazonECSManaged"})


@check(
    id="E-NAMES-TAG-COUNT",
    severity="error",
    title="project.tags plus the tags ecs-wizard adds fit AWS's 50 tags per resource",
    doc=_TAGS,
    tags=("names", "tags"),
)
def tag_count(a: Answers) -> Iterator[Issue]:
    keys = set(a.project.tags)
    added = set(_ADDED_EVERYWHERE)
    total = len(keys | _ADDED_EVERYWHERE)
    if a.cluster.capacity.ec2 is not None and len(keys | _ADDED_ON_INSTANCES) > total:
        added, total = set(_ADDED_ON_INSTANCES), len(keys | _ADDED_ON_INSTANCES)
    if total > TAGS_PER_RESOURCE_MAX:
        extra = sorted(added - keys)
        yield finding(
            "project.tags",
            f"lists {len(keys)} tags; with the {len(extra)} that ecs-wizard adds "
            f"({', '.join(extra)}) some resources would carry {total}, and AWS allows "
            f"{TAGS_PER_RESOURCE_MAX} per resource",
            f"remove at least {total - TAGS_PER_RESOURCE_MAX} tags from project.tags "
            f"(keep at most {TAGS_PER_RESOURCE_MAX - len(extra)})",
            len(keys),
        )
