"""Names two environments cannot share (issue 19): each environment is its own state, so two
that create the same AWS object both try to own it. The second apply fails (the bucket or the
namespace exists), or worse, both states manage one Route 53 record and each apply rewrites
it to its own load balancer. The rules run on every merged environment at once
(`validation.environments.validate_environments`) and name both environments.

- An access-log bucket that `alb.access_logs.create_bucket` creates: S3 bucket names are
  global, whatever the account or region.
- A Route 53 record of `alb.dns_records`: the same name in the same hosted zone.
- The Service Connect namespace: a Cloud Map HTTP namespace name is unique in an account and
  region. Environments without `account_id` are taken to share the account.
"""

from __future__ import annotations

from collections.abc import Callable

from ecs_wizard.model.answers import Answers
from ecs_wizard.validation.issues import Issue
from ecs_wizard.validation.registry import register

register(
    "E-ENV-SHARED-BUCKET",
    "error",
    "Two environments do not create the same access-log bucket",
    "https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html",
    ("environments", "alb"),
)
register(
    "E-ENV-SHARED-RECORD",
    "error",
    "Two environments do not own the same Route 53 record",
    "https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/resource-record-sets-choosing-alias-non-alias.html",
    ("environments", "alb"),
)
register(
    "E-ENV-SHARED-NAMESPACE",
    "error",
    "Two environments in one account and region do not create the same Service Connect namespace",
    "https://docs.aws.amazon.com/cloud-map/latest/api/API_CreateHttpNamespace.html",
    ("environments", "service_connect"),
)

#: where an issue goes: the environment's overlay path of a merged path when the overlay wrote
#: it, else None (the base path)
SourcePath = Callable[[str, str], str | None]


#: what an environment creates of one kind: (the identity AWS keys it by, its merged path,
#: the name as written)
Created = list[tuple[object, str, str]]


def _owners(envs: dict[str, Answers], created: Callable[[Answers], Created]):
    """The environments that create the same thing, each with (path, name), in file order."""
    found: dict[object, list[tuple[str, str, str]]] = {}
    for env, answers in envs.items():
        for key, path, name in created(answers):
            found.setdefault(key, []).append((env, path, name))
    return [holders for holders in found.values() if len(holders) > 1]


def _buckets(a: Answers) -> Created:
    logs = a.alb.access_logs
    if logs is None or not logs.create_bucket:
        return []
    return [(logs.bucket, "alb.access_logs.bucket", logs.bucket)]


def _records(a: Answers) -> Created:
    return [
        ((r.zone_id, r.name.lower().rstrip(".")), f"alb.dns_records[{i}].name", r.name)
        for i, r in enumerate(a.alb.dns_records)
    ]


def _namespaces(a: Answers) -> Created:
    if a.service_connect is None:
        return []
    name = a.service_connect.namespace
    key = (a.project.account_id, a.project.region, name.lower())
    return [(key, "service_connect.namespace", name)]


_KINDS = (
    (
        "E-ENV-SHARED-BUCKET",
        _buckets,
        "create the access-log bucket {value!r} (S3 bucket names are global)",
        "give each its own: {path} in environments.{env}, e.g. {value}-{env}",
    ),
    (
        "E-ENV-SHARED-RECORD",
        _records,
        "own the Route 53 record {value!r} in one hosted zone: each apply would point it "
        "at its own load balancer",
        "give each its own name: set alb.dns_records in environments.{env}, e.g. {env}.{value}",
    ),
    (
        "E-ENV-SHARED-NAMESPACE",
        _namespaces,
        "create the Service Connect namespace {value!r} in the same account and region "
        "(Cloud Map allows it once)",
        "give each its own: service_connect.namespace in environments.{env}, e.g. "
        "{env}.{value}; or set account_id per environment if they live in different accounts",
    ),
)


def shared_name_issues(envs: dict[str, Answers], source: SourcePath) -> list[Issue]:
    """One issue per name two or more environments would create, at the last environment's
    overlay path (or the base path, when the value comes from the base)."""
    issues: list[Issue] = []
    for rule, key, message, fix in _KINDS:
        for holders in _owners(envs, key):
            names = [env for env, _p, _n in holders]
            env, path, value = holders[-1]
            issues.append(
                Issue(
                    source(env, path) or path,
                    f"environments {', '.join(names[:-1])} and {names[-1]} would "
                    + ("both " if len(names) == 2 else "all ")
                    + message.format(value=value),
                    fix.format(path=path, env=env, value=value),
                    value,
                    rule=rule,
                )
            )
    return issues
