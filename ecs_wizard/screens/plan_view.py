"""The plan view widget: a parsed Plan as a tree (module → type → resource) with the header
counts, the destroy/replace warning, filters and a detail pane with the attribute diff of the
highlighted resource. Used by the screens in `ecs_wizard.screens.plan`."""

from __future__ import annotations

from typing import Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Checkbox, Input, Select, Static, Tree
from textual.widgets.tree import TreeNode

from ecs_wizard.plan.model import Plan, ResourceChange, module_label
from ecs_wizard.plan.render_text import render_outputs, render_resource, render_summary
from ecs_wizard.screens.widgets.folded_text import FoldedStatic
from ecs_wizard.screens.widgets.plain_select import PlainSelect
from ecs_wizard.screens.widgets.state_checkbox import StateCheckbox

ALL_MODULES = "__all__"


def _resource_label(rc: ResourceChange) -> Text:
    t = Text()
    t.append(f"{rc.symbol.strip() or '→':>3} ", style=rc.style)
    label = f"{rc.name}{_index(rc.address)}"
    t.append(label, style=rc.style if rc.action.value != "no-op" else "")
    if rc.moved:
        t.append(" (moved)", style="blue")
    if rc.imported:
        t.append(" (import)", style="cyan")
    return t


def _index(address: str) -> str:
    """The instance key of an address (`["a"]` in `aws_x.y["a"]`, `[0]`), if any."""
    if address.endswith("]") and "[" in address:
        return address[address.rfind("[") :]
    return ""


def _counts(rcs: list[ResourceChange]) -> Text:
    t = Text()
    order = (("create", "+"), ("update", "~"), ("replace", "-/+"), ("delete", "-"))
    for action, sym in order:
        n = sum(1 for rc in rcs if rc.action.value == action)
        if n:
            t.append(f" {sym}{n}", style=_STYLE[action])
    return t


_STYLE = {"create": "green", "update": "yellow", "replace": "magenta", "delete": "red"}


class PlanView(Vertical):
    """Summary, warning, filters, the change tree and the detail pane for one Plan."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("d", "toggle_destructive", "Destructive"),
        Binding("slash", "focus_filter", "Filter"),
        Binding("e", "expand_all", "Expand"),
        Binding("c", "collapse_all", "Collapse"),
    ]

    def __init__(self, plan: Plan, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.plan = plan

    def compose(self) -> ComposeResult:
        summary = render_summary(self.plan)
        summary.rstrip()  # no blank row under it
        yield Static(summary, id="plan-summary", markup=False)
        modules = [(module_label(m), m) for m in self.plan.modules()]
        with Horizontal(id="plan-filters"):
            # compact (one row each): at 80x24 every row is one more for the tree
            yield Input(placeholder="filter by address or type…", id="plan-filter", compact=True)
            yield PlainSelect(
                [("All modules", ALL_MODULES), *modules],
                value=ALL_MODULES,
                allow_blank=False,
                id="plan-module",
                compact=True,
            )
            # shows [X] only when on (Textual's Checkbox draws X either way, told by colour)
            yield StateCheckbox("Destroys/replaces", id="plan-destructive", compact=True)
        with Horizontal(id="plan-body"):
            tree: Tree[Any] = Tree("Plan", id="plan-tree")
            tree.show_root = False
            yield tree
            with VerticalScroll(id="plan-detail-scroll"):
                yield FoldedStatic(self._help_text(), id="plan-detail")

    def on_mount(self) -> None:
        self.rebuild_tree()
        self.query_one("#plan-tree", Tree).focus()

    def _help_text(self) -> Text:
        if not self.plan.summary.has_changes and not self.plan.output_changes:
            return Text("No changes: nothing to show.", style="green")
        return Text("Select a resource to see its attribute changes.", style="dim")

    # -- filtering --------------------------------------------------------------------------
    def current_changes(self) -> list[ResourceChange]:
        text = self.query_one("#plan-filter", Input).value.strip()
        module = self.query_one("#plan-module", Select).value
        destructive = self.query_one("#plan-destructive", Checkbox).value
        return self.plan.filtered(
            destructive_only=destructive,
            module=None if module in (ALL_MODULES, Select.BLANK) else str(module),
            text=text,
        )

    def _filter_state(self) -> tuple[str, Any, bool]:
        return (
            self.query_one("#plan-filter", Input).value.strip(),
            self.query_one("#plan-module", Select).value,
            self.query_one("#plan-destructive", Checkbox).value,
        )

    def rebuild_tree(self, force: bool = False) -> None:
        state = self._filter_state()
        if not force and state == getattr(self, "_built_for", None):
            return  # e.g. the Changed events widgets post when mounted: nothing to redo
        self._built_for = state
        tree = self.query_one("#plan-tree", Tree)
        tree.clear()
        changes = self.current_changes()
        grouped = self.plan.grouped(changes)
        for mod, types in grouped.items():
            all_rcs = [rc for v in types.values() for rc in v]
            label = Text(module_label(mod), style="bold")
            label.append_text(_counts(all_rcs))
            mnode = tree.root.add(label, data=("module", mod), expand=True)
            for rtype, rcs in types.items():
                tlabel = Text(rtype, style="bold blue")
                tlabel.append(f" ({len(rcs)})", style="dim")
                tnode = mnode.add(tlabel, data=("type", rtype), expand=True)
                for rc in rcs:
                    tnode.add_leaf(_resource_label(rc), data=rc)
        if self.plan.output_changes and any(
            o.action.value != "no-op" for o in self.plan.output_changes
        ):
            tree.root.add_leaf(Text("Outputs", style="bold"), data=("outputs", None))
        if self.plan.drift:
            tree.root.add_leaf(
                Text(f"Changes outside Terraform ({len(self.plan.drift)})", style="bold yellow"),
                data=("drift", None),
            )
        if not changes and self.plan.changes:
            tree.root.add_leaf(Text("No resources match the filters.", style="dim"))

    @on(Input.Changed, "#plan-filter")
    @on(Select.Changed, "#plan-module")
    @on(Checkbox.Changed, "#plan-destructive")
    def _filters_changed(self, event) -> None:
        event.stop()
        self.rebuild_tree()

    @on(Input.Submitted, "#plan-filter")
    def _filter_submitted(self) -> None:
        self.query_one("#plan-tree", Tree).focus()

    # -- detail -----------------------------------------------------------------------------
    @on(Tree.NodeHighlighted, "#plan-tree")
    @on(Tree.NodeSelected, "#plan-tree")
    def _show_detail(self, event) -> None:
        event.stop()
        self.show_node(event.node)

    def show_node(self, node: TreeNode[Any]) -> None:
        detail = self.query_one("#plan-detail", Static)
        data = node.data
        if isinstance(data, ResourceChange):
            text = render_resource(data)
            if not data.diff and data.action.value == "delete":
                text.append("  (the whole object is removed)\n", style="dim")
            detail.update(text)
        elif isinstance(data, tuple) and data[0] == "outputs":
            detail.update(
                Text("Outputs\n", style="bold") + render_outputs(self.plan.output_changes)
            )
        elif isinstance(data, tuple) and data[0] == "drift":
            t = Text("Changes outside Terraform since the last apply\n", style="bold yellow")
            for rc in self.plan.drift:
                t.append_text(render_resource(rc))
            detail.update(t)
        elif isinstance(data, tuple):
            n = sum(1 for _ in _leaves(node))
            detail.update(
                Text(
                    f"{node.label.plain if isinstance(node.label, Text) else node.label}"
                    f"\n{n} resource change(s). Press Enter to expand/collapse."
                )
            )

    # -- actions ----------------------------------------------------------------------------
    def action_toggle_destructive(self) -> None:
        box = self.query_one("#plan-destructive", Checkbox)
        box.value = not box.value

    def action_focus_filter(self) -> None:
        self.query_one("#plan-filter", Input).focus()

    def action_expand_all(self) -> None:
        self.query_one("#plan-tree", Tree).root.expand_all()

    def action_collapse_all(self) -> None:
        tree = self.query_one("#plan-tree", Tree)
        for child in tree.root.children:
            child.collapse_all()


def _leaves(node: TreeNode[Any]):
    for child in node.children:
        if isinstance(child.data, ResourceChange):
            yield child
        else:
            yield from _leaves(child)
