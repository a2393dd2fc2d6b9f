"""Step 5: listener rules — a table, and a form for the selected rule."""

from __future__ import annotations

import copy
from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Checkbox, DataTable, Static

from ecs_wizard.draft import unique_name
from ecs_wizard.messages import FieldChanged
from ecs_wizard.screens.base import (
    BoundSelect,
    Field,
    StateCheckbox,
    StepScreen,
    format_value,
    path_id,
    text_field,
)
from ecs_wizard.screens.steps import step


class AutoPriority(StateCheckbox):
    pass


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
        rules = self.draft.get("routing")
        if not isinstance(rules, list):
            rules = self.draft["routing"] = []
        return rules

    @property
    def index(self) -> int:
        n = len(self.rules)
        return min(max(int(self.app.ui.get("rule", 0)), 0), max(n - 1, 0))  # type: ignore[attr-defined]

    @property
    def auto(self) -> bool:
        ui = self.app.ui  # type: ignore[attr-defined]
        if "auto_priority" not in ui:
            ui["auto_priority"] = all(
                isinstance(r, dict) and r.get("priority") == (k + 1) * 10
                for k, r in enumerate(self.rules)
            )
        return bool(ui["auto_priority"])

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
        services = [
            s.get("name")
            for s in d.get("services") or []
            if isinstance(s, dict) and s.get("name") and isinstance(s.get("load_balancer"), dict)
        ]
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
        flagged = {i.path.split("]")[0] + "]" for i in (*self.app.errors, *self.app.warnings)}  # type: ignore[attr-defined]
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
            self.app.ui["auto_priority"] = False  # type: ignore[attr-defined]
            box = self.query_one("#auto-priority", AutoPriority)
            with box.prevent(Checkbox.Changed):
                box.value = False
        self.app.update_draft(message.path, message.value)  # type: ignore[attr-defined]

    async def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        await self._select(
            event.cursor_row, focus=f"#{path_id(f'routing[{event.cursor_row}].name')}"
        )

    async def on_checkbox_changed(self, event: Checkbox.Changed) -> None:
        if not isinstance(event.checkbox, AutoPriority):
            return
        event.stop()
        self.app.ui["auto_priority"] = event.value  # type: ignore[attr-defined]
        if event.value:
            self._renumber()
            self.app.changed()  # type: ignore[attr-defined]
            await self._select(self.index, focus="#auto-priority")

    def _renumber(self) -> None:
        if self.auto:
            for k, rule in enumerate(self.rules):
                if isinstance(rule, dict):
                    rule["priority"] = (k + 1) * 10

    async def _select(self, index: int, focus: str | None = None) -> None:
        self.app.ui["rule"] = index  # type: ignore[attr-defined]
        await self.recompose()
        self._fill_table()
        table = self.query_one("#rules", DataTable)
        if self.rules:
            table.move_cursor(row=self.index, animate=False)
        self.refresh_issues()
        if focus and self.query(focus):
            self.query_one(focus).focus()
        else:
            table.focus()

    async def _changed(self, index: int, focus: str | None = None) -> None:
        self._renumber()
        self.app.changed()  # type: ignore[attr-defined]
        await self._select(index, focus)

    def _default_service(self) -> str | None:
        for s in self.draft.get("services") or []:
            if isinstance(s, dict) and isinstance(s.get("load_balancer"), dict):
                return s.get("name")
        return None

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
        self.rules.append(rule)
        n = len(self.rules) - 1
        await self._changed(n, f"#{path_id(f'routing[{n}].name')}")

    async def action_duplicate_rule(self) -> None:
        if not self.rules:
            return
        taken = {str(r.get("name")) for r in self.rules if isinstance(r, dict)}
        dup = copy.deepcopy(self.rules[self.index])
        dup["name"] = unique_name(f"{dup.get('name') or 'rule'}-copy", taken)
        numbers = [r.get("priority") for r in self.rules if isinstance(r.get("priority"), int)]
        dup["priority"] = (max(numbers) if numbers else 0) + 10
        self.rules.insert(self.index + 1, dup)
        await self._changed(self.index + 1, f"#{path_id(f'routing[{self.index + 1}].name')}")

    def action_remove_rule(self) -> None:
        from ecs_wizard.screens.dialogs import ChoiceDialog

        if not self.rules:
            return
        name = self.rules[self.index].get("name") or f"#{self.index + 1}"

        async def done(choice: str | None) -> None:
            if choice == "remove":
                del self.rules[self.index]
                await self._changed(max(self.index - 1, 0))

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
        self.rules[i], self.rules[j] = self.rules[j], self.rules[i]
        if not self.auto:
            self.notify("Order changed; priorities are set by hand (turn on 'follow the order').")
        await self._changed(j, "#rules")
