"""README's "Coming from Copilot": the mapping table names every field the importer's field
forms cover (tests/copilot/forms.py) and every not-migrated feature, and the worked example's
command is the one that imports the multi-env fixture."""

from __future__ import annotations

import re
from pathlib import Path

from .cli_run import CASES, import_copilot
from .forms import FORMS
from .test_report import NOT_MIGRATED_FIELDS
from .workspace import copy_fixture

README = Path(__file__).resolve().parents[2] / "README.md"


def section() -> str:
    text = README.read_text(encoding="utf-8")
    match = re.search(r"^## Coming from Copilot\n(.*?)(?=^## )", text, re.M | re.S)
    assert match, "README has no '## Coming from Copilot' section"
    return match.group(1)


def table_fields() -> set[str]:
    rows = [line for line in section().splitlines() if line.startswith("| `")]
    fields: set[str] = set()
    for row in rows:
        first = row.split("|")[1]
        fields |= set(re.findall(r"`([^`]+)`", first))
    return fields


def test_mapping_table_covers_every_field_form() -> None:
    fields = table_fields()
    missing = sorted({f.field for f in FORMS} - fields)
    assert missing == [], f"README mapping table lacks rows for {missing}"


def test_mapping_table_names_every_not_migrated_feature() -> None:
    fields = table_fields()
    missing = [f for f in NOT_MIGRATED_FIELDS if f not in fields]
    assert missing == [] and {"addons/", "pipelines/", "from_cfn"} <= fields, missing
    statuses = set(re.findall(r"\| (migrated|approximated|not migrated)\b", section()))
    assert statuses == {"migrated", "approximated", "not migrated"}


def test_worked_example_uses_the_real_flags() -> None:
    text = section()
    assert "ecs-wizard import-copilot" in text and "answers.migration.md" in text
    for flag in ("--image", "--var", "--account-id", "--env"):
        assert flag in text, flag


def test_worked_example_output_is_what_the_command_prints(tmp_path, capsys, monkeypatch) -> None:
    """Every line of the README's output excerpt is a line the worked example prints (at 100
    columns), so the excerpt cannot drift from the command."""
    block = re.search(r"```text\n(.*?)```", section(), re.S)
    assert block, "no output excerpt in the worked example"
    excerpt = [line.rstrip() for line in block.group(1).splitlines() if line.strip() != "…"]
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.chdir(tmp_path)
    copy_fixture("multi-env", tmp_path)
    (tmp_path / "multi-env").rename(tmp_path / "shop")
    run = import_copilot(capsys, Path("shop"), Path("answers.yaml"), *CASES["multi-env"].args)
    assert run.code == 3, run.err
    printed = {line.rstrip() for line in (run.out + run.err).splitlines()}
    assert [line for line in excerpt if line not in printed] == []


def table_statuses() -> list[tuple[set[str], set[str]]]:
    """(fields, statuses) of each mapping-table row."""
    out = []
    for row in section().splitlines():
        if not row.startswith("| `"):
            continue
        cells = row.split("|")
        fields = set(re.findall(r"`([^`]+)`", cells[1]))
        statuses = set(re.findall(r"not migrated|approximated|migrated", cells[-2]))
        out.append((fields, statuses))
    return out


def test_table_statuses_are_what_the_importer_reports(tmp_path) -> None:
    from ecs_wizard.copilot import import_workspace

    from .test_forms import build
    from .workspace import ACCOUNT

    table = table_statuses()
    wrong = []
    for form in FORMS:
        if form.error:
            continue
        root = build(tmp_path / form.id, form)
        rows = import_workspace(
            root, images=form.images, variables=form.variables, account_id=ACCOUNT, environ={}
        ).rows
        seen = {
            r.status
            for r in rows
            if r.field == form.field or r.field.startswith((form.field + ".", form.field + "["))
        }
        listed = set().union(
            *(
                statuses
                for fields, statuses in table
                if any(f.startswith(form.field) for f in fields)
            )
        )
        if not seen <= listed:
            wrong.append(f"{form.id}: {form.field} is {sorted(seen)}, README says {sorted(listed)}")
    assert wrong == []
