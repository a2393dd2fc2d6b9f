"""One Copilot workload manifest (one environment's view of it) -> an ecs-wizard service.

Load Balanced Web Service -> a load-balanced service with rules; Backend Service -> a service
without a public rule (with `http:` its rules go on the project's one load balancer);
Worker Service -> a service without a load balancer. Other types are not migrated."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ecs_wizard.aws import naming
from ecs_wizard.copilot.containers import (
    Context,
    _image,
    env_and_secrets,
    health_check,
    parse_port,
    sidecars,
)
from ecs_wizard.copilot.http import HttpResult, map_http
from ecs_wizard.copilot.result import Status
from ecs_wizard.copilot.walk import Report, Section

LBWS, BACKEND, WORKER = "Load Balanced Web Service", "Backend Service", "Worker Service"
NOT_MIGRATED_TYPES = {
    "Request-Driven Web Service": "runs on AWS App Runner, not on ECS: ecs-wizard does not "
    "manage App Runner services; keep it in Copilot's stack or move it to a Load Balanced "
    "Web Service",
    "Scheduled Job": "a Step Functions state machine run on a schedule: ecs-wizard has no "
    "scheduled tasks; create an EventBridge Scheduler rule that runs the task by hand",
    "Static Site": "an S3 bucket behind CloudFront: not an ECS service; serve it with S3 and "
    "CloudFront outside ecs-wizard",
}
_KIND_TEXT = {
    LBWS: "a service behind the load balancer, with its routing rules",
    BACKEND: "a service without a public rule",
    WORKER: "a service without a load balancer",
}
_BACKEND_BEHIND_PUBLIC = (
    "a Backend Service's http needs an internal load balancer; ecs-wizard builds one load "
    "balancer per project, public here (the Load Balanced Web Services need it), and putting "
    "this service on it would make it public: the service runs without a load balancer; "
    "reach it through Service Connect, or add an internal load balancer by hand"
)
_RANGE_RE = re.compile(r"^\s*(\d+)\s*-\s*(\d+)\s*$")
_NOT_MIGRATED = {
    "nlb": "a Network Load Balancer: ecs-wizard builds one Application Load Balancer; "
    "put a Network Load Balancer in front of it by hand",
    "logging": "FireLens log routing: ecs-wizard sends logs to CloudWatch Logs (the awslogs "
    "driver); add a log router sidecar by hand",
    "observability": "X-Ray tracing: add the ADOT collector sidecar by hand",
    "taskdef_overrides": "raw task definition overrides: apply them to the rendered "
    "Terraform by hand",
    "publish": "SNS topics: create them outside ecs-wizard (publish/subscribe is not migrated)",
    "subscribe": "the SNS/SQS subscription: create the queue and subscription outside "
    "ecs-wizard and pass the queue URL in `variables`",
}


@dataclass
class WorkloadResult:
    name: str
    kind: str
    service: dict[str, Any] | None = None
    http: HttpResult | None = None
    spot: int | None = None  # count.spot
    spot_from: int | None = None  # count.range.spot_from
    connect: bool = False


def _count(sec: Section, service: dict[str, Any], res: WorkloadResult) -> None:
    raw = sec.data.get("count")
    if raw is None:
        service["desired_count"] = 1
        return
    if isinstance(raw, int) and not isinstance(raw, bool):
        service["desired_count"] = sec.int_("count", lo=0, hi=5000)
        sec.row("count", "migrated", f"desired_count: {raw}")
        return
    c = sec.sub("count")
    spot = c.int_("spot", lo=0)
    if spot is not None:
        service["desired_count"] = spot
        res.spot = spot
        c.row(
            "spot",
            "approximated",
            f"{spot} tasks on Fargate Spot: the service's capacity is [fargate_spot]",
        )
    rng = c.data.get("range")
    auto: dict[str, Any] = {}
    metrics = ("cpu_percentage", "memory_percentage", "requests")
    range_status: Status = "migrated"
    note = ""
    if not any(k in c.data for k in metrics):
        range_status = "approximated"
        note = (
            "; Copilot scaled on nothing without a metric, ecs-wizard's autoscaling has a "
            "target: CPU 70% (autoscaling.cpu_percent)"
        )
    if rng is not None:
        if isinstance(rng, str) and (m := _RANGE_RE.match(rng)):
            auto["min"], auto["max"] = int(m.group(1)), int(m.group(2))
            c.get("range")
            c.row("range", range_status, f"autoscaling min {auto['min']}, max {auto['max']}{note}")
        elif isinstance(rng, dict):
            r = c.sub("range")
            auto["min"], auto["max"] = r.int_("min", lo=0), r.int_("max", lo=1)
            if auto["min"] is None or auto["max"] is None:
                raise c.fail("range", rng, "needs min and max", "write `range: {min: 1, max: 10}`")
            r.row("min", range_status, f"autoscaling.min: {auto['min']}{note}")
            r.row("max", "migrated", f"autoscaling.max: {auto['max']}")
            spot_from = r.int_("spot_from", lo=1)
            if spot_from is not None:
                res.spot_from = spot_from
                r.row(
                    "spot_from",
                    "approximated",
                    f"Copilot runs task number {spot_from} and every one after it on Fargate Spot; "
                    f"ecs-wizard keeps the first {spot_from - 1} on Fargate (base) and "
                    "splits the rest evenly between Fargate and Fargate Spot",
                )
            r.finish()
        else:
            raise c.fail(
                "range",
                rng,
                "must be `MIN-MAX` or a map",
                "write `range: 1-10` or `range: {min: 1, max: 10}`",
            )
    cool = c.sub("cooldown")
    cooldowns = {"in": cool.duration("in"), "out": cool.duration("out")}
    for key, target in (("in", "scale_in_cooldown"), ("out", "scale_out_cooldown")):
        if cooldowns[key] is not None:
            auto[target] = cooldowns[key]
            cool.row(key, "migrated", f"autoscaling.{target}: {cooldowns[key]}")
    cool.finish()
    for key, target in (
        ("cpu_percentage", "cpu_percent"),
        ("memory_percentage", "memory_percent"),
        ("requests", "requests_per_target"),
    ):
        raw_metric = c.data.get(key)
        if raw_metric is None:
            continue
        if isinstance(raw_metric, dict):
            m_sec = c.sub(key)
            value = m_sec.int_("value", lo=1)
            m_sec.row("value", "migrated", f"autoscaling.{target}: {value}")
            if "cooldown" in m_sec:
                m_sec.get("cooldown")
                m_sec.row(
                    "cooldown",
                    "approximated",
                    "ecs-wizard has one cooldown pair for every metric: "
                    "autoscaling.scale_in_cooldown / scale_out_cooldown",
                )
            m_sec.finish()
        else:
            value = c.int_(key, lo=1)
            c.row(key, "migrated", f"autoscaling.{target}: {value}")
        auto[target] = value
    for key in ("response_time", "queue_delay"):
        c.get(key)
        c.row(
            key,
            "not migrated",
            f"ecs-wizard scales on CPU, memory and requests per target; {key} needs a "
            "custom target-tracking policy, added by hand",
        )
    c.finish()
    if "min" in auto:
        service["autoscaling"] = auto
        service["desired_count"] = auto["min"]
    elif any(k in auto for k in ("cpu_percent", "memory_percent", "requests_per_target")):
        raise c.fail(
            "range", None, "autoscaling targets need a range", "add `range: 1-10` to count"
        )
    elif spot is None:
        service["desired_count"] = 1


def _platform(sec: Section, service: dict[str, Any]) -> None:
    """`platform`: `linux/x86_64` or `linux/arm64`, as a string or {osfamily, architecture}."""
    raw = sec.get("platform")
    if raw is None:
        return
    if isinstance(raw, dict):
        text = f"{raw.get('osfamily', '')}/{raw.get('architecture', '')}".lower()
    else:
        text = str(raw).lower()
    if text in ("linux/amd64", "linux/x86_64"):
        sec.row("platform", "migrated", "Linux on x86_64, as ecs-wizard's Fargate tasks")
    elif text == "linux/arm64":
        service["cpu_architecture"] = "ARM64"
        sec.row("platform", "migrated", "cpu_architecture: ARM64 (Fargate on Graviton)")
    else:
        sec.row(
            "platform",
            "not migrated",
            f"{raw}: ecs-wizard runs Linux tasks (x86_64 or arm64); Windows containers are "
            "not offered",
        )


def _no_spot_on_arm64(sec: Section, service: dict[str, Any], res: WorkloadResult) -> None:
    """Fargate Spot runs x86_64 tasks only; Copilot refuses arm64 with count.spot/spot_from."""
    if service.get("cpu_architecture") != "ARM64":
        return
    if res.spot is not None or res.spot_from is not None:
        spot = "count.spot" if res.spot is not None else "count.range.spot_from"
        raise sec.fail(
            "platform",
            sec.data.get("platform"),
            f"is linux/arm64, but {spot} puts tasks on Fargate Spot, which runs x86_64 only "
            "(Copilot refuses this combination too)",
            f"remove {spot} (the tasks run on Fargate), or build the image for linux/x86_64 "
            "and write `platform: linux/x86_64`",
        )


def _security_groups(vpc: Section, service: dict[str, Any]) -> None:
    """`security_groups`: a list of ids / from_cfn, or a map {groups: [...], deny_default}."""
    raw = vpc.get("security_groups")
    if raw is None:
        return
    sgs = vpc
    key = "security_groups"
    if isinstance(raw, dict):
        sgs = vpc.sub("security_groups")
        deny = sgs.bool_("deny_default")
        if deny is not None:
            sgs.row(
                "deny_default",
                "migrated" if deny else "approximated",
                "ecs-wizard has no environment-wide security group: a task admits only the "
                "load balancer and Service Connect clients"
                + ("" if deny else "; Copilot's default group let in every task of the env"),
            )
        key = "groups"
        raw = sgs.get("groups") or []
    if not isinstance(raw, list):
        raise sgs.fail(key, raw, "must be a list", "write `- sg-0123456789abcdef0`")
    ids: list[str] = []
    for i, item in enumerate(raw):
        field = sgs.path(f"{key}[{i}]")
        if isinstance(item, dict) and "from_cfn" in item:
            detail = (
                f"from_cfn {item['from_cfn']}: a CloudFormation export has no value outside "
                "the stack; resolve it and add the id to services[].security_group_ids"
            )
            sgs.report.add(sgs.file, field, "not migrated", detail)
        else:
            ids.append(str(item))
            sgs.report.add(sgs.file, field, "migrated", f"security_group_ids: {item}")
    if ids:
        service["security_group_ids"] = ids
    if isinstance(vpc.data.get("security_groups"), dict):
        sgs.finish()


def _connect(net: Section, service: dict[str, Any], res: WorkloadResult) -> None:
    """`connect`: true/false, or a map {alias}: Service Connect, a server when the main
    container has a port (clients call http://ALIAS:PORT, ALIAS defaulting to the service
    name, as Copilot does), a client otherwise."""
    connect = net.get("connect")
    if connect is None:
        return
    if not isinstance(connect, bool | dict):
        raise net.fail("connect", connect, "must be true, false or a map", "write `connect: true`")
    alias = None
    if isinstance(connect, dict):
        c = net.sub("connect")
        alias = c.str_("alias")
        c.finish()
    if connect is False:
        net.row("connect", "migrated", "Service Connect stays off")
        return
    res.connect = True
    name = service["name"]
    main = service["containers"][0]
    port = main.get("port")
    if port is None:
        service["service_connect"] = {"client": True}
        net.row("connect", "migrated", "service_connect: client (no port, so not a server)")
        return
    dns = alias or name
    service["service_connect"] = {
        "client": True,
        "server": {
            "port_name": naming.port_name(main["name"], port, main.get("port_name")),
            "discovery_name": name,
            "dns_name": dns,
        },
    }
    net.row(
        "connect",
        "migrated",
        f"service_connect: client and server, called as http://{dns}:{port} "
        "(Copilot's DNS service discovery names, NAME.ENV.APP.local, are not created)",
    )


def _network(sec: Section, service: dict[str, Any], res: WorkloadResult) -> None:
    net = sec.sub("network")
    _connect(net, service, res)
    vpc = net.sub("vpc")
    placement = vpc.get("placement")
    if placement is not None:
        if placement == "private":
            vpc.row("placement", "migrated", "tasks run in the private subnets")
        else:
            vpc.row(
                "placement",
                "approximated",
                f"{placement}: ecs-wizard runs tasks in network.private_subnet_ids without "
                "public IPs; they reach the internet through the VPC's NAT gateway",
            )
    _security_groups(vpc, service)
    vpc.finish()
    net.finish()


def map_workload(
    name: str, manifest: dict[str, Any], file: str, ctx: Context, report: Report
) -> WorkloadResult:
    sec = Section(report, file, "", manifest)
    kind = sec.get("type")
    if not isinstance(kind, str):
        raise sec.fail("type", kind, "must name the workload type", f"write e.g. `type: {LBWS}`")
    sec.get("environments")  # overrides are merged before this is called
    declared = sec.get("name")
    if declared is not None and str(declared) != name:
        # The workload is keyed by its folder (copilot/<name>/manifest.yml); Copilot itself
        # refuses a manifest whose `name` says otherwise, so the import does not guess.
        raise sec.fail(
            "name",
            declared,
            f"differs from the workload's folder copilot/{name}/ (Copilot refuses such a "
            "workspace)",
            f"rename the folder to copilot/{declared}/ or set `name: {name}`",
        )
    if kind not in NOT_MIGRATED_TYPES:
        sec.row("name", "migrated", f"service {name}")
    res = WorkloadResult(name, str(kind))
    if kind in NOT_MIGRATED_TYPES:
        sec.row("type", "not migrated", f"{kind}: {NOT_MIGRATED_TYPES[kind]}")
        for key in manifest:
            if key not in ("type", "environments"):
                sec.row(key, "not migrated", f"part of the {kind} {name}, which is not migrated")
        return res
    if kind not in (LBWS, BACKEND, WORKER):
        raise sec.fail(
            "type",
            kind,
            "is not a Copilot workload type",
            f"use one of: {LBWS}, {BACKEND}, {WORKER}, {', '.join(NOT_MIGRATED_TYPES)}",
        )
    sec.row("type", "migrated", _KIND_TEXT[kind])
    main: dict[str, Any] = {"name": name}
    service: dict[str, Any] = {"name": name}
    main["image"] = _image(sec, "image", ctx, name)
    img = Section(
        report,
        file,
        "image",
        manifest.get("image") if isinstance(manifest.get("image"), dict) else None,
    )
    port = parse_port(img, "port")
    if port is not None:
        main["port"] = port
        img.row("port", "migrated", f"containers[0].port: {port}")
    hc = health_check(img)
    if hc is not None:
        main["health_check"] = hc
    img.read |= {"location", "build", "credentials", "labels", "depends_on"}
    img.finish()
    for key, target in (("cpu", "cpu"), ("memory", "memory")):
        value = sec.int_(key, lo=1)
        if value is not None:
            service[target] = value
            sec.row(key, "migrated", f"{target}: {value}")
    _platform(sec, service)
    _count(sec, service, res)
    _no_spot_on_arm64(sec, service, res)
    exec_ = sec.get("exec")
    storage_raw = manifest.get("storage")
    readonly = isinstance(storage_raw, dict) and storage_raw.get("readonly_fs") is True
    if exec_ and readonly:
        service["enable_execute_command"] = False
        sec.row(
            "exec",
            "not migrated",
            "AWS does not support ECS Exec with a read-only root filesystem, and this service "
            "has storage.readonly_fs: true, which is kept; to debug, turn readonly_fs off and "
            "set enable_execute_command: true",
        )
    elif exec_ is not None:
        service["enable_execute_command"] = bool(exec_)
        sec.row(
            "exec",
            "migrated" if isinstance(exec_, bool) else "approximated",
            f"enable_execute_command: {str(bool(exec_)).lower()}",
        )
    dep = sec.sub("deployment")
    rolling = dep.str_("rolling")
    if rolling is not None:
        if rolling not in ("default", "recreate"):
            raise dep.fail(
                "rolling", rolling, "must be default or recreate", "write `rolling: default`"
            )
        service["deployment"] = (
            {"minimum_healthy_percent": 0, "maximum_percent": 100}
            if rolling == "recreate"
            else {"minimum_healthy_percent": 100, "maximum_percent": 200}
        )
        dep.row("rolling", "migrated", f"deployment {service['deployment']}")
    dep.get("rollback_alarms")
    dep.row(
        "rollback_alarms",
        "not migrated",
        "CloudWatch alarms that roll a deployment back: ecs-wizard rolls back on the "
        "deployment circuit breaker only; add the alarms to the service by hand",
    )
    dep.finish()
    for key in ("command", "entrypoint"):
        words = sec.words(key)
        if words is not None:
            main[key] = words
            sec.row(key, "migrated", f"containers[0].{key}: {words}")
    env_and_secrets(sec, ctx, main)
    storage = sec.sub("storage")
    ro = storage.bool_("readonly_fs")
    if ro is not None:
        main["readonly_root_filesystem"] = ro
        storage.row("readonly_fs", "migrated", f"readonly_root_filesystem: {str(ro).lower()}")
    storage.get("volumes")
    storage.row(
        "volumes",
        "not migrated",
        "EFS volumes: ecs-wizard answers have no volumes; mount the file system by hand",
    )
    storage.get("ephemeral")
    storage.row(
        "ephemeral",
        "not migrated",
        "extra ephemeral storage: ecs-wizard tasks get Fargate's default 20 GiB",
    )
    storage.finish()
    containers = [main, *sidecars(sec, ctx, name)]
    service["containers"] = containers
    _network(sec, service, res)
    for key, what in _NOT_MIGRATED.items():
        sec.get(key)
        sec.row(key, "not migrated", what)
    http_raw = sec.get("http")
    if kind == WORKER and http_raw is not None:
        sec.row("http", "not migrated", "a Worker Service has no load balancer")
    elif http_raw is False or http_raw is None:
        if kind == LBWS and http_raw is None:
            raise sec.fail(
                "http", None, "a Load Balanced Web Service needs `http`", "add `http: {path: /}`"
            )
        sec.row("http", "migrated", "no load balancer")
    elif isinstance(http_raw, dict) and kind == BACKEND and ctx.public_alb:
        for key in http_raw:
            report.add(file, f"http.{key}", "not migrated", _BACKEND_BEHIND_PUBLIC)
    elif isinstance(http_raw, dict):
        ports = {c["name"]: c.get("port") for c in containers}
        res.http = map_http(
            Section(report, file, "http", http_raw), name, ports, name, backend=kind == BACKEND
        )
        if kind == BACKEND:
            report.add(
                file,
                "http",
                "approximated",
                "Copilot serves a Backend Service's http on the environment's internal load "
                "balancer; no service here needs a public one, so the project's load balancer "
                "is internal (alb.internal: true) and these rules go on it",
            )
        service["load_balancer"] = res.http.load_balancer
    else:
        raise sec.fail("http", http_raw, "must be a map or false", "write `http: {path: /}`")
    sec.finish()
    res.service = service
    return res
