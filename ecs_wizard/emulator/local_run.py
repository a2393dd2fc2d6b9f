"""An emulator run of a rendered project: `ecs-wizard plan DIR --local` and the wizard's F10.

`LocalRun.open` starts the emulator, copies the project to a temporary directory (without
state, .terraform or override files), rewrites its terraform.tfvars with `localize_answers`,
forces a local backend and points the provider at the emulator. `local_terraform_env` is the
environment terraform runs with there. Nothing touches real AWS or the user's directory.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import shutil
import signal
import stat
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import ecs_wizard.emulator.server as server
from ecs_wizard.emulator.localize import localize_answers
from ecs_wizard.emulator.server import MOTO_MISSING_HINT, Emulator, EmulatorError
from ecs_wizard.rendering import layout
from ecs_wizard.rendering.journal import held_signals
from ecs_wizard.rendering.writer import STATE_DIR
from ecs_wizard.terraform import tfenv


def emulator_provider_override(region: str, endpoint: str) -> str:
    """`provider "aws"` override pointing every used service at `endpoint` (a loopback URL)."""
    if not endpoint.startswith(("http://127.0.0.1:", "http://localhost:", "http://[::1]:")):
        raise EmulatorError(f"refusing a non-loopback emulator endpoint: {endpoint}")
    text = tfenv.offline_provider_override(region, endpoint=endpoint)
    # Fail fast on calls the emulator does not implement (see EMULATOR_QUIRKS), yet survive a
    # connection the loaded emulator drops mid-response ("use of closed network connection"):
    # three attempts, not the provider's 25, and not one.
    text = text.replace(
        'provider "aws" {\n', 'provider "aws" {\n  max_retries                 = 3\n', 1
    )
    # The emulator answers sts:GetCallerIdentity; without the account id the provider reads
    # every security-group reference back as "<account>/sg-…" (see EMULATOR_QUIRKS).
    skip = "  skip_requesting_account_id  = true\n"
    if skip not in text:  # pragma: no cover - tfenv changed its layout
        raise EmulatorError("unexpected provider override layout (skip_requesting_account_id)")
    return text.replace(skip, "  skip_requesting_account_id  = false\n", 1)


def write_emulator_override(root: Path, region: str, endpoint: str) -> Path:
    path = root / "emulator_provider_override.tf"
    path.write_text(emulator_provider_override(region, endpoint), encoding="utf-8")
    return path


LOCAL_BANNER = (
    "EMULATOR RUN: planning against a local AWS emulator (moto) on {endpoint}, in a temporary "
    "copy of {src}. Nothing here touches real AWS, your directory or its state."
)

_COPY_IGNORE = (
    ".terraform",
    ".terraform.lock.hcl",
    "*.tfstate",
    "*.tfstate.*",
    "terraform.tfstate.d",
    STATE_DIR,
    "*_override.tf",
    "*_override.tf.json",
    "override.tf",
    "override.tf.json",
    ".git",
)

_BACKEND_OVERRIDE = """\
# ecs-wizard emulator run: keep state in this temporary directory, whatever backend the
# project configures.
terraform {
  backend "local" {}
}
"""

_TFVARS_LABEL = """\
# EMULATOR COPY made by `ecs-wizard plan --local`: the network ids and external references
# below were rewritten to resources created in the local emulator. Not your project's file.

"""


class LocalRunError(RuntimeError):
    """A user-facing problem preparing an emulator run (message says what to do)."""


@dataclass
class LocalRun:
    """An emulator plus a temporary, emulator-ready copy of a rendered project.

    `open()` starts the emulator, copies DIR (without state, .terraform or override files),
    rewrites terraform.tfvars with `localize_answers`, forces a local backend and writes the
    provider override. `env` is the environment terraform must run with. `close()` stops the
    emulator and deletes the copy.
    """

    source: Path
    workdir: Path
    project_dir: Path
    emulator: Emulator
    env: dict[str, str]
    notes: list[str]

    @classmethod
    def open(cls, source: Path, *, apply: bool = False, environment: str | None = None) -> LocalRun:
        from ecs_wizard.render import TFVARS_FILE, tfvars_data
        from ecs_wizard.rendering import hcl
        from ecs_wizard.rendering.tfimport import ImportError_, import_tfvars
        from ecs_wizard.validation import validate_data

        source = Path(source).expanduser().resolve()
        if not source.is_dir():
            raise LocalRunError(f"{source} is not a directory: pass a rendered project.")
        tfvars_rel = layout.env_vars(environment) if environment else TFVARS_FILE
        if not (source / tfvars_rel).is_file():
            raise LocalRunError(
                f"{source} has no {tfvars_rel}: --local needs a project rendered by "
                "`ecs-wizard render` (it rewrites the network ids in a temporary copy)."
            )
        try:
            data = import_tfvars(source / tfvars_rel)
        except ImportError_ as exc:
            raise LocalRunError(str(exc)) from exc
        checked = validate_data(data)
        if not checked.ok:
            first = checked.errors[0]
            raise LocalRunError(
                f"{source / tfvars_rel}: {first.path}: {first.message} ({first.fix}); "
                "run `ecs-wizard validate` for every problem."
            )
        if not server.moto_available():
            raise LocalRunError(MOTO_MISSING_HINT)

        refuse_link_loops(source)
        workdir = Path(tempfile.mkdtemp(prefix="ecs-wizard-local-"))
        emu = Emulator(log_path=workdir / "emulator.log")
        try:
            emu.start()
            project = workdir / "project"
            try:
                shutil.copytree(source, project, ignore=shutil.ignore_patterns(*_COPY_IGNORE))
            except (shutil.Error, OSError) as exc:
                raise LocalRunError(
                    f"cannot copy {source} for the emulator run: {_copy_problem(exc)}. Fix or "
                    "remove that file (a broken or looping symbolic link?) and run again."
                ) from None
            localized = localize_answers(checked.answers.to_data(), emu)
            again = validate_data(localized.data)
            if not again.ok or again.answers is None:  # pragma: no cover - defensive
                raise LocalRunError(
                    "could not adapt the answers to the emulator: "
                    + "; ".join(f"{i.path}: {i.message}" for i in again.errors)
                )
            (project / tfvars_rel).write_text(
                hcl.dumps(tfvars_data(again.answers), header=_TFVARS_LABEL), encoding="utf-8"
            )
            notes = list(localized.notes)
            backend_file = project / layout.env_s3_backend(environment) if environment else None
            if backend_file is not None and backend_file.is_file():
                from ecs_wizard.emulator import remote_state

                notes.append(remote_state.prepare(backend_file, emu))
            else:
                (project / "ecs_wizard_local_backend_override.tf").write_text(
                    _BACKEND_OVERRIDE, encoding="utf-8"
                )
            write_emulator_override(project, again.answers.project.region, emu.endpoint)
            env = local_terraform_env(workdir, emu.endpoint)
            if environment:
                env["TF_DATA_DIR"] = str(project / layout.env_data_dir(environment))
            run = cls(source, workdir, project, emu, env, notes)
            # Last resort: a signal between here and the caller keeping `run` would leave moto
            # and the copy behind; close() unregisters it.
            atexit.register(run.close)
        except BaseException:
            with held_signals():  # a second Ctrl-C / SIGTERM must not stop the clean-up
                emu.stop()
                shutil.rmtree(workdir, ignore_errors=True)
            raise
        return run

    def apply(self, plan_file: Path, terraform_bin: str | None = None, out=None) -> int:
        """`terraform apply` the saved plan inside the copy; streams output to `out`."""
        binary = str(tfenv.find_terraform(terraform_bin))
        proc = subprocess.Popen(
            [binary, "apply", "-input=false", "-no-color", "-parallelism=20", str(plan_file)],
            cwd=self.project_dir,
            env=self.env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            errors="replace",
            start_new_session=True,  # its own group: stopped with its plugins (below)
        )
        assert proc.stdout is not None
        try:
            for line in proc.stdout:
                if out is not None:
                    out(line.rstrip("\n"))
            return proc.wait()
        except BaseException:  # Ctrl-C, SIGTERM/SIGHUP (as KeyboardInterrupt), an error
            with held_signals():
                stop_process_group(proc)
            raise

    def close(self) -> None:
        """Stop the emulator and delete the copy; Ctrl-C / SIGTERM wait until it is done."""
        with held_signals():
            self.emulator.stop()
            shutil.rmtree(self.workdir, ignore_errors=True)
            atexit.unregister(self.close)

    def __enter__(self) -> LocalRun:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def stop_process_group(proc: subprocess.Popen, grace: float = 10.0) -> None:
    """Interrupt a child started in its own session (as Ctrl-C would), then kill its group."""
    for sig, wait in ((signal.SIGINT, grace), (signal.SIGKILL, 5.0)):
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(proc.pid, sig)
        try:
            proc.wait(timeout=wait)
            break
        except subprocess.TimeoutExpired:
            continue
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(proc.pid, signal.SIGKILL)  # plugins it left behind


def refuse_link_loops(source: Path) -> None:
    """Raise LocalRunError when a symbolic link in the project points back to a folder
    above it: copying the project (links followed) would never end."""
    ignore = shutil.ignore_patterns(*_COPY_IGNORE)

    def walk(directory: Path, ancestors: tuple[tuple[int, int], ...]) -> None:
        try:
            names = os.listdir(directory)
        except OSError as exc:
            raise LocalRunError(
                f"cannot read {directory} for the emulator run: {exc.strerror or exc}"
            ) from None
        skipped = ignore(str(directory), names)
        for name in sorted(set(names) - set(skipped)):
            path = directory / name
            try:
                st = path.stat()
            except OSError as exc:
                if path.is_symlink():
                    raise LocalRunError(
                        f"{path} is a broken or looping symbolic link "
                        f"({exc.strerror or exc}); remove it and run again."
                    ) from None
                continue
            if not stat.S_ISDIR(st.st_mode):
                continue
            key = (st.st_dev, st.st_ino)
            if key in ancestors:
                raise LocalRunError(
                    f"{path} is a symbolic link to {os.path.realpath(path)}, a folder that "
                    "contains it: copying the project would never end. Remove the link (or "
                    "point it elsewhere) and run again."
                )
            walk(path, (*ancestors, key))

    st = source.stat()
    walk(source, ((st.st_dev, st.st_ino),))


def _copy_problem(exc: BaseException) -> str:
    if isinstance(exc, shutil.Error) and exc.args and isinstance(exc.args[0], list):
        first = exc.args[0][0] if exc.args[0] else None
        if first and len(first) == 3:
            return f"{first[0]}: {first[2]}"
    return str(getattr(exc, "strerror", None) or exc)


def local_terraform_env(workdir: Path, endpoint: str) -> dict[str, str]:
    """Environment for terraform in an emulator run: test credentials, no profile, every AWS
    SDK call defaulting to the emulator, and the offline provider mirror when there is one."""
    env = dict(os.environ)
    try:
        mirror = tfenv.find_provider_mirror()
    except tfenv.MirrorNotFound:
        mirror = None  # terraform init installs the provider the usual way
    if mirror is not None:
        # A persistent plugin cache: the first run copies the provider (~700 MB) once, later
        # runs only link it (the temporary copy of the project is deleted after every run).
        cache = Path(
            os.environ.get("TF_PLUGIN_CACHE_DIR")
            or Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
            / "ecs-wizard"
            / "terraform-plugin-cache"
        )
        cfg = tfenv.write_cli_config(workdir / "terraform.tfrc", mirror, cache)
        env["TF_CLI_CONFIG_FILE"] = str(cfg)
    for name in list(env):
        if name.startswith("AWS_"):
            del env[name]
    env.update(tfenv.FAKE_AWS_ENV)
    env.update(
        AWS_ENDPOINT_URL=endpoint,  # any service not in the override's endpoints {} too
        TF_IN_AUTOMATION="1",
        TF_INPUT="0",
        CHECKPOINT_DISABLE="1",
    )
    return env
