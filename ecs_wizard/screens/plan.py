"""The plan view in the TUI.

- `PlanView`: widget showing a parsed Plan as a tree (module → type → resource), with the
  header counts, the destroy/replace warning, filters and a detail pane with the attribute
  diff of the highlighted resource.
- `PlanScreen(target, terraform_bin=None, options=None, env=None, *, title=None,
  banner=None, on_close=None)`: runs init/plan/show for a PlanTarget (or a project
  directory, planned as it is) in a thread worker, streams terraform's output, then shows
  the PlanView. Escape cancels a running plan (SIGINT to terraform's process group) and,
  once stopped, closes the screen; it dismisses with the PlanResult (or None if it never
  ran), so the wizard's review screen can push it and look. `title` replaces the title line,
  `banner` adds a highlighted block under it (the emulator run's label and notes). The
  screen owns the target: when it goes away (dismissed or the app exits) and terraform has
  stopped, it closes the target and then runs `on_close`, exactly once.
- `PlanViewScreen(plan)` / `PlanViewApp(plan_json)`: the same view for an existing plan JSON
  (`ecs-wizard show-plan --tui`). `PlanRunApp` wraps PlanScreen for `ecs-wizard plan --tui`.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Checkbox, Footer, Input, RichLog, Select, Static, Tree
from textual.widgets.tree import TreeNode

from ecs_wizard.plan.model import Plan, ResourceChange, load_plan, module_label
from ecs_wizard.plan.render_text import render_outputs, render_resource, render_summary
from ecs_wizard.plan.runner import (
    PlanOptions,
    PlanResult,
    PlanRunner,
    ProgressLine,
    Status,
)
from ecs_wizard.plan.target import AwsTarget, PlanTarget

ALL_MODULES = "__all__"
CSS_PATH = Path(__file__).with_name("plan.tcss")


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
        Binding("d", "toggle_destructive", "Destroys/replaces only"),
        Binding("slash", "focus_filter", "Filter"),
        Binding("e", "expand_all", "Expand all"),
        Binding("c", "collapse_all", "Collapse all"),
    ]

    def __init__(self, plan: Plan, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.plan = plan

    def compose(self) -> ComposeResult:
        yield Static(render_summary(self.plan), id="plan-summary")
        modules = [(module_label(m), m) for m in self.plan.modules()]
        with Horizontal(id="plan-filters"):
            yield Input(placeholder="filter by address or type…", id="plan-filter")
            yield Select(
                [("All modules", ALL_MODULES), *modules],
                value=ALL_MODULES,
                allow_blank=False,
                id="plan-module",
            )
            yield Checkbox("Destroys/replaces", id="plan-destructive")
        with Horizontal(id="plan-body"):
            tree: Tree[Any] = Tree("Plan", id="plan-tree")
            tree.show_root = False
            yield tree
            with VerticalScroll(id="plan-detail-scroll"):
                yield Static(self._help_text(), id="plan-detail")

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


class PlanViewScreen(Screen[None]):
    """A parsed plan, full screen. Escape/q closes."""

    CSS_PATH = CSS_PATH
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close"),
        Binding("q", "close", "Close", show=False),
    ]

    def __init__(self, plan: Plan, title: str = "Terraform plan") -> None:
        super().__init__()
        self.plan = plan
        self.plan_title = title

    def compose(self) -> ComposeResult:
        yield Static(self.plan_title, id="plan-title")
        yield PlanView(self.plan, id="plan-view")
        yield Footer()

    def action_close(self) -> None:
        self.dismiss(None)


class PlanScreen(Screen[PlanResult | None]):
    """Run `terraform plan` in `project_dir` (in a worker) and show the result.

    Dismisses with the PlanResult (status, exit_code, plan_json, error), or None.
    """

    CSS_PATH = CSS_PATH
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel_or_close", "Cancel / close"),
        Binding("l", "toggle_log", "Terraform output"),
        Binding("r", "rerun", "Re-run plan"),
    ]

    def __init__(
        self,
        target: PlanTarget | Path,
        terraform_bin: str | None = None,
        options: PlanOptions | None = None,
        env: dict[str, str] | None = None,
        *,
        title: str | None = None,
        banner: str | Text | None = None,
        on_close: Callable[[], None] | None = None,
    ) -> None:
        """`target` must be open; a bare directory is planned as it is (with `env`)."""
        super().__init__()
        if isinstance(target, (str, Path)):
            target = AwsTarget(Path(target), env)
        self.target: PlanTarget = target
        self.project_dir = target.project_dir
        self.terraform_bin = terraform_bin
        self.options = options
        self.title_text = title
        self.banner = banner
        self.runner: PlanRunner | None = None
        self.result: PlanResult | None = None
        self.running = False
        # The target is closed (then on_close runs) once, and never while terraform still
        # uses its directory: the lock orders "the plan thread finished" against "the screen
        # went away".
        self._on_close = on_close
        self._target_open = True
        self._close_lock = threading.Lock()
        self._thread_active = False
        self._close_when_thread_ends = False

    def compose(self) -> ComposeResult:
        env = self.options.environment if self.options is not None else None
        default_title = f"Terraform plan — {self.project_dir}" + (
            f" — environment {env}" if env else ""
        )
        yield Static(self.title_text or default_title, id="plan-title", markup=False)
        if self.banner is not None:
            yield Static(self.banner, id="plan-banner")
        yield Static("Starting terraform…", id="plan-status")
        yield RichLog(id="plan-log", wrap=True, markup=False, highlight=False, max_lines=5000)
        yield Vertical(id="plan-result")
        yield Footer()

    def on_mount(self) -> None:
        self.start()

    def on_unmount(self) -> None:
        if self.runner is not None and self.running:
            self.runner.cancel()
        with self._close_lock:
            if self._thread_active:
                self._close_when_thread_ends = True  # the plan thread calls it when done
                return
        self._run_on_close()

    def _run_on_close(self) -> None:
        with self._close_lock:
            target, self._target_open = self._target_open, False
        if not target:
            return
        self.target.close()
        if self._on_close is not None:
            self._on_close()

    def _run_plan(self, runner: PlanRunner) -> PlanResult:
        """The worker's body (a thread): the plan, then the close if the screen is gone."""
        try:
            return runner.run()
        finally:
            with self._close_lock:
                self._thread_active = False
                close_now = self._close_when_thread_ends
            if close_now:
                self._run_on_close()

    def start(self) -> None:
        if self.running:
            return
        self.running = True
        self.result = None
        result_box = self.query_one("#plan-result")
        result_box.remove_children()
        result_box.display = False
        log = self.query_one("#plan-log", RichLog)
        log.display = True
        log.clear()
        self._set_status(Text("Running terraform… (Escape cancels)", style="bold"))
        self.runner = self.target.runner(
            self.options, terraform_bin=self.terraform_bin, on_line=self._on_line_threadsafe
        )
        runner = self.runner
        with self._close_lock:
            self._thread_active = True
        self.run_worker(
            lambda: self._run_plan(runner), thread=True, exclusive=True, name="terraform-plan"
        )

    def _set_status(self, text: Text | str) -> None:
        self.query_one("#plan-status", Static).update(text)

    def _on_line_threadsafe(self, line: ProgressLine) -> None:
        with contextlib.suppress(RuntimeError):  # the app may already be gone
            self.app.call_from_thread(self._on_line, line)

    def _on_line(self, line: ProgressLine) -> None:
        style = {"error": "red", "warn": "yellow"}.get(line.level, "")
        self.query_one("#plan-log", RichLog).write(Text(line.text, style=style))
        if line.level == "info":
            first = line.text.splitlines()[0] if line.text else ""
            self._set_status(Text(f"terraform {line.stage}: {first[:200]}", style="bold"))

    def on_worker_state_changed(self, event) -> None:
        from textual.worker import WorkerState

        if event.worker.name != "terraform-plan":
            return
        if event.state == WorkerState.SUCCESS:
            self._finished(event.worker.result)
        elif event.state == WorkerState.ERROR:
            self.running = False
            self._set_status(Text(f"Internal error: {event.worker.error}", style="bold red"))

    def _finished(self, result: PlanResult) -> None:
        self.running = False
        self.result = result
        container = self.query_one("#plan-result", Vertical)
        container.display = result.status is not Status.CANCELLED
        if result.status is Status.CANCELLED:
            self._set_status(
                Text(
                    "Cancelled: terraform was interrupted and has stopped. "
                    "Press r to re-run, Escape to close.",
                    style="bold yellow",
                )
            )
            return
        if result.error is not None:
            from ecs_wizard.present import render_error

            t = render_error(result.error)
            self._set_status(Text("terraform failed (press r to re-run)", style="bold red"))
            container.mount(VerticalScroll(Static(t, id="plan-error"), id="plan-error-scroll"))
            return
        plan = result.plan()
        self._set_status(
            Text(
                f"Plan saved to {result.plan_file} ({result.duration:.1f}s). "
                "Press l for terraform's output.",
                style="dim",
            )
        )
        self.query_one("#plan-log", RichLog).display = False
        container.mount(PlanView(plan, id="plan-view"))

    def action_toggle_log(self) -> None:
        log = self.query_one("#plan-log", RichLog)
        log.display = not log.display

    def action_rerun(self) -> None:
        self.start()

    def action_cancel_or_close(self) -> None:
        if self.running and self.runner is not None:
            self.runner.cancel()
            self._set_status(Text("Cancelling: waiting for terraform to stop…", style="yellow"))
            return
        self.dismiss(self.result)


class PlanViewApp(App[None]):
    """Standalone viewer for an existing plan (dict, JSON text, Path or Plan)."""

    TITLE = "ecs-wizard plan"
    CSS_PATH = CSS_PATH

    def __init__(self, plan_json: dict[str, Any] | str | Path | Plan, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.plan = plan_json if isinstance(plan_json, Plan) else load_plan(plan_json)

    def on_mount(self) -> None:
        self.push_screen(PlanViewScreen(self.plan), lambda _: self.exit())


class PlanRunApp(App[int]):
    """`ecs-wizard plan --tui`: run the plan in PlanScreen; exits with the plan's exit code."""

    TITLE = "ecs-wizard plan"
    CSS_PATH = CSS_PATH

    def __init__(
        self,
        project_dir: Path,
        terraform_bin: str | None = None,
        options: PlanOptions | None = None,
        env: dict[str, str] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.screen_args = (Path(project_dir), terraform_bin, options, env)

    def on_mount(self) -> None:
        def done(result: PlanResult | None) -> None:
            self.exit(result.exit_code if result is not None else 130)

        self.push_screen(PlanScreen(*self.screen_args), done)
