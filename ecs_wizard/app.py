"""The Textual wizard: project → cluster → services → ALB → routing → review & export.

The draft (a plain dict shaped like the answers YAML) lives on the app; screens bind widgets
to paths in it and read it, but only the app writes it (`update_draft`, `update_many`,
`toggle_block`), so every change is re-validated through `ecs_wizard.validation` (fast
enough per keystroke) and autosaved atomically in a worker.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, cast

from textual import work
from textual.app import App
from textual.binding import Binding

from ecs_wizard.model.draft import DraftStore, default_draft
from ecs_wizard.model.paths import get_path, set_path
from ecs_wizard.model.paths import is_under as issue_matches
from ecs_wizard.screens.messages import DraftUpdated
from ecs_wizard.screens.plain_notify import PlainNotifications
from ecs_wizard.screens.steps import STEPS

if TYPE_CHECKING:
    from ecs_wizard.screens.base import StepScreen


@dataclass
class WizardUi:
    """What the user picked on a step, kept across visits (a step's screen is built anew on
    every visit)."""

    service: int = 0  # the service shown on the services step
    rule: int = 0  # the rule shown on the routing step
    auto_priority: bool | None = None  # rules numbered 10, 20, ...; None: judge from the rules
    export_dir: str | None = None  # as typed on the review step
    #: the environment being edited (None: the base answers); see ecs_wizard.model.env_view
    environment: str | None = None
    #: the last non-empty value of each name field, so a rename made by clearing the field
    #: and typing a new name still follows the references to the old one
    last_names: dict[str, str] = field(default_factory=dict)


@dataclass
class Stash:
    """Settings of optional blocks the user switched off (HTTPS, autoscaling, a capacity
    provider, a service's load balancer, the fixed response), keyed by the block's draft
    path, so switching the block on again brings them back instead of defaults."""

    blocks: dict[str, dict[str, Any]] = field(default_factory=dict)

    def keep(self, path: str, block: dict[str, Any]) -> None:
        self.blocks[path] = copy.deepcopy(block)

    def take(self, path: str, default: dict[str, Any]) -> dict[str, Any]:
        return self.blocks.pop(path, default)


class WizardApp(PlainNotifications, App):
    CSS_PATH = str(Path(__file__).with_name("app.tcss"))
    TITLE = "ecs-wizard"
    ENABLE_COMMAND_PALETTE = False

    BINDINGS: ClassVar = [
        Binding("ctrl+n", "next_step", "Next", priority=True),
        Binding("ctrl+b", "prev_step", "Back", priority=True),
        Binding("f1", "help", "Help", priority=True),
        Binding("ctrl+s", "save", "Save", priority=True, show=False),
        Binding("ctrl+q,ctrl+c", "request_quit", "Quit", priority=True),
    ]

    def __init__(
        self,
        draft: dict[str, Any] | None = None,
        *,
        source: Path | None = None,
        store: DraftStore | None = None,
        offer_resume: bool = True,
        start_step: int = 0,
        tfvars_edits: Any = None,
    ) -> None:
        super().__init__()
        self.steps = STEPS  # a step's screen module is imported when it is first shown
        self.ui = WizardUi()
        self._view: dict[str, Any] | None = None
        self.draft = draft if draft is not None else default_draft()
        self.source = source
        self.store = store or DraftStore()
        # a new project: the latest draft of any project; `edit FILE`: that file's draft
        self.offer_resume = offer_resume and (draft is None or source is not None)
        self.step = start_step
        self.dirty = False
        self.stash = Stash()
        self.errors: list[Any] = []  # what the steps show (mapped to the edited environment)
        self.warnings: list[Any] = []
        self.file_errors: list[Any] = []  # every issue of the whole answers file
        self.file_warnings: list[Any] = []
        self.exported_to: Path | None = None
        self._discarded = False
        self._version = 0  # bumped on every change, so stale background results are dropped
        self._validated = False
        #: hand edits of the project's terraform.tfvars to offer first (hand_edits.TfvarsEdits)
        self.tfvars_edits = tfvars_edits

    # -- lifecycle -----------------------------------------------------------------------
    def on_mount(self) -> None:
        # The first screen is shown at once; the answers model (pydantic, ~0.15 s to import)
        # loads in a worker and the issues appear when it is ready.
        self.push_screen(self.steps[self.step].screen_class()())
        self.call_after_refresh(self._start_warm_validation)
        saved = None
        if self.offer_resume:
            saved = self.store.load(self.source) if self.source else self.store.latest()
        if saved is None:
            self._offer_tfvars_import()
            return
        from ecs_wizard.screens.resume_dialog import resume_dialog

        # One dialog at a time: the hand-edit import is offered after the resume question,
        # and only when the file's answers (not a resumed draft) are what it would replace.
        self.push_screen(
            resume_dialog(saved[1], self.store), lambda choice: self._resume(choice, saved)
        )

    def _offer_tfvars_import(self) -> None:
        if self.tfvars_edits is None:
            return
        from ecs_wizard.screens.tfvars_edits import offer_tfvars_import

        edits = self.tfvars_edits
        offer_tfvars_import(self, edits, str(edits.project or self.source))

    def _resume(self, choice: str | None, saved: tuple[dict, dict]) -> None:
        if choice == "resume" and self.tfvars_edits is not None:
            self.notify(
                "The resumed draft is shown; the hand edits of terraform.tfvars were not "
                "imported (open the project again without resuming to import them).",
                severity="warning",
                timeout=10,
            )
        elif choice != "resume":
            self._offer_tfvars_import()
        if choice != "resume":
            if choice == "discard":
                self.store.clear(saved[1].get("source"))
            return
        draft, meta = saved
        self.draft = draft
        source = meta.get("source")
        self.source = Path(source) if source else None
        self.dirty = True
        self.revalidate()
        step = meta.get("step", 0)
        self.goto(step if isinstance(step, int) and 0 <= step < len(self.steps) else 0)

    # -- the draft -------------------------------------------------------------------------
    @property
    def draft(self) -> dict[str, Any]:
        """What the steps show and bind to: the answers file, or with an environment selected
        its merged answers (writes then go to its overlay: see `update_many`)."""
        return self._view if self._view is not None else self._file

    @draft.setter
    def draft(self, value: dict[str, Any]) -> None:
        self._file = value
        self._refresh_view()

    @property
    def file_draft(self) -> dict[str, Any]:
        """The whole answers file (base and every environment): what is saved and rendered."""
        return self._file

    def _refresh_view(self) -> None:
        from ecs_wizard.model.environments import OverlayError, merge

        env = self.ui.environment
        self._view = None
        if env is None:
            return
        if env not in (self._file.get("environments") or {}):
            self.ui.environment = None
            return
        try:
            self._view = merge(self._file, env).data
        except OverlayError:
            self.ui.environment = None  # an overlay the steps cannot show: edit the base

    def switch_environment(self, env: str | None) -> None:
        """Edit environment `env` (None: the base answers) from now on."""
        self.ui.environment = env
        self._refresh_view()
        self.revalidate()
        self.screen.post_message(DraftUpdated(self.errors, self.warnings))

    def add_environment(self, name: str) -> None:
        """A new environment, its network copied from the base to fill in, then edited."""
        envs = dict(self._file.get("environments") or {})
        envs[name] = {"network": copy.deepcopy(self._file.get("network") or {})}
        self._file["environments"] = envs
        self.ui.environment = name
        self._refresh_view()
        self._changed()

    def _map_issues(self, issues: list[Any]) -> list[Any]:
        from dataclasses import replace

        from ecs_wizard.model.env_view import view_path

        env = self.ui.environment
        if env is None:
            return list(issues)
        out = []
        for issue in issues:
            path = view_path(self._file, env, issue.path)
            if path is not None:
                out.append(replace(issue, path=path))
        return out

    def _set_issues(self, errors: list[Any], warnings: list[Any]) -> None:
        self.file_errors, self.file_warnings = errors, warnings
        self.errors, self.warnings = self._map_issues(errors), self._map_issues(warnings)

    def revalidate(self) -> None:
        from ecs_wizard.validation.lenient import validate_draft

        self._set_issues(*validate_draft(self._file))
        self._validated = True

    def _start_warm_validation(self) -> None:
        if not self._validated:
            self._warm_validation(copy.deepcopy(self._file), self._version)

    @work(thread=True, exclusive=True, group="validate")
    def _warm_validation(self, draft: dict[str, Any], version: int) -> None:
        from ecs_wizard.validation.lenient import validate_draft

        errors, warnings = validate_draft(draft)
        self.call_from_thread(self._warmed, errors, warnings, version)

    def _warmed(self, errors: list[Any], warnings: list[Any], version: int) -> None:
        if version != self._version or self._validated:
            return
        self._set_issues(errors, warnings)
        self._validated = True
        self.screen.post_message(DraftUpdated(self.errors, self.warnings))

    def update_draft(self, path: str, value: Any, *, force: bool = False) -> None:
        """Write one value into the draft (None removes it), re-validate, autosave."""
        self.update_many({path: value}, force=force)

    def update_many(self, values: dict[str, Any], *, force: bool = False) -> None:
        """Write several values as one change. Nothing happens when they are all in place
        already, unless `force` (an explicit action such as renumbering counts as a change)."""
        if not force and all(get_path(self.draft, p) == v for p, v in values.items()):
            return
        if self._view is not None and self.ui.environment is not None:
            if not self._write_overlay(self.ui.environment, values):
                return
        else:
            for path, value in values.items():
                set_path(self._file, path, copy.deepcopy(value))
        self._changed()

    def _write_overlay(self, env: str, values: dict[str, Any]) -> bool:
        """Write view paths into environment `env`'s overlay; False (and a notice) when one of
        them is the same in every environment."""
        from ecs_wizard.model.env_view import overlay_write
        from ecs_wizard.model.paths import put_path

        view = self.draft
        writes: list[tuple[str, Any, bool]] = []
        for path, value in values.items():
            target = overlay_write(view, env, path, value)
            if isinstance(target, str):
                self.notify(target, severity="warning", timeout=6)
                self.screen.post_message(DraftUpdated(self.errors, self.warnings))
                return False
            # Removing a value the base sets needs an explicit null in the overlay.
            explicit_null = target[1] is None and get_path(self._file, path) is not None
            writes.append((target[0], target[1], explicit_null))
        for opath, value, explicit_null in writes:
            if explicit_null:
                set_path(self._file, opath, {})
                put_path(self._file, opath, None)
            else:
                set_path(self._file, opath, copy.deepcopy(value))
        self._refresh_view()
        return True

    def toggle_block(self, path: str, on: bool, default: Callable[[], dict[str, Any]]) -> bool:
        """Switch the optional block at `path` on (its stashed settings, else `default()`)
        or off (its settings stashed). False when it already was in that state."""
        current = get_path(self.draft, path)
        if on and not isinstance(current, dict):
            self.update_draft(path, self.stash.take(path, default()))
        elif not on and isinstance(current, dict):
            self.stash.keep(path, current)
            self.update_draft(path, None)
        else:
            return False
        return True

    def _changed(self) -> None:
        """Re-validate, autosave and tell the screen: after every write of `self.draft`."""
        self.dirty = True
        self._version += 1
        self._refresh_view()
        self.revalidate()
        self.autosave(copy.deepcopy(self._file), str(self.source) if self.source else None)
        self.screen.post_message(DraftUpdated(self.errors, self.warnings))

    @work(thread=True, exclusive=True, group="autosave")
    def autosave(self, draft: dict[str, Any], source: str | None) -> None:
        if self._discarded:
            return
        try:
            self.store.save(draft, source=source, step=self.step)
        except OSError as exc:
            self.call_from_thread(
                self.notify, f"Autosave failed: {exc}", severity="warning", timeout=4
            )

    def ensure_validated(self) -> None:
        """Validate now if the background validation has not finished yet."""
        if not self._validated:
            self.revalidate()
            self.screen.post_message(DraftUpdated(self.errors, self.warnings))

    def step_errors(self, index: int) -> list[Any]:
        self.ensure_validated()
        prefixes = self.steps[index].prefixes
        return [i for i in self.errors if any(issue_matches(i.path, p) for p in prefixes)]

    # -- navigation ------------------------------------------------------------------------
    def step_bar(self) -> Any:
        """The bar of step names for the top of a step screen (fits its width)."""
        from ecs_wizard.screens.widgets.step_bar import StepBar

        return StepBar([step.title for step in self.steps], self.step, id="stepbar")

    def goto(self, index: int) -> None:
        self.step = index
        self.switch_screen(self.steps[index].screen_class()())

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Step navigation belongs to the step screens: with a plan view, a dialog or the
        # help on top, Ctrl+N / Ctrl+B are off (and left out of that screen's footer).
        if action in ("next_step", "prev_step"):
            return _is_step_screen(self.screen)
        return True

    def action_next_step(self) -> None:
        if not _is_step_screen(self.screen) or self.step >= len(self.steps) - 1:
            return
        errors = self.step_errors(self.step)
        if errors:
            from ecs_wizard.ui.field_labels import wizard_issue_text

            first = wizard_issue_text(errors[0], self.draft)
            self.notify(
                f"Fix {len(errors)} error(s) before continuing: {first}",
                severity="error",
                timeout=5,
            )
            cast("StepScreen", self.screen).focus_first_error()
            return
        self.goto(self.step + 1)

    def action_prev_step(self) -> None:
        if _is_step_screen(self.screen) and self.step > 0:
            self.goto(self.step - 1)

    def action_help(self) -> None:
        from ecs_wizard.screens.dialogs import HelpScreen

        if isinstance(self.screen, HelpScreen):
            self.screen.dismiss(None)  # F1 is a priority key: it closes the help it opened
        else:
            self.push_screen(HelpScreen())

    # -- saving and quitting ---------------------------------------------------------------
    def action_save(self) -> None:
        if self.source is None or self.source.is_dir():
            self.notify("Export the project from the Review step (Ctrl+N to get there).")
            return
        if self.file_errors:
            self.notify(f"Not saved: {len(self.file_errors)} error(s) remain.", severity="error")
            return
        self.save_answers(self.source)

    @work(thread=True, exclusive=True, group="save")
    def save_answers(self, path: Path) -> None:
        from ecs_wizard.model.yamlio import dump_answers, write_text_atomic

        try:
            write_text_atomic(path, dump_answers(self.draft_answers()))
        except OSError as exc:
            self.call_from_thread(self.notify, f"Save failed: {exc}", severity="error")
            return
        self.call_from_thread(self._saved, path)

    def _saved(self, path: Path) -> None:
        self.dirty = False
        self.store.clear(self.source)
        self.notify(f"Saved {path}")

    def exported(self, out_dir: Path) -> None:
        """The project was written to `out_dir`: nothing is left unsaved, no draft to resume."""
        self.exported_to = out_dir
        self.dirty = False
        self.store.clear(self.source)

    def draft_answers(self) -> Any:
        from ecs_wizard.model.answers import Answers

        return Answers.model_validate(self._file)

    def action_request_quit(self) -> None:
        from ecs_wizard.screens.dialogs import ChoiceDialog

        if not self.dirty:
            self.exit(0)
            return
        if isinstance(self.screen, ChoiceDialog):
            return
        dialog = ChoiceDialog(
            "Quit ecs-wizard?",
            "You have changes that were not exported or saved.\n"
            f"Keep the draft ({self.store.slot_path(self.source)}) to resume next time, or "
            "discard it.",
            [("cancel", "Cancel"), ("keep", "Keep draft & quit"), ("discard", "Discard & quit")],
        )
        self.push_screen(dialog, self._quit_choice)

    def _quit_choice(self, choice: str | None) -> None:
        if choice == "keep":
            source = str(self.source) if self.source else None
            self.store.save(self._file, source=source, step=self.step)
            self.exit(0)
        elif choice == "discard":
            self._discarded = True
            self.workers.cancel_group(self, "autosave")
            self.store.clear(self.source)
            self.exit(0)


def _is_step_screen(screen: Any) -> bool:
    """True for a wizard step's screen (without importing the screens module here)."""
    return bool(getattr(type(screen), "PREFIXES", ()))
