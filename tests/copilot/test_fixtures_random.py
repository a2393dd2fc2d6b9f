"""A random Copilot workspace (manifest_strategy.py: the specification's field forms, some
invalid values and unknown fields) never produces a traceback: the import either gives answers
that pass the project's validation (what `ecs-wizard validate` runs), or stops with a
CopilotImportError that names the file, the field and the fix."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import given

from ecs_wizard.copilot import CopilotImportError, import_workspace
from ecs_wizard.model.yamlio import dump_answers, load_answers_text
from ecs_wizard.validation import validate_data_all

from .manifest_strategy import Drawn, workspaces
from .workspace import write_workspace


@given(workspaces())
def test_random_workspace_imports_or_names_a_field(drawn: Drawn) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = write_workspace(Path(tmp), app=drawn.app, envs=drawn.envs, workloads=drawn.workloads)
        try:
            result = import_workspace(
                root,
                images=drawn.images,
                variables=drawn.variables,
                account_id=drawn.account_id,
                environ={},
            )
        except CopilotImportError as err:
            assert err.file and err.field and err.fix, repr(err)
            assert "manifest.yml" in err.file or ".workspace" in err.file or err.file, err
            return
    # what the command writes, read back as `ecs-wizard validate` reads it
    data = load_answers_text(dump_answers(result.answers))
    checked = validate_data_all(data)
    assert checked.ok, [f"{i.path}: {i.message} ({i.value!r})" for i in checked.errors]
    assert result.exit_code() in (0, 3)
    assert all(r.status in ("migrated", "approximated", "not migrated") for r in result.rows)
    assert result.markdown()
