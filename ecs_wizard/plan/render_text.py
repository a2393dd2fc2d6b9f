"""Terminal rendering of a Plan as rich Text (colour by action; plain when printed without).

`render_summary` is the cheap header (counts + warning); `render_text` adds the module →
type → resource tree with attribute diffs. Both are pure functions of the Plan.
"""

from __future__ import annotations

from collections.abc import Iterable

from rich.text import Text

from ecs_wizard.plan.actions import ACTION_STYLE, Action
from ecs_wizard.plan.diff import AttrDiff
from ecs_wizard.plan.model import (
    OutputChange,
    Plan,
    ResourceChange,
    module_label,
)
from ecs_wizard.plan.values import safe

KIND_SYMBOL = {"add": "+", "remove": "-", "change": "~", "unknown": "~"}
KIND_STYLE = {"add": "green", "remove": "red", "change": "yellow", "unknown": "yellow"}
WARNING_STYLE = "bold white on red"


def render_summary(plan: Plan) -> Text:
    """Header: 'Plan: N to add, …' with per-count colours and the destroy/replace warning."""
    s = plan.summary
    text = Text()
    if plan.errored:
        text.append("Terraform reported errors: this plan is incomplete.\n", style="bold red")
    if not s.has_changes:
        text.append("No changes.", style="bold green")
        text.append(" Your infrastructure matches the configuration.\n")
    else:
        text.append("Plan: ", style="bold")
        styles = ["green", "yellow", "magenta", "red", "cyan", "blue"]
        for i, ((label, n), style) in enumerate(zip(s.counts(), styles, strict=True)):
            if i:
                text.append(", ")
            text.append(f"{n} {label}", style=f"bold {style}" if n else "dim")
        text.append(".\n")
    if s.read:
        text.append(f"{s.read} data source(s) will be read during apply.\n", style="cyan")
    if s.outputs:
        text.append(f"{s.outputs} output value(s) will change.\n")
    if s.drift:
        text.append(
            f"{s.drift} resource(s) changed outside Terraform since the last apply (drift).\n",
            style="yellow",
        )
    warning = s.warning()
    if warning:
        text.append(f" {warning} ", style=WARNING_STYLE)
        text.append("\n")
    return text


def attr_lines(d: AttrDiff, indent: str = "", into: Text | None = None) -> Text:
    """One attribute diff row (plus its line-by-line body when it has one), appended to
    `into` when given (copying a Text into another costs more than drawing it there)."""
    t = Text() if into is None else into
    t.append(indent)
    kind = "add" if d.kind == "unknown" and d.before is None else d.kind
    t.append(f"{KIND_SYMBOL[kind]} ", style=KIND_STYLE[kind])
    t.append(d.path, style="bold")
    if d.lines is not None:
        t.append(":")
        if d.forces_replacement:
            t.append("  # forces replacement", style="bold magenta")
        t.append("\n")
        for line in d.lines:
            style = (
                "green"
                if line.startswith("+")
                else "red"
                if line.startswith("-")
                else "cyan"
                if line.startswith("@@")
                else "dim"
            )
            t.append(f"{indent}    {line}\n", style=style)
        return t
    t.append(" = ")
    if d.kind == "add":
        t.append(d.after or "", style="dim" if d.sensitive else "green")
    elif d.kind == "remove":
        t.append(d.before or "", style="red")
        t.append(" → null", style="dim")
    else:
        if d.before is not None:
            t.append(d.before, style="red")
            t.append(" → ")
        t.append(d.after or "", style="italic dim" if d.kind == "unknown" else "green")
    if d.forces_replacement:
        t.append("  # forces replacement", style="bold magenta")
    t.append("\n")
    return t


def resource_heading(rc: ResourceChange) -> Text:
    t = Text()
    t.append(f"{rc.symbol:>3} ", style=rc.style)
    t.append(safe(rc.address), style=f"bold {rc.style}" if rc.action is not Action.NOOP else "bold")
    t.append(f" {safe(rc.verb)}", style=rc.style if rc.action is not Action.NOOP else "")
    if rc.moved and rc.action is not Action.NOOP:
        t.append(f" (moved from {safe(rc.previous_address or '')})", style="blue")
    if rc.imported and rc.action is not Action.NOOP and rc.action is not Action.CREATE:
        t.append(" (imported)", style="cyan")
    return t


def render_resource(rc: ResourceChange, indent: str = "", into: Text | None = None) -> Text:
    """A resource heading, its reason in words and its attribute diff (appended to `into`)."""
    t = Text() if into is None else into
    t.append(indent)
    t.append_text(resource_heading(rc))
    t.append("\n")
    if rc.reason:
        t.append(f"{indent}      because {rc.reason}\n", style="italic")
    if rc.imported and rc.import_id:
        t.append(f"{indent}      import id: {safe(rc.import_id)}\n", style="cyan")
    for d in rc.diff:
        attr_lines(d, indent + "      ", into=t)
    return t


def render_outputs(outputs: Iterable[OutputChange]) -> Text:
    t = Text()
    for o in outputs:
        if o.action is Action.NOOP:
            continue
        sym = {"create": "+", "delete": "-"}.get(o.action.value, "~")
        t.append(f"  {sym} ", style=ACTION_STYLE[o.action])
        t.append(f"output.{safe(o.name)}", style="bold")
        t.append(" = ")
        if o.action not in (Action.CREATE,) and not o.sensitive:
            t.append(o.display_before(), style="red")
            t.append(" → ")
        after = o.display_after()
        style = "italic dim" if o.after_unknown or o.sensitive else "green"
        t.append(after, style="dim" if o.action is Action.DELETE else style)
        t.append("\n")
    return t


def render_text(
    plan: Plan,
    *,
    changes: Iterable[ResourceChange] | None = None,
    details: bool = True,
) -> Text:
    """Full text view: summary, then resources grouped by module and type, outputs, drift."""
    text = render_summary(plan)
    grouped = plan.grouped(changes)
    for mod, types in grouped.items():
        n = sum(len(v) for v in types.values())
        text.append("\n")
        text.append(safe(module_label(mod)), style="bold underline")
        text.append(f"  ({n} change{'s' if n != 1 else ''})\n", style="dim")
        for rtype, rcs in types.items():
            text.append(f"  {safe(rtype)}\n", style="bold blue")
            for rc in rcs:
                if details:
                    render_resource(rc, "    ", into=text)
                else:
                    text.append("    ")
                    text.append_text(resource_heading(rc))
                    text.append("\n")
    if any(o.action is not Action.NOOP for o in plan.output_changes):
        text.append("\nOutputs\n", style="bold underline")
        text.append_text(render_outputs(plan.output_changes))
    if plan.drift:
        text.append("\nChanges outside Terraform (drift)\n", style="bold underline yellow")
        text.append(
            "  Terraform detected these changes made outside it since the last apply:\n",
            style="italic",
        )
        for rc in sorted(plan.drift, key=lambda r: r.address):
            render_resource(rc, "  ", into=text)
    return text


def plain_text(plan: Plan, **kwargs) -> str:
    """render_text without styling, for files and pipes."""
    return render_text(plan, **kwargs).plain
