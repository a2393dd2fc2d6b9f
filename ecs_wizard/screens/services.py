"""Step 3: services and their containers."""

from __future__ import annotations

from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Select, Static

from ecs_wizard.model.draft import duplicate_service, new_container, new_service, unique_name
from ecs_wizard.model.paths import get_path
from ecs_wizard.screens.base import StepScreen
from ecs_wizard.screens.messages import FieldChanged, FieldsChanged
from ecs_wizard.screens.steps import step
from ecs_wizard.screens.widgets.block_toggle import BlockToggle
from ecs_wizard.screens.widgets.bound_select import BoundSelect
from ecs_wizard.screens.widgets.container_fields import sidecar_fields
from ecs_wizard.screens.widgets.field import Field, check_field, text_field
from ecs_wizard.screens.widgets.ids import path_id
from ecs_wizard.screens.widgets.plain_select import PlainSelect
from ecs_wizard.screens.widgets.select_options import replace_options
from ecs_wizard.screens.widgets.service_access import access_fields

#: services[].cpu_architecture; "-" removes the key (the capacity decides)
CPU_ARCHS = [
    ("from capacity (ARM64 on Graviton EC2)", "-"),
    ("X86_64", "X86_64"),
    ("ARM64 (Graviton)", "ARM64"),
]


def task_sizes() -> list[tuple[str, str]]:
    """Only the valid Fargate CPU/memory pairs."""
    from ecs_wizard.aws.catalog import FARGATE_CPU_MEMORY, fargate_size_label

    return [
        (fargate_size_label(cpu, mem), f"{cpu}/{mem}")
        for cpu, memories in FARGATE_CPU_MEMORY.items()
        for mem in memories
    ]


class TaskSizeSelect(PlainSelect):
    """Sets `cpu` and `memory` together from one pick list of valid pairs."""

    def __init__(self, base: str, cpu: Any, memory: Any) -> None:
        options = task_sizes()
        value = f"{cpu}/{memory}"
        if value not in [v for _, v in options]:
            options.append((f"{cpu} / {memory} (not a Fargate size)", value))
        super().__init__(
            options, value=value, allow_blank=False, id=path_id(base + ".cpu"), compact=True
        )
        self.base = base

    def on_select_changed(self, event: Select.Changed) -> None:
        event.stop()
        if event.value is Select.BLANK:
            return
        cpu, _, mem = str(event.value).partition("/")
        self.post_message(
            FieldsChanged({f"{self.base}.cpu": _num(cpu), f"{self.base}.memory": _num(mem)})
        )


def _num(text: str) -> Any:
    return int(text) if text.strip().isdigit() else text


class PickSelect(PlainSelect):
    """A pick list whose change the screen handles itself (service picker, LB target)."""

    def __init__(self, options: list[tuple[str, Any]], value: Any, *, id: str) -> None:
        super().__init__(options, value=value, allow_blank=False, id=id, compact=True)


class ServicesScreen(StepScreen):
    STEP_TITLE = step("services").title
    PREFIXES = step("services").prefixes
    BINDINGS: ClassVar = [
        Binding("f2", "add_service", "Add svc"),
        Binding("f3", "duplicate_service", "Dup svc"),
        Binding("f4", "remove_service", "Del svc"),
        Binding("f5", "add_container", "Add ctr"),
        Binding("f6", "remove_container", "Del ctr"),
    ]

    @property
    def services(self) -> list[dict[str, Any]]:
        """The draft's services, to read (an empty list while it has none)."""
        services = self.draft.get("services")
        return services if isinstance(services, list) else []

    @property
    def index(self) -> int:
        n = len(self.services)
        return min(max(self.wizard.ui.service, 0), max(n - 1, 0))

    def compose_form(self) -> ComposeResult:
        services = self.services
        if not services:
            yield Static("No services yet: press F2 to add one.", classes="section", markup=False)
            return
        i = self.index
        yield Field(
            "Service", PickSelect(self._picker_options(), i, id="service-picker"), paths=("-",)
        )
        d = self.draft
        s = f"services[{i}]"
        svc = services[i]
        yield text_field("Name", d, f"{s}.name", hint="web")
        yield Field(
            "Task size (Fargate)",
            TaskSizeSelect(s, svc.get("cpu", 256), svc.get("memory", 512)),
            paths=(f"{s}.cpu", f"{s}.memory"),
        )
        yield text_field("Desired count", d, f"{s}.desired_count", "int", "2")
        yield text_field(
            "Capacity providers", d, f"{s}.capacity", "list", "cluster default (e.g. fargate)"
        )
        arch = BoundSelect(
            f"{s}.cpu_architecture", CPU_ARCHS, svc.get("cpu_architecture"), none_token="-"
        )
        yield Field("CPU architecture", arch)
        yield check_field("ECS Exec", d, f"{s}.enable_execute_command", False)
        yield text_field(
            "Secrets KMS keys", d, f"{s}.secrets_kms_key_arns", "list", "customer-managed keys"
        )

        yield Static("Autoscaling", classes="section", markup=False)
        has_as = isinstance(svc.get("autoscaling"), dict)
        yield Field(
            "Autoscaling",
            BlockToggle(f"{s}.autoscaling", has_as, "Scale on load", self._new_autoscaling),
        )
        if has_as:
            a = f"{s}.autoscaling"
            yield text_field("Min tasks", d, f"{a}.min", "int", "1")
            yield text_field("Max tasks", d, f"{a}.max", "int", "4")
            yield text_field("Target CPU %", d, f"{a}.cpu_percent", "int", "e.g. 60")
            yield text_field("Target memory %", d, f"{a}.memory_percent", "int", "off")
            yield text_field("Requests per target", d, f"{a}.requests_per_target", "int", "off")

        yield Static("Deployment", classes="section", markup=False)
        dp = f"{s}.deployment"
        yield text_field("Min healthy %", d, f"{dp}.minimum_healthy_percent", "int", "100")
        yield text_field("Max %", d, f"{dp}.maximum_percent", "int", "200")
        yield check_field("Rollback on failure", d, f"{dp}.circuit_breaker_rollback", True)
        yield check_field("Ignore image changes", d, f"{dp}.ignore_image_changes", False)
        yield check_field("Wait for steady state", d, f"{dp}.wait_for_steady_state", False)

        containers = svc.get("containers") if isinstance(svc.get("containers"), list) else []
        for j, _ in enumerate(containers):
            c = f"{s}.containers[{j}]"
            yield Static(f"Container {j + 1}", classes="section", markup=False)
            yield text_field("Name", d, f"{c}.name", hint="web")
            yield text_field("Image", d, f"{c}.image", hint="public.ecr.aws/nginx/nginx:1.27")
            yield text_field("Port", d, f"{c}.port", "int", "none (does not listen)")
            yield text_field("Environment", d, f"{c}.environment", "dict", "LOG_LEVEL=info")
            yield text_field("Secrets (ARNs)", d, f"{c}.secrets", "dict", "NAME=arn:aws:ssm:…")
            yield text_field(
                "Health check cmd", d, f"{c}.health_check.command", "cmd", "curl -f http://…"
            )
            yield from sidecar_fields(d, c)

        yield Static("Load balancer", classes="section", markup=False)
        lb = svc.get("load_balancer")
        lb_options, target = self._lb_options()
        yield Field(
            "Target container",
            PickSelect(lb_options, target, id="lb-target"),
            paths=(f"{s}.load_balancer",),
        )
        if isinstance(lb, dict):
            h = f"{s}.load_balancer"
            yield text_field("Health path", d, f"{h}.health_check.path", hint="/")
            yield text_field("Healthy codes", d, f"{h}.health_check.matcher", hint="200-399")
            yield text_field("Deregistration (s)", d, f"{h}.deregistration_delay", "int", "30")

        yield from access_fields(d, s, svc)

    # -- renames keep references -------------------------------------------------------------
    def on_field_changed(self, message: FieldChanged) -> None:
        message.stop()
        path, value = message.path, message.value
        updates: dict[str, Any] = {path: value}
        i = self.index
        # the last non-empty name, so clearing a field and typing a new name still follows
        last = self.wizard.ui.last_names
        old = last.get(path) or get_path(self.draft, path)
        if isinstance(value, str) and value:
            last[path] = value
        if isinstance(old, str) and old and isinstance(value, str) and value != old:
            if path == f"services[{i}].name":
                if get_path(self.draft, "alb.default_action.forward") == old:
                    updates["alb.default_action.forward"] = value
                for r, rule in enumerate(self.draft.get("routing") or []):
                    if isinstance(rule, dict) and rule.get("service") == old:
                        updates[f"routing[{r}].service"] = value
            elif (
                path.startswith(f"services[{i}].containers[")
                and path.endswith("].name")
                and get_path(self.draft, f"services[{i}].load_balancer.container") == old
            ):
                updates[f"services[{i}].load_balancer.container"] = value
        self.wizard.update_many(updates)

    def _picker_options(self) -> list[tuple[str, int]]:
        """One entry per service, marked ✗ when it has errors."""
        bad = {
            int(e.path[9:].split("]")[0])
            for e in self.wizard.errors
            if e.path.startswith("services[")
        }
        return [
            (f"{n + 1}. {s.get('name') or '(unnamed)'}{'  ✗' if n in bad else ''}", n)
            for n, s in enumerate(self.services)
        ]

    def _lb_options(self) -> tuple[list[tuple[str, str]], str]:
        """The target container pick list of the shown service (its containers by their
        current names, and "none"), and the target."""
        svc = self.services[self.index]
        containers = svc.get("containers") if isinstance(svc.get("containers"), list) else []
        names = [str(c.get("name")) for c in containers if isinstance(c, dict) and c.get("name")]
        lb = svc.get("load_balancer")
        target = lb.get("container") if isinstance(lb, dict) else None
        if isinstance(lb, dict) and not target:
            target = names[0] if names else ""
        options = [(f"container {n}", n) for n in names] + [("none (worker)", "")]
        if target and target not in names:
            options.insert(0, (f"{target} (missing)", target))
        return options, target or ""

    def draft_changed(self) -> None:
        """Pick lists follow renames and error markers at once."""
        if not self.services:
            return
        for sel in self.query("#service-picker").results(PickSelect):
            replace_options(sel, self._picker_options(), self.index)
        for sel in self.query("#lb-target").results(PickSelect):
            replace_options(sel, *self._lb_options())

    # -- pick lists ----------------------------------------------------------------------
    async def on_select_changed(self, event: Select.Changed) -> None:
        event.stop()
        if event.select.id == "service-picker":
            if event.value != self.index:
                self.wizard.ui.service = int(str(event.value))
                await self._rebuild("#service-picker")
        elif event.select.id == "lb-target":
            await self._set_lb_target(str(event.value))

    async def _set_lb_target(self, target: str) -> None:
        lb_path = f"services[{self.index}].load_balancer"
        lb = get_path(self.draft, lb_path)
        wizard = self.wizard
        if not target:
            if isinstance(lb, dict):
                wizard.stash.keep(lb_path, lb)
                wizard.update_draft(lb_path, None)
        else:
            if isinstance(lb, dict):
                if lb.get("container") == target:
                    return
                wizard.update_draft(f"{lb_path}.container", target)
                return
            restored = wizard.stash.take(lb_path, {"health_check": {"path": "/"}})
            restored["container"] = target
            wizard.update_draft(lb_path, restored)
        await self._rebuild("#lb-target")

    def _new_autoscaling(self) -> dict[str, Any]:
        """Autoscaling as first switched on: from the desired count up to four tasks."""
        desired = get_path(self.draft, f"services[{self.index}].desired_count", 2)
        return {"min": desired if isinstance(desired, int) else 1, "max": 4, "cpu_percent": 60}

    # -- add / duplicate / remove ----------------------------------------------------------
    def _taken(self) -> set[str]:
        return {str(s.get("name")) for s in self.services if isinstance(s, dict)}

    async def action_add_service(self) -> None:
        services = [*self.services, new_service(unique_name("svc", self._taken()))]
        await self._set_services(services, len(services) - 1)

    async def action_duplicate_service(self) -> None:
        if not self.services:
            return
        dup = duplicate_service(self.services[self.index], self._taken())
        services = [*self.services, dup]
        await self._set_services(services, len(services) - 1)

    def action_remove_service(self) -> None:
        from ecs_wizard.screens.dialogs import ChoiceDialog

        if not self.services:
            return
        name = self.services[self.index].get("name") or f"#{self.index + 1}"

        async def done(choice: str | None) -> None:
            if choice == "remove":
                services = list(self.services)
                del services[self.index]
                await self._set_services(services, max(self.index - 1, 0))

        self.app.push_screen(
            ChoiceDialog(
                "Remove service?",
                f"Remove service {name!r} and its containers?",
                [("cancel", "Cancel"), ("remove", "Remove")],
            ),
            done,
        )

    async def action_add_container(self) -> None:
        if not self.services:
            return
        s = f"services[{self.index}]"
        containers = get_path(self.draft, f"{s}.containers")
        containers = list(containers) if isinstance(containers, list) else []
        taken = {str(c.get("name")) for c in containers if isinstance(c, dict)}
        containers.append(new_container(unique_name("sidecar", taken)))
        self.wizard.update_draft(f"{s}.containers", containers, force=True)
        await self._rebuild(f"#{path_id(f'{s}.containers[{len(containers) - 1}].name')}")

    async def action_remove_container(self) -> None:
        if not self.services:
            return
        s = f"services[{self.index}]"
        containers = self.services[self.index].get("containers") or []
        if len(containers) <= 1:
            self.notify("A service needs at least one container.", severity="warning")
            return
        self.wizard.update_draft(f"{s}.containers", containers[:-1], force=True)
        await self._rebuild()

    async def _set_services(self, services: list[dict[str, Any]], index: int) -> None:
        """Write the new list of services and show the one at `index`."""
        self.wizard.ui.service = index
        self.wizard.update_draft("services", services, force=True)
        await self._rebuild(f"#{path_id(f'services[{index}].name')}")
