"""Terminal rendering of a Plan as rich Text (colour by action; plain when printed without).

`render_summary` is the cheap header (counts + warning); `render_text` adds the module →
type → resource tree with attribute diffs. Both are pure functions of the Plan.

Large plans are drawn in pieces: `iter_chunks` yields one `Styled` per heading and per
resource, which the CLI prints (or writes as plain text) one after the other. One rich Text
for a whole 5,000-resource plan cost more per resource the larger it grew (rich divides and
renders the whole document; its spans sit on the heap the collector walks), and `Text.append`
itself costs more than the text: a `Styled` gathers the pieces and their styles in lists and
becomes a Text in one step (spans by offset) or plain text without rich at all.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import cache
from typing import TYPE_CHECKING

from ecs_wizard.plan.actions import ACTION_STYLE, Action
from ecs_wizard.plan.diff import AttrDiff
from ecs_wizard.plan.model import (
    OutputChange,
    Plan,
    ResourceChange,
    module_label,
)
from ecs_wizard.plan.values import safe

if TYPE_CHECKING:
    from rich.text import Span, Text

KIND_SYMBOL = {"add": "+", "remove": "-", "change": "~", "unknown": "~"}
KIND_STYLE = {"add": "green", "remove": "red", "change": "yellow", "unknown": "yellow"}
WARNING_STYLE = "bold white on red"


def _summary(out: Styled, plan: Plan) -> None:
    s = plan.summary
    add = out.add
    if plan.errored:
        add("Terraform reported errors: this plan is incomplete.\n", "bold red")
    if not s.has_changes:
        add("No changes.", "bold green")
        add(" Your infrastructure matches the configuration.\n")
    else:
        add("Plan: ", "bold")
        styles = ["green", "yellow", "magenta", "red", "cyan", "blue"]
        for i, ((label, n), style) in enumerate(zip(s.counts(), styles, strict=True)):
            if i:
                add(", ")
            add(f"{n} {label}", f"bold {style}" if n else "dim")
        add(".\n")
    if s.read:
        add(f"{s.read} data source(s) will be read during apply.\n", "cyan")
    if s.outputs:
        add(f"{s.outputs} output value(s) will change.\n")
    if s.drift:
        add(
            f"{s.drift} resource(s) changed outside Terraform since the last apply (drift).\n",
            "yellow",
        )
    warning = s.warning()
    if warning:
        add(f" {warning} ", WARNING_STYLE)
        add("\n")


def render_summary(plan: Plan) -> Text:
    """Header: 'Plan: N to add, …' with per-count colours and the destroy/replace warning."""
    out = Styled()
    _summary(out, plan)
    return out.text()


@cache
def _rich() -> tuple[type[Span], type[Text]]:
    """rich's Span and Text, imported when a styled view is first drawn: a view written to a
    file or a pipe never needs them (rich's import is a fifth of show-plan's start-up)."""
    from rich.text import Span, Text

    return Span, Text


class Styled:
    """Text pieces with their styles: one `Text` (`text()`), or `plain()` without rich.

    `add` is what `Text.append(str, style)` does, without its per-call checks: every piece
    of plan data has been through `values.safe` (no control codes for rich to strip)."""

    __slots__ = ("_span", "add", "flat", "parts", "pos", "spans")

    def __init__(self, *, plain: bool = False) -> None:
        self.parts: list[str] = []
        self.spans: list[Span] = []
        self.pos = 0
        self.flat = plain
        # plain: for files and pipes, only the text (no offsets, no spans to make, no rich)
        self.add = self._add_plain if plain else self._add
        if not plain:
            self._span = _rich()[0]

    def _add(self, text: str, style: str = "") -> None:
        if not text:
            return
        end = self.pos + len(text)
        if style:
            self.spans.append(self._span(self.pos, end, style))
        self.parts.append(text)
        self.pos = end

    def _add_plain(self, text: str, style: str = "") -> None:
        self.parts.append(text)

    def plain(self) -> str:
        return "".join(self.parts)

    def text(self) -> Text:
        return _rich()[1]("".join(self.parts), spans=self.spans)


def join(chunks: Iterable[Styled]) -> Text:
    """Many chunks as one Text (the TUI's and the tests' whole-plan view)."""
    span, text = _rich()
    parts: list[str] = []
    spans: list[Span] = []
    pos = 0
    for chunk in chunks:
        parts.extend(chunk.parts)
        spans.extend(span(s.start + pos, s.end + pos, s.style) for s in chunk.spans)
        pos += chunk.pos
    return text("".join(parts), spans=spans)


def _attr(out: Styled, d: AttrDiff, indent: str) -> None:
    add = out.add
    add(indent)
    kind = "add" if d.kind == "unknown" and d.before is None else d.kind
    add(f"{KIND_SYMBOL[kind]} ", KIND_STYLE[kind])
    add(d.path, "bold")
    if d.lines is not None:
        add(":")
        if d.forces_replacement:
            add("  # forces replacement", "bold magenta")
        add("\n")
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
            add(f"{indent}    {line}\n", style)
        return
    add(" = ")
    if d.kind == "add":
        add(d.after or "", "dim" if d.sensitive else "green")
    elif d.kind == "remove":
        add(d.before or "", "red")
        add(" → null", "dim")
    else:
        if d.before is not None:
            add(d.before, "red")
            add(" → ")
        add(d.after or "", "italic dim" if d.kind == "unknown" else "green")
    if d.forces_replacement:
        add("  # forces replacement", "bold magenta")
    add("\n")


def _attr_flat(parts: list[str], d: AttrDiff, indent: str) -> None:
    """`_attr` of a plain chunk: the same text, a row (or a line) per string, no styles."""
    kind = "add" if d.kind == "unknown" and d.before is None else d.kind
    head = f"{indent}{KIND_SYMBOL[kind]} {d.path}"
    force = "  # forces replacement" if d.forces_replacement else ""
    if d.lines is not None:
        parts.append(f"{head}:{force}\n")
        pad = indent + "    "
        parts.extend([f"{pad}{line}\n" for line in d.lines])
        return
    if d.kind == "add":
        value = d.after or ""
    elif d.kind == "remove":
        value = f"{d.before or ''} → null"
    elif d.before is not None:
        value = f"{d.before} → {d.after or ''}"
    else:
        value = d.after or ""
    parts.append(f"{head} = {value}{force}\n")


def attr_lines(d: AttrDiff, indent: str = "", into: Text | None = None) -> Text:
    """One attribute diff row (plus its line-by-line body when it has one), appended to
    `into` when given."""
    out = Styled()
    _attr(out, d, indent)
    return out.text() if into is None else _append(into, out)


def _append(text: Text, out: Styled) -> Text:
    text.append_text(out.text())
    return text


def _heading(out: Styled, rc: ResourceChange) -> None:
    noop = rc.action is Action.NOOP
    out.add(f"{rc.symbol:>3} ", rc.style)
    out.add(safe(rc.address), f"bold {rc.style}" if not noop else "bold")
    out.add(f" {safe(rc.verb)}", rc.style if not noop else "")
    if rc.moved and not noop:
        out.add(f" (moved from {safe(rc.previous_address or '')})", "blue")
    if rc.imported and not noop and rc.action is not Action.CREATE:
        out.add(" (imported)", "cyan")


def resource_heading(rc: ResourceChange) -> Text:
    out = Styled()
    _heading(out, rc)
    return out.text()


def _resource(out: Styled, rc: ResourceChange, indent: str) -> None:
    out.add(indent)
    _heading(out, rc)
    out.add("\n")
    if rc.reason:
        out.add(f"{indent}      because {rc.reason}\n", "italic")
    if rc.imported and rc.import_id:
        out.add(f"{indent}      import id: {safe(rc.import_id)}\n", "cyan")
    if out.flat:
        parts, pad = out.parts, indent + "      "
        for d in rc.diff:
            _attr_flat(parts, d, pad)
        return
    for d in rc.diff:
        _attr(out, d, indent + "      ")


def render_resource(rc: ResourceChange, indent: str = "", into: Text | None = None) -> Text:
    """A resource heading, its reason in words and its attribute diff (appended to `into`)."""
    out = Styled()
    _resource(out, rc, indent)
    return out.text() if into is None else _append(into, out)


def _outputs(out: Styled, outputs: Iterable[OutputChange]) -> None:
    for o in outputs:
        if o.action is Action.NOOP:
            continue
        sym = {"create": "+", "delete": "-"}.get(o.action.value, "~")
        out.add(f"  {sym} ", ACTION_STYLE[o.action])
        out.add(f"output.{safe(o.name)}", "bold")
        out.add(" = ")
        if o.action not in (Action.CREATE,) and not o.sensitive:
            out.add(o.display_before(), "red")
            out.add(" → ")
        after = o.display_after()
        style = "italic dim" if o.after_unknown or o.sensitive else "green"
        out.add(after, "dim" if o.action is Action.DELETE else style)
        out.add("\n")


def render_outputs(outputs: Iterable[OutputChange]) -> Text:
    out = Styled()
    _outputs(out, outputs)
    return out.text()


def iter_chunks(
    plan: Plan,
    *,
    changes: Iterable[ResourceChange] | None = None,
    details: bool = True,
    plain: bool = False,
) -> Iterator[Styled]:
    """The full text view in pieces: the summary, then each module and type heading and each
    resource (grouped by module and type), outputs, drift. Joined, they are `render_text`;
    `plain` chunks carry no styles (their `plain()` is the same text, made faster)."""

    def new() -> Styled:
        return Styled(plain=plain)

    out = new()
    _summary(out, plan)
    yield out
    for mod, types in plan.grouped(changes).items():
        n = sum(len(v) for v in types.values())
        out = new()
        out.add("\n")
        out.add(safe(module_label(mod)), "bold underline")
        out.add(f"  ({n} change{'s' if n != 1 else ''})\n", "dim")
        for rtype, rcs in types.items():
            out.add(f"  {safe(rtype)}\n", "bold blue")
            for rc in rcs:
                if details:
                    _resource(out, rc, "    ")
                else:
                    out.add("    ")
                    _heading(out, rc)
                    out.add("\n")
                yield out
                out = new()
        if out.parts:
            yield out
    if any(o.action is not Action.NOOP for o in plan.output_changes):
        out = new()
        out.add("\nOutputs\n", "bold underline")
        _outputs(out, plan.output_changes)
        yield out
    if plan.drift:
        out = new()
        out.add("\nChanges outside Terraform (drift)\n", "bold underline yellow")
        out.add(
            "  Terraform detected these changes made outside it since the last apply:\n",
            "italic",
        )
        yield out
        for rc in sorted(plan.drift, key=lambda r: r.address):
            out = new()
            _resource(out, rc, "  ")
            yield out


def render_text(
    plan: Plan,
    *,
    changes: Iterable[ResourceChange] | None = None,
    details: bool = True,
) -> Text:
    """Full text view: summary, then resources grouped by module and type, outputs, drift."""
    return join(iter_chunks(plan, changes=changes, details=details))


def plain_text(plan: Plan, **kwargs) -> str:
    """render_text without styling, for files and pipes (no rich Text is built)."""
    return "".join(chunk.plain() for chunk in iter_chunks(plan, plain=True, **kwargs))
