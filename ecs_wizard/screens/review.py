"""Step 6: review the validation result and the generated Terraform; export; plan."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from rich.syntax import Syntax
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import Input, Static, TabbedContent, TabPane

from ecs_wizard.screens.base import StepScreen
from ecs_wizard.screens.emulator_banner import EMULATOR_TITLE, emulator_banner
from ecs_wizard.screens.messages import ExportDone, RenderDone
from ecs_wizard.screens.steps import step
from ecs_wizard.screens.widgets import migration_report as migration
from ecs_wizard.screens.widgets.field import Field
from ecs_wizard.screens.widgets.step_footer import StepFooter
from ecs_wizard.ui.present import describe, render_error

if TYPE_CHECKING:
    from ecs_wizard.plan.target import EmulatorTarget

SHOWN_FILES = ("terraform.tfvars", "main.tf")


@dataclass
class LocalRunReady(Message):
    """The emulator is up and the temporary copy of the exported project is ready."""

    target: EmulatorTarget


@dataclass
class LocalRunFailed(Message):
    """The emulator run could not be prepared (message says what to do)."""

    error: str


def environments_text(file: dict[str, Any], current: str | None) -> str:
    """Which environments the answers describe and which one the steps edit."""
    envs = file.get("environments") or {}
    state = file.get("state")
    lines = [
        "Editing: " + ("the base answers" if current is None else f"environment {current}"),
    ]
    if envs:
        for name, overlay in envs.items():
            count = len(overlay or {})
            lines.append(f"  {name}: overrides {count} section(s)" if count else f"  {name}")
    else:
        lines.append("One environment. Add one below to deploy the same answers several times.")
    if isinstance(state, dict) and state.get("bucket"):
        lines.append(f"State: s3://{state['bucket']}/{state.get('key_prefix', 'ecs-wizard')}/<env>")
    else:
        lines.append("State: local (set a bucket to share it with locking)")
    return "\n".join(lines)


def summary_text(draft: dict[str, Any]) -> str:
    project = draft.get("project") or {}
    lines = [
        f"Project {project.get('name', '?')} ({project.get('environment', 'prod')}) "
        f"in {project.get('region', 'us-east-1')}",
    ]
    capacity = (draft.get("cluster") or {}).get("capacity") or {}
    if isinstance(capacity, dict) and capacity:
        lines.append("Capacity: " + ", ".join(sorted(capacity)))
    for s in draft.get("services") or []:
        if not isinstance(s, dict):
            continue
        lb = s.get("load_balancer")
        behind = f"ALB → {lb.get('container')}" if isinstance(lb, dict) else "worker"
        auto = s.get("autoscaling")
        scale = (
            f"{auto.get('min', 1)}-{auto.get('max', 4)} tasks"
            if isinstance(auto, dict)
            else f"{s.get('desired_count', 2)} tasks"
        )
        lines.append(
            f"  service {s.get('name')}: {s.get('cpu', 256)} CPU / {s.get('memory', 512)} MiB, "
            f"{scale}, {behind}"
        )
    alb = draft.get("alb") or {}
    https = alb.get("https")
    lines.append(
        f"ALB: {'internal' if alb.get('internal') else 'internet-facing'}, "
        f"HTTP {((alb.get('http') or {}).get('port', 80))}"
        + (f", HTTPS {https.get('port', 443)}" if isinstance(https, dict) else ", no HTTPS")
    )
    lines.append(f"Routing rules: {len(draft.get('routing') or [])}")
    return "\n".join(lines)


class ReviewScreen(StepScreen):
    STEP_TITLE = step("review").title
    PREFIXES = step("review").prefixes
    BINDINGS: ClassVar = [
        Binding("f5", "export", "Export"),
        Binding("f9", "plan", "Plan"),
        Binding("f10", "local_plan", "Local plan"),
    ]
    #: the export directory is focused as the screen is composed (no scrolling form here)
    AUTO_FOCUS = "#export-dir"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._local_after_export = False  # F10 pressed: plan locally once the export is done
        self._local_starting = False  # an emulator target is being opened in a worker
        #: the emulator target a plan screen is showing, if any
        self.local_run: EmulatorTarget | None = None
        # The target being opened by the worker, not yet handed to a plan screen: closed here
        # if this screen goes away first (the target itself makes that safe mid-open).
        self._pending_local: EmulatorTarget | None = None

    def compose(self) -> ComposeResult:
        yield self.wizard.step_bar()
        yield Field(
            "Export to", Input(self._default_dir(), id="export-dir", compact=True), paths=("-",)
        )
        with TabbedContent(id="review-tabs"):
            with TabPane("Check", id="tab-check"), VerticalScroll():
                yield Static("", id="result", markup=False)
                yield Static(summary_text(self.draft), id="summary", markup=False)
            for name in SHOWN_FILES:
                with TabPane(name, id=f"tab-{name.replace('.', '-')}"), VerticalScroll():
                    yield Static("Rendering…", id=f"file-{name.replace('.', '-')}", markup=False)
            with TabPane("Environments & state", id="tab-teams"), VerticalScroll():
                yield from self.compose_teams()
            report = migration.report_for(self.wizard.source)
            if report is not None:  # written by `ecs-wizard import-copilot` next to the answers
                with TabPane("Migration", id="tab-migration"), VerticalScroll():
                    yield migration.MigrationReport(report)
        yield Static("", id="issues", markup=False)
        yield StepFooter()

    def compose_teams(self) -> ComposeResult:
        """Which answers the steps edit (the base or an environment), adding an environment,
        and where the state lives (see README, Teams)."""
        from ecs_wizard.screens.widgets.bound_select import BoundSelect
        from ecs_wizard.screens.widgets.field import text_field
        from ecs_wizard.screens.widgets.plain_select import PlainSelect

        file = self.wizard.file_draft
        envs = list(file.get("environments") or {})
        current = self.wizard.ui.environment
        yield Static(environments_text(file, current), id="envs-summary", markup=False)
        if envs:
            options = [("the base answers", "-")] + [(f"environment {e}", e) for e in envs]
            yield Field(
                "Edit",
                PlainSelect(options, value=current or "-", allow_blank=False, id="env-select"),
                paths=("-",),
            )
        yield Field(
            "New environment",
            Input(placeholder="e.g. staging (Enter adds it)", id="env-new", compact=True),
            paths=("environments",),
        )
        if current is None:
            yield text_field("State bucket (S3)", file, "state.bucket", hint="blank: local state")
            # lockfile is the default: choosing it removes the key (no state block appears
            # just because the form was shown)
            lock = (
                (file.get("state") or {}).get("lock")
                if isinstance(file.get("state"), dict)
                else None
            )
            yield Field(
                "Locking",
                BoundSelect(
                    "state.lock",
                    [
                        ("S3 lock files (Terraform >= 1.10)", "lockfile"),
                        ("DynamoDB table", "dynamodb"),
                    ],
                    lock,
                    none_token="lockfile",
                ),
            )
            yield text_field(
                "Lock table", file, "state.dynamodb_table", hint="only with DynamoDB locking"
            )
        else:
            yield Static(
                f"Steps 1-5 now show and change {current}: a value you change there is stored "
                f"under environments.{current} and marked as an override. The state settings "
                "are shared: edit them with the base answers.",
                classes="hint",
                markup=False,
            )

    async def on_select_changed(self, event: Any) -> None:
        if getattr(event.select, "id", None) != "env-select":
            return
        event.stop()
        env = None if event.value in ("-", None) else str(event.value)
        if env == self.wizard.ui.environment:
            return
        self.wizard.switch_environment(env)
        self.notify(f"Editing {'the base answers' if env is None else 'environment ' + env}.")
        await self.recompose()
        self.after_mount()

    async def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id != "env-new":
            return
        event.stop()
        from ecs_wizard.validation.patterns import NAME_RE

        name = event.value.strip()
        envs = self.wizard.file_draft.get("environments") or {}
        if not NAME_RE.match(name) or len(name) > 32:
            self.notify(
                "An environment name is lower-case letters, digits and hyphens (e.g. staging).",
                severity="error",
            )
            return
        if name in envs:
            self.notify(f"{name} already exists.", severity="error")
            return
        self.wizard.add_environment(name)
        self.notify(f"Added {name} with the base's network to fill in; steps 1-5 now edit {name}.")
        await self.recompose()
        self.after_mount()

    def on_field_changed(self, message: Any) -> None:
        # The state is shared by every environment: its fields write the answers file, and an
        # empty bucket means local state (no `state:` at all).
        if message.path == "state.bucket" and message.value in (None, ""):
            message.stop()
            self.wizard.update_draft("state", None)
            return
        super().on_field_changed(message)

    def _default_dir(self) -> str:
        export_dir = self.wizard.ui.export_dir
        if export_dir is not None:
            return export_dir
        source = self.wizard.source
        if source is not None:
            return str(source if source.is_dir() else source.parent / "terraform")
        project = self.draft.get("project") or {}
        return f"./{project.get('name') or 'project'}-{project.get('environment') or 'prod'}"

    def after_mount(self) -> None:
        self.wizard.ensure_validated()
        self._show_result()
        self.start_render()
        self.query_one("#export-dir", Input).focus()

    def refresh_issues(self) -> None:
        self.query_one("#issues", Static).display = False

    def _show_result(self) -> None:
        errors, warnings = self.wizard.file_errors, self.wizard.file_warnings
        text = Text()
        if errors:
            text.append(f"✗ {len(errors)} error(s) — go back (Ctrl+B) to fix\n", style="bold red")
        else:
            text.append("✓ The answers are valid.\n", style="bold green")
        for issue in (*errors, *warnings):
            text.append_text(render_error(issue))
            text.append("\n")
        self.query_one("#result", Static).update(text)

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "export-dir":
            self.wizard.ui.export_dir = event.value

    # -- rendering -------------------------------------------------------------------------
    def start_render(self) -> None:
        if self.wizard.file_errors:
            for name in SHOWN_FILES:
                self.query_one(f"#file-{name.replace('.', '-')}", Static).update(
                    "Fix the errors first: invalid answers render nothing."
                )
            return
        self._render_worker(self.wizard.draft_answers())

    @work(thread=True, exclusive=True, group="render")
    def _render_worker(self, answers: Any) -> None:
        try:
            from ecs_wizard.render import render_files

            files = render_files(answers)
        except Exception as exc:  # surfaced in the UI, never a traceback
            self.post_message(RenderDone(None, describe(exc)))
            return
        self.post_message(RenderDone(files))

    def on_render_done(self, message: RenderDone) -> None:
        for name in SHOWN_FILES:
            widget = self.query_one(f"#file-{name.replace('.', '-')}", Static)
            if message.files is None:
                widget.update(render_error(message.error, prefix="Rendering failed: "))
            else:
                content = message.files.get(name)
                if content is None and name == "terraform.tfvars":
                    # with environments: the edited (else the first) environment's values
                    envs = list(self.wizard.file_draft.get("environments") or {})
                    env = self.wizard.ui.environment or (envs[0] if envs else "")
                    content = message.files.get(f"envs/{env}.tfvars", "")
                widget.update(Syntax(content, "terraform", theme="ansi_dark", word_wrap=False))

    # -- export ----------------------------------------------------------------------------
    def action_export(self, force: bool = False) -> None:
        if self.wizard.file_errors:
            self.notify("Cannot export: fix the errors first (Ctrl+B).", severity="error")
            return
        text = self.query_one("#export-dir", Input).value.strip()
        if not text:
            self.notify("Type the directory to export to.", severity="error")
            return
        self.notify(f"Exporting to {text}…", timeout=2)
        self._export_worker(self.wizard.draft_answers(), Path(text).expanduser(), force)

    @work(thread=True, exclusive=True, group="export")
    def _export_worker(self, answers: Any, out_dir: Path, force: bool) -> None:
        from ecs_wizard.render import RenderConflict, write_project

        try:
            # a hand edit in a file the render does not change is kept, even by Overwrite
            report = write_project(answers, out_dir, force=force, keep_edits=True)
        except RenderConflict as exc:
            paths = [str(p) for p in exc.paths]
            self.post_message(ExportDone(str(out_dir), False, str(exc), paths, exc.diffs))
            return
        except Exception as exc:
            self.post_message(ExportDone(str(out_dir), False, describe(exc)))
            return
        written = len(report.written)
        backup = report.backup_dir
        detail = f"{written} file(s) written" + (f"; backup in {backup}" if backup else "")
        if report.kept:
            detail += f"; your edits of {', '.join(report.kept)} kept (render unchanged)"
        self.post_message(ExportDone(str(out_dir), True, detail, kept=report.kept))

    def on_export_done(self, message: ExportDone) -> None:
        from ecs_wizard.screens.conflict_dialog import ConflictDialog

        if message.ok:
            self.wizard.exported(Path(message.out_dir))
            self.notify(
                f"Exported to {message.out_dir}: {message.detail}. "
                "F9 plans it (F10 against the local emulator)."
            )
            if self._local_after_export:
                self._local_after_export = False
                self._start_local_plan(Path(message.out_dir))
            return
        if message.conflicts:
            diffs = {p: message.diffs.get(p, "") for p in message.conflicts}
            kept = sorted(set(self._edited_kept(Path(message.out_dir))) - set(diffs))
            self.app.push_screen(
                ConflictDialog(message.out_dir, diffs, kept), self._conflict_choice
            )
            return
        self._local_after_export = False
        self.notify(f"Export failed: {message.detail}", severity="error", timeout=8)

    @staticmethod
    def _edited_kept(out_dir: Path) -> list[str]:
        """Files of `out_dir` known as edited by hand (the render keeps those it does not
        change; the dialog says so)."""
        from ecs_wizard.rendering.writer import edited_files

        try:
            return list(edited_files(out_dir))
        except (OSError, ValueError):
            return []

    def _conflict_choice(self, choice: str | None) -> None:
        if choice == "overwrite":
            self.action_export(force=True)
        else:
            self._local_after_export = False

    def action_plan(self) -> None:
        exported = self.wizard.exported_to
        if exported is None:
            self.notify("Export first (F5), then plan.", severity="warning")
            return
        from ecs_wizard.plan.target import AwsTarget
        from ecs_wizard.screens.plan import PlanScreen

        self.app.push_screen(PlanScreen(AwsTarget(exported)))

    # -- plan against the local emulator (F10) ---------------------------------------------
    def action_local_plan(self) -> None:
        """Export if needed, then plan the project against moto on loopback (no AWS)."""
        from ecs_wizard.plan.target import EmulatorTarget

        if self._local_starting or self.local_run is not None:
            self.notify("The emulator run is already starting.", severity="warning")
            return
        missing = EmulatorTarget.missing_requirement()
        if missing is not None:
            self.notify(missing, severity="warning", timeout=12)
            return
        if self.wizard.file_errors:
            self.notify("Cannot plan: fix the errors first (Ctrl+B).", severity="error")
            return
        exported = self.wizard.exported_to
        wanted = self.query_one("#export-dir", Input).value.strip()
        stale = (
            exported is None
            or self.wizard.dirty
            or (wanted and Path(wanted).expanduser() != exported)
        )
        if stale:
            self._local_after_export = True
            self.action_export()
            if not wanted:
                self._local_after_export = False
            return
        self._start_local_plan(exported)

    def _start_local_plan(self, project: Path) -> None:
        from ecs_wizard.plan.target import EmulatorTarget

        self._local_starting = True
        self.notify(
            "Starting the local AWS emulator (moto) for a plan; nothing touches AWS…", timeout=4
        )
        self._pending_local = EmulatorTarget(project)
        self._local_worker(self._pending_local)

    @work(thread=True, exclusive=True, group="local-plan")
    def _local_worker(self, target: EmulatorTarget) -> None:
        from ecs_wizard.plan.target import TargetClosed, TargetError

        try:
            target.open()
        except TargetClosed:
            return  # this screen went away meanwhile; the target cleaned up after itself
        except TargetError as exc:
            self.post_message(LocalRunFailed(str(exc)))
            return
        except Exception as exc:  # surfaced in the UI, never a traceback
            self.post_message(LocalRunFailed(f"{type(exc).__name__}: {exc}"))
            return
        self.post_message(LocalRunReady(target))

    def on_unmount(self) -> None:
        self._close_local()

    def _close_local(self) -> None:
        """Close the target being opened (or opened but never shown), if any."""
        target, self._pending_local = self._pending_local, None
        if target is not None:
            target.close()

    def on_local_run_failed(self, message: LocalRunFailed) -> None:
        self._local_starting = False
        self._close_local()
        self.notify(f"Emulator run failed: {message.error}", severity="error", timeout=12)

    def on_local_run_ready(self, message: LocalRunReady) -> None:
        from ecs_wizard.screens.plan import PlanScreen

        self._local_starting = False
        if self._pending_local is not message.target:
            return  # already closed (this screen went away meanwhile)
        self._pending_local = None
        target = self.local_run = message.target
        banner = emulator_banner(target)

        def closed() -> None:  # runs once, after the plan screen closed the target
            self.local_run = None

        self.app.push_screen(
            PlanScreen(
                target,
                title=f"{EMULATOR_TITLE} — plan of {target.source}",
                banner=banner,
                on_close=closed,
            )
        )
