"""`ecs-wizard prompt`: the wizard's questions, one by one, with questionary.

Same draft, same defaults and same validation as the full-screen wizard: each answer is
checked by putting it into the draft and asking the answers model (`validation.validate_draft`)
for issues at that path, so the messages are the ones `ecs-wizard validate` prints.
Values already present (from `--answers FILE` or flags) are not asked again; the values a
new draft starts with (environment, region) are asked, with that value as the default. A
pre-filled default is replaced by what the user types (prefill.py).
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

from ecs_wizard.model.draft import PREFILLED, default_draft, lb_service_names, new_capacity_provider
from ecs_wizard.model.paths import get_path, set_path
from ecs_wizard.model.paths import is_under as issue_matches
from ecs_wizard.prompt.prefill import replaceable
from ecs_wizard.ui.fields import format_issue, format_value, parse_value
from ecs_wizard.validation.lenient import validate_draft


class Aborted(Exception):
    """The user pressed Ctrl-C / Ctrl-D at a question."""


def _ask(question: Any) -> Any:
    try:
        answer = question.ask(kbi_msg="")
    except EOFError:
        raise Aborted from None
    if answer is None:
        raise Aborted
    return answer


def field_validator(draft: dict, path: str, kind: str = "str") -> Callable[[str], bool | str]:
    """A questionary validator: True, or the model's message for `path`."""

    def check(text: str) -> bool | str:
        candidate = copy.deepcopy(draft)
        set_path(candidate, path, parse_value(kind, text))
        errors, _ = validate_draft(candidate)
        mine = [e for e in errors if issue_matches(e.path, path)]
        return True if not mine else format_issue(mine[0], with_path=False)

    return check


#: The capacity choice for Fargate with ARM64 (Graviton) tasks: services[].cpu_architecture.
ARM64_FARGATE = "Fargate, ARM64 (Graviton) tasks"


class Prompter:
    def __init__(self, draft: dict[str, Any], *, asked_paths: set[str] | None = None) -> None:
        import questionary

        self.q = questionary
        self.draft = draft
        self.preset = asked_paths or set()
        self.arm64 = False

    def known(self, path: str) -> bool:
        if path in PREFILLED:  # pre-filled by the new draft: still a question, unless preset
            return path in self.preset
        return get_path(self.draft, path) not in (None, "", [], {}) or path in self.preset

    def text(self, path: str, message: str, kind: str = "str", default: str = "") -> None:
        if self.known(path):
            return
        current = get_path(self.draft, path)
        shown = format_value(kind, current) if current not in (None, "") else default
        set_path(self.draft, path, parse_value(kind, self.ask_text(message, shown, path, kind)))

    def select(self, path: str, message: str, choices: list[str], default: str) -> None:
        if self.known(path):
            return
        set_path(self.draft, path, _ask(self.q.select(message, choices=choices, default=default)))

    def ask_value(self, path: str, message: str, kind: str = "str") -> None:
        """Ask for `path` with its current value as the default (replaced by typing)."""
        shown = format_value(kind, get_path(self.draft, path))
        set_path(self.draft, path, parse_value(kind, self.ask_text(message, shown, path, kind)))

    def ask_text(
        self, message: str, default: str, path: str, kind: str = "str", empty_ok: bool = False
    ) -> str:
        """A text question whose default typing replaces, validated by the model for `path`
        (an empty answer passes when `empty_ok`): every question the model validates."""
        check = field_validator(self.draft, path, kind)
        validate = (lambda t: True if not t.strip() else check(t)) if empty_ok else check
        return str(_ask(replaceable(self.q.text, message, default=default, validate=validate)))

    def confirm(self, message: str, default: bool = False) -> bool:
        return bool(_ask(self.q.confirm(message, default=default)))

    def ask_select(self, message: str, choices: list[str], default: str) -> str:
        return str(_ask(self.q.select(message, choices=choices, default=default)))

    # -- the questions -----------------------------------------------------------------------
    def run(self) -> dict[str, Any]:
        from ecs_wizard.aws.catalog import FARGATE_CPU_MEMORY, INSTANCE_TYPES, REGIONS

        self.text("project.name", "Project name (lower-case letters, digits, hyphens):")
        self.text("project.environment", "Environment:", default="prod")
        if not self.known("project.region"):
            answer = _ask(
                replaceable(
                    self.q.autocomplete,
                    "AWS region:",
                    choices=list(REGIONS),
                    default=get_path(self.draft, "project.region") or "eu-west-1",
                    validate=field_validator(self.draft, "project.region"),
                )
            )
            set_path(self.draft, "project.region", answer.strip())
        self.text("network.vpc_id", "VPC id:")
        from ecs_wizard.prompt.network import ask_public_subnets

        ask_public_subnets(self)
        self.text(
            "network.private_subnet_ids", "Private subnet ids for tasks (comma-separated):", "list"
        )

        if "cluster.capacity" not in self.preset:
            kind = _ask(
                self.q.select(
                    "Capacity:",
                    choices=["Fargate", "Fargate + Fargate Spot", "EC2", ARM64_FARGATE],
                    default="Fargate",
                )
            )
            # The same starting settings as the wizard's (the draft's and draft.py's).
            capacity: dict[str, Any] = {}
            if kind.startswith("Fargate"):
                capacity["fargate"] = copy.deepcopy(default_draft()["cluster"]["capacity"])[
                    "fargate"
                ]
            if kind == "Fargate + Fargate Spot":
                capacity["fargate_spot"] = new_capacity_provider("fargate_spot")
            if kind == "EC2":
                capacity["ec2"] = new_capacity_provider("ec2")
            self.arm64 = kind == ARM64_FARGATE  # every service asked below: ARM64 tasks
            set_path(self.draft, "cluster.capacity", capacity)
        if isinstance(get_path(self.draft, "cluster.capacity.ec2"), dict):
            if "cluster.capacity" not in self.preset:
                answer = _ask(
                    replaceable(
                        self.q.autocomplete,
                        "EC2 instance type:",
                        choices=sorted(INSTANCE_TYPES),
                        default=new_capacity_provider("ec2")["instance_type"],
                        validate=field_validator(self.draft, "cluster.capacity.ec2.instance_type"),
                    )
                )
                set_path(self.draft, "cluster.capacity.ec2.instance_type", answer.strip())
            if "cluster.capacity" not in self.preset:
                self.ask_value(
                    "cluster.capacity.ec2.max_size", "Auto Scaling maximum instances:", "int"
                )

        if "services" not in self.preset:
            self.draft["services"] = []
            while True:
                self.ask_service(len(self.draft["services"]), FARGATE_CPU_MEMORY)
                if not self.confirm("Add another service?", default=False):
                    break

        lb_services = lb_service_names(self.draft)
        if "alb.default_action" not in self.preset and lb_services:
            if len(lb_services) > 1:
                self.select(
                    "alb.default_action.forward",
                    "Service for unmatched requests:",
                    lb_services,
                    lb_services[0],
                )
            else:
                set_path(self.draft, "alb.default_action", {"forward": lb_services[0]})
        if "alb.https" not in self.preset and self.confirm(
            "Serve HTTPS (recommended)?", default=True
        ):
            set_path(self.draft, "alb.https", {"certificates": [{}]})
            cert = _ask(
                replaceable(
                    self.q.text,
                    "Certificate: a domain to request (example.com) or an existing ACM ARN:",
                    validate=self._cert_validator(),
                )
            ).strip()
            key = "arn" if cert.startswith("arn:") else "domain"
            self.draft["alb"]["https"]["certificates"] = [{key: cert}]
            if key == "domain":
                self.ask_certificate_names("alb.https.certificates[0]")
            set_path(self.draft, "alb.http.redirect_to_https", True)
        self.ask_access_logs()

        if "routing" not in self.preset and len(lb_services) > 1:
            rules = self.draft.setdefault("routing", [])
            while self.confirm("Add a routing rule (host or path)?", default=not rules):
                k = len(rules)
                rules.append({"priority": (k + 1) * 10})
                base = f"routing[{k}]"
                self.text(f"{base}.name", "Rule name:", default=f"rule{k + 1}")
                self.select(f"{base}.service", "Target service:", lb_services, lb_services[0])
                self.text(f"{base}.hosts", "Hosts (comma-separated, blank: any):", "list")
                self.text(f"{base}.paths", "Paths (comma-separated, blank: any):", "list")
        from ecs_wizard.prompt.access import ask_access

        ask_access(self)
        self.ask_environments()
        self.ask_state()
        return self.draft

    # -- teams: environments and the shared state (after the base answers) ------------------
    def ask_environments(self) -> None:
        if "environments" in self.preset or self.draft.get("environments"):
            return
        if not self.confirm(
            "Deploy more than one environment from these answers (e.g. staging and prod)?",
            default=False,
        ):
            return
        envs: dict[str, Any] = {}
        self.draft["environments"] = envs
        base_env = get_path(self.draft, "project.environment") or "prod"
        while True:
            default = "staging" if not envs else ("prod" if "prod" not in envs else "")
            name = _ask(
                replaceable(
                    self.q.text,
                    "Environment name:",
                    default=default,
                    validate=self._env_name_validator(),
                )
            ).strip()
            envs[name] = {}
            if not self.confirm(
                f"Does {name} use the same VPC and subnets as {base_env}?", default=False
            ):
                envs[name]["network"] = {}
                for key, message in (
                    ("vpc_id", f"VPC id for {name}:"),
                    ("public_subnet_ids", f"Public subnet ids for {name} (comma-separated):"),
                    ("private_subnet_ids", f"Private subnet ids for {name} (comma-separated):"),
                ):
                    kind = "str" if key == "vpc_id" else "list"
                    current = get_path(self.draft, f"network.{key}")
                    answer = self.ask_text(
                        message,
                        format_value(kind, current) if current else "",
                        f"environments.{name}.network.{key}",
                        kind,
                    )
                    envs[name]["network"][key] = parse_value(kind, answer)
            if not self.confirm("Add another environment?", default=len(envs) < 2):
                break

    def _env_name_validator(self) -> Callable[[str], bool | str]:
        from ecs_wizard.validation.patterns import NAME_RE

        def check(text: str) -> bool | str:
            name = text.strip()
            if not NAME_RE.match(name) or len(name) > 32:
                return "lower-case letters, digits and hyphens, starting with a letter (e.g. prod)"
            if name in (self.draft.get("environments") or {}):
                return f"{name} is already an environment"
            return True

        return check

    def ask_state(self) -> None:
        if "state" in self.preset or self.draft.get("state"):
            return
        if not self.confirm(
            "Keep the Terraform state in an S3 bucket (shared by the team, with locking)?",
            default=bool(self.draft.get("environments")),
        ):
            return
        name = get_path(self.draft, "project.name") or "project"
        set_path(self.draft, "state", {"bucket": ""})
        answer = self.ask_text(
            "State bucket name (bootstrap/ creates it):", f"{name}-tfstate", "state.bucket"
        )
        self.draft["state"]["bucket"] = answer.strip()
        lock = _ask(
            self.q.select(
                "Locking:",
                choices=["S3 lock files (Terraform >= 1.10)", "DynamoDB table"],
                default="S3 lock files (Terraform >= 1.10)",
            )
        )
        if lock.startswith("DynamoDB"):
            self.draft["state"]["lock"] = "dynamodb"
            self.draft["state"]["dynamodb_table"] = self.ask_text(
                "Lock table name (bootstrap/ creates it):", f"{name}-tflock", "state.dynamodb_table"
            ).strip()

    def _cert_validator(self) -> Callable[[str], bool | str]:
        def check(text: str) -> bool | str:
            text = text.strip()
            if not text:
                return "type a domain (example.com) or an ACM certificate ARN"
            key = "arn" if text.startswith("arn:") else "domain"
            candidate = copy.deepcopy(self.draft)
            candidate["alb"]["https"]["certificates"] = [{key: text}]
            errors, _ = validate_draft(candidate)
            mine = [e for e in errors if issue_matches(e.path, "alb.https.certificates")]
            return True if not mine else format_issue(mine[0], with_path=False)

        return check

    def ask_access_logs(self) -> None:
        if "alb.access_logs" in self.preset or self.known("alb.access_logs"):
            return
        if not self.confirm("Send the load balancer's access logs to S3?", default=False):
            return
        self.text("alb.access_logs.bucket", "S3 bucket for the access logs (project's region):")
        set_path(
            self.draft,
            "alb.access_logs.create_bucket",
            self.confirm(
                "Create that bucket (SSE-S3, public access blocked, the region's ELB "
                "log-delivery policy)? No: it exists with that policy.",
                default=True,
            ),
        )

    def ask_service(self, i: int, sizes: dict[int, list[int]]) -> None:
        base = f"services[{i}]"
        name = "web" if i == 0 else f"svc{i + 1}"
        svc: dict[str, Any] = {"containers": [{}]}
        self.draft["services"].append(svc)
        self.text(f"{base}.name", f"Service {i + 1} name:", default=name)
        svc["containers"][0]["name"] = svc["name"]
        self.text(f"{base}.containers[0].image", "Container image:")
        self.text(
            f"{base}.containers[0].port",
            "Container port (blank: not behind the ALB):",
            "int",
            "80",
        )
        svc["cpu"], svc["memory"] = self.ask_task_size(i + 1, sizes)
        if self.arm64:
            svc["cpu_architecture"] = "ARM64"
        self.text(f"{base}.desired_count", "Desired task count:", "int", "2")
        if svc["containers"][0].get("port"):
            svc["load_balancer"] = {"container": svc["name"], "health_check": {}}
            self.text(f"{base}.load_balancer.health_check.path", "Health check path:", default="/")
        else:
            svc.pop("load_balancer", None)
        self.text(
            f"{base}.containers[0].secrets",
            "Secrets (NAME=SSM parameter or Secrets Manager ARN, comma-separated; blank: none):",
            "dict",
        )
        if svc["containers"][0].get("secrets"):
            self.text(
                f"{base}.secrets_kms_key_arns",
                "Customer-managed KMS key ARNs that encrypt them (comma-separated; blank: "
                "AWS-managed keys):",
                "list",
            )
        # New answers start read-only (the model's default, for answers without the key, stays
        # writable); ECS Exec, which needs a writable root, is not asked here.
        svc["containers"][0]["readonly_root_filesystem"] = self.confirm(
            "Read-only root filesystem (recommended; the app may then write only to mounted "
            "volumes, not to its image's files)?",
            default=True,
        )

    def ask_task_size(self, number: int, sizes: dict[int, list[int]]) -> tuple[int, int]:
        """CPU first, then the memory sizes Fargate allows with it, each labelled in vCPU and
        GB (the default is the new draft's service size)."""
        from ecs_wizard.aws.catalog import memory_label, vcpu_label
        from ecs_wizard.model.draft import new_service

        start = new_service("web")
        cpu_default = start["cpu"] if start["cpu"] in sizes else next(iter(sizes))
        cpu = _ask(
            self.q.select(
                f"Service {number} task CPU:",
                choices=[self.q.Choice(f"{vcpu_label(c)}  ({c} CPU units)", c) for c in sizes],
                default=cpu_default,
            )
        )
        memories = sizes[cpu]
        mem_default = start["memory"] if start["memory"] in memories else memories[0]
        memory = _ask(
            self.q.select(
                f"Service {number} task memory with {vcpu_label(cpu)}:",
                choices=[self.q.Choice(f"{memory_label(m)}  ({m} MiB)", m) for m in memories],
                default=mem_default,
            )
        )
        return int(cpu), int(memory)

    def ask_certificate_names(self, base: str) -> None:
        """The other names on a requested certificate and the Route 53 zones that validate
        them: route53_zone_id, and a `zones` entry for each name in another domain."""
        from ecs_wizard.validation.rules.certificates import base_domain

        self.text(
            f"{base}.subject_alternative_names",
            "Other names on the certificate (subject alternative names, comma-separated, "
            "blank: none):",
            "list",
        )
        self.text(
            f"{base}.route53_zone_id",
            "Route 53 hosted zone id for the DNS validation records (Z..., blank: add the "
            "records yourself):",
        )
        cert = get_path(self.draft, base)
        if not cert.get("route53_zone_id"):
            return
        home = base_domain(cert["domain"])
        for name in cert.get("subject_alternative_names") or []:
            if base_domain(name) == home:
                continue
            zones = cert.setdefault("zones", {})
            answer = _ask(
                replaceable(
                    self.q.text,
                    f"{name} is in another domain: the Route 53 hosted zone id of "
                    f"{base_domain(name)}:",
                    validate=self._zone_validator(base, name),
                )
            )
            zones[name] = answer.strip()

    def _zone_validator(self, base: str, name: str) -> Callable[[str], bool | str]:
        def check(text: str) -> bool | str:
            candidate = copy.deepcopy(self.draft)
            zones = get_path(candidate, base).setdefault("zones", {})
            zones[name] = text.strip()
            errors, _ = validate_draft(candidate)
            mine = [e for e in errors if issue_matches(e.path, f"{base}.zones")]
            mine += [e for e in errors if e.value == name and issue_matches(e.path, base)]
            return True if not mine else format_issue(mine[0], with_path=False)

        return check


def run_prompt(
    base: dict[str, Any] | None = None, *, preset: set[str] | None = None
) -> dict[str, Any]:
    """Ask the questions; returns the draft (validate it before writing)."""
    draft = copy.deepcopy(base) if base is not None else default_draft()
    if base is None:
        draft["services"] = []
        draft.get("alb", {}).pop("default_action", None)
    prompter = Prompter(draft, asked_paths=preset)
    return prompter.run()
