"""Step 5: listener rules — a table, and a form for the selected rule."""

from __future__ import annotations

import copy
from typing import Any, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Checkbox, DataTable, Static

from ecs_wizard.model.draft import lb_service_names, unique_name
from ecs_wizard.model.paths import get_path
from ecs_wizard.screens.base import StepScreen
from ecs_wizard.screens.messages import FieldChanged
from ecs_wizard.screens.steps import step
from ecs_wizard.screens.widgets.bound_select import BoundSelect
from ecs_wizard.screens.widgets.field import Field, text_field
from ecs_wizard.screens.widgets.ids import path_id
from ecs_wizard.screens.widgets.state_checkbox import StateCheckbox
from ecs_wizard.ui.fields import format_value


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
                markup=False,
            )
            return
        d = self.draft
        r = f"routing[{self.index}]"
        yield Static(f"Rule {self.index + 1}", classes="section", markup=False)
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
        self._show_selected()
        table.focus()

    def _order(self) -> list[int]:
        """The rules' indices in evaluation order: the load balancer tries the lowest
        priority first (a rule without a valid number comes last, in list order)."""

        def key(k: int) -> tuple[int, int, int]:
            rule = self.rules[k]
            p = rule.get("priority") if isinstance(rule, dict) else None
            ok = isinstance(p, int) and not isinstance(p, bool)
            return (0, p, k) if ok else (1, 0, k)  # type: ignore[return-value]

        return sorted(range(len(self.rules)), key=key)

    def _show_selected(self) -> None:
        """Put the table's cursor on the selected rule's row."""
        order = self._order()
        if self.index in order:
            table = self.query_one("#rules", DataTable)
            table.move_cursor(row=order.index(self.index), animate=False)

    def _fill_table(self) -> None:
        """One row per rule, in evaluation order; "#" is the rule's number in the list (the
        form's "Rule N")."""
        table = self.query_one("#rules", DataTable)
        table.clear(columns=True)
        table.add_columns("#", "Prio", "Name", "Hosts", "Paths", "Other", "Service")
        wizard = self.wizard
        flagged = {i.path.split("]")[0] + "]" for i in (*wizard.errors, *wizard.warnings)}
        for k in self._order():
            rule = self.rules[k]
            mark = "!" if f"routing[{k}]" in flagged else ""
            if not isinstance(rule, dict):
                table.add_row(f"{k + 1}{mark}", "", "", "", "", "", "", key=str(k))
                continue
            cells = (
                f"{k + 1}{mark}",
                str(rule.get("priority", "")),
                str(rule.get("name", "")),
                format_value("list", rule.get("hosts")) or "*",
                format_value("list", rule.get("paths")) or "*",
                _other(rule),
                str(rule.get("service", "")),
            )
            # Text, not str: a DataTable reads a str cell as markup, and these are typed names
            table.add_row(*(Text(cell) for cell in cells), key=str(k))

    def draft_changed(self) -> None:
        self._fill_table()
        self._show_selected()

    def on_field_changed(self, message: FieldChanged) -> None:
        message.stop()
        # An input reports its value when it is mounted too: only a priority typed by hand
        # (a value that differs from the draft's) stops the priorities following the order.
        typed = get_path(self.draft, message.path) != message.value
        if message.path.endswith(".priority") and typed and self.auto:
            self.wizard.ui.auto_priority = False
            box = self.query_one("#auto-priority", AutoPriority)
            with box.prevent(Checkbox.Changed):
                box.value = False
        self.wizard.update_draft(message.path, message.value)

    async def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        k = int(str(event.row_key.value))
        await self._select(k, focus=f"#{path_id(f'routing[{k}].name')}")

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
        self._show_selected()

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
        """Move the selected rule up or down in evaluation order: with "follow the order"
        the list is reordered and renumbered; with priorities set by hand the rule swaps
        its priority with the neighbour's, so which rule wins changes either way."""
        order = self._order()
        i = self.index
        if i not in order:
            return
        q = order.index(i) + delta
        if not 0 <= q < len(order):
            return
        j = order[q]
        if self.auto:
            rules = list(self.rules)
            rules[i], rules[j] = rules[j], rules[i]
            await self._set_rules(rules, j, "#rules")
            return
        pi, pj = (get_path(self.draft, f"routing[{k}].priority") for k in (i, j))
        numbers = all(isinstance(p, int) and not isinstance(p, bool) for p in (pi, pj))
        if not numbers or pi == pj:
            self.notify(
                "Give both rules different priorities (lower wins) to change their order, "
                "or turn on 'follow the order'.",
                severity="warning",
            )
            return
        self.wizard.update_many({f"routing[{i}].priority": pj, f"routing[{j}].priority": pi})
        await self._select(i, "#rules")
