"""Read the routing wiring out of a real terraform plan: who forwards to which target group,
and which listeners and rules each ECS service waits for.

At plan time every ARN is unknown, and terraform's graph (and the plan's `configuration`)
name a `for_each` module once, not per instance: neither can tell `r.service == each.key`
from `r.service != each.key`. So the project under test gets three extra override files (one
per module; Terraform merges `*_override.tf` into the module) that make the ARNs the modules
*output* known and recognisable:

- `alb`: the HTTP and HTTPS listener ARNs (listener ids ...0080 and ...0443);
- `alb-rule`: the rule ARN, ending in the rule's priority (unique on a listener);
- `ecs-service`: the target group ARN, ending in a hash of the service's name.

Nothing else changes: the root module, wiring.tf and the modules' resources are the ones the
user gets, and the plan then shows per instance what each service's
`terraform_data.listener_dependencies` holds and what each rule and listener forwards to.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

ACCOUNT = "123456789012"
_ELB = f"arn:aws:elasticloadbalancing:eu-west-1:{ACCOUNT}"
_LB_ID = "wiring/0123456789abcdef"
HTTP_LISTENER = f"{_ELB}:listener/app/{_LB_ID}/0000000000000080"
HTTPS_LISTENER = f"{_ELB}:listener/app/{_LB_ID}/0000000000000443"
OVERRIDE_FILE = "zz_wiring_test_override.tf"

OVERRIDES = {
    "alb": f"""\
output "http_listener_arn" {{
  value = local.http_enabled ? "{HTTP_LISTENER}" : null
}}

output "https_listener_arn" {{
  value = local.https_enabled ? "{HTTPS_LISTENER}" : null
}}

output "listener_arn" {{
  value = local.https_enabled ? "{HTTPS_LISTENER}" : (local.http_enabled ? "{HTTP_LISTENER}" : null)
}}
""",
    "alb-rule": f"""\
output "arn" {{
  value = format("{_ELB}:listener-rule/app/{_LB_ID}/0000000000000443/%016d", var.priority)
}}
""",
    "ecs-service": f"""\
output "target_group_arn" {{
  value = (local.load_balanced ?
  "{_ELB}:targetgroup/wiring/${{substr(sha256(var.name), 0, 16)}}" : null)
}}
""",
}


def install_known_arns(modules_dir: Path) -> None:
    """Write the override files into the project's copy of the modules."""
    for module, text in OVERRIDES.items():
        (modules_dir / module / OVERRIDE_FILE).write_text(text, encoding="utf-8")


def describe(arn: str | None) -> str:
    """A short name for an overridden ARN, for messages: `rule 10`, `HTTPS listener`, ..."""
    if arn is None:
        return "nothing"
    if arn == HTTP_LISTENER:
        return "HTTP listener"
    if arn == HTTPS_LISTENER:
        return "HTTPS listener"
    if ":listener-rule/" in arn:
        return f"rule {int(arn.rsplit('/', 1)[1])}"
    return f"target group {arn.rsplit('/', 1)[1]}"


def rule_arn(priority: int) -> str:
    return f"{_ELB}:listener-rule/app/{_LB_ID}/0000000000000443/{priority:016d}"


def target_group_arn(service_name: str) -> str:
    """The overridden ARN of the target group of the ecs-service instance named `service_name`."""
    return f"{_ELB}:targetgroup/wiring/{hashlib.sha256(service_name.encode()).hexdigest()[:16]}"


@dataclass
class Service:
    module: str  # module instance address, e.g. module.service["web"]
    name: str  # the ECS service name (the module's var.name)
    depends_on: list[str]  # terraform_data.listener_dependencies.input


@dataclass
class Wiring:
    services: dict[str, Service] = field(default_factory=dict)  # by module address
    forwards: dict[str, str] = field(default_factory=dict)  # rule/listener ARN -> TG ARN
    redirects: set[str] = field(default_factory=set)  # listener ARNs that only redirect
    rule_targets: dict[int, str] = field(default_factory=dict)  # priority -> TG ARN

    def forwarders_of(self, tg: str) -> set[str]:
        return {arn for arn, target in self.forwards.items() if target == tg}


def _any_unknown(value: object) -> bool:
    if isinstance(value, list):
        return any(map(_any_unknown, value))
    if isinstance(value, dict):
        return any(map(_any_unknown, value.values()))
    return value is True


def _module_of(address: str, rtype: str) -> str:
    return address[: address.index(f".{rtype}.")]


def _forward_target(actions: list[dict]) -> str | None:
    """The target group a forward action sends to (one target group, as the modules use)."""
    forward = [a for a in actions if a["type"] == "forward"]
    if not forward:
        return None
    [action] = forward
    if action.get("target_group_arn"):
        return action["target_group_arn"]
    groups = [g["arn"] for f in action.get("forward") or [] for g in f["target_group"]]
    assert len(groups) == 1, f"weighted forward to {groups}: not handled by this check"
    return groups[0]


def read_plan(plan: dict) -> Wiring:
    """The wiring from a plan made with the overrides of install_known_arns."""
    w = Wiring()
    changes = [rc for rc in plan["resource_changes"] if rc["change"]["actions"] == ["create"]]
    deps: dict[str, list[str]] = {}
    for rc in changes:
        after, unknown = rc["change"]["after"], rc["change"]["after_unknown"]
        if rc["type"] == "terraform_data" and rc["name"] == "listener_dependencies":
            assert not _any_unknown(unknown.get("input")), f"{rc['address']}: ARN unknown"
            deps[_module_of(rc["address"], "terraform_data")] = list(after["input"])
    for rc in changes:
        after = rc["change"]["after"]
        if rc["type"] == "aws_ecs_service":
            module = _module_of(rc["address"], "aws_ecs_service")
            assert module not in w.services, f"two ECS services in {module}"
            assert module in deps, f"{module} has no terraform_data.listener_dependencies"
            w.services[module] = Service(module, after["name"], deps[module])
        elif rc["type"] == "aws_lb_listener_rule":
            arn = rule_arn(after["priority"])
            assert arn not in w.forwards, f"two rules with priority {after['priority']}"
            target = _forward_target(after["action"])
            assert target is not None, f"{rc['address']} does not forward"
            w.forwards[arn] = target
            w.rule_targets[after["priority"]] = target
        elif rc["type"] == "aws_lb_listener":
            arn = HTTPS_LISTENER if after["protocol"] == "HTTPS" else HTTP_LISTENER
            target = _forward_target(after["default_action"])
            if target is not None:
                w.forwards[arn] = target
            elif any(a["type"] == "redirect" for a in after["default_action"]):
                w.redirects.add(arn)
    listeners = [rc for rc in changes if rc["type"] == "aws_lb_listener"]
    assert len({rc["change"]["after"]["protocol"] for rc in listeners}) == len(listeners), (
        "one HTTP and at most one HTTPS listener expected"
    )
    return w


def names(arns: Iterable[str]) -> list[str]:
    return sorted(describe(a) for a in arns)


def wiring_problems(w: Wiring) -> list[str]:
    """Each service waits for exactly what forwards to its target group; everything that
    forwards, forwards to a service's target group.

    Allowed extra: a listener that only redirects (HTTP -> HTTPS) in front of the listener
    that forwards to the service; it carries the default action over to HTTPS, and waiting for
    it cannot create a cycle (it references no target group).
    """
    problems: list[str] = []
    groups = {target_group_arn(s.name): s for s in w.services.values()}
    for arn, tg in w.forwards.items():
        if tg not in groups:
            problems.append(f"{describe(arn)} forwards to {describe(tg)}, no service's group")
    for s in w.services.values():
        forwarders = w.forwarders_of(target_group_arn(s.name))
        deps = set(s.depends_on)
        if len(deps) != len(s.depends_on):
            problems.append(f"{s.module} lists a dependency twice: {names(s.depends_on)}")
        for arn in sorted(forwarders - deps):
            problems.append(f"{s.module} does not wait for {describe(arn)}, which forwards to it")
        extra = deps - forwarders
        redirect_ok = bool(forwarders & {HTTP_LISTENER, HTTPS_LISTENER})
        for arn in sorted(extra):
            if not (redirect_ok and arn in w.redirects):
                problems.append(f"{s.module} waits for {describe(arn)}, not forwarding to it")
    return problems


def configuration_problems(plan: dict) -> list[str]:
    """In the plan's configuration: every aws_ecs_service of every ecs-service module call
    has terraform_data.listener_dependencies in depends_on, and that resource's input is the
    module's listener_dependencies variable (so the values read by read_plan are what the
    service waits for)."""
    problems: list[str] = []
    calls = plan["configuration"]["root_module"].get("module_calls", {})
    service_calls = {k: c for k, c in calls.items() if re.search(r"ecs-service/?$", c["source"])}
    if not service_calls:
        return ["no module call with source .../ecs-service in the configuration"]
    for name, call in service_calls.items():
        resources = call["module"]["resources"]
        [td] = [r for r in resources if r["address"] == "terraform_data.listener_dependencies"]
        refs = td["expressions"]["input"]["references"]
        if "var.listener_dependencies" not in refs:
            problems.append(f"module.{name}: terraform_data input is {refs}")
        for r in resources:
            if r["type"] == "aws_ecs_service" and (
                "terraform_data.listener_dependencies" not in r.get("depends_on", [])
            ):
                problems.append(f"module.{name}.{r['address']} does not depend on it")
    return problems
