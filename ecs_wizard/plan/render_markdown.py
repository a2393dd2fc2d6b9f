"""Markdown export, ready to paste as a pull-request comment.

Summary table, a warning callout when anything is destroyed or replaced, then one collapsible
<details> block per module holding ```diff blocks per resource. Sensitive values are masked
exactly as in the text view (the AttrDiff rows never contain them).
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable

from ecs_wizard.plan.actions import Action
from ecs_wizard.plan.diff import AttrDiff
from ecs_wizard.plan.model import Plan, ResourceChange, module_label
from ecs_wizard.plan.values import safe

#: GitHub rejects comments longer than 65,536 characters.
GITHUB_COMMENT_LIMIT = 65_000

_EMOJI = {
    "to add": "🟢",
    "to change": "🟡",
    "to replace": "🟣",
    "to destroy": "🔴",
    "to import": "🔵",
    "to move": "🔀",
}


def _fence(body: str, lang: str = "") -> str:
    fence = "```"
    while fence in body:
        fence += "`"
    return f"{fence}{lang}\n{body}\n{fence}"


def _code(s: str) -> str:
    """`s` as a code span: a fence longer than any backtick run inside, no control characters."""
    s = safe(s)
    longest = max((len(run) for run in re.findall(r"`+", s)), default=0)
    tick = "`" * (longest + 1)
    pad = " " if s.startswith("`") or s.endswith("`") else ""
    return f"{tick}{pad}{s}{pad}{tick}"


def _html(s: str) -> str:
    """Plan data in markdown prose or HTML (a <summary>): tags and entities escaped."""
    return html.escape(safe(s), quote=False)


def _diff_lines(d: AttrDiff) -> list[str]:
    note = "  # forces replacement" if d.forces_replacement else ""
    if d.lines is not None:
        out = [f"! {d.path}:{note}"]
        out += [
            f"{line[:1]}     {line[1:]}" if line[:1] in "+-" else f"      {line}"
            for line in d.lines
        ]
        return out
    if d.kind == "add" or (d.kind == "unknown" and d.before is None):
        return [f"+ {d.path} = {d.after}{note}"]
    if d.kind == "remove":
        return [f"- {d.path} = {d.before}{note}"]
    return [f"- {d.path} = {d.before}", f"+ {d.path} = {d.after}{note}"]


def _verb(rc: ResourceChange) -> str:
    """The verb phrase; an address inside it ("has moved from X") is plan data: escaped."""
    verb = rc.verb
    if rc.previous_address and rc.previous_address in verb:
        before, _, after = verb.partition(rc.previous_address)
        return f"{_html(before)}{_code(rc.previous_address)}{_html(after)}"
    return _html(verb)


def _list_item(rc: ResourceChange) -> str:
    return f"- **{rc.symbol.strip() or '·'}** {_code(rc.address)} {_verb(rc)}"


def resource_markdown(rc: ResourceChange) -> str:
    head = f"**{rc.symbol.strip() or '·'}** {_code(rc.address)} {_verb(rc)}"
    if rc.moved and rc.action is not Action.NOOP:
        head += f" (moved from {_code(rc.previous_address or '')})"
    parts = [head]
    if rc.reason:
        parts.append(f"_because {_html(rc.reason)}_")
    rows = rc.diff
    if rows:
        body = "\n".join(line for d in rows for line in _diff_lines(d))
        parts.append(_fence(body, "diff"))
    return "\n\n".join(parts)


def _module_counts(rcs: list[ResourceChange]) -> str:
    counts: dict[str, int] = {}
    for rc in rcs:
        counts[rc.action.value] = counts.get(rc.action.value, 0) + 1
    words = {"create": "add", "update": "change", "delete": "destroy", "no-op": "move/import"}
    return ", ".join(f"{n} {words.get(a, a)}" for a, n in sorted(counts.items()))


def render_markdown(
    plan: Plan,
    *,
    changes: Iterable[ResourceChange] | None = None,
    title: str = "Terraform plan",
    max_chars: int = GITHUB_COMMENT_LIMIT,
    summary_only: bool = False,
) -> str:
    """Markdown for a PR comment; per-resource details are dropped if it would not fit, or
    when `summary_only` asks for counts and the resource list alone."""
    changes = list(plan.changes if changes is None else changes)
    # With details, drawing stops at the first resource past `max_chars` (it would not be
    # shown): a 5,000-change plan costs the diffs of the resources that fit, not of all.
    text = _render(
        plan,
        changes,
        title,
        details=not summary_only,
        summary_only=summary_only,
        budget=None if summary_only else max_chars,
    )
    if text is None:
        text = _render(plan, changes, title, details=False)
    assert text is not None
    if len(text) > max_chars:
        text = _truncate(text, max_chars - 200)
    return text


def _truncate(text: str, limit: int) -> str:
    """The first `limit` characters (whole lines), with every code fence and <details> block
    left open there closed again, so the rest of a comment still renders."""
    kept = text[:limit].rsplit("\n", 1)[0].split("\n")
    fence: str | None = None
    open_details = 0
    for line in kept:
        if fence is not None:
            if line == fence:
                fence = None
        elif line.startswith("```"):
            fence = line[: len(line) - len(line.lstrip("`"))]
        elif line.startswith("<details"):
            open_details += 1
        elif line == "</details>":
            open_details -= 1
    closing = ([fence] if fence is not None else []) + ["</details>"] * max(open_details, 0)
    tail = "".join(f"\n\n{c}" if c.startswith("<") else f"\n{c}" for c in closing)
    return "\n".join(kept) + tail + "\n\n…(truncated)\n"


def _render(
    plan: Plan,
    changes: list[ResourceChange],
    title: str,
    details: bool,
    summary_only: bool = False,
    budget: int | None = None,
) -> str | None:
    """The comment; None as soon as it is sure to be longer than `budget` characters."""
    s = plan.summary
    out: list[str] = [f"### {title}"]
    if plan.errored:
        out.append("> [!CAUTION]\n> Terraform reported errors: this plan is incomplete.")
    if not s.has_changes:
        out.append("**No changes.** Your infrastructure matches the configuration.")
    else:
        out.append(f"**Plan:** {s.headline()}")
    warning = s.warning()
    if warning:
        out.append(f"> [!WARNING]\n> **{warning}**")
    size = sum(len(part) + 2 for part in out)  # a lower bound of the length so far
    table = ["| | Action | Count |", "|---|---|---:|"]
    table += [f"| {_EMOJI[label]} | {label} | {n} |" for label, n in s.counts()]
    out.append("\n".join(table))
    if not details and not summary_only:
        out.append("_Per-resource details omitted: the full plan is too long for a comment._")
    for mod, types in plan.grouped(changes).items():
        rcs = [rc for v in types.values() for rc in v]
        summary = f"<summary><b>{_html(module_label(mod))}</b> — {_module_counts(rcs)}</summary>"
        inner: list[str] = []
        for rtype, items in types.items():
            inner.append(f"#### {_code(rtype)}")
            for rc in items:
                piece = resource_markdown(rc) if details else _list_item(rc)
                inner.append(piece)
                size += len(piece) + 2
                if budget is not None and size > budget:
                    return None
        open_attr = " open" if mod == "" and len(plan.grouped(changes)) == 1 else ""
        out.append(f"<details{open_attr}>\n{summary}\n\n" + "\n\n".join(inner) + "\n\n</details>")
    outs = [o for o in plan.output_changes if o.action is not Action.NOOP]
    if outs:
        lines = []
        for o in outs:
            before, after = o.display_before(), o.display_after()
            if o.action is not Action.CREATE:
                lines.append(f"- output.{safe(o.name)} = {before}")
            lines.append(f"+ output.{safe(o.name)} = {after}")
        out.append(
            "<details>\n<summary><b>Outputs</b></summary>\n\n"
            + _fence("\n".join(lines), "diff")
            + "\n\n</details>"
        )
    if plan.drift:
        draw = resource_markdown if details else _list_item
        body = "\n\n".join(draw(rc) for rc in plan.drift)
        if budget is not None and size + len(body) > budget:
            return None
        out.append(
            "<details>\n<summary><b>Changes outside Terraform (drift)</b> — "
            f"{len(plan.drift)}</summary>\n\n{body}\n\n</details>"
        )
    text = "\n\n".join(out) + "\n"
    return None if budget is not None and len(text) > budget else text
