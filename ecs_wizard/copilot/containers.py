"""Containers: the main container (`image`, `variables`, `secrets`, `command`, ...) and each
sidecar, with secrets turned into ARNs (SSM parameter names and Secrets Manager names need the
account id and the environment's region)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ecs_wizard.copilot.result import CopilotImportError
from ecs_wizard.copilot.walk import Section

_CFN = (
    "`from_cfn` reads a CloudFormation export, which ecs-wizard cannot resolve: look the "
    "value up (aws cloudformation list-exports) and write it in the answers"
)


@dataclass
class Context:
    """What mapping a workload needs besides its manifest."""

    env: str | None
    region: str
    account_id: str | None
    images: Mapping[str, str] = field(default_factory=dict)
    used_images: set[str] = field(default_factory=set)
    public_alb: bool = False  # a Load Balanced Web Service needs the public load balancer


def parse_port(sec: Section, key: str) -> int | None:
    value = sec.get(key)
    if value is None:
        return None
    text = str(value).split("/", 1)[0] if isinstance(value, str) else value
    if isinstance(text, str) and text.isdigit():
        text = int(text)
    if isinstance(text, bool) or not isinstance(text, int) or not 1 <= text <= 65535:
        raise sec.fail(key, value, "is not a port number", "write a port, e.g. 8080 or 8080/tcp")
    if isinstance(value, str) and "/" in value and not value.endswith("/tcp"):
        raise sec.fail(key, value, "ecs-wizard containers listen on TCP", "use a TCP port")
    return text


def _image(sec: Section, key: str, ctx: Context, image_key: str) -> str:
    """`image` (a map for the main container; text or a map for a sidecar) -> reference."""
    raw = sec.data.get(key)
    repo = image_key.replace("/", "-")
    flag = f"--image {image_key}=ACCOUNT.dkr.ecr.REGION.amazonaws.com/{repo}:TAG"
    given = ctx.images.get(image_key)
    if given is not None:
        ctx.used_images.add(image_key)
    if isinstance(raw, str):
        sec.get(key)
        sec.row(key, "migrated", f"image {given or raw}")
        return given or raw
    img = sec.sub(key)
    location = img.str_("location")
    build = img.get("build")
    if build is not None:
        if given is None:
            raise CopilotImportError(
                sec.file,
                img.path("build"),
                build if isinstance(build, str) else "(map)",
                f"push the image and add {flag}",
                "builds the image from a Dockerfile; ecs-wizard deploys an image from a registry",
            )
        img.row(
            "build", "migrated", f"built by Copilot; now the pushed image from --image: {given}"
        )
    if location is not None:
        img.row("location", "migrated", f"image {given or location}")
    if given is None and location is None:
        raise CopilotImportError(
            sec.file,
            img.path("location"),
            None,
            f"add `location: URI` or pass {flag}",
            "names no image",
        )
    for name, what in (
        (
            "credentials",
            "private registry credentials: give the task execution role access "
            "to the registry instead",
        ),
        ("labels", "Docker labels: add them to the image's Dockerfile instead"),
        ("depends_on", "container start order: ecs-wizard starts every container together"),
    ):
        img.get(name)
        img.row(name, "not migrated", what)
    return given or str(location)


def health_check(sec: Section) -> dict[str, Any] | None:
    """`healthcheck` of a container; Copilot's defaults (10s, 2 retries, 5s) are kept."""
    if "healthcheck" not in sec:
        return None
    hc = sec.sub("healthcheck")
    command = hc.words("command")
    if not command:
        raise hc.fail(
            "command",
            None,
            "a health check needs a command",
            'write `command: ["CMD-SHELL", "curl -f http://localhost/ || exit 1"]`',
        )
    out = {
        "command": command,
        "interval": hc.duration("interval") or 10,
        "timeout": hc.duration("timeout") or 5,
        "retries": hc.int_("retries") or 2,
        "start_period": hc.duration("start_period") or 0,
    }
    for key in ("command", "interval", "timeout", "retries", "start_period"):
        hc.row(key, "migrated", f"health_check.{key}: {out[key]}")
    hc.finish()
    return out


def secret_arn(sec: Section, key: str, value: Any, ctx: Context) -> str | None:
    """The ARN of a Copilot secret; None for from_cfn (reported)."""

    def need_account(name: str) -> str:
        if ctx.account_id:
            return ctx.account_id
        raise CopilotImportError(
            sec.file,
            sec.path(key),
            name,
            "pass --account-id 123456789012 (the AWS account of "
            f"{'environment ' + ctx.env if ctx.env else 'the environment'})",
            "is a secret name; its ARN needs the account id",
        )

    if isinstance(value, str | int) and not isinstance(value, bool):
        name = str(value)
        if name.startswith("arn:"):
            return name
        return f"arn:aws:ssm:{ctx.region}:{need_account(name)}:parameter/{name.lstrip('/')}"
    if isinstance(value, dict) and set(value) == {"secretsmanager"}:
        name = value["secretsmanager"]
        if not isinstance(name, str) or not name:
            raise sec.fail(
                key,
                value,
                "secretsmanager must be a secret name or ARN",
                "write `secretsmanager: NAME`",
            )
        if name.startswith("arn:"):
            return name
        return f"arn:aws:secretsmanager:{ctx.region}:{need_account(name)}:secret:{name}"
    if isinstance(value, dict) and set(value) == {"from_cfn"}:
        return None
    raise sec.fail(
        key,
        value,
        "is not a Copilot secret",
        "write an SSM parameter name, `secretsmanager: NAME` or `from_cfn: EXPORT`",
    )


def env_and_secrets(sec: Section, ctx: Context, container: dict[str, Any]) -> None:
    variables = sec.sub("variables")
    env: dict[str, str] = {}
    for name, value in variables.data.items():
        if isinstance(value, dict) and set(value) == {"from_cfn"}:
            variables.row(name, "not migrated", _CFN)
            continue
        if isinstance(value, dict | list) or value is None:
            raise variables.fail(name, value, "must be a value", f"write `{name}: VALUE`")
        env[str(name)] = ("true" if value else "false") if isinstance(value, bool) else str(value)
        variables.row(name, "migrated", f"environment {name}")
    variables.finish()
    if env:
        container["environment"] = env
    secrets = sec.sub("secrets")
    out: dict[str, str] = {}
    for name in secrets.data:
        arn = secret_arn(secrets, name, secrets.get(name), ctx)
        if arn is None:
            secrets.row(name, "not migrated", _CFN)
            continue
        out[str(name)] = arn
        secrets.row(name, "migrated", f"secrets {name}: {arn}")
    secrets.finish()
    if out:
        container["secrets"] = out
    if sec.get("env_file") is not None:
        sec.row(
            "env_file",
            "not migrated",
            "an env file in S3: copy its variables into `variables` before importing",
        )


def sidecars(sec: Section, ctx: Context, service: str) -> list[dict[str, Any]]:
    sc = sec.sub("sidecars")
    out: list[dict[str, Any]] = []
    for name in sc.data:
        raw = sc.get(name)
        if not isinstance(raw, dict):
            raise sc.fail(
                name, raw, "a sidecar is a map", "write `image: URI` and `port: N` under it"
            )
        side = Section(sc.report, sc.file, sc.path(str(name)), raw)
        c: dict[str, Any] = {"name": str(name)}
        c["image"] = _image(side, "image", ctx, f"{service}/{name}")
        port = parse_port(side, "port")
        if port is not None:
            c["port"] = port
            side.row("port", "migrated", f"containers {name} port {port}")
        essential = side.bool_("essential")
        c["essential"] = True if essential is None else essential
        side.row("essential", "migrated", f"essential: {str(c['essential']).lower()}")
        for key in ("command", "entrypoint"):
            words = side.words(key)
            if words is not None:
                c[key] = words
                side.row(key, "migrated", f"{key}: {words}")
        hc = health_check(side)
        if hc is not None:
            c["health_check"] = hc
        env_and_secrets(side, ctx, c)
        for key, what in (
            ("credentialsParameter", "private registry credentials: not in ecs-wizard answers"),
            ("mount_points", "volumes (EFS) are not migrated; see storage.volumes"),
            ("labels", "Docker labels: add them to the image instead"),
            ("depends_on", "container start order: ecs-wizard starts every container together"),
        ):
            side.get(key)
            side.row(key, "not migrated", what)
        side.finish()
        out.append(c)
    sc.finish()
    return out
