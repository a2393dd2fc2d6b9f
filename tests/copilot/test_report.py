"""The migration report and the command's safety: every not-migrated feature of the
`not-migrated` workspace is a row with its reason, exit codes 0 / 3 / 1, nothing written on
an error, and no overwrite without --force."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from ecs_wizard.copilot import CopilotImportError, import_workspace

from .cli_run import CASES, import_copilot, report_path
from .derive import NOT_MIGRATED_TYPES
from .workspace import FIXTURES, copy_fixture, load_manifests

# Top-level (or nested) manifest fields that ecs-wizard does not carry over (issue #13).
NOT_MIGRATED_FIELDS = (
    "nlb",
    "storage.volumes",
    "logging",
    "publish",
    "subscribe",
    "taskdef_overrides",
    "deployment.rollback_alarms",
    "count.response_time",
    "count.queue_delay",
)


def _get(manifest: dict, dotted: str) -> object:
    node: object = manifest
    for part in dotted.split("."):
        if not isinstance(node, dict) or part not in node:
            return None
        node = node[part]
    return node


def _from_cfn_fields(node: object, prefix: str = "") -> list[str]:
    """Dotted paths of every `from_cfn` reference in a manifest (list items by index)."""
    found: list[str] = []
    if isinstance(node, dict):
        if "from_cfn" in node:
            return [prefix]
        for k, v in node.items():
            found += _from_cfn_fields(v, f"{prefix}.{k}" if prefix else str(k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            found += _from_cfn_fields(v, f"{prefix}[{i}]")
    return found


def expected_not_migrated(root: Path) -> list[tuple[str, str]]:
    """(file part, field) pairs the report must list as not migrated, read from the files."""
    envs, workloads = load_manifests(root)
    want: list[tuple[str, str]] = []
    for name, m in workloads.items():
        where = f"{name}/manifest.yml"
        if m.get("type") in NOT_MIGRATED_TYPES:
            want.append((where, "type"))
            continue
        want += [(where, f) for f in NOT_MIGRATED_FIELDS if _get(m, f) is not None]
        public = any(w.get("type") == "Load Balanced Web Service" for w in workloads.values())
        if m.get("type") == "Backend Service" and isinstance(m.get("http"), dict) and public:
            # internal in Copilot: never put on the public load balancer
            want += [(where, f"http.{k}") for k in m["http"]]
        want += [(where, f) for f in _from_cfn_fields(m)]
    copilot = root / "copilot"
    want += [(str(p.relative_to(copilot)), "") for p in sorted(copilot.glob("*/addons/*"))]
    want += [(str(p.relative_to(copilot)), "") for p in sorted(copilot.glob("pipelines/*/*"))]
    for env, m in envs.items():
        vpc = _get(m, "network.vpc") or {}
        if isinstance(vpc, dict) and "cidr" in vpc and "id" not in vpc:
            want.append((f"environments/{env}/manifest.yml", "network.vpc"))
    return want


def _row_for(rows, where: str, field: str):
    hits = [
        r
        for r in rows
        if r.file.replace("\\", "/").endswith(where)
        and (
            field == ""
            or r.field == field
            or r.field.startswith(field + ".")
            or r.field.startswith(field + "[")
        )
    ]
    if not hits and field.startswith(("variables.", "secrets.")):
        # a from_cfn reference may be reported under its map (`variables`) naming the key
        top, key = field.split(".", 1)
        hits = [r for r in rows if r.file.endswith(where) and r.field == top and key in r.detail]
    return hits


def test_every_not_migrated_feature_has_a_row_with_a_reason(tmp_path: Path) -> None:
    root = copy_fixture("not-migrated", tmp_path)
    want = expected_not_migrated(root)
    assert len(want) >= 18, want  # the fixture really holds every feature
    result = import_workspace(root, envs=["prod"], environ={})
    missing, wrong = [], []
    for where, field in want:
        hits = _row_for(result.rows, where, field)
        if not hits:
            missing.append(f"{where} {field}")
        elif not any(r.status == "not migrated" and len(r.detail) > 10 for r in hits):
            wrong.append(f"{where} {field}: {[(r.status, r.detail) for r in hits]}")
    assert missing == [] and wrong == [], f"missing rows: {missing}\nwrong rows: {wrong}"
    assert result.exit_code() == 3
    md = result.markdown()
    for where, _ in want:
        assert where in md, where


def test_a_copilot_created_vpc_asks_for_ids(tmp_path: Path, capsys) -> None:
    root = copy_fixture("not-migrated", tmp_path)
    answers = tmp_path / "answers.yaml"
    run = import_copilot(capsys, root, answers, "--env", "sandbox")
    assert run.code == 1, run.out + run.err
    text = (run.out + run.err).replace("\n", " ")
    assert "sandbox" in text and "network.vpc" in text
    assert not answers.exists() and not report_path(answers).exists()


def test_exit_0_when_everything_maps(tmp_path: Path, capsys) -> None:
    answers = tmp_path / "answers.yaml"
    run = import_copilot(capsys, copy_fixture("simple-lbws", tmp_path), answers)
    assert run.code == 0, run.out + run.err
    rows = import_workspace(FIXTURES / "simple-lbws", environ={}).rows
    assert rows and all(r.status in ("migrated", "approximated") for r in rows)
    assert "frontend/manifest.yml" in run.out  # the table is printed too


def test_refuses_to_overwrite_without_force(tmp_path: Path, capsys) -> None:
    ws = copy_fixture("simple-lbws", tmp_path)
    answers = tmp_path / "answers.yaml"
    answers.write_text("# mine\n", encoding="utf-8")
    run = import_copilot(capsys, ws, answers)
    assert run.code == 1 and "--force" in run.err, run.err
    assert answers.read_text(encoding="utf-8") == "# mine\n"
    assert not report_path(answers).exists()
    assert import_copilot(capsys, ws, answers, "--force").code == 0
    assert yaml.safe_load(answers.read_text(encoding="utf-8"))["project"]["name"] == "bookshop"


def test_build_without_image_names_the_flag(tmp_path: Path, capsys) -> None:
    ws = copy_fixture("multi-env", tmp_path)
    answers = tmp_path / "answers.yaml"
    args = [a for a in CASES["multi-env"].args if not a.startswith("web=")]
    args.remove("--image")
    run = import_copilot(capsys, ws, answers, *args)
    assert run.code == 1
    err = run.err.replace("\n", " ")
    assert "web/manifest.yml" in err and "image.build" in err and "--image web=" in err
    assert not answers.exists() and not report_path(answers).exists()


def test_missing_variable_names_file_field_and_variable(
    tmp_path: Path, capsys, monkeypatch
) -> None:
    monkeypatch.delenv("API_TAG", raising=False)
    ws = copy_fixture("multi-env", tmp_path)
    answers = tmp_path / "answers.yaml"
    args = [a for a in CASES["multi-env"].args]
    i = args.index("API_TAG=1.8.0")
    del args[i - 1 : i + 1]
    run = import_copilot(capsys, ws, answers, *args)
    assert run.code == 1
    err = run.err.replace("\n", " ")
    assert "api/manifest.yml" in err and "image.location" in err and "API_TAG" in err
    assert not answers.exists()
    monkeypatch.setenv("API_TAG", "1.8.1")  # in the environment, but not named: not read
    assert import_copilot(capsys, ws, answers, *args).code == 1
    # named with --env-var, the process environment is used
    assert import_copilot(capsys, ws, answers, *args, "--env-var", "API_TAG").code == 3
    assert "shop/api:1.8.1" in answers.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("network.vpc.id", "vpc-12345"),
        ("http.public.certificates", ["not-an-arn"]),
    ],
)
def test_invalid_environment_values_stop_with_the_fix(tmp_path: Path, field: str, value) -> None:
    root = copy_fixture("simple-lbws", tmp_path)
    path = root / "copilot" / "environments" / "prod" / "manifest.yml"
    manifest = yaml.safe_load(path.read_text(encoding="utf-8"))
    node = manifest
    *parents, last = field.split(".")
    for p in parents:
        node = node[p]
    node[last] = value
    path.write_text(yaml.safe_dump(manifest), encoding="utf-8")
    with pytest.raises(CopilotImportError) as info:
        import_workspace(root, environ={})
    err = info.value
    assert "environments/prod/manifest.yml" in str(err.file).replace("\\", "/")
    assert err.field.startswith(field.rsplit(".", 1)[0]) and err.fix


def test_printed_table_shows_values_as_written(tmp_path: Path, capsys, monkeypatch) -> None:
    """A Secrets Manager ARN holds `:secret:`, which rich's emoji codes turn into a symbol."""
    monkeypatch.setenv("COLUMNS", "400")  # one line per row: values are not wrapped
    ws = copy_fixture("multi-env", tmp_path)
    run = import_copilot(capsys, ws, tmp_path / "answers.yaml", *CASES["multi-env"].args)
    assert run.code == 3, run.err
    arn = "arn:aws:secretsmanager:eu-west-1:111122223333:secret:shop/orders/db"
    assert arn in run.out, [line for line in run.out.splitlines() if "DB_PASSWORD" in line]
