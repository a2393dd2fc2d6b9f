"""Run `terraform init` (when needed), `terraform plan -out` and `terraform show -json`.

Output is streamed line by line to a callback (the CLI's live display, the TUI's log), the
child runs in its own process group so Ctrl-C / cancel() can be forwarded to terraform *and*
its provider plugins, and failures are classified into friendly PlanErrors (diagnostics.py).

Terraform (or OpenTofu) comes from `--terraform-bin`, `$ECS_WIZARD_TERRAFORM`, then PATH.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from ecs_wizard.model.fileio import write_atomic
from ecs_wizard.plan.diagnostics import (
    Diagnostic,
    ErrorKind,
    PlanError,
    classify_failure,
    human_message,
    parse_human_diagnostics,
)
from ecs_wizard.plan.outbuf import OutputBuffer, bounded_lines
from ecs_wizard.plan.workdir import (
    FINGERPRINT_FILE,
    PLAN_FILE,
    STATE_DIR,
    backend_config,
    init_fingerprint,
    needs_init,
    prepare_state_dir,
    work_dir,
)
from ecs_wizard.rendering.layout import env_data_dir, env_vars
from ecs_wizard.rendering.writer import UnsafePath
from ecs_wizard.terraform import tfenv

__all__ = [
    "PlanOptions",
    "PlanResult",
    "PlanRunner",
    "ProgressLine",
    "Status",
]

MAX_SHOWN_LINES = 5000  # lines of one terraform command streamed to on_line
MAX_DIAGNOSTICS = 200  # diagnostics kept from one terraform command


class Status(StrEnum):
    NO_CHANGES = "no_changes"
    CHANGES = "changes"
    ERROR = "error"
    CANCELLED = "cancelled"


EXIT_CODES: dict[Status, int] = {
    Status.NO_CHANGES: 0,
    Status.CHANGES: 2,
    Status.ERROR: 1,
    Status.CANCELLED: 130,
}


@dataclass
class PlanOptions:
    var_files: list[str] = field(default_factory=list)
    targets: list[str] = field(default_factory=list)
    refresh: bool = True
    force_init: bool = False
    extra_plan_args: list[str] = field(default_factory=list)
    # An environment of a project rendered with `environments:` (see ecs_wizard.rendering.teams):
    # its var file and backend file, and its own TF_DATA_DIR, plan file and init fingerprint.
    environment: str | None = None
    # More `-backend-config` files or key=value pairs for init (after the environment's file).
    backend_configs: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class ProgressLine:
    stage: str  # "init" | "plan" | "show"
    text: str
    level: str = "info"  # "info" | "warn" | "error"


@dataclass
class PlanResult:
    status: Status
    plan_json: dict[str, Any] | None = None
    plan_file: Path | None = None
    error: PlanError | None = None
    ran_init: bool = False
    duration: float = 0.0
    warnings: list[Diagnostic] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        return EXIT_CODES[self.status]

    def plan(self):
        from ecs_wizard.plan.model import load_plan

        if self.plan_json is None:
            raise ValueError("no plan JSON (the run did not succeed)")
        return load_plan(self.plan_json)


class _Cancelled(Exception):
    pass


def _not_a_plan(plan_json: Any, output: str) -> PlanError | None:
    """The error when `terraform show -json` printed JSON that is not a readable plan."""
    from ecs_wizard.plan.model import PlanFormatError, load_plan

    try:
        load_plan(plan_json)
    except PlanFormatError as exc:
        return PlanError(
            ErrorKind.SHOW_FAILED,
            f"`terraform show -json` printed JSON that is not a Terraform plan ({exc})",
            "Check that the binary run as terraform (--terraform-bin, ECS_WIZARD_TERRAFORM) is "
            "Terraform 1.x or OpenTofu, then run the plan again.",
            output=output[-2000:],
        )
    return None


class PlanRunner:
    """init (when needed) → plan -out → show -json, in `project_dir`.

    Thread-safe `cancel()`: the run loop forwards SIGINT to terraform's process group, waits
    `cancel_grace` seconds for it to exit (terraform releases the state lock on interrupt),
    then escalates to SIGTERM and SIGKILL. Ctrl-C in the calling thread does the same.
    """

    def __init__(
        self,
        project_dir: Path,
        *,
        terraform_bin: str | None = None,
        options: PlanOptions | None = None,
        on_line: Callable[[ProgressLine], None] | None = None,
        env: dict[str, str] | None = None,
        cancel_grace: float = 30.0,
        term_grace: float = 5.0,
    ) -> None:
        # Absolute: terraform runs with cwd=project_dir, so a relative -out would nest.
        self.project_dir = Path(project_dir).expanduser().resolve()
        self.terraform_bin = terraform_bin
        self.options = options or PlanOptions()
        self.on_line = on_line
        self.env = env
        self.cancel_grace = cancel_grace
        self.term_grace = term_grace
        self._cancel = threading.Event()
        self._proc: subprocess.Popen[str] | None = None
        self._last_shown_whole = False  # the last command's output all went to on_line

    # -- public -----------------------------------------------------------------------------
    def cancel(self) -> None:
        """Ask the running terraform to stop (safe from any thread)."""
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    @property
    def plan_file(self) -> Path:
        return work_dir(self.project_dir, self.options.environment) / PLAN_FILE

    def plan_command(self, binary: str) -> list[str]:
        o = self.options
        cmd = [
            binary,
            "plan",
            "-input=false",
            "-json",
            "-detailed-exitcode",
            f"-out={self.plan_file}",
        ]
        if not o.refresh:
            cmd.append("-refresh=false")
        if o.environment:
            cmd.append(f"-var-file={env_vars(o.environment)}")
        cmd += [f"-var-file={f}" for f in o.var_files]
        cmd += [f"-target={t}" for t in o.targets]
        cmd += o.extra_plan_args
        return cmd

    def run(self) -> PlanResult:
        start = time.monotonic()
        result = self._run()
        result.duration = time.monotonic() - start
        return result

    # -- internals --------------------------------------------------------------------------
    def _emit(self, stage: str, text: str, level: str = "info") -> None:
        if self.on_line is not None:
            self.on_line(ProgressLine(stage, text, level))

    def _run(self) -> PlanResult:
        try:
            binary = str(tfenv.find_terraform(self.terraform_bin))
        except tfenv.TerraformNotFound as exc:
            return PlanResult(
                Status.ERROR,
                error=PlanError(ErrorKind.NOT_INSTALLED, str(exc), tfenv.INSTALL_TERRAFORM_HINT),
            )
        d = self.project_dir
        if not d.is_dir():
            return PlanResult(
                Status.ERROR,
                error=PlanError(
                    ErrorKind.NOT_A_PROJECT,
                    f"{d} is not a directory.",
                    "Pass the directory that holds the rendered Terraform (e.g. `out/`).",
                ),
            )
        if not any(d.glob("*.tf")) and not any(d.glob("*.tf.json")):
            return PlanResult(
                Status.ERROR,
                error=PlanError(
                    ErrorKind.NOT_A_PROJECT,
                    f"{d} holds no Terraform files (*.tf).",
                    "Render the project first (`ecs-wizard render`), then plan its directory.",
                ),
            )
        environment = self.options.environment
        try:
            prepare_state_dir(
                d,
                PLAN_FILE,
                (PLAN_FILE, FINGERPRINT_FILE, *(("envs/",) if environment else ())),
            )
            work = work_dir(d, environment)
            if environment:
                work.mkdir(parents=True, exist_ok=True)
                (work / PLAN_FILE).unlink(missing_ok=True)
        except (UnsafePath, OSError) as exc:
            return PlanResult(
                Status.ERROR,
                error=PlanError(
                    ErrorKind.NOT_A_PROJECT,
                    f"cannot use {d / STATE_DIR}: {exc}",
                    f"Delete or move {d / STATE_DIR} away and plan again (ecs-wizard keeps "
                    "only its own files there and recreates them).",
                ),
            )
        ran_init = False
        try:
            if self.options.force_init or needs_init(d, environment):
                ran_init = True
                self._emit("init", "Running terraform init…")
                init = [binary, "init", "-input=false", "-no-color"]
                backend = backend_config(d, environment)
                if backend:
                    init.append(f"-backend-config={backend}")
                init += [f"-backend-config={b}" for b in self.options.backend_configs]
                rc, out, _ = self._execute(init, "init")
                if rc != 0:
                    return PlanResult(
                        Status.ERROR,
                        error=self._shown(
                            classify_failure("init", parse_human_diagnostics(out), out)
                        ),
                        ran_init=True,
                    )
                write_atomic(work / FINGERPRINT_FILE, init_fingerprint(d, environment))
            self._emit("plan", "Running terraform plan…")
            rc, out, diags = self._execute(self.plan_command(binary), "plan", json_ui=True)
            warnings = [x for x in diags if x.severity == "warning"]
            if rc not in (0, 2):
                if not any(x.severity == "error" for x in diags):
                    diags = diags + parse_human_diagnostics(out)
                return PlanResult(
                    Status.ERROR,
                    error=self._shown(classify_failure("plan", diags, out)),
                    ran_init=ran_init,
                    warnings=warnings,
                )
            self._emit("show", "Reading the saved plan (terraform show -json)…")
            show_rc, show_out, _ = self._execute(
                [binary, "show", "-json", str(self.plan_file)], "show", stream=False
            )
            parsed = False
            try:
                plan_json = json.loads(show_out) if show_rc == 0 else None
                parsed = show_rc == 0
            except ValueError:
                plan_json = None
            if not parsed:
                return PlanResult(
                    Status.ERROR,
                    error=classify_failure("show", parse_human_diagnostics(show_out), show_out),
                    ran_init=ran_init,
                )
            not_a_plan = _not_a_plan(plan_json, show_out)
            if not_a_plan is not None:
                return PlanResult(Status.ERROR, error=not_a_plan, ran_init=ran_init)
        except (_Cancelled, KeyboardInterrupt):  # interrupted between terraform commands
            self._emit("plan", "Cancelled.", "warn")
            return PlanResult(Status.CANCELLED, ran_init=ran_init)
        except OSError as exc:  # binary vanished / not executable
            return PlanResult(
                Status.ERROR,
                error=PlanError(
                    ErrorKind.NOT_INSTALLED,
                    f"could not run {binary}: {exc.strerror or exc}",
                    tfenv.INSTALL_TERRAFORM_HINT,
                ),
                ran_init=ran_init,
            )
        return PlanResult(
            Status.CHANGES if rc == 2 else Status.NO_CHANGES,
            plan_json=plan_json,
            plan_file=self.plan_file,
            ran_init=ran_init,
            warnings=warnings,
        )

    def _execute(
        self, cmd: list[str], stage: str, *, json_ui: bool = False, stream: bool = True
    ) -> tuple[int, str, list[Diagnostic]]:
        """Run one terraform command; returns (exit code, raw output, diagnostics).

        Raises _Cancelled when cancel() was requested (after terraform has stopped).
        """
        if self._cancel.is_set():
            raise _Cancelled
        env = dict(self.env if self.env is not None else os.environ)
        env.setdefault("TF_IN_AUTOMATION", "1")
        env["TF_INPUT"] = "0"
        if self.options.environment:
            env["TF_DATA_DIR"] = str(self.project_dir / env_data_dir(self.options.environment))
        proc = subprocess.Popen(
            cmd,
            cwd=self.project_dir,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE if not stream else subprocess.STDOUT,
            text=True,
            encoding="utf-8",
            errors="replace",
            bufsize=1,
            start_new_session=True,  # own process group: Ctrl-C reaches only us; we forward it
        )
        self._proc = proc
        # Bounded (outbuf.py): terraform may print gigabytes; we keep its start and end.
        # Only `show -json`'s stdout (the plan itself, not streamed) is read whole.
        chunks = OutputBuffer() if stream else None
        whole: list[str] = []
        err_chunks = OutputBuffer()  # stderr, kept apart when not streaming (show -json)
        diags: list[Diagnostic] = []
        shown = [0]

        def reader() -> None:
            assert proc.stdout is not None
            if chunks is None:
                whole.append(proc.stdout.read())
                return
            for line in bounded_lines(proc.stdout):
                chunks.append(line)
                shown[0] += 1
                if shown[0] <= MAX_SHOWN_LINES:
                    self._handle_line(stage, line, json_ui, diags)
                elif shown[0] == MAX_SHOWN_LINES + 1:
                    self._emit(
                        stage,
                        f"terraform printed more than {MAX_SHOWN_LINES} lines: the rest is not "
                        "shown as it runs (its end is kept for the error report).",
                        "warn",
                    )

        def err_reader() -> None:
            assert proc.stderr is not None
            for line in bounded_lines(proc.stderr):
                err_chunks.append(line)

        threads = [threading.Thread(target=reader, daemon=True)]
        if not stream:
            threads.append(threading.Thread(target=err_reader, daemon=True))
        try:
            for t in threads:
                t.start()
        except KeyboardInterrupt:  # Ctrl-C (or SIGTERM/SIGHUP) before the wait: same path
            self._cancel.set()
        cancelled = self._wait(proc)
        for t in threads:
            t.join(timeout=5)
        self._proc = None
        if cancelled:
            raise _Cancelled
        out = chunks.text() if chunks is not None else "".join(whole)
        if err_chunks and proc.returncode != 0:
            out = out + err_chunks.text()  # failed: the diagnostics are on stderr
        if json_ui:
            out = "\n".join(human_message(line) for line in out.splitlines())
        self._last_shown_whole = chunks is not None and shown[0] <= MAX_SHOWN_LINES
        return proc.returncode, out, diags

    def _shown(self, error: PlanError) -> PlanError:
        """`error` of the command just run, marked when all of its output was streamed."""
        error.shown_live = self._last_shown_whole
        return error

    def _handle_line(self, stage: str, line: str, json_ui: bool, diags: list[Diagnostic]) -> None:
        line = line.rstrip("\n")
        if not line.strip():
            return
        if json_ui and line.startswith("{"):
            try:
                msg = json.loads(line)
            except ValueError:
                self._emit(stage, line)
                return
            kind = msg.get("type")
            if kind == "diagnostic" and isinstance(msg.get("diagnostic"), dict):
                diag = Diagnostic.from_json(msg["diagnostic"])
                if len(diags) < MAX_DIAGNOSTICS:
                    diags.append(diag)
                self._emit(stage, diag.text(), "error" if diag.severity == "error" else "warn")
                return
            if kind == "version":
                return
            text = msg.get("@message") or ""
            level = {"error": "error", "warn": "warn"}.get(msg.get("@level", ""), "info")
            if text:
                self._emit(stage, text, level)
            return
        self._emit(stage, line, "error" if line.startswith("Error") else "info")

    def _wait(self, proc: subprocess.Popen[str]) -> bool:
        """Wait for proc; returns True if it was cancelled (and has now stopped)."""
        while True:
            try:
                if self._cancel.is_set():
                    self._terminate(proc)
                    return True
                try:
                    proc.wait(timeout=0.1)
                    return False
                except subprocess.TimeoutExpired:
                    continue
            except KeyboardInterrupt:
                self._emit("plan", "Interrupt received: stopping terraform…", "warn")
                self._cancel.set()

    def _terminate(self, proc: subprocess.Popen[str]) -> None:
        steps = (
            (signal.SIGINT, self.cancel_grace, "waiting for terraform to stop cleanly…"),
            (signal.SIGTERM, self.term_grace, "terraform did not stop; sending SIGTERM"),
            (signal.SIGKILL, 5.0, "terraform still running; sending SIGKILL"),
        )
        for sig, grace, message in steps:
            self._emit("plan", message, "warn")
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(proc.pid, sig)
            deadline = time.monotonic() + grace
            try:
                while time.monotonic() < deadline:
                    if proc.poll() is not None:
                        self._reap_group(proc)
                        return
                    time.sleep(0.05)
            except KeyboardInterrupt:
                continue  # a second Ctrl-C escalates immediately
        proc.wait()
        self._reap_group(proc)

    @staticmethod
    def _reap_group(proc: subprocess.Popen[str]) -> None:
        """Kill provider plugins terraform left behind (e.g. stuck in a network call)."""
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(proc.pid, signal.SIGKILL)
