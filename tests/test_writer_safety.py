"""Nothing written outside DIR, nothing half-written: symlinks in the tool's own folder,
dangerous output directories, hand-made manifests, and renders killed at every step.

The interruption tests run the writer in a real child process and send it a real signal
(SIGKILL or SIGINT) just before its n-th rename or fsync, for every n until the write
completes; the next run must then see the old tree or the new one, never a mix.
"""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
import sysconfig
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from ecs_wizard.cli import main
from ecs_wizard.rendering import writer

from .conftest import REPO_ROOT

EXAMPLE = REPO_ROOT / "ecs_wizard" / "examples" / "minimal.yaml"
NOBODY = 65534  # the uid and gid of `nobody`, which runs the CLI where writing must fail anyway


def _render(out: Path, *extra: str) -> int:
    return main(["render", str(EXAMPLE), "-o", str(out), "-q", *extra])


def _cli(
    *args: str,
    cwd: Path,
    env: dict[str, str] | None = None,
    as_nobody: bool = False,
    pythonpath: Path = REPO_ROOT,
):
    cmd = [sys.executable, "-m", "ecs_wizard", *args]
    if as_nobody and os.geteuid() == 0:
        cmd = ["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups", *cmd]
    full_env = {**os.environ, "PYTHONPATH": str(pythonpath), **(env or {})}
    return subprocess.run(cmd, cwd=cwd, env=full_env, capture_output=True, text=True, timeout=120)


def _tree(root: Path) -> dict[str, bytes]:
    """Every file under root (the tool's folder excluded), relative path → content."""
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and writer.STATE_DIR not in p.relative_to(root).parts
    }


# -- symlinks in DIR/.ecs-wizard ---------------------------------------------------------------


@pytest.mark.parametrize("force", [False, True])
def test_symlinked_state_dir_is_refused(tmp_path: Path, force: bool, capsys) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    out = tmp_path / "out"
    out.mkdir()
    os.symlink(outside, out / ".ecs-wizard")
    assert _render(out, *(["--force"] if force else [])) == 1
    assert "symbolic link" in capsys.readouterr().err
    assert list(outside.iterdir()) == []
    assert list(out.iterdir()) == [out / ".ecs-wizard"]  # nothing written at all


@pytest.mark.parametrize("name", ["backups", "manifest.json", "staging", ".gitignore", "tfplan"])
def test_symlink_inside_state_dir_is_refused(tmp_path: Path, name: str, capsys) -> None:
    out = tmp_path / "out"
    assert _render(out) == 0
    (out / "README.md").write_text("my edit\n")  # --force then backs it up
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "victim").write_text("keep\n")
    link = out / ".ecs-wizard" / name
    if link.exists():
        link.unlink()
    os.symlink(outside if name in ("backups", "staging") else outside / "victim", link)
    capsys.readouterr()
    assert _render(out, "--force") == 1
    err = capsys.readouterr().err
    assert "symbolic link" in err and str(link) in err
    assert sorted(p.name for p in outside.iterdir()) == ["victim"]
    assert (outside / "victim").read_text() == "keep\n"
    assert (out / "README.md").read_text() == "my edit\n"


def test_hard_link_in_state_dir_is_refused(tmp_path: Path, capsys) -> None:
    out = tmp_path / "out"
    assert _render(out) == 0
    victim = tmp_path / "victim"
    victim.write_text("keep\n")
    os.link(victim, out / ".ecs-wizard" / "init.fingerprint")
    assert _render(out, "--force") == 1
    assert "hard link" in capsys.readouterr().err


def test_state_dir_that_is_a_file_is_a_message_not_a_traceback(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / ".ecs-wizard").write_text("not a folder\n")
    proc = _cli("render", str(EXAMPLE), "-o", str(out), cwd=tmp_path)
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    assert "is not a directory" in proc.stderr and "Delete or move" in proc.stderr
    assert sorted(p.name for p in out.iterdir()) == [".ecs-wizard"]


# -- dangerous output directories ---------------------------------------------------------------


@pytest.mark.parametrize("spelling", ["home", "tilde", "parent_of_home"])
def test_home_directory_and_its_parents_are_refused(tmp_path: Path, spelling: str) -> None:
    home = tmp_path / "users" / "me"
    home.mkdir(parents=True)
    target = {"home": str(home), "tilde": "~", "parent_of_home": str(home.parent)}[spelling]
    proc = _cli("render", str(EXAMPLE), "-o", target, cwd=tmp_path, env={"HOME": str(home)})
    assert proc.returncode == 1, proc.stdout
    assert "refusing to write a project into" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert list(home.iterdir()) == [] and sorted(home.parent.iterdir()) == [home]
    assert not (tmp_path / "~").exists()


def _nobody_may(path: Path, mode: int) -> bool:
    """Whether uid/gid NOBODY (no supplementary groups) has `mode` (R_OK, X_OK) on path."""
    try:
        st = path.stat()
    except OSError:
        return False
    if st.st_uid == NOBODY:
        bits = (st.st_mode >> 6) & 7
    elif st.st_gid == NOBODY:
        bits = (st.st_mode >> 3) & 7
    else:
        bits = st.st_mode & 7
    return bits & mode == mode


def _closed_to_nobody(path: Path) -> Path | None:
    """The first folder on the way to path that nobody cannot enter, or path if it cannot
    read it; None if neither (by the mode bits: ACLs and security modules are not looked at)."""
    path = Path(os.path.abspath(path))
    for folder in reversed(path.parents):
        if not _nobody_may(folder, os.X_OK):
            return folder
    if not _nobody_may(path, os.R_OK | (os.X_OK if path.is_dir() else 0)):
        return path
    return None


@pytest.fixture
def readable_package() -> Iterator[Path]:
    """A copy of this checkout's ecs_wizard package (the example inside it too) in a fresh
    folder that nobody can read and traverse, for PYTHONPATH: the checkout itself may lie
    in a folder nobody cannot enter (a clone under `mktemp -d`, mode 0700)."""
    root = Path(tempfile.mkdtemp(prefix="ecs-wizard-nobody-"))
    try:
        shutil.copytree(
            REPO_ROOT / "ecs_wizard",
            root / "ecs_wizard",
            ignore=shutil.ignore_patterns("__pycache__", "*.pyc"),
        )
        for folder, _dirs, files in os.walk(root):
            os.chmod(folder, 0o755)
            for name in files:
                path = os.path.join(folder, name)
                os.chmod(path, stat.S_IMODE(os.stat(path).st_mode) | 0o444)
        yield root
    finally:
        shutil.rmtree(root, ignore_errors=True)


def _fail_unless_nobody_can_run_the_cli(package: Path, example: Path) -> None:
    """Render into a folder nobody may write; if even that fails, the test cannot say
    anything about the refusal, so fail with what nobody needs to read, not with the
    refusal message missing."""
    probe = package / "probe"
    probe.mkdir()
    os.chown(probe, NOBODY, NOBODY)
    args = ("render", str(example), "-o", str(probe / "out"), "-q")
    proc = _cli(*args, cwd=probe, as_nobody=True, pythonpath=package)
    if proc.returncode == 0:
        return
    needed = {
        "the Python interpreter": Path(sys.executable),
        "the interpreter it links to": Path(os.path.realpath(sys.executable)),
        "the virtualenv (its pyvenv.cfg)": Path(sys.prefix),
        "the installed packages": Path(sysconfig.get_paths()["purelib"]),
        "the standard library": Path(sysconfig.get_paths()["stdlib"]),
        "the copy of ecs_wizard": package / "ecs_wizard",
    }
    closed = [
        f"  {what}: {path} (`nobody` cannot {'read' if blocker == path else 'enter'} {blocker})"
        for what, path in needed.items()
        if (blocker := _closed_to_nobody(path)) is not None
    ]
    pytest.fail(
        f"this test runs ecs-wizard as the user `nobody` (uid {NOBODY}), who cannot run it here:"
        f" `{sys.executable} -m ecs_wizard render` as `nobody` exited {proc.returncode} with:"
        f"\n{proc.stderr.strip()[-3000:]}\n"
        "`nobody` needs to read and traverse the Python that runs the tests, its standard"
        " library and its installed packages (the test copies ecs_wizard itself into a readable"
        f" folder under {tempfile.gettempdir()}). What `nobody` cannot reach, by the mode bits:\n"
        + ("\n".join(closed) or "  (nothing found)")
        + "\nRun the tests with a Python and a virtualenv that others can read (e.g. from a"
        " checkout outside any mode-0700 folder), or `chmod o+rx` the folders above.",
        pytrace=False,
    )


def test_filesystem_root_is_refused(tmp_path: Path, readable_package: Path) -> None:
    # As an unprivileged user: were the refusal missing, nothing could be written to / anyway.
    # nobody runs the readable copy of this checkout's package, never another installed one.
    example = readable_package / EXAMPLE.relative_to(REPO_ROOT)
    args = ("render", str(example), "-o", "/")
    proc = _cli(*args, cwd=tmp_path, as_nobody=True, pythonpath=readable_package)
    if "refusing to write a project into /" not in proc.stderr and os.geteuid() == 0:
        _fail_unless_nobody_can_run_the_cli(readable_package, example)
    assert proc.returncode == 1
    assert "refusing to write a project into / (the filesystem root)" in proc.stderr
    assert not Path("/main.tf").exists()


# -- a hand-made manifest -----------------------------------------------------------------------


def test_hand_made_manifest_cannot_make_render_delete_a_user_file(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert _render(out) == 0
    notes = out / "notes.txt"
    notes.write_text("my notes\n")
    (out / "modules" / "mine.tf").write_text("# mine\n")
    manifest_path = out / ".ecs-wizard" / "manifest.json"
    manifest = json.loads(manifest_path.read_text())
    for rel in ("notes.txt", "modules/mine.tf"):
        manifest["files"][rel] = writer._sha256((out / rel).read_bytes())
    manifest["files"]["../escape.txt"] = "0" * 64
    manifest_path.write_text(json.dumps(manifest))
    assert _render(out) == 0
    assert notes.read_text() == "my notes\n"
    assert (out / "modules" / "mine.tf").read_text() == "# mine\n"
    assert "notes.txt" not in writer.read_manifest(out)


def test_render_still_removes_its_own_stale_module_file(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert _render(out) == 0
    old = out / "modules" / "alb" / "retired.tf"
    old.write_text("# from an older ecs-wizard\n")
    manifest_path = out / ".ecs-wizard" / "manifest.json"
    manifest = json.loads(manifest_path.read_text())
    manifest["files"]["modules/alb/retired.tf"] = writer._sha256(old.read_bytes())
    manifest_path.write_text(json.dumps(manifest))
    assert _render(out) == 0
    assert not old.exists()


# -- interrupted renders ------------------------------------------------------------------------

OLD = {
    "answers.yaml": "version: 1 # old\n",
    "terraform.tfvars": "old = true\n",
    "modules/m/main.tf": "# old\n",
    "gone.tf": "# only in the old render\n",
}
NEW = {
    "answers.yaml": "version: 1 # new\n",
    "terraform.tfvars": "new = true\n" + "# padding\n" * 400_000,  # a large file (4 MB)
    "modules/m/main.tf": "# new\n",
    "added.tf": "# only in the new render\n",
}

CHILD = """
import json, os, signal, sys
from pathlib import Path
from ecs_wizard.rendering import writer
out, call, n, sig, files = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4], sys.argv[5]
real = getattr(os, call)
count = 0
def hooked(*args, **kwargs):
    global count
    count += 1
    if count == n:
        os.kill(os.getpid(), getattr(signal, sig))
    return real(*args, **kwargs)
setattr(os, call, hooked)
writer.write_tree(Path(out), json.loads(Path(files).read_text()), removable=lambda r, d: True)
"""


def _interrupted_write(tmp_path: Path, call: str, n: int, sig: str) -> int:
    files = tmp_path / "new.json"
    files.write_text(json.dumps(NEW))
    proc = subprocess.run(
        [sys.executable, "-c", CHILD, str(tmp_path / "out"), call, str(n), sig, str(files)],
        env={**os.environ, "PYTHONPATH": str(REPO_ROOT)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    return proc.returncode


def _expected(files: dict[str, str]) -> dict[str, bytes]:
    return {k: v.encode() for k, v in files.items()}


@pytest.mark.parametrize("sig", ["SIGKILL", "SIGINT"])
@pytest.mark.parametrize("call", ["replace", "fsync"])
def test_interrupted_render_is_all_or_nothing_for_the_next_run(
    tmp_path: Path, call: str, sig: str
) -> None:
    outcomes = set()
    for n in range(1, 40):
        out = tmp_path / "out"
        if out.exists():
            shutil.rmtree(out)
        writer.write_tree(out, OLD, removable=lambda r, d: True)
        rc = _interrupted_write(tmp_path, call, n, sig)
        # The next run: recovers, then sees one render or the other, never a mix.
        writer.recover(out)
        tree = _tree(out)
        assert tree in (_expected(OLD), _expected(NEW)), f"mixed tree after {sig} at {call} #{n}"
        assert writer.edited_files(out) == []
        assert set(writer.read_manifest(out)) == set(tree)
        leftovers = [p.name for p in out.rglob("*") if p.name.endswith(".tmp")]
        assert leftovers == [] and not (out / ".ecs-wizard" / "staging").exists()
        # ... and renders again without blaming a hand edit.
        writer.write_tree(out, {**NEW, "answers.yaml": "version: 1 # newer\n"})
        outcomes.add("new" if tree == _expected(NEW) else "old")
        if rc == 0:
            break
    else:
        pytest.fail("the write never completed")
    if sig == "SIGINT" and call == "replace":
        # Every rename happens after the commit point, where Ctrl-C is held back until the
        # write is complete.
        assert outcomes == {"new"}, outcomes
    else:
        assert outcomes == {"old", "new"}, outcomes  # both sides of the commit point were hit


CONCURRENT = """
import sys
from pathlib import Path
from ecs_wizard.rendering import writer
out, me = Path(sys.argv[1]), sys.argv[2]
for i in range(15):
    files = {f"f{n}.tf": f"# {me} {i}\\n" * 2000 for n in range(8)}
    writer.write_tree(out, files, removable=lambda r, d: True)
"""


def test_concurrent_renders_take_turns(tmp_path: Path) -> None:
    out = tmp_path / "out"
    writer.write_tree(out, {"f0.tf": "# start\n"})
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", CONCURRENT, str(out), f"writer{k}"],
            env=env,
            stderr=subprocess.PIPE,
            text=True,
        )
        for k in range(4)
    ]
    errors = [p.communicate(timeout=300)[1] for p in procs]
    assert [p.returncode for p in procs] == [0, 0, 0, 0], errors
    assert writer.edited_files(out) == []
    contents = {p.read_text() for p in out.glob("f*.tf")}
    assert len(contents) == 1  # all eight files from the same (the last) render
    assert not (out / ".ecs-wizard" / "staging").exists()


@pytest.mark.parametrize("rel", ["../outside.txt", "ABSOLUTE", "link/x.txt"])
def test_hand_made_commit_record_cannot_write_outside(tmp_path: Path, rel: str) -> None:
    out = tmp_path / "out"
    writer.write_tree(out, OLD)
    os.symlink(tmp_path, out / "link")  # a link in DIR (not in .ecs-wizard) is the user's
    rel = str(tmp_path / "abs.txt") if rel == "ABSOLUTE" else rel
    staging = out / ".ecs-wizard" / "staging"
    staging.mkdir()
    (staging / "00000").write_text("planted\n")
    record = {
        "moves": [{"rel": rel, "staged": "00000", "before": None, "after": "x"}],
        "removes": {"../victim": writer._sha256(b"keep\n")},
        "manifest": None,
        "manifest_path": "../m.json",
    }
    (staging / "commit.json").write_text(json.dumps(record))
    (tmp_path / "victim").write_text("keep\n")
    writer.recover(out)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out", "victim"]
    assert (tmp_path / "victim").read_text() == "keep\n"
    assert not staging.exists()


def test_stale_temporaries_are_cleaned_and_not_blamed(tmp_path: Path) -> None:
    out = tmp_path / "out"
    writer.write_tree(out, OLD)
    (out / ".answers.yaml.ab12cd_3.tmp").write_text("half")
    (out / "modules" / "m" / ".main.tf.zz99yy00.tmp").write_text("half")
    (out / "my.tmp").write_text("a user's file")
    report = writer.write_tree(out, NEW)
    assert sorted(report.written) == sorted(NEW)
    assert not (out / ".answers.yaml.ab12cd_3.tmp").exists()
    assert not (out / "modules" / "m" / ".main.tf.zz99yy00.tmp").exists()
    assert (out / "my.tmp").read_text() == "a user's file"


def test_hand_made_manifest_cannot_make_the_temp_clean_up_look_outside(tmp_path: Path) -> None:
    out = tmp_path / "out"
    writer.write_tree(out, OLD)
    neighbour = tmp_path / ".x.ab12cd34.tmp"  # looks like a temporary of "../x"
    neighbour.write_text("not ours\n")
    manifest_path = out / ".ecs-wizard" / "manifest.json"
    manifest = json.loads(manifest_path.read_text())
    manifest["files"]["../x"] = "0" * 64
    manifest_path.write_text(json.dumps(manifest))
    writer.write_tree(out, NEW)
    assert neighbour.read_text() == "not ours\n"


def test_sigint_during_a_cli_render_then_the_next_render_succeeds(tmp_path: Path) -> None:
    out = tmp_path / "out"
    first = tmp_path / "first.yaml"
    first.write_text(EXAMPLE.read_text())
    assert _render(out) == 0
    changed = tmp_path / "changed.yaml"
    changed.write_text(EXAMPLE.read_text().replace("nginx:1.27", "nginx:1.28"))
    assert changed.read_text() != first.read_text()
    script = (
        "import os, signal, sys\n"
        "from ecs_wizard.cli import main\n"
        "real = os.replace; n = [0]\n"
        "def hooked(*a, **k):\n"
        "    n[0] += 1\n"
        "    if n[0] == 3: os.kill(os.getpid(), signal.SIGINT)\n"
        "    return real(*a, **k)\n"
        "os.replace = hooked\n"
        f"sys.exit(main(['render', {str(changed)!r}, '-o', {str(out)!r}]))\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", script],
        env={**os.environ, "PYTHONPATH": str(REPO_ROOT)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 130, proc.stderr
    assert "Traceback" not in proc.stderr
    # The commit point had passed: the render completed before the interrupt was delivered.
    assert writer.edited_files(out) == []
    assert "nginx:1.28" in (out / "answers.yaml").read_text()
    assert "nginx:1.28" in (out / "terraform.tfvars").read_text()
    assert _cli("render", str(changed), "-o", str(out), cwd=tmp_path).returncode == 0
