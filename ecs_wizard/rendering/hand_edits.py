"""Hand edits of a rendered project's `terraform.tfvars`, for `ecs-wizard edit DIR`.

The tfvars holds the answers one to one (render.tfvars_data), so an edit made there by hand
can be brought back into the answers (`ecs-wizard import` does the same for a whole file)
before the wizard opens them; otherwise the next export would overwrite it. No Textual
import: the edit command decides what to offer before the wizard starts.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

#: answers keys the tfvars does not carry (render.tfvars_data): kept from answers.yaml
_ANSWERS_ONLY = ("version", "validation", "state", "environments", "ci")


@dataclass
class TfvarsEdits:
    """The answers with the tfvars' hand edits brought in, and the paths they change."""

    data: dict[str, Any]
    changed: list[str] = field(default_factory=list)
    error: str | None = None  # the tfvars cannot be read back (the import's message)
    project: Path | None = None  # the rendered directory


def tfvars_edited(project: Path) -> bool:
    """True when `project/terraform.tfvars` was changed since the last render."""
    from ecs_wizard.rendering.layout import TFVARS_FILE
    from ecs_wizard.rendering.writer import edited_files

    try:
        return TFVARS_FILE in edited_files(project)
    except (OSError, ValueError):
        return False


def import_edits(project: Path, answers: dict[str, Any]) -> TfvarsEdits:
    """`answers` (answers.yaml's data) with the values of the hand-edited tfvars."""
    from ecs_wizard.rendering.tfimport import ImportError_, import_tfvars

    try:
        imported = import_tfvars(project)
    except ImportError_ as exc:
        return TfvarsEdits(copy.deepcopy(answers), error=str(exc), project=project)
    data = {k: copy.deepcopy(v) for k, v in imported.items() if k not in _ANSWERS_ONLY}
    for key in _ANSWERS_ONLY:
        if key in answers:
            data[key] = copy.deepcopy(answers[key])
    _keep_auto_redirect(answers, data)
    order = [k for k in answers if k in data] + [k for k in data if k not in answers]
    data = {k: data[k] for k in order}
    return TfvarsEdits(data, _changed(_canonical(answers), _canonical(data)), project=project)


def _canonical(data: dict[str, Any]) -> Any:
    """The answers with every default spelled out (the tfvars spells them all out, answers.yaml
    need not), so only real edits differ; the data itself when it is not valid."""
    from pydantic import ValidationError

    from ecs_wizard.model.answers import Answers

    try:
        return Answers.model_validate(data).to_data()
    except (ValidationError, ValueError):
        return data


def _keep_auto_redirect(answers: dict[str, Any], data: dict[str, Any]) -> None:
    """The tfvars always spells out the HTTPS redirect; when answers.yaml left it to follow
    HTTPS ("auto") and the tfvars still says what auto means, keep it auto."""
    from ecs_wizard.model.paths import get_path

    if get_path(answers, "alb.http.redirect_to_https") is not None:
        return
    http = get_path(data, "alb.http")
    https_on = isinstance(get_path(data, "alb.https"), dict)
    if isinstance(http, dict) and http.get("redirect_to_https") is https_on:
        del http["redirect_to_https"]


def _changed(old: Any, new: Any, path: str = "") -> list[str]:
    """The paths where `new` differs from `old` (a changed subtree counts once, at the top
    of where a value was added, removed or changed)."""
    if isinstance(old, dict) and isinstance(new, dict):
        out: list[str] = []
        for key in list(old) + [k for k in new if k not in old]:
            sub = f"{path}.{key}" if path else str(key)
            if key not in old or key not in new:
                out.append(sub)
                continue
            out += _changed(old[key], new[key], sub)
        return out
    if isinstance(old, list) and isinstance(new, list) and len(old) == len(new):
        out = []
        for i, (a, b) in enumerate(zip(old, new, strict=True)):
            out += _changed(a, b, f"{path}[{i}]")
        return out
    return [] if old == new else [path]
