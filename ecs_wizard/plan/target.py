"""Where a plan runs: the project itself (real AWS) or a labelled copy against the emulator.

The CLI (`ecs-wizard plan DIR [--local]`) and the wizard (F9, F10 on the review step) plan
through a `PlanTarget`, so no front end owns subprocesses, locks or exit hooks:

- `open()` prepares what the run needs. For `EmulatorTarget` that is moto on loopback and a
  localised temporary copy of the project: it takes seconds, so the wizard calls it in a
  worker thread.
- `runner(options, ...)` is the PlanRunner for the target (its directory and environment).
- `close()` releases everything. It is idempotent, safe from any thread, and may be called
  while `open()` still runs: the run is then torn down as soon as it is ready and `open()`
  raises TargetClosed. A last-resort exit hook closes a target nobody closed.

The emulator package is imported only when an emulator target is used, which keeps
`ecs-wizard plan DIR` as quick to start as before.
"""

from __future__ import annotations

import atexit
import dataclasses
import threading
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Protocol, Self

from ecs_wizard.plan.runner import PlanOptions, PlanRunner, ProgressLine

if TYPE_CHECKING:
    from ecs_wizard.emulator.local_run import LocalRun
    from ecs_wizard.emulator.server import Emulator

OnLine = Callable[[ProgressLine], None]


class TargetError(RuntimeError):
    """The target could not be prepared; the message says what to do."""


class TargetClosed(TargetError):
    """close() was called while open() was still preparing the target."""


class PlanTarget(Protocol):
    """Something a plan can run against (see the module docstring)."""

    @property
    def project_dir(self) -> Path:
        """The directory terraform runs in."""
        ...

    @property
    def banner(self) -> str | None:
        """What to tell the user before the plan (the emulator label), or None."""
        ...

    @property
    def notes(self) -> list[str]:
        """What was changed to make the target plannable (the emulator's rewrites)."""
        ...

    def open(self) -> PlanTarget: ...

    def runner(
        self,
        options: PlanOptions | None = None,
        *,
        terraform_bin: str | None = None,
        on_line: OnLine | None = None,
    ) -> PlanRunner: ...

    def close(self) -> None: ...


class _Target:
    """Context-manager plumbing shared by the targets."""

    def open(self) -> Self:
        return self

    def close(self) -> None:
        pass

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


class AwsTarget(_Target):
    """The rendered project itself, planned against the AWS account its credentials reach."""

    banner = None

    def __init__(self, project_dir: Path, env: dict[str, str] | None = None) -> None:
        self._project_dir = Path(project_dir)
        self.env = env

    @property
    def project_dir(self) -> Path:
        return self._project_dir

    @property
    def notes(self) -> list[str]:
        return []

    def runner(
        self,
        options: PlanOptions | None = None,
        *,
        terraform_bin: str | None = None,
        on_line: OnLine | None = None,
    ) -> PlanRunner:
        return PlanRunner(
            self._project_dir,
            terraform_bin=terraform_bin,
            options=options,
            on_line=on_line,
            env=self.env,
        )


class EmulatorTarget(_Target):
    """A temporary, emulator-ready copy of a rendered project with moto on loopback.

    `apply=True` keeps what only an apply needs (service autoscaling, see the emulator's
    quirks). Every attribute but `source` needs `open()` first, and stays readable after
    `close()` (a closed target cannot be opened again).
    """

    def __init__(
        self, source: Path, *, apply: bool = False, environment: str | None = None
    ) -> None:
        self._source = Path(source)
        self._apply = apply
        self._environment = environment
        self._lock = threading.Lock()
        self._run: LocalRun | None = None
        self._closed = False

    @staticmethod
    def missing_requirement() -> str | None:
        """Why emulator runs cannot work here (moto is not installed), or None."""
        from ecs_wizard.emulator.server import MOTO_MISSING_HINT, moto_available

        return None if moto_available() else MOTO_MISSING_HINT

    def open(self) -> Self:
        from ecs_wizard.emulator.local_run import LocalRun, LocalRunError
        from ecs_wizard.emulator.server import EmulatorError

        with self._lock:
            if self._closed:
                raise TargetClosed("the emulator target is closed")
            if self._run is not None:
                return self
        try:
            run = LocalRun.open(self._source, apply=self._apply, environment=self._environment)
        except (LocalRunError, EmulatorError) as exc:
            raise TargetError(str(exc)) from exc
        with self._lock:
            if not self._closed:
                self._run = run
                # Last resort if the process ends before anyone closes the target.
                atexit.register(self.close)
                return self
        run.close()
        raise TargetClosed("the emulator run was closed while it started")

    def close(self) -> None:
        with self._lock:
            if self._closed:
                return
            self._closed = True
            run = self._run  # kept: where it ran stays readable after the clean-up
        if run is not None:
            run.close()
            atexit.unregister(self.close)

    @property
    def _open_run(self) -> LocalRun:
        if self._run is None:
            raise RuntimeError("the emulator target is not open")
        return self._run

    @property
    def source(self) -> Path:
        """The user's project (resolved once open); never written to."""
        return self._run.source if self._run is not None else self._source

    @property
    def project_dir(self) -> Path:
        return self._open_run.project_dir

    @property
    def workdir(self) -> Path:
        """The temporary directory holding the copy, the emulator log and the CLI config."""
        return self._open_run.workdir

    @property
    def emulator(self) -> Emulator:
        return self._open_run.emulator

    @property
    def env(self) -> dict[str, str]:
        return self._open_run.env

    @property
    def notes(self) -> list[str]:
        return self._open_run.notes

    @property
    def banner(self) -> str:
        from ecs_wizard.emulator.local_run import LOCAL_BANNER

        return LOCAL_BANNER.format(endpoint=self.emulator.endpoint, src=self.source)

    def runner(
        self,
        options: PlanOptions | None = None,
        *,
        terraform_bin: str | None = None,
        on_line: OnLine | None = None,
    ) -> PlanRunner:
        # The copy is new on every run: terraform init always runs in it.
        options = dataclasses.replace(options or PlanOptions(), force_init=True)
        return PlanRunner(
            self.project_dir,
            terraform_bin=terraform_bin,
            options=options,
            on_line=on_line,
            env=self.env,
        )

    def apply(
        self,
        plan_file: Path,
        terraform_bin: str | None = None,
        out: Callable[[str], None] | None = None,
    ) -> int:
        """`terraform apply` the saved plan in the emulator; streams output to `out`."""
        return self._open_run.apply(plan_file, terraform_bin, out)
