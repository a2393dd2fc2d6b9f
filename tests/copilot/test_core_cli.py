"""`ecs-wizard import-copilot`: exit codes 0 / 3 / 1 (64 for bad usage, as every command),
nothing written on an error, no overwrite without --force, no traceback on hostile YAML, a help
that teaches."""

from __future__ import annotations

from pathlib import Path

import pytest

from ecs_wizard.cli import main
from ecs_wizard.copilot.report import parse_markdown, report_path
from ecs_wizard.model.yamlio import load_answers_file
from ecs_wizard.validation import validate_data_all

from .core_ws import ACCOUNT, WEB, workspace


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(["import-copilot", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_exit_0_writes_valid_answers_and_the_report(tmp_path: Path, capsys, monkeypatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    root = workspace(tmp_path / "ws", {"web": WEB})
    out = tmp_path / "answers.yaml"
    code, stdout, err = run(capsys, str(root), "-o", str(out))
    assert code == 0, err
    assert validate_data_all(load_answers_file(out)).ok
    md = report_path(out).read_text(encoding="utf-8")
    assert out.with_name("answers.migration.md") == report_path(out)
    rows = parse_markdown(md)
    assert {(r.file, r.field) for r in rows} >= {("copilot/web/manifest.yml", "image.location")}
    assert "copilot/web/manifest.yml" in stdout and "\x1b[" not in stdout
    assert "image.location" in stdout


def test_exit_3_when_something_is_not_migrated(tmp_path: Path, capsys) -> None:
    root = workspace(tmp_path / "ws", {"web": WEB + "nlb: {port: 443/tls}\n"})
    out = tmp_path / "answers.yaml"
    code, stdout, _err = run(capsys, str(root), "-o", str(out))
    assert code == 3 and out.exists()
    assert "not migrated" in report_path(out).read_text(encoding="utf-8")
    assert "nlb" in stdout


def test_exit_1_writes_nothing(tmp_path: Path, capsys) -> None:
    root = workspace(tmp_path / "ws", {"web": WEB + "secrets: {DB: /db}\n"})
    out = tmp_path / "answers.yaml"
    code, _, err = run(capsys, str(root), "-o", str(out))
    assert code == 1 and "secrets.DB" in err and "--account-id" in err
    assert not out.exists() and not report_path(out).exists()
    assert run(capsys, str(root), "-o", str(out), "--account-id", ACCOUNT)[0] == 0


def test_no_overwrite_without_force(tmp_path: Path, capsys) -> None:
    root = workspace(tmp_path / "ws", {"web": WEB})
    out = tmp_path / "answers.yaml"
    out.write_text("# mine\n", encoding="utf-8")
    code, _, err = run(capsys, str(root), "-o", str(out))
    assert code == 1 and "--force" in err
    assert out.read_text(encoding="utf-8") == "# mine\n" and not report_path(out).exists()
    report_path(out).write_text("# my notes\n", encoding="utf-8")
    out.unlink()
    code, _, err = run(capsys, str(root), "-o", str(out))
    assert code == 1 and "answers.migration.md" in err and not out.exists()
    assert run(capsys, str(root), "-o", str(out), "--force")[0] == 0
    assert "# Migration from AWS Copilot" in report_path(out).read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "text",
    [
        b"name: web\ntype: [unclosed\n",
        b"a: &a [*a, *a]\n",
        b"l0: &l0 [x, x, x, x, x, x, x, x, x]\n"
        + b"".join(
            b"l%d: &l%d [*l%d, *l%d, *l%d, *l%d, *l%d, *l%d, *l%d, *l%d]\n"
            % ((i, i) + (i - 1,) * 8)
            for i in range(1, 9)
        ),
        b"name: web\nname: again\n",
        b"- just\n- a list\n",
        b"x: " + b"[" * 200 + b"]" * 200 + b"\n",
        b"\xff\xfe\x00binary",
    ],
)
def test_malformed_yaml_is_an_error_not_a_traceback(tmp_path: Path, capsys, text: bytes) -> None:
    root = workspace(tmp_path / "ws", {"web": WEB})
    (root / "copilot" / "web" / "manifest.yml").write_bytes(text)
    out = tmp_path / "answers.yaml"
    code, _, err = run(capsys, str(root), "-o", str(out))
    assert code == 1, err
    assert "Traceback" not in err and "copilot/web/manifest.yml" in err
    assert not out.exists()


def test_not_a_workspace(tmp_path: Path, capsys) -> None:
    code, _, err = run(capsys, str(tmp_path), "-o", str(tmp_path / "a.yaml"))
    assert code == 1 and ".workspace" in err


def test_the_copilot_folder_itself_is_accepted(tmp_path: Path, capsys) -> None:
    root = workspace(tmp_path / "ws", {"web": WEB})
    assert run(capsys, str(root / "copilot"), "-o", str(tmp_path / "a.yaml"))[0] == 0


def test_bad_flag_values_are_usage_errors(tmp_path: Path, capsys) -> None:
    with pytest.raises(SystemExit) as info:
        main(["import-copilot", str(tmp_path), "-o", "a.yaml", "--image", "no-equals"])
    assert info.value.code == 64
    assert "SERVICE=URI" in capsys.readouterr().err


def test_help_teaches_with_an_example(capsys) -> None:
    with pytest.raises(SystemExit):
        main(["import-copilot", "--help"])
    text = capsys.readouterr().out
    assert "ecs-wizard import-copilot . -o answers.yaml" in text
    for flag in ("--image", "--env", "--var", "--account-id", "--force", "Exit codes"):
        assert flag in text


def test_force_never_replaces_something_that_is_not_a_file(tmp_path: Path, capsys) -> None:
    import os

    root = workspace(tmp_path / "ws", {"web": WEB})
    fifo = tmp_path / "answers.yaml"
    os.mkfifo(fifo)
    code, _, err = run(capsys, str(root), "-o", str(fifo), "--force")
    assert code == 1 and "not a regular file" in err
    assert not fifo.is_file() and fifo.exists()


def test_the_printed_table_shows_values_as_written(tmp_path: Path, capsys) -> None:
    web = WEB + "command: ['echo', '[bold]x[/bold]', ':secret:']\n"
    root = workspace(tmp_path / "ws", {"web": web})
    code, stdout, _ = run(capsys, str(root), "-o", str(tmp_path / "a.yaml"))
    assert code == 0
    flat = " ".join(stdout.split())
    assert "[bold]x[/bold]" in flat and ":secret:" in flat


def test_a_manifest_name_that_differs_from_its_folder_is_refused(tmp_path: Path, capsys) -> None:
    root = workspace(tmp_path / "ws", {"frontend": WEB})  # WEB says `name: web`
    out = tmp_path / "answers.yaml"
    code, _, err = run(capsys, str(root), "-o", str(out))
    assert code == 1, err
    assert "copilot/frontend/manifest.yml" in err and "'web'" in err
    assert "copilot/frontend/" in err and "copilot/web/" in err and "name: frontend" in err
    assert not out.exists() and not report_path(out).exists()
    # the same manifest in the folder it names imports
    root = workspace(tmp_path / "ok", {"web": WEB})
    assert run(capsys, str(root), "-o", str(out))[0] == 0


SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"


def _every_output(tmp_path: Path, out: str, err: str) -> str:
    written = "".join(
        p.read_text(encoding="utf-8", errors="replace") for p in tmp_path.rglob("*") if p.is_file()
    )
    return out + err + written


def test_a_workspace_cannot_read_the_importer_s_credentials(
    tmp_path: Path, capsys, monkeypatch
) -> None:
    """${VAR} is filled only from --var, Copilot's variables and --env-var names: a hostile
    manifest naming ${AWS_SECRET_ACCESS_KEY} is refused, and the secret is in no output."""
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", SECRET)
    monkeypatch.setenv("GITHUB_TOKEN", "ghp_" + "x" * 36)
    hostile = WEB + "variables:\n  LEAK: ${AWS_SECRET_ACCESS_KEY}\n  TOK: ${GITHUB_TOKEN}\n"
    root = workspace(tmp_path / "ws", {"web": hostile})
    out = tmp_path / "answers.yaml"
    code, stdout, err = run(capsys, str(root), "-o", str(out))
    assert code == 1 and not out.exists()
    assert "${AWS_SECRET_ACCESS_KEY}" in err and "--env-var AWS_SECRET_ACCESS_KEY" in err
    everything = _every_output(tmp_path, stdout, err)
    assert SECRET not in everything and "ghp_" not in everything


def test_env_var_names_what_may_be_read_and_errors_never_print_it(
    tmp_path: Path, capsys, monkeypatch
) -> None:
    monkeypatch.setenv("REGISTRY", "ghcr.io/acme")
    web = WEB.replace("nginx:1.27", "${REGISTRY}/web:1")
    root = workspace(tmp_path / "ws", {"web": web})
    out = tmp_path / "answers.yaml"
    code, _stdout, err = run(capsys, str(root), "-o", str(out), "--env-var", "REGISTRY")
    assert code == 0, err
    image = load_answers_file(out)["services"][0]["containers"][0]["image"]
    assert image == "ghcr.io/acme/web:1"
    # A value from the environment that makes the answers invalid: the error says ${NAME}.
    monkeypatch.setenv("REGISTRY", f"bad image {SECRET}")
    out2 = tmp_path / "again.yaml"
    code, stdout, err = run(capsys, str(root), "-o", str(out2), "--env-var", "REGISTRY")
    assert code == 1, err
    assert SECRET not in stdout + err and "${REGISTRY}" in err
    assert not out2.exists()


@pytest.mark.parametrize("target", [".", "/", ""])
def test_output_that_is_a_directory_is_a_message_not_a_traceback(
    tmp_path: Path, capsys, monkeypatch, target: str
) -> None:
    root = workspace(tmp_path / "ws", {"web": WEB})
    monkeypatch.chdir(tmp_path)
    code, _stdout, err = run(capsys, str(root), "-o", target)
    assert code == 1
    assert "it is a directory" in err and "Traceback" not in err
    assert not (tmp_path / ".migration.md").exists()


def test_a_symlinked_addons_folder_is_not_walked(tmp_path: Path, capsys) -> None:
    """`addons -> /usr` walked all of /usr; a link out of the workspace is now listed, not
    followed, and a link that stays inside is still read."""
    outside = tmp_path / "outside"
    (outside / "deep").mkdir(parents=True)
    (outside / "deep" / "secret.yml").write_text("x: 1\n", encoding="utf-8")
    api = WEB.replace("web", "api").replace("  path: /\n", "  path: api\n")
    root = workspace(tmp_path / "ws", {"web": WEB, "api": api})
    (root / "copilot" / "web" / "addons").symlink_to(outside, target_is_directory=True)
    inside = root / "copilot" / "api" / "addons"
    inside.mkdir()
    (inside / "db.yml").write_text("Resources: {}\n", encoding="utf-8")
    (inside / "elsewhere").symlink_to(outside / "deep", target_is_directory=True)
    (inside / "also.yml").symlink_to(root / "copilot" / "api" / "addons" / "db.yml")
    out = tmp_path / "answers.yaml"
    code, stdout, err = run(capsys, str(root), "-o", str(out))
    assert code == 3, err
    rows = {(r.file, r.field) for r in parse_markdown(report_path(out).read_text("utf-8"))}
    assert ("copilot/web/addons", "(link)") in rows
    assert ("copilot/api/addons/elsewhere", "(link)") in rows
    assert ("copilot/api/addons/db.yml", "(addon)") in rows
    assert ("copilot/api/addons/also.yml", "(addon)") in rows
    assert not any("secret.yml" in f for f, _ in rows) and "secret.yml" not in stdout


def test_services_web_and_web_1_get_distinct_rule_names(tmp_path: Path, capsys) -> None:
    """`web`'s first additional rule was named web-1, as is service web-1's own rule: the
    answers then held two rules named web-1."""
    web = WEB.replace("  path: /\n", "  path: /\n  additional_rules:\n    - path: admin\n")
    web1 = WEB.replace("name: web", "name: web-1").replace("  path: /\n", "  path: shop\n")
    root = workspace(tmp_path / "ws", {"web": web, "web-1": web1})
    out = tmp_path / "answers.yaml"
    code, _stdout, err = run(capsys, str(root), "-o", str(out))
    assert code in (0, 3), err
    data = load_answers_file(out)
    names = [r["name"] for r in data["routing"]]
    assert len(names) == len(set(names)), names
    by_name = {r["name"]: r for r in data["routing"]}
    assert by_name["web-1"]["service"] == "web-1"
    assert any(r["service"] == "web" and "/admin" in r.get("paths", []) for r in data["routing"])
    assert validate_data_all(data).ok
