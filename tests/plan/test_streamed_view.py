"""The text view is drawn a resource at a time (issue 22): what reaches a pipe, a terminal and
a file is what the whole-plan Text gives, and the collector is paused only while drawing."""

from __future__ import annotations

import argparse
import gc
import io
from pathlib import Path

from rich.console import Console

from ecs_wizard.plan.model import load_plan
from ecs_wizard.plan.render_text import iter_chunks, join, plain_text, render_text
from ecs_wizard.ui import plan_cli

SCENARIO = Path(__file__).parent / "fixtures" / "scenario_plan.json"


def _plan(n: int = 150):
    """n changes over three modules, with a secret, a JSON document, a replacement, moves."""
    rcs = []
    for i in range(n):
        act = [["create"], ["update"], ["delete", "create"], ["delete"]][i % 4]
        mod = f'module.service["s{i % 3}"]'
        before = None if act == ["create"] else {"name": f"r{i}", "doc": '{"a": [1, 2, 3]}' * 3}
        after = None if act == ["delete"] else {"name": f"r{i}", "pw": f"secret-{i:04d}"}
        rcs.append(
            {
                "address": f"{mod}.aws_thing.r{i}",
                "module_address": mod,
                "type": "aws_thing",
                "name": f"r{i}",
                "change": {
                    "actions": act,
                    "before": before,
                    "after": after,
                    "after_unknown": {"arn": True} if after else {},
                    "before_sensitive": False,
                    "after_sensitive": {"pw": True} if after else False,
                    "replace_paths": [["name"]] if act == ["delete", "create"] else [],
                },
            }
        )
    return load_plan({"format_version": "1.2", "resource_changes": rcs})


def _args(**kw) -> argparse.Namespace:
    base = {"format": "text", "output": None, "force": False, "summary_only": False}
    return argparse.Namespace(**{**base, **kw})


def test_chunks_joined_are_the_whole_text_and_plain_chunks_its_plain_text() -> None:
    for plan in (_plan(), load_plan(SCENARIO)):
        whole = render_text(plan)
        assert join(iter_chunks(plan)) == whole
        assert plain_text(plan) == whole.plain
        assert "secret-0001" not in whole.plain
        assert len(list(iter_chunks(plan))) > len(plan.changes)  # a chunk per resource


def test_a_plain_pipe_gets_the_text_rich_would_print() -> None:
    plan = _plan()
    ours, theirs = io.StringIO(), io.StringIO()
    assert plan_cli.export(plan, _args(), Console(file=ours, highlight=False)) == 0
    reference = Console(file=theirs, highlight=False)
    reference.print(render_text(plan), soft_wrap=True, highlight=False)
    assert ours.getvalue() == theirs.getvalue()


def test_a_terminal_gets_batches_that_print_as_the_whole_text(monkeypatch) -> None:
    monkeypatch.setattr(plan_cli, "PRINT_BATCH", 7)  # many batches, one cut inside a module
    plan = _plan()

    def terminal(buf: io.StringIO) -> Console:
        return Console(file=buf, force_terminal=True, color_system="truecolor", width=100)

    ours, theirs = io.StringIO(), io.StringIO()
    assert plan_cli.export(plan, _args(), terminal(ours)) == 0
    terminal(theirs).print(render_text(plan), soft_wrap=False, highlight=False)
    assert "\x1b[" in ours.getvalue()
    assert ours.getvalue() == theirs.getvalue()


def test_a_file_gets_the_plain_text(tmp_path: Path, capsys) -> None:
    plan = _plan()
    out = tmp_path / "view.txt"
    assert plan_cli.export(plan, _args(output=str(out))) == 0
    assert out.read_text(encoding="utf-8") == plain_text(plan) + "\n"
    assert capsys.readouterr().err == f"Wrote the text plan view to {out}.\n"


def test_the_collector_is_paused_while_drawing_and_restored_after(monkeypatch) -> None:
    seen = []
    real = plan_cli._export
    monkeypatch.setattr(plan_cli, "_export", lambda *a: seen.append(gc.isenabled()) or real(*a))
    assert gc.isenabled()
    plan_cli.export(_plan(8), _args(), Console(file=io.StringIO()))
    assert seen == [False] and gc.isenabled()
    gc.disable()
    try:
        with plan_cli.collector_paused():
            pass
        assert not gc.isenabled()  # it was off before: left off
    finally:
        gc.enable()


def test_markdown_stops_drawing_details_once_the_comment_cannot_fit(monkeypatch) -> None:
    from ecs_wizard.plan import model, render_markdown

    plan = _plan(2000)
    drawn = []
    real = model.resource_diff
    monkeypatch.setattr(model, "resource_diff", lambda rc: drawn.append(rc) or real(rc))
    md = render_markdown.render_markdown(plan, max_chars=20_000)
    assert "Per-resource details omitted" in md and len(md) <= 20_000
    assert 0 < len(drawn) < len(plan.changes) / 4  # only those that could have fit


def test_writing_a_view_to_a_file_never_imports_rich(tmp_path: Path) -> None:
    """rich's import is a fifth of show-plan's start-up; a file or a pipe does not need it."""
    import subprocess
    import sys

    out = tmp_path / "view.txt"
    code = (
        "import sys\n"
        "from ecs_wizard.cli import main\n"
        f"code = main(['show-plan', {str(SCENARIO)!r}, '-o', {str(out)!r}])\n"
        "loaded = sorted(m for m in sys.modules if m == 'rich' or m.startswith('rich.'))\n"
        "print(code, loaded)\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert run.stdout.strip() == "0 []", run.stdout + run.stderr
    assert out.read_text(encoding="utf-8") == plain_text(load_plan(SCENARIO)) + "\n"
