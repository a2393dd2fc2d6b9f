"""Step 5: listener rules — a table, and a form for the selected rule."""

from __future__ import annotations

import copy
from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Checkbox, DataTable, Static

from ecs_wizard.draft import lb_service_names, unique_name
from ecs_wizard.fields import format_value
from ecs_wizard.messages import FieldChanged
from ecs_wizard.screens.base import StepScreen
from ecs_wizard.screens.steps import step
from ecs_wizard.screens.widgets.bound_select import BoundSelect
from ecs_wizard.screens.widgets.field import Field, text_field
from ecs_wizard.screens.widgets.ids import path_id
from ecs_wizard.screens.widgets.state_checkbox import StateCheckbox


class AutoPriority(StateCheckbox):
    """ "Follow the order": priorities 10, 20, ... renumbered as rules are added or moved."""


def _other(rule: dict[str, Any]) -> str:
    bits = []
    if rule.get("source_ips"):
        bits.append("ip")
    if rule.get("http_headers"):
        bits.append("hdr")
    if rule.get("query_strings"):
        bits.append("qs")
    if rule.get("methods"):
        bits.append("/".join(map(str, rule["methods"])))
    return " ".join(bits)


class RoutingScreen(StepScreen):
    STEP_TITLE = step("routing").title
    PREFIXES = step("routing").prefixes
    BINDINGS: ClassVar = [
        Binding("f2", "add_rule", "Add rule"),
        Binding("f3", "duplicate_rule", "Dup rule"),
        Binding("f4", "remove_rule", "Del rule"),
        Binding("f7", "move(-1)", "Up"),
        Binding("f8", "move(1)", "Down"),
    ]

    @property
    def rules(self) -> list[dict[str, Any]]:
        """The draft's routing rules, to read (an empty list while it has none)."""
        rules = self.draft.get("routing")
        return rules if isinstance(rules, list) else []

    @property
    def index(self) -> int:
        n = len(self.rules)
        return min(max(self.wizard.ui.rule, 0), max(n - 1, 0))

    @property
    def auto(self) -> bool:
        ui = self.wizard.ui
        if ui.auto_priority is None:
            ui.auto_priority = all(
                isinstance(r, dict) and r.get("priority") == (k + 1) * 10
                for k, r in enumerate(self.rules)
            )
        return ui.auto_priority

    def compose_form(self) -> ComposeResult:
        yield DataTable(id="rules", cursor_type="row", zebra_stripes=True)
        yield Field(
            "Priorities",
            AutoPriority(
                "follow the order (10, 20, …)", self.auto, id="auto-priority", compact=True
            ),
            paths=("-",),
        )
        if not self.rules:
            yield Static(
                "No rules: every request goes to the default action. F2 adds a rule.",
                classes="hint",
            )
            return
        d = self.draft
        r = f"routing[{self.index}]"
        yield Static(f"Rule {self.index + 1}", classes="section")
        yield text_field("Name", d, f"{r}.name", hint="api")
        yield text_field("Priority", d, f"{r}.priority", "int", "1-50000, lower wins")
        services = lb_service_names(d)
        current = self.rules[self.index].get("service")
        yield Field(
            "Target service",
            BoundSelect(f"{r}.service", [(n, n) for n in services], current),
        )
        yield text_field("Hosts", d, f"{r}.hosts", "list", "api.example.com, *.example.org")
        yield text_field("Paths", d, f"{r}.paths", "list", "/v1/*, /admin/*")
        yield text_field("Source IPs", d, f"{r}.source_ips", "list", "10.0.0.0/8")
        yield text_field("Methods", d, f"{r}.methods", "list", "GET, HEAD")
        yield text_field("HTTP headers", d, f"{r}.http_headers", "dictlist", "X-Env=blue|green")
        yield text_field("Query strings", d, f"{r}.query_strings", "dict", "version=2")

    def after_mount(self) -> None:
        self._fill_table()
        table = self.query_one("#rules", DataTable)
        if self.rules:
            table.move_cursor(row=self.index)
        table.focus()

    def _fill_table(self) -> None:
        table = self.query_one("#rules", DataTable)
        table.clear(columns=True)
        table.add_columns("#", "Prio", "Name", "Hosts", "Paths", "Other", "Service")
        wizard = self.wizard
        flagged = {i.path.split("]")[0] + "]" for i in (*wizard.errors, *wizard.warnings)}
        for k, rule in enumerate(self.rules):
            if not isinstance(rule, dict):
                continue
            mark = "!" if f"routing[{k}]" in flagged else ""
            table.add_row(
                f"{k + 1}{mark}",
                str(rule.get("priority", "")),
                str(rule.get("name", "")),
                format_value("list", rule.get("hosts")) or "*",
                format_value("list", rule.get("paths")) or "*",
                _other(rule),
                str(rule.get("service", "")),
            )

    def draft_changed(self) -> None:
        table = self.query_one("#rules", DataTable)
        row = table.cursor_row
        self._fill_table()
        if self.rules:
            table.move_cursor(row=min(row, len(self.rules) - 1), animate=False)

    def on_field_changed(self, message: FieldChanged) -> None:
        message.stop()
        if message.path.endswith(".priority") and self.auto:
            self.wizard.ui.auto_priority = False
            box = self.query_one("#auto-priority", AutoPriority)
            with box.prevent(Checkbox.Changed):
                box.value = False
        self.wizard.update_draft(message.path, message.value)

    async def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        await self._select(
            event.cursor_row, focus=f"#{path_id(f'routing[{event.cursor_row}].name')}"
        )

    async def on_checkbox_changed(self, event: Checkbox.Changed) -> None:
        if not isinstance(event.checkbox, AutoPriority):
            return
        event.stop()
        self.wizard.ui.auto_priority = event.value
        if event.value:
            await self._set_rules(list(self.rules), self.index, focus="#auto-priority")

    def _numbered(self, rules: list[Any]) -> list[Any]:
        """`rules` with priorities 10, 20, ... in order, when the priorities follow it."""
        if not self.auto:
            return rules
        return [
            {**rule, "priority": (k + 1) * 10} if isinstance(rule, dict) else rule
            for k, rule in enumerate(rules)
        ]

    async def _select(self, index: int, focus: str | None = None) -> None:
        self.wizard.ui.rule = index
        await self._rebuild(focus, "#rules")

    def rebuilt(self) -> None:
        self._fill_table()
        if self.rules:
            self.query_one("#rules", DataTable).move_cursor(row=self.index, animate=False)

    async def _set_rules(self, rules: list[Any], index: int, focus: str | None = None) -> None:
        """Write the new list of rules (renumbered when the priorities follow the order)
        and show the one at `index`."""
        self.wizard.update_draft("routing", self._numbered(rules), force=True)
        await self._select(index, focus)

    def _default_service(self) -> str | None:
        names = lb_service_names(self.draft)
        return names[0] if names else None

    async def action_add_rule(self) -> None:
        taken = {str(r.get("name")) for r in self.rules if isinstance(r, dict)}
        rule: dict[str, Any] = {"name": unique_name("rule", taken)}
        priorities = [r.get("priority") for r in self.rules if isinstance(r, dict)]
        numbers = [p for p in priorities if isinstance(p, int)]
        rule["priority"] = (max(numbers) if numbers else 0) + 10
        service = self._default_service()
        if service:
            rule["service"] = service
        rule["paths"] = ["/*"]
        n = len(self.rules)
        await self._set_rules([*self.rules, rule], n, f"#{path_id(f'routing[{n}].name')}")

    async def action_duplicate_rule(self) -> None:
        if not self.rules:
            return
        taken = {str(r.get("name")) for r in self.rules if isinstance(r, dict)}
        dup = copy.deepcopy(self.rules[self.index])
        dup["name"] = unique_name(f"{dup.get('name') or 'rule'}-copy", taken)
        numbers = [r.get("priority") for r in self.rules if isinstance(r.get("priority"), int)]
        dup["priority"] = (max(numbers) if numbers else 0) + 10
        rules = list(self.rules)
        rules.insert(self.index + 1, dup)
        n = self.index + 1
        await self._set_rules(rules, n, f"#{path_id(f'routing[{n}].name')}")

    def action_remove_rule(self) -> None:
        from ecs_wizard.screens.dialogs import ChoiceDialog

        if not self.rules:
            return
        name = self.rules[self.index].get("name") or f"#{self.index + 1}"

        async def done(choice: str | None) -> None:
            if choice == "remove":
                rules = list(self.rules)
                del rules[self.index]
                await self._set_rules(rules, max(self.index - 1, 0))

        self.app.push_screen(
            ChoiceDialog(
                "Remove rule?",
                f"Remove routing rule {name!r}?",
                [("cancel", "Cancel"), ("remove", "Remove")],
            ),
            done,
        )

    async def action_move(self, delta: int) -> None:
        i = self.index
        j = i + delta
        if not self.rules or not 0 <= j < len(self.rules):
            return
        rules = list(self.rules)
        rules[i], rules[j] = rules[j], rules[i]
        if not self.auto:
            self.notify("Order changed; priorities are set by hand (turn on 'follow the order').")
        await self._set_rules(rules, j, "#rules")
