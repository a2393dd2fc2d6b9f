"""`ecs-wizard import` reads terraform.tfvars the way Terraform does, and fails with a message
(never a traceback) on what Terraform refuses or cannot read.

Each value is checked against real terraform: it reads the same tfvars and the plan's output
must equal what `hcl.loads_tfvars` returned; for the refused ones terraform must fail too.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from ecs_wizard.cli import main
from ecs_wizard.rendering import hcl, tfimport

from .conftest import REPO_ROOT, TF

HEREDOCS = {
    "plain": "v = <<EOT\nhello\n  world\nEOT\n",
    "indented_marker": "v = <<EOT\n  a\n  EOT\n",
    "flush": "v = <<-EOT\n    a\n\n      b\n    EOT\n",
    "flush_tab_and_blank": "v = <<-EOT\n    a\n  \n      b\n\tc\n    EOT\n",
    "no_escapes": "v = <<EOT\na \\n $${x} %%{y} $$\nEOT\n",
    "empty": "v = <<EOT\nEOT\n",
    "in_object": 'v = {\n  "k" = <<-EOT\n      x\n        y\n      EOT\n}\n',
    "escapes": 'v = ["x\\u0041y", "\\U0001F600", "$${a}", "<<EOT"]\n',
    "crlf": "v = <<EOT\r\nhello\r\n  x\r\nEOT\r\n",
    "crlf_flush": "v = <<-EOT\r\n    a\r\n      b\r\n    EOT\r\n",
}

REFUSED = {
    "short_u_escape": ('v = "\\u12"\n', "exactly 4 hex digits"),
    "surrogate": ('v = "\\uD800"\n', "not a Unicode character"),
    "set_twice": ("v = 1\nv = 2\n", "set twice"),
    "block": ('v {\n  name = "x"\n}\n', "refuses blocks"),
    "interpolation": ('v = "${x}"\n', "template"),
    "heredoc_interpolation": ("v = <<EOT\n${x}\nEOT\n", "template"),
}

MAIN_TF = 'variable "v" {\n  type = any\n}\n\noutput "v" {\n  value = var.v\n}\n'


def _terraform_value(tf: TF, d: Path, tfvars: str):
    d.mkdir()
    (d / "main.tf").write_text(MAIN_TF)
    (d / "terraform.tfvars").write_text(tfvars)
    return tf.plan_json(d)["planned_values"]["outputs"]["v"]["value"]


@pytest.mark.parametrize("name", sorted(HEREDOCS))
def test_values_read_like_terraform(name: str, tf: TF, tmp_path: Path) -> None:
    text = HEREDOCS[name]
    ours = hcl.loads_tfvars(text)["v"]
    assert ours == _terraform_value(tf, tmp_path / "p", text)


def test_heredoc_is_its_text_not_the_marker() -> None:
    assert hcl.loads_tfvars(HEREDOCS["plain"]) == {"v": "hello\n  world\n"}


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_what_terraform_refuses_is_an_import_error(name: str, tf: TF, tmp_path: Path) -> None:
    text, message = REFUSED[name]
    d = tmp_path / "p"
    d.mkdir()
    (d / "main.tf").write_text(MAIN_TF)
    (d / "terraform.tfvars").write_text(text)
    tf.init(d)
    assert tf.run(d, "plan", "-input=false", "-no-color", check=False).returncode != 0
    with pytest.raises(tfimport.ImportError_, match=message):
        tfimport.import_tfvars(d)


def test_set_twice_names_both_lines(tmp_path: Path) -> None:
    (tmp_path / "terraform.tfvars").write_text("project = {}\n\nnetwork = {}\nproject = {}\n")
    with pytest.raises(tfimport.ImportError_) as exc:
        tfimport.import_tfvars(tmp_path)
    assert "terraform.tfvars:4:" in str(exc.value)
    assert "line 1 and line 4" in str(exc.value)


def _cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "ecs_wizard", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def run_with_read_only_dir(
    ro: Path, args: tuple[str, ...], *, cwd: Path
) -> subprocess.CompletedProcess[str]:
    """Run the CLI with `ro` not writable: mode 0555, or for root (who ignores modes) a
    read-only bind mount in a private mount namespace (util-linux `unshare`)."""
    if os.geteuid() != 0:
        ro.chmod(0o555)
        try:
            return _cli(*args, cwd=cwd)
        finally:
            ro.chmod(0o755)
    script = 'mount --bind "$0" "$0" && mount -o remount,bind,ro "$0" && exec "$@"'
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
    cmd = ["unshare", "-m", "sh", "-c", script, str(ro), sys.executable, "-m", "ecs_wizard"]
    try:
        proc = subprocess.run(
            [*cmd, *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=120
        )
    except FileNotFoundError:
        pytest.fail("running as root: install util-linux (unshare) to test a read-only directory")
    if "mount" in proc.stderr and "Read-only" not in proc.stderr:
        pytest.fail(f"could not make a read-only bind mount as root: {proc.stderr}")
    return proc


def test_non_utf8_tfvars_is_a_message_with_its_place(tmp_path: Path) -> None:
    (tmp_path / "terraform.tfvars").write_bytes(b'project = {\n  name = "caf\xe9"\n}\n')
    proc = _cli("import", str(tmp_path), "-o", "-", cwd=tmp_path)
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    assert "terraform.tfvars:2:14: not UTF-8 (byte 0xe9)" in proc.stderr
    assert "iconv" in proc.stderr


def test_surrogate_escape_in_cli_is_a_message(tmp_path: Path) -> None:
    (tmp_path / "terraform.tfvars").write_text('project = {\n  name = "\\uD800"\n}\n')
    proc = _cli("import", str(tmp_path), "-o", "-", cwd=tmp_path)
    assert proc.returncode == 1, proc.stdout
    assert "Traceback" not in proc.stderr
    assert "not a Unicode character" in proc.stderr


def test_byte_order_mark_is_skipped_like_terraform(tmp_path: Path, rendered_tfvars: str) -> None:
    (tmp_path / "terraform.tfvars").write_bytes(b"\xef\xbb\xbf" + rendered_tfvars.encode())
    assert tfimport.import_tfvars(tmp_path)["project"]["name"]


@pytest.fixture
def rendered_tfvars(tmp_path: Path) -> str:
    out = tmp_path / "rendered"
    example = REPO_ROOT / "ecs_wizard" / "examples" / "minimal.yaml"
    assert main(["render", str(example), "-o", str(out), "-q"]) == 0
    return (out / "terraform.tfvars").read_text()


@pytest.mark.parametrize(
    "where",
    ["read_only_dir", "under_a_file", "proc", "a_directory"],
)
def test_import_output_that_cannot_be_written_is_a_message(
    where: str, tmp_path: Path, rendered_tfvars: str
) -> None:
    (tmp_path / "terraform.tfvars").write_text(rendered_tfvars)
    ro = tmp_path / "ro"
    ro.mkdir()
    (tmp_path / "afile").write_text("x")
    (tmp_path / "adir").mkdir()
    target = {
        "read_only_dir": ro / "answers.yaml",
        "under_a_file": tmp_path / "afile" / "answers.yaml",
        "proc": Path("/proc/self/answers.yaml"),
        "a_directory": tmp_path / "adir",
    }[where]
    args = ("import", str(tmp_path), "-o", str(target), "--force")
    if where == "read_only_dir":
        proc = run_with_read_only_dir(ro, args, cwd=tmp_path)
    else:
        proc = _cli(*args, cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    assert f"cannot write {target}" in proc.stderr
    assert "Nothing was written" in proc.stderr


def test_import_json_of_value_stays_json(tmp_path: Path) -> None:
    """A heredoc holding JSON (a common hand edit) comes back as the JSON text."""
    text = 'v = <<EOT\n{"a": 1}\nEOT\n'
    assert json.loads(hcl.loads_tfvars(text)["v"]) == {"a": 1}


def test_a_deeply_nested_tfvars_is_a_message(tmp_path: Path) -> None:
    """A hostile file nested 5,000 levels: exit 1 with a message, not lark's VisitError."""
    value = "1"
    for _ in range(5000):
        value = f"[{value}]"
    (tmp_path / "terraform.tfvars").write_text(f"project = {value}\n")
    proc = _cli("import", str(tmp_path), "-o", "-", cwd=tmp_path)
    assert proc.returncode == 1, proc.stdout
    assert "Traceback" not in proc.stderr
    assert "terraform.tfvars: values are nested too deeply to read" in proc.stderr
    assert "Only literal values" not in proc.stderr
