"""Re-rendering over a deployed project: `render` reviews the change (ecs_wizard.rendering.changes).

A renamed rule gets a `moved` block (moved_rules.tf) instead of a delete and a create with
the same priority; a priority swap, a service rename and a protected load balancer replaced
are refused with nothing written, unless --allow-replacement.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ecs_wizard import render
from ecs_wizard.cli import main
from ecs_wizard.model.answers import Answers
from ecs_wizard.model.yamlio import dump_answers
from ecs_wizard.rendering import changes
from tests.answers_fixtures import answers_with, base_answers


def _render(data: dict, out: Path, **kw) -> render.WriteReport:
    return render.write_project(Answers.model_validate(data), out, **kw)


def test_renamed_rule_gets_a_moved_block_that_survives_a_second_render(tmp_path: Path) -> None:
    _render(base_answers(), tmp_path)
    assert not (tmp_path / changes.RULE_MOVES_FILE).exists()
    _render(answers_with(**{"routing[0].name": "api-v1"}), tmp_path)
    moved = (tmp_path / changes.RULE_MOVES_FILE).read_text()
    assert 'from = module.rule["api"]' in moved and 'to   = module.rule["api-v1"]' in moved
    # A second render before the apply (another change) keeps the move.
    _render(answers_with(**{"routing[0].name": "api-v1", "services[0].cpu": 1024}), tmp_path)
    assert (tmp_path / changes.RULE_MOVES_FILE).read_text() == moved


def test_swap_is_refused_and_nothing_is_written(tmp_path: Path) -> None:
    _render(base_answers(), tmp_path)
    before = (tmp_path / "terraform.tfvars").read_text()
    swapped = answers_with(**{"routing[0].priority": 20, "routing[1].priority": 10})
    with pytest.raises(changes.ChangeRefused) as info:
        _render(swapped, tmp_path)
    assert "PriorityInUse" in str(info.value) and "routing[0].priority" in str(info.value)
    assert (tmp_path / "terraform.tfvars").read_text() == before
    _render(swapped, tmp_path, allow_replacement=True)
    assert (tmp_path / "terraform.tfvars").read_text() != before


def test_cli_refuses_a_protected_alb_replacement_and_says_the_two_steps(
    tmp_path: Path, capsys
) -> None:
    out = tmp_path / "infra"
    first = tmp_path / "a.yaml"
    first.write_text(dump_answers(Answers.model_validate(base_answers())))
    assert main(["render", str(first), "-o", str(out), "-q"]) == 0

    internal = tmp_path / "b.yaml"
    change = {"alb.internal": True, "alb.ingress_cidrs": ["10.0.0.0/8"]}
    internal.write_text(dump_answers(Answers.model_validate(answers_with(**change))))
    assert main(["render", str(internal), "-o", str(out), "-q"]) == 1
    err = capsys.readouterr().err
    assert "deletion protection" in err and "deletion_protection: false" in err
    assert "--allow-replacement" in err and "Nothing was written" in err

    assert main(["render", str(internal), "-o", str(out), "-q", "--allow-replacement"]) == 0
    err = capsys.readouterr().err
    assert "WARNING" in err and "alb.internal" in err


def test_cli_prints_the_rule_rename(tmp_path: Path, capsys) -> None:
    out = tmp_path / "infra"
    path = tmp_path / "a.yaml"
    path.write_text(dump_answers(Answers.model_validate(base_answers())))
    assert main(["render", str(path), "-o", str(out), "-q"]) == 0
    path.write_text(dump_answers(Answers.model_validate(answers_with(**{"routing[1].name": "x"}))))
    assert main(["render", str(path), "-o", str(out)]) == 0
    captured = capsys.readouterr()
    assert "W" in captured.err and "renamed" in captured.err
    assert "moved_rules.tf" in captured.out


def test_answers_edited_in_place_are_compared_with_the_last_render(tmp_path: Path) -> None:
    """The project README says: edit DIR/answers.yaml and render it again. The review then
    compares with what was rendered (terraform.tfvars), not with the edited file itself."""
    _render(base_answers(), tmp_path)
    swapped = answers_with(**{"routing[0].priority": 20, "routing[1].priority": 10})
    (tmp_path / "answers.yaml").write_text(dump_answers(Answers.model_validate(swapped)))
    assert render.deployed_answers(tmp_path) == Answers.model_validate(base_answers())
    with pytest.raises(changes.ChangeRefused):
        _render(swapped, tmp_path)
