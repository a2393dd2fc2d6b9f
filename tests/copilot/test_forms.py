"""Each field issue #13 lists, in each documented Copilot form (tests/copilot/forms.py): the
report row's status, the imported answers, and the answers' validity; invalid values stop the
import naming the field."""

from __future__ import annotations

from pathlib import Path

import pytest

from ecs_wizard.copilot import CopilotImportError, import_workspace
from ecs_wizard.model.environments import environment_names, merge
from ecs_wizard.validation import validate_data_all

from .forms import FORMS, Form
from .workspace import ACCOUNT, BASE_ENV, BASE_LBWS, deep_merge, write_workspace


def build(tmp_path: Path, form: Form) -> Path:
    env = deep_merge(BASE_ENV, form.fragment) if form.target == "env" else BASE_ENV
    svc = deep_merge(BASE_LBWS, form.fragment) if form.target == "svc" else BASE_LBWS
    return write_workspace(tmp_path / "ws", envs={"prod": env}, workloads={"app": svc})


@pytest.mark.parametrize("form", FORMS, ids=[f.id for f in FORMS])
def test_field_form(tmp_path: Path, form: Form) -> None:
    root = build(tmp_path, form)
    kwargs = dict(images=form.images, variables=form.variables, account_id=ACCOUNT, environ={})
    if form.error:
        with pytest.raises(CopilotImportError) as info:
            import_workspace(root, **kwargs)
        err = info.value
        assert err.field.startswith(form.field) or form.field.startswith(err.field), (
            err.field,
            str(err),
        )
        assert err.fix, "an import error says how to fix it"
        assert "None" not in str(err), f"the message shows an unset bound: {err}"
        return
    result = import_workspace(root, **kwargs)
    rows = [
        r
        for r in result.rows
        if r.field == form.field or r.field.startswith((form.field + ".", form.field + "["))
    ]
    assert rows, f"no report row for {form.field}: {[(r.file, r.field) for r in result.rows]}"
    if form.status is not None:
        assert form.status in {r.status for r in rows}, [(r.field, r.status) for r in rows]
    if form.status != "migrated":
        assert all(r.detail for r in rows if r.status != "migrated")
    data = result.answers
    checked = validate_data_all(data)
    assert checked.ok, [f"{i.path}: {i.message}" for i in checked.errors]
    if form.check is not None:
        form.check(merge(data, "prod").data if environment_names(data) else data)
