"""Day 2: what rendering `current` over a project rendered (and applied) from `previous` does.

`review(previous, current)` is a pure function of the two answers. It finds the changes that
Terraform cannot apply cleanly on real AWS, or that replace running resources, and says how
to make them:

- a routing rule renamed (same priority, or same conditions and service): a `moved` block
  keeps the rule, instead of creating the new one and deleting the old one in parallel with
  the same priority (PriorityInUse) — a warning, and the move;
- a rule taking the priority another rule holds now (a swap): both are changed at the same
  time and AWS refuses the second — refused, with the two-step recipe;
- a service renamed: the ECS service name is its identity, so it is replaced (and its
  target group, log group and roles) — refused unless replacements are allowed; a removed
  service only warns;
- the load balancer replaced (`internal`, or a project / environment rename): refused while
  the deployed load balancer has deletion protection (the apply would delete its listeners
  and then fail), with the two-step fix; otherwise a warning (its DNS name changes);
- project name, environment or region changed: every resource is replaced (the cluster, its
  EC2 capacity provider and Auto Scaling group, every service, the load balancer) — refused
  unless replacements are allowed.

Errors block `render` unless `allow_replacement` is given (for example when the earlier render
was never applied); warnings can be silenced with `validation.ignore` like any other.
The ids are registered (without a check function: they need two answers) so docs/rules.md
lists them and `validation.ignore` accepts the warning ids.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Any

from ecs_wizard.aws import naming
from ecs_wizard.model.answers import Answers, Rule
from ecs_wizard.model.environments import merge
from ecs_wizard.rendering import hcl
from ecs_wizard.validation.issues import Issue, Severity
from ecs_wizard.validation.registry import register

_ELB = "https://docs.aws.amazon.com/elasticloadbalancing/latest/application"
_TF_MOVED = "https://developer.hashicorp.com/terraform/language/modules/develop/refactoring"

PROJECT_IDENTITY = "E-CHANGE-PROJECT-IDENTITY"
ALB_PROTECTED = "E-CHANGE-ALB-PROTECTED"
ALB_REPLACED = "W-CHANGE-ALB-REPLACED"
SERVICE_RENAME = "E-CHANGE-SERVICE-RENAME"
SERVICE_REMOVED = "W-CHANGE-SERVICE-REMOVED"
RULE_RENAMED = "W-CHANGE-RULE-RENAMED"
RULE_PRIORITY = "E-CHANGE-RULE-PRIORITY"

_RULES: dict[str, tuple[Severity, str, str]] = {
    PROJECT_IDENTITY: (
        "error",
        "Re-rendering keeps project.name, environment and region (a change replaces everything)",
        "https://developer.hashicorp.com/terraform/language/resources/behavior",
    ),
    ALB_PROTECTED: (
        "error",
        "A change that replaces the load balancer waits until deletion protection is off",
        f"{_ELB}/application-load-balancers.html#deletion-protection",
    ),
    ALB_REPLACED: (
        "warning",
        "A change that replaces the load balancer (new DNS name) is pointed out",
        f"{_ELB}/application-load-balancers.html#load-balancer-scheme",
    ),
    SERVICE_RENAME: (
        "error",
        "A service rename replaces the ECS service and is only done on purpose",
        "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_CreateService.html",
    ),
    SERVICE_REMOVED: (
        "warning",
        "A removed service is deleted with its target group and log group",
        "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/delete-service.html",
    ),
    RULE_RENAMED: (
        "warning",
        "A renamed routing rule is moved (moved block), not deleted and re-created",
        _TF_MOVED,
    ),
    RULE_PRIORITY: (
        "error",
        "A rule does not take a priority another rule holds until the next apply",
        "https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/"
        "API_SetRulePriorities.html",
    ),
}
for _id, (_severity, _title, _doc) in _RULES.items():
    register(_id, _severity, _title, _doc, tags=("changes",))

FLAG = "--allow-replacement"
PRIORITY_MAX = 50000


@dataclass
class ChangeReport:
    """What re-rendering does: issues (errors refuse the render) and the rule moves to write."""

    issues: list[Issue] = field(default_factory=list)
    rule_moves: dict[str, str] = field(default_factory=dict)  # old rule name -> new name

    @property
    def errors(self) -> list[Issue]:
        return [i for i in self.issues if i.severity == "error"]

    @property
    def warnings(self) -> list[Issue]:
        return [i for i in self.issues if i.severity == "warning"]


def _issue(rule_id: str, path: str, message: str, fix: str, value: Any = None) -> Issue:
    return Issue(path, message, fix, value, severity=_RULES[rule_id][0], rule=rule_id)


# -- project and load balancer ---------------------------------------------------------------


def _project(prev: Answers, cur: Answers) -> list[Issue]:
    changed = [
        (k, getattr(prev.project, k), getattr(cur.project, k))
        for k in ("name", "environment", "region")
        if getattr(prev.project, k) != getattr(cur.project, k)
    ]
    if not changed:
        return []
    what = ", ".join(f"{k} {a!r} -> {b!r}" for k, a, b in changed)
    return [
        _issue(
            PROJECT_IDENTITY,
            f"project.{changed[0][0]}",
            f"{what}: every AWS name derives from them (and the region from the provider), so "
            "Terraform replaces every resource of the deployed project: the cluster with its EC2 "
            "capacity provider and Auto Scaling group, every service, target group and log group "
            "(old logs are deleted), and the load balancer (new DNS name). ECS refuses to delete "
            "a capacity provider or cluster still in use, so such an apply can also stop half-way",
            "render the renamed project into a new directory (a new state), apply it, move your "
            "DNS to its load balancer, then `terraform destroy` the old one; or keep the old "
            f"values. If this directory was never applied, re-run with {FLAG}",
            changed[0][2],
        )
    ]


def _alb_replaced(prev: Answers, cur: Answers) -> list[str]:
    reasons = []
    before = naming.alb_name(prev.project.name, prev.project.environment)
    after = naming.alb_name(cur.project.name, cur.project.environment)
    if before != after:
        reasons.append(f"its name changes ({before} -> {after})")
    if prev.alb.internal != cur.alb.internal:
        scheme = {True: "internal", False: "internet-facing"}
        reasons.append(
            f"alb.internal changes ({scheme[prev.alb.internal]} -> {scheme[cur.alb.internal]}; "
            "the scheme of a load balancer cannot be changed)"
        )
    return reasons


def _alb(prev: Answers, cur: Answers) -> list[Issue]:
    reasons = _alb_replaced(prev, cur)
    if not reasons:
        return []
    path = "alb.internal" if prev.alb.internal != cur.alb.internal else "project.name"
    why = " and ".join(reasons)
    if prev.alb.deletion_protection:
        return [
            _issue(
                ALB_PROTECTED,
                path,
                f"the load balancer is replaced because {why}, but the deployed one has deletion "
                "protection: the apply would delete its listeners and rules, then fail to "
                "delete it (OperationNotPermitted), leaving the site without listeners",
                "do it in two steps: (1) change nothing else, set alb.deletion_protection: "
                "false, render and apply; (2) make this change, render and apply (then set "
                "deletion_protection: true again). If this directory was never applied, re-run "
                f"with {FLAG}",
                cur.alb.internal if path == "alb.internal" else cur.project.name,
            )
        ]
    return [
        _issue(
            ALB_REPLACED,
            path,
            f"the load balancer is replaced because {why}: it gets a new DNS name, and requests "
            "fail while it is re-created",
            "point your DNS records (CNAME or alias) at the new alb_dns_name output after apply",
            cur.alb.internal if path == "alb.internal" else cur.project.name,
        )
    ]


# -- services --------------------------------------------------------------------------------


def _services(prev: Answers, cur: Answers) -> list[Issue]:
    before = [s.name for s in prev.services]
    after = [s.name for s in cur.services]
    removed = [n for n in before if n not in after]
    added = [n for n in after if n not in before]
    index = {s.name: i for i, s in enumerate(cur.services)}
    prefix = naming.resource_prefix(cur.project.name, cur.project.environment)
    issues = []
    for k, old in enumerate(removed):
        if k < len(added):
            new = added[k]
            issues.append(
                _issue(
                    SERVICE_RENAME,
                    f"services[{index[new]}].name",
                    f"service `{old}` seems renamed to `{new}`: an ECS service's name is its "
                    f"identity, so the apply creates {prefix}-{new} (new tasks, target group, "
                    f"log group, task and execution roles) and deletes {prefix}-{old} with its "
                    "target group and log group (its logs are lost); rules and the default "
                    "action switch to the new target group while its tasks start, so requests "
                    "may fail for a while",
                    f"without an outage: add `{new}` next to `{old}` (same settings), apply; "
                    f"point routing at `{new}`, apply; remove `{old}`, apply. To replace it in "
                    f"one apply anyway, re-run with {FLAG}",
                    new,
                )
            )
        else:
            issues.append(
                _issue(
                    SERVICE_REMOVED,
                    "services",
                    f"service `{old}` is removed: the apply deletes {prefix}-{old}, its target "
                    "group and its log group (with its logs)",
                    "keep it in the answers if that is not what you want",
                    old,
                )
            )
    return issues


# -- routing ---------------------------------------------------------------------------------


def _conditions(rule: Rule) -> dict[str, Any]:
    data = rule.model_dump(mode="json")
    data.pop("name")
    data.pop("priority")
    return data


def _match_renames(prev: Answers, cur: Answers) -> dict[str, str]:
    """old name -> new name for rules that disappear while an equivalent one appears.

    A new rule at the priority an old rule leaves is that rule renamed (Terraform then updates
    it in place); otherwise one with the same conditions and service.
    """
    before = {r.name: r for r in prev.routing}
    after = {r.name: r for r in cur.routing}
    removed = [r for n, r in before.items() if n not in after]
    added = [r for n, r in after.items() if n not in before]
    moves: dict[str, str] = {}
    for same in (
        lambda old, new: old.priority == new.priority,
        lambda old, new: _conditions(old) == _conditions(new),
    ):
        for new in added:
            if new.name in moves.values():
                continue
            old = next((o for o in removed if o.name not in moves and same(o, new)), None)
            if old is not None:
                moves[old.name] = new.name
    return moves


def _free_priority(prev: Answers, cur: Answers) -> int:
    used = {r.priority for r in prev.routing} | {r.priority for r in cur.routing}
    candidate = max(used, default=0) + 1
    if candidate <= PRIORITY_MAX:
        return candidate
    return next(p for p in range(1, PRIORITY_MAX + 1) if p not in used)


def _routing(prev: Answers, cur: Answers, moves: dict[str, str]) -> list[Issue]:
    issues = []
    index = {r.name: i for i, r in enumerate(cur.routing)}
    for old, new in sorted(moves.items()):
        issues.append(
            _issue(
                RULE_RENAMED,
                f"routing[{index[new]}].name",
                f"rule `{old}` is renamed to `{new}`: moved_rules.tf moves it in the state, so "
                "it is updated in place instead of being deleted and re-created with the same "
                "priority at the same time (which AWS refuses: PriorityInUse)",
                "nothing to do; keep moved_rules.tf until the change is applied",
                new,
            )
        )
    holder_before = {r.priority: r.name for r in prev.routing}
    identity = {r.name: r.name for r in prev.routing if r.name in index}
    identity.update({old: new for old, new in moves.items()})
    previous_of = {new: old for old, new in identity.items()}
    for rule in cur.routing:
        mine = previous_of.get(rule.name)
        holder = holder_before.get(rule.priority)
        if holder is None or holder == mine:
            continue
        if mine is None and holder not in identity:
            continue  # a new rule at a priority a deleted rule leaves: matched as a rename
        free = _free_priority(prev, cur)
        holder_now = identity.get(holder)
        fate = (
            f"moves to priority {cur.routing[index[holder_now]].priority}"
            if holder_now is not None
            else "is deleted"
        )
        issues.append(
            _issue(
                RULE_PRIORITY,
                f"routing[{index[rule.name]}].priority",
                f"rule `{rule.name}` takes priority {rule.priority}, which rule `{holder}` holds "
                f"in the deployed project and which {fate} in the same apply: Terraform changes "
                "both at once and AWS refuses the second (PriorityInUse)",
                f"apply in steps: first move only `{rule.name}`, to a free priority (e.g. "
                f"{free}), leaving `{holder}` as deployed, render and apply; then go on, each "
                "apply giving rules only priorities that no rule holds at that time (render "
                f"checks every step; a swap takes three applies). If this directory was never "
                f"applied, re-run with {FLAG}",
                rule.priority,
            )
        )
    return issues


# -- entry points ----------------------------------------------------------------------------


def _issues(prev: Answers, cur: Answers) -> list[Issue]:
    return [
        *_project(prev, cur),
        *_alb(prev, cur),
        *_services(prev, cur),
        *_routing(prev, cur, _match_renames(prev, cur)),
    ]


def _per_environment(prev: Answers, cur: Answers) -> list[Issue]:
    """With `environments:`, each environment is its own deployment (its own state): review
    each one's merged answers against its merged answers before, so a priority swap or an
    `internal` flip written in one overlay is caught like one written in the base.

    An issue is reported once, at the path the user wrote (the overlay's, when the overlay
    set the value), naming the environments it concerns. A new environment has nothing
    deployed to review; a removed one is left to `terraform destroy` with its own state.
    """
    before, after = prev.to_data(), cur.to_data()
    found: dict[tuple[str, str, str], tuple[Issue, list[str]]] = {}
    for env in cur.environments or {}:
        if env not in (prev.environments or {}):
            continue
        old = Answers.model_validate(merge(before, env).data)
        merged = merge(after, env)
        for issue in _issues(old, Answers.model_validate(merged.data)):
            path = merged.source_path(issue.path) or issue.path
            key = (issue.rule, path, issue.message.replace(env, "<env>"))
            if key in found:
                found[key][1].append(env)
            else:
                found[key] = (replace(issue, path=path), [env])
    return [
        replace(issue, message=f"{_envs(envs)}: {issue.message}") for issue, envs in found.values()
    ]


def _envs(names: list[str]) -> str:
    return f"environment{'s' * (len(names) > 1)} {', '.join(names)}"


def review(
    previous: Answers | None, current: Answers, kept_rule_moves: dict[str, str] | None = None
) -> ChangeReport:
    """The changes from `previous` (the render in place, assumed applied) to `current`.

    `kept_rule_moves` are the rule moves of the last render (moved_rules.tf): one whose target
    still exists and whose source does not is kept, so rendering twice before an apply does
    not lose it.
    """
    report = ChangeReport()
    if previous is None:
        return report
    moves = _match_renames(previous, current)
    names = {r.name for r in current.routing}
    for old, new in (kept_rule_moves or {}).items():
        if new in names and old not in names and old not in moves:
            moves[old] = new
    report.rule_moves = dict(sorted(moves.items()))
    if current.environments and previous.environments:
        report.issues = _per_environment(previous, current)
    else:
        report.issues = _issues(previous, current)
    ignored = set(current.validation.ignore) if current.validation else set()
    report.issues = [
        i for i in report.issues if not (i.severity == "warning" and i.rule in ignored)
    ]
    return report


RULE_MOVES_FILE = "moved_rules.tf"
RULE_MOVES_HEADER = """\
# Generated by ecs-wizard: routing rules renamed since the previous render. Each block moves the
# existing listener rule to its new key, so it is updated in place instead of being deleted and
# re-created with the same priority (AWS refuses two rules with one priority: PriorityInUse).
# They are harmless once applied.

"""
_RULE_MARK = re.compile(r"^# rule from=(?P<old>\S+) to=(?P<new>\S+)$", re.M)


def rule_moves_tf(moves: dict[str, str]) -> str:
    blocks = [
        f"# rule from={old} to={new}\n"
        "moved {\n"
        f"  from = module.rule[{hcl.quote(old)}]\n"
        f"  to   = module.rule[{hcl.quote(new)}]\n"
        "}\n"
        for old, new in sorted(moves.items())
    ]
    return RULE_MOVES_HEADER + "\n".join(blocks)


def parse_rule_moves(text: str) -> dict[str, str]:
    return {m["old"]: m["new"] for m in _RULE_MARK.finditer(text)}


class ChangeRefused(RuntimeError):
    """Re-rendering would make changes that cannot be applied cleanly (see the issues)."""

    def __init__(self, report: ChangeReport) -> None:
        self.report = report
        lines = [f"  ✗ {i.path}: {i.message} — {i.fix}" for i in report.errors]
        super().__init__(
            "Nothing was written: these changes to the deployed project cannot be applied "
            "cleanly (the answers in the output directory are the deployed ones):\n"
            + "\n".join(lines)
        )
