"""Plan data cannot drive the terminal or the markdown: control characters in keys, addresses
and values are shown escaped, HTML in addresses is escaped, and a truncated markdown comment
still closes every block it opened."""

from __future__ import annotations

import json
import re

from ecs_wizard.plan.model import load_plan
from ecs_wizard.plan.render_json import render_json
from ecs_wizard.plan.render_markdown import render_markdown
from ecs_wizard.plan.render_text import plain_text, render_text

ESC_KEY = "evil\x1b[2J\x1b]0;owned\x07"
C1 = "csi\x9b31m"
IMG = '<img src=x onerror="alert(1)">'


def rc(address: str, module: str = "", after=None, previous: str | None = None) -> dict:
    typ, name = address.rsplit(".", 1)[0].split(".")[-1], "this"
    out = {
        "address": address,
        "module_address": module,
        "mode": "managed",
        "type": typ,
        "name": name,
        "provider_name": "registry.terraform.io/hashicorp/aws",
        "change": {
            "actions": ["create"] if previous is None else ["no-op"],
            "before": None if previous is None else after,
            "after": after if after is not None else {"name": "x"},
            "after_unknown": {},
            "before_sensitive": False,
            "after_sensitive": {},
        },
    }
    if previous is not None:
        out["previous_address"] = previous
    return out


def plan(*rcs: dict):
    return load_plan(json.dumps({"format_version": "1.2", "resource_changes": list(rcs)}))


def control_chars(text: str) -> list[str]:
    return re.findall("[\x00-\x08\x0b-\x1f\x7f-\x9f]", text)


def test_escape_sequences_in_addresses_keys_and_lines_are_shown_escaped():
    mod = f'module.svc["{ESC_KEY}"]'
    p = plan(
        rc(
            f"{mod}.aws_lb.this",
            mod,
            after={
                "tags": {ESC_KEY: C1},
                "script": f"line one\n{ESC_KEY}\n{C1}\nend\n",
            },
        ),
        rc(f'aws_x.this["{C1}"]', previous=f'aws_x.old["{ESC_KEY}"]', after={"a": "b"}),
    )
    for fmt, out in (
        ("text", plain_text(p)),
        ("rich text", render_text(p).plain),
        ("markdown", render_markdown(p)),
    ):
        assert control_chars(out) == [], f"{fmt}: {control_chars(out)}\n{out}"
        assert "\\u001b[2J" in out, fmt  # visible, not dropped


def test_html_in_a_module_address_is_escaped_in_markdown():
    mod = f'module.svc["{IMG}"]'
    p = plan(
        rc(f"{mod}.aws_lb.this", mod, after={"body": "long " * 1000}),
        rc(f'aws_x.this["{IMG}"]', previous=f'aws_x.old["{IMG}"]', after={"a": "b"}),
    )
    md = render_markdown(p)
    summary_only = render_markdown(p, max_chars=len(md) - 1)
    assert "Per-resource details omitted" in summary_only
    for out in (md, summary_only):
        # Inside code spans HTML is literal text; anywhere else it must be escaped.
        prose = re.sub(r"(`+)[^`]*?\1", "", out)
        assert "<img" not in prose, prose
        assert "&lt;img" in prose  # the <summary> still names the module


def test_json_export_keeps_addresses_as_data():
    p = plan(rc(f'aws_x.this["{IMG}"]'))
    assert json.loads(render_json(p))["resource_changes"][0]["address"] == (f'aws_x.this["{IMG}"]')


def test_truncated_markdown_closes_its_details_and_fences():
    mods = [f'module.m["{i}"]' for i in range(3)]
    rcs = [
        rc(f"{m}.aws_x.r{i}", m, after={"body": "\n".join(f"line {j}" for j in range(20))})
        for m in mods
        for i in range(400)
    ]
    p = plan(*rcs)
    for limit in (3000, 7777, 20000, 41234):
        md = render_markdown(p, max_chars=limit)
        assert len(md) <= limit
        assert md.endswith("…(truncated)\n")
        opened = len(re.findall(r"^<details", md, re.M))
        closed = len(re.findall(r"^</details>$", md, re.M))
        assert opened == closed >= 1, (limit, opened, closed)
        fences = [line for line in md.splitlines() if line.startswith("```")]
        assert len(fences) % 2 == 0, limit
