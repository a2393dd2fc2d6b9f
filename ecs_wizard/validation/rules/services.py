"""Services: counts and scaling, deployments, containers (images, ports, environment, secrets,
health checks), the load balancer target and risky but legal choices."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ecs_wizard.aws import catalog
from ecs_wizard.aws.limits import (
    CONTAINERS_PER_TASK_MAX,
    HEALTH_CHECK_PATH_MAX,
    IMAGE_MAX_LEN,
)
from ecs_wizard.model.answers import Answers, Container
from ecs_wizard.validation.issues import Issue
from ecs_wizard.validation.patterns import (
    ENV_NAME_RE,
    KMS_KEY_ARN_RE,
    MATCHER_RE,
    SECRET_ARN_RE,
    parse_image,
)
from ecs_wizard.validation.registry import check, finding
from ecs_wizard.validation.shape import suggest

_ECS_DOCS = "https://docs.aws.amazon.com/AmazonECS/latest/developerguide"
_TASK_DEF = f"{_ECS_DOCS}/task_definition_parameters.html"
_SCALING = f"{_ECS_DOCS}/service-auto-scaling.html"
_DEPLOYMENT = f"{_ECS_DOCS}/deployment-type-ecs.html"
_QUOTAS = f"{_ECS_DOCS}/service-quotas.html"
_SECRETS = f"{_ECS_DOCS}/specifying-sensitive-data.html"
_HEALTH = "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_HealthCheck.html"
_EXEC = f"{_ECS_DOCS}/ecs-exec.html"
_AVAILABILITY = f"{_ECS_DOCS}/service-options.html"
_TARGET_HEALTH = (
    "https://docs.aws.amazon.com/elasticloadbalancing/latest/application/"
    "target-group-health-checks.html"
)
_LB = f"{_ECS_DOCS}/service-load-balancing.html"


def _containers(a: Answers) -> Iterator[tuple[str, Container]]:
    for i, s in enumerate(a.services):
        for j, c in enumerate(s.containers):
            yield f"services[{i}].containers[{j}]", c


@check(
    id="E-SERVICES-AUTOSCALING",
    severity="error",
    title="Autoscaling bounds hold desired_count; request scaling needs the load balancer",
    doc=_SCALING,
    tags=("services", "scaling"),
)
def autoscaling(a: Answers) -> Iterator[Issue]:
    for i, s in enumerate(a.services):
        base = f"services[{i}]"
        sc = s.autoscaling
        if sc is None:
            continue
        if sc.min > sc.max:
            yield finding(
                f"{base}.autoscaling.min",
                f"min ({sc.min}) is greater than max ({sc.max})",
                "make min ≤ max",
                sc.min,
            )
        elif not sc.min <= s.desired_count <= sc.max:
            yield finding(
                f"{base}.desired_count",
                f"must be between autoscaling min ({sc.min}) and max ({sc.max})",
                "adjust desired_count or the autoscaling bounds",
                s.desired_count,
            )
        if sc.requests_per_target is not None and s.load_balancer is None:
            yield finding(
                f"{base}.autoscaling.requests_per_target",
                "request-count scaling needs the service behind the load balancer",
                "add a load_balancer or use cpu_percent/memory_percent",
                sc.requests_per_target,
            )


@check(
    id="E-SERVICES-DEPLOYMENT",
    severity="error",
    title="maximum_percent is above minimum_healthy_percent",
    doc=_DEPLOYMENT,
    tags=("services",),
)
def deployment(a: Answers) -> Iterator[Issue]:
    for i, s in enumerate(a.services):
        d = s.deployment
        if d.maximum_percent <= d.minimum_healthy_percent:
            yield finding(
                f"services[{i}].deployment.maximum_percent",
                f"must be greater than minimum_healthy_percent ({d.minimum_healthy_percent}), "
                "or deployments cannot start a new task",
                "e.g. minimum_healthy_percent: 100, maximum_percent: 200",
                d.maximum_percent,
            )


@check(
    id="E-SERVICES-CONTAINER-COUNT",
    severity="error",
    title="A task definition holds at most ten containers",
    doc=_QUOTAS,
    tags=("services", "containers", "quotas"),
)
def container_count(a: Answers) -> Iterator[Issue]:
    for i, s in enumerate(a.services):
        if len(s.containers) > CONTAINERS_PER_TASK_MAX:
            yield finding(
                f"services[{i}].containers",
                f"has {len(s.containers)} containers; an ECS task definition holds at most "
                f"{CONTAINERS_PER_TASK_MAX}",
                f"keep at most {CONTAINERS_PER_TASK_MAX} containers, or split the service",
                len(s.containers),
            )


@check(
    id="E-SERVICES-IMAGE",
    severity="error",
    title="Images are valid [registry/]repository[:tag][@digest] references",
    doc=f"{_TASK_DEF}#container_definition_image",
    tags=("containers",),
)
def image_reference(a: Answers) -> Iterator[Issue]:
    for base, c in _containers(a):
        if parse_image(c.image) is None:
            yield finding(
                f"{base}.image",
                "is not a valid image reference",
                "use [registry/]repository[:tag][@sha256:digest], "
                "e.g. public.ecr.aws/nginx/nginx:1.27",
                c.image,
            )


@check(
    id="W-SERVICES-IMAGE-LATEST",
    severity="warning",
    title="Images are pinned to a version tag or digest",
    doc=f"{_TASK_DEF}#container_definition_image",
    tags=("containers", "reproducibility"),
)
def image_latest(a: Answers) -> Iterator[Issue]:
    for base, c in _containers(a):
        parsed = parse_image(c.image)
        if parsed is not None and parsed["digest"] is None and parsed["tag"] in (None, "latest"):
            yield finding(
                f"{base}.image",
                "uses the `latest` tag, so deployments are not reproducible",
                "pin a version tag or a digest, e.g. nginx:1.27",
                c.image,
            )


@check(
    id="E-SERVICES-PORT",
    severity="error",
    title="Container ports are 1-65535 and unique within a task",
    doc=f"{_TASK_DEF}#container_definition_portmappings",
    tags=("containers",),
)
def ports(a: Answers) -> Iterator[Issue]:
    for i, s in enumerate(a.services):
        seen: dict[int, int] = {}
        for j, c in enumerate(s.containers):
            if c.port is None:
                continue
            path = f"services[{i}].containers[{j}].port"
            if not 1 <= c.port <= 65535:
                yield finding(path, "must be 1-65535", "use a valid TCP port", c.port)
            elif c.port in seen:
                yield finding(
                    path,
                    f"port {c.port} is already used by containers[{seen[c.port]}] "
                    "(containers of a task share one network namespace)",
                    "use a different port",
                    c.port,
                )
            seen.setdefault(c.port, j)


_SECRET_HINT_RE = re.compile(
    "|".join(rf"(^|_){re.escape(h)}(S)?($|_)" for h in catalog.SECRET_NAME_HINTS)
)


def looks_secret(name: str) -> bool:
    """True for environment names such as DB_PASSWORD or API_KEY."""
    upper = name.upper()
    if _SECRET_HINT_RE.search(upper):
        return True
    return any(h in upper for h in ("PASSWORD", "SECRET", "TOKEN", "CREDENTIAL", "PRIVATE"))


@check(
    id="E-SERVICES-ENV-NAME",
    severity="error",
    title="Environment and secret names are valid variable names",
    doc=f"{_TASK_DEF}#container_definition_environment",
    tags=("containers",),
)
def env_names(a: Answers) -> Iterator[Issue]:
    for base, c in _containers(a):
        for section, keys in (("environment", list(c.environment)), ("secrets", list(c.secrets))):
            for key in keys:
                if not ENV_NAME_RE.match(key):
                    yield finding(
                        f"{base}.{section}.{key}",
                        "is not a valid environment variable name",
                        "use up to 255 letters, digits and underscores, not starting with a digit",
                        key,
                    )


@check(
    id="W-SERVICES-PLAINTEXT-SECRET",
    severity="warning",
    title="Secret-looking variables are passed as secrets, not plain environment",
    doc=_SECRETS,
    tags=("containers", "security"),
)
def plaintext_secrets(a: Answers) -> Iterator[Issue]:
    for base, c in _containers(a):
        for key in c.environment:
            if ENV_NAME_RE.match(key) and looks_secret(key):
                yield finding(
                    f"{base}.environment.{key}",
                    "looks like a secret but is stored in plain text in the task definition",
                    f"move it to `secrets` ({key}: arn:aws:ssm:...:parameter/... or a "
                    "Secrets Manager ARN)",
                    key,
                )


@check(
    id="E-SERVICES-SECRET",
    severity="error",
    title="Secrets are SSM parameter or Secrets Manager ARNs, not also in environment",
    doc=_SECRETS,
    tags=("containers", "security"),
)
def secrets(a: Answers) -> Iterator[Issue]:
    for base, c in _containers(a):
        for key, arn in c.secrets.items():
            if not SECRET_ARN_RE.match(arn):
                yield finding(
                    f"{base}.secrets.{key}",
                    "must be the ARN of an SSM parameter or a Secrets Manager secret",
                    "e.g. arn:aws:ssm:eu-west-1:123456789012:parameter/app/db-password or "
                    "arn:aws:secretsmanager:eu-west-1:123456789012:secret:app/db (optionally "
                    "with the secret's 6-character suffix, and :json-key:version-stage:version-id)",
                    arn,
                )
            if key in c.environment:
                yield finding(
                    f"{base}.secrets.{key}",
                    "is also set in `environment`",
                    "keep it in `secrets` only",
                    key,
                )


@check(
    id="E-SERVICES-SECRETS-KMS",
    severity="error",
    title="Secrets' KMS keys are key ARNs",
    doc=f"{_ECS_DOCS}/secrets-envvar-secrets-manager.html",
    tags=("services", "security"),
)
def secrets_kms_keys(a: Answers) -> Iterator[Issue]:
    for i, s in enumerate(a.services):
        for k, arn in enumerate(s.secrets_kms_key_arns):
            if not KMS_KEY_ARN_RE.match(arn):
                yield finding(
                    f"services[{i}].secrets_kms_key_arns[{k}]",
                    "must be the ARN of a KMS key (kms:Decrypt is granted on key ARNs; an "
                    "alias or key id matches nothing)",
                    "e.g. arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-"
                    "1234567890ab (aws kms describe-key --key-id alias/<name> shows it)",
                    arn,
                )


@check(
    id="E-SERVICES-HEALTH-CHECK",
    severity="error",
    title="Container health checks start with CMD or CMD-SHELL and a command",
    doc=_HEALTH,
    tags=("containers",),
)
def container_health_check(a: Answers) -> Iterator[Issue]:
    for base, c in _containers(a):
        hc = c.health_check
        if hc is None:
            continue
        if not hc.command or hc.command[0] not in ("CMD", "CMD-SHELL"):
            yield finding(
                f"{base}.health_check.command",
                "must start with CMD or CMD-SHELL followed by the command",
                'e.g. ["CMD-SHELL", "curl -f http://localhost/ || exit 1"]; to turn the '
                "check off, remove health_check",
                hc.command,
            )
        elif len(hc.command) < 2:
            yield finding(
                f"{base}.health_check.command",
                f"has no command after {hc.command[0]}",
                f'add the command to run, e.g. ["{hc.command[0]}", '
                '"curl -f http://localhost/ || exit 1"]',
                hc.command,
            )


@check(
    id="E-SERVICES-LB-CONTAINER",
    severity="error",
    title="The load balancer targets a container of the service that has a port",
    doc=_LB,
    tags=("services", "alb"),
)
def lb_container(a: Answers) -> Iterator[Issue]:
    for i, s in enumerate(a.services):
        lb = s.load_balancer
        if lb is None:
            continue
        path = f"services[{i}].load_balancer.container"
        if lb.container is None:
            yield finding(
                path,
                "no container of this service has a port to receive traffic",
                "set `port:` on the container that serves HTTP",
            )
            continue
        target = next((c for c in s.containers if c.name == lb.container), None)
        if target is None:
            names = [c.name for c in s.containers]
            best = suggest(lb.container, names)
            yield finding(
                path,
                f"no container named `{lb.container}` in service `{s.name}`",
                f"did you mean `{best}`?" if best else f"use one of: {', '.join(names)}",
                lb.container,
            )
        elif target.port is None:
            yield finding(
                path,
                f"container `{lb.container}` has no port",
                f"set `port:` on container `{lb.container}`",
                lb.container,
            )


@check(
    id="E-SERVICES-TARGET-HEALTH",
    severity="error",
    title="Target group health checks have a path, HTTP codes and timeout below interval",
    doc=_TARGET_HEALTH,
    tags=("services", "alb"),
)
def target_health_check(a: Answers) -> Iterator[Issue]:
    for i, s in enumerate(a.services):
        if s.load_balancer is None:
            continue
        base = f"services[{i}].load_balancer"
        hc = s.load_balancer.health_check
        if len(hc.path) > HEALTH_CHECK_PATH_MAX:
            yield finding(
                f"{base}.health_check.path",
                f"is {len(hc.path)} characters; target group health check paths are at most "
                f"{HEALTH_CHECK_PATH_MAX}",
                "use a short path that only checks health, e.g. /health",
                hc.path,
            )
        elif not hc.path.startswith("/"):
            yield finding(f"{base}.health_check.path", "must start with /", "e.g. /health", hc.path)
        if not MATCHER_RE.match(hc.matcher) or any(
            not 200 <= int(code) <= 499 for code in re.findall(r"\d{3}", hc.matcher)
        ):
            yield finding(
                f"{base}.health_check.matcher",
                "must be HTTP codes 200-499, e.g. 200, 200-399 or 200,302",
                'e.g. "200-399"',
                hc.matcher,
            )
        if hc.timeout >= hc.interval:
            yield finding(
                f"{base}.health_check.timeout",
                f"must be less than the interval ({hc.interval})",
                "lower timeout or raise interval",
                hc.timeout,
            )


@check(
    id="W-SERVICES-SINGLE-TASK",
    severity="warning",
    title="Services run at least two tasks",
    doc=_AVAILABILITY,
    tags=("services", "availability"),
)
def single_task(a: Answers) -> Iterator[Issue]:
    for i, s in enumerate(a.services):
        floor = s.autoscaling.min if s.autoscaling else s.desired_count
        if s.desired_count == 1 and floor <= 1:
            yield finding(
                f"services[{i}].desired_count",
                "a single task means downtime whenever it is replaced or its AZ fails",
                "run at least 2 tasks (desired_count: 2)",
                s.desired_count,
            )


@check(
    id="W-SERVICES-EXEC",
    severity="warning",
    title="ECS Exec is off unless debugging",
    doc=_EXEC,
    tags=("services", "security"),
)
def execute_command(a: Answers) -> Iterator[Issue]:
    for i, s in enumerate(a.services):
        if s.enable_execute_command:
            yield finding(
                f"services[{i}].enable_execute_command",
                "ECS Exec gives shell access into running containers",
                "enable it only while debugging",
                True,
            )


# -- Answers that `validate` let through and plan refused (issue 11) ------------------------


@check(
    id="E-SERVICES-IMAGE-LENGTH",
    severity="error",
    title="Image references are at most 255 characters",
    doc=f"{_TASK_DEF}#container_definition_image",
    tags=("containers",),
)
def image_length(a: Answers) -> Iterator[Issue]:
    for base, c in _containers(a):
        if len(c.image) > IMAGE_MAX_LEN:
            yield finding(
                f"{base}.image",
                f"is {len(c.image)} characters; ECS accepts image references of at most "
                f"{IMAGE_MAX_LEN}",
                "shorten it: pin by digest without a tag (repository@sha256:...), or use a "
                "shorter repository path",
                c.image,
            )


@check(
    id="E-SERVICES-EXEC-READONLY",
    severity="error",
    title="ECS Exec is not combined with a read-only root filesystem",
    doc=_EXEC,
    tags=("services", "containers"),
)
def execute_command_readonly_root(a: Answers) -> Iterator[Issue]:
    for i, s in enumerate(a.services):
        if not s.enable_execute_command:
            continue
        for j, c in enumerate(s.containers):
            if c.readonly_root_filesystem:
                yield finding(
                    f"services[{i}].containers[{j}].readonly_root_filesystem",
                    "ECS Exec's SSM agent must write to the container's filesystem; AWS does "
                    "not support ECS Exec with a read-only root filesystem",
                    "set readonly_root_filesystem: false on this container while you debug "
                    "with ECS Exec, or set enable_execute_command: false",
                    True,
                )
