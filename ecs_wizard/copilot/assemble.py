"""One environment's answers from its mapped environment and workloads: services, routing
(priorities so that more specific paths win), the load balancer, capacity for Spot."""

from __future__ import annotations

from typing import Any

from ecs_wizard.copilot.environments import EnvSpec
from ecs_wizard.copilot.http import RuleSpec
from ecs_wizard.copilot.result import CopilotImportError
from ecs_wizard.copilot.walk import Report
from ecs_wizard.copilot.workloads import BACKEND, WorkloadResult

PRIORITY_STEP = 10


def ordered_rules(results: list[WorkloadResult], root_rules: set[str]) -> list[RuleSpec]:
    rules: list[RuleSpec] = []
    for res in results:
        if res.http is None:
            continue
        rules += res.http.rules
        if res.http.default and res.name in root_rules:
            rules.append(RuleSpec(res.name, res.name, [], ["/*"], [], "/"))
    _unique_names(rules)
    return sorted(rules, key=RuleSpec.specificity)


def _unique_names(rules: list[RuleSpec]) -> None:
    """A service's own rule is named after it, its additional rules `<service>-<n>`; so
    services `web` (with an additional rule) and `web-1` would both make a rule `web-1`. A
    service's own rule keeps its name (rules are keyed by name in overlays and moves); an
    additional rule that collides takes the next free `-<n>` suffix, the same in every
    environment (it depends only on the workloads)."""
    taken = {r.name for r in rules if r.name == r.service}
    for rule in sorted((r for r in rules if r.name != r.service), key=lambda r: r.name):
        name, n = rule.name, 2
        while name in taken:
            name, n = f"{rule.name}-{n}", n + 1
        rule.name = name
        taken.add(name)


def _certificates(
    spec: EnvSpec, results: list[WorkloadResult], files: dict[str, str], report: Report
) -> list[dict[str, Any]]:
    """The environment's certificate ARNs, plus a new certificate for the aliases: those with
    a hosted zone always (validated in it), the others only when the environment imports no
    certificate (Copilot then used the application's domain, whose zone is not named)."""
    out: list[dict[str, Any]] = [{"arn": arn} for arn in spec.certificates]
    aliases: list[tuple[str, str | None, str]] = []
    for res in results:
        for name, zone in res.http.aliases if res.http else []:
            if name not in [a for a, _, _ in aliases] and (zone or not spec.certificates):
                aliases.append((name, zone, res.name))
    if not aliases:
        return out
    first, zone, _owner = aliases[0]
    cert: dict[str, Any] = {"domain": first}
    if len(aliases) > 1:
        cert["subject_alternative_names"] = [a for a, _, _ in aliases[1:]]
    if zone:
        cert["route53_zone_id"] = zone
    zones = {a: z for a, z, _ in aliases[1:] if z and z != zone}
    if zones:
        cert["zones"] = zones
    for name, z, svc in aliases:
        if not z:
            report.add(
                files[svc],
                f"http.alias {name} (certificate)",
                "approximated",
                f"a new ACM certificate is requested for {name}; Copilot validated it in "
                "the application's domain zone, which the workspace does not name: add "
                "hosted_zone to the alias (or route53_zone_id to the certificate), or "
                "create the DNS validation record by hand",
            )
    return [*out, cert]


def _capacity(answers: dict[str, Any], results: list[WorkloadResult]) -> None:
    spot_from = [r for r in results if r.service and r.spot_from]
    spot = [r for r in results if r.service and r.spot is not None]
    if not spot_from and not spot:
        return
    services = {s["name"]: s for s in answers["services"]}
    if spot_from:
        base = min(r.spot_from or 1 for r in spot_from) - 1
        answers["cluster"]["capacity"] = {
            "fargate": {"weight": 1, "base": base},
            "fargate_spot": {"weight": 1},
        }
        for s in services.values():
            s["capacity"] = ["fargate"]
        for r in spot_from:
            services[r.name]["capacity"] = ["fargate", "fargate_spot"]
    else:
        answers["cluster"]["capacity"] = {"fargate": {"weight": 1}, "fargate_spot": {"weight": 0}}
    for r in spot:
        services[r.name]["capacity"] = ["fargate_spot"]


def env_answers(
    app: str,
    spec: EnvSpec,
    results: list[WorkloadResult],
    files: dict[str, str],
    report: Report,
    root_rules: set[str],
) -> dict[str, Any]:
    """The full answers of one environment (`spec.name`, or a single unnamed one)."""
    services = [r.service for r in results if r.service is not None]
    if not services:
        raise CopilotImportError(
            "copilot/",
            "(workloads)",
            None,
            "add a Load Balanced Web Service, Backend Service or Worker Service manifest",
            "no workload can become an ECS service (every one is of a type not migrated)",
        )
    cluster: dict[str, Any] = {}
    if spec.container_insights:
        cluster["container_insights"] = spec.container_insights
    answers: dict[str, Any] = {
        "version": 1,
        "project": {"name": app, "environment": spec.name or "prod", "region": spec.region},
        "network": dict(spec.network),
        "cluster": cluster,
        "services": [dict(s) for s in services],
    }
    alb: dict[str, Any] = {}
    lb_results = [r for r in results if r.service and r.http is not None]
    if (lb_results and all(r.kind == BACKEND for r in lb_results)) or spec.internal:
        alb["internal"] = True
    if spec.ingress_cidrs is not None:
        alb["ingress_cidrs"] = spec.ingress_cidrs
    if spec.access_logs:
        alb["access_logs"] = spec.access_logs
    defaults = [r for r in lb_results if r.http and r.http.default]
    if len(defaults) > 1:
        raise CopilotImportError(
            files[defaults[1].name],
            "http.path",
            "/",
            f"give {defaults[1].name} its own path (e.g. `path: {defaults[1].name}`) or an alias",
            f"both {defaults[0].name} and {defaults[1].name} serve `/` on the same load balancer",
        )
    alb["default_action"] = (
        {"forward": defaults[0].name} if defaults else {"fixed_response": {"status_code": 404}}
    )
    certs = _certificates(spec, results, files, report)
    if certs:
        alb["https"] = {"certificates": certs}
        if spec.ssl_policy:
            alb["https"]["ssl_policy"] = spec.ssl_policy
    redirects = [
        r.http.redirect_to_https
        for r in lb_results
        if r.http and r.http.redirect_to_https is not None
    ]
    if redirects:
        alb["http"] = {"redirect_to_https": all(redirects) and bool(certs)}
    answers["alb"] = alb
    rules = ordered_rules(results, root_rules)
    answers["routing"] = [r.data((i + 1) * PRIORITY_STEP) for i, r in enumerate(rules)]
    _capacity(answers, results)
    if any(r.connect for r in results if r.service is not None):
        answers["service_connect"] = {"namespace": connect_namespace(app, spec.name)}
    return answers


def connect_namespace(app: str, env: str | None) -> str:
    """Copilot's Service Connect namespace: ENV.APP.local."""
    return f"{env}.{app}.local" if env else f"{app}.local"
