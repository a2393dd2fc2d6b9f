"""Write plain Python data as HCL (`terraform fmt`-clean) and read it back with python-hcl2.

The renderer writes `terraform.tfvars` from the answers and `import` reads it back, so the
two directions live together: `dumps` emits exactly the subset of HCL that `loads_tfvars`
understands (literals, lists and objects), and both agree on string escaping.

Formatting follows `terraform fmt`: two-space indents, `=` aligned across runs of
consecutive single-line attributes, multi-line values breaking a run, trailing commas after
multi-line list items.
"""

from __future__ import annotations

import json
import math
import re
import threading
from collections.abc import Mapping, Sequence
from typing import Any

_IDENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*$")

# Names HCL reads as something other than a plain key when they stand bare in an object:
# `{ for = ... }` opens a for expression ("Invalid 'for' expression"), `true`/`false`/`null`
# are literal values, and the rest are keywords of expressions and template directives. A key
# spelled like one is always written quoted (a quoted key means the same string).
RESERVED_KEYS = frozenset({"for", "in", "if", "else", "endif", "endfor", "true", "false", "null"})

#: python-hcl2 8.x serializes with a `SerializationContext` that is a default argument of each
#: rule's `serialize`, shared by every call in the process, and toggled by a save/restore
#: context manager. Two threads reading templates at once can interleave the restores and leave
#: `inside_dollar_string` set for good, after which every object in every later read comes back
#: as a string ("expected a literal value, found the expression {…}"). The TUI reads tfvars from
#: worker threads, so every use goes through this lock.
_HCL2_LOCK = threading.Lock()


class HclValueError(ValueError):
    """Raised for values HCL cannot represent (NaN, non-string keys, unknown types)."""


def quote(text: str) -> str:
    """An HCL string literal for `text`: JSON-style escapes plus template escapes."""
    out = []
    for ch in text:
        if ch == "\\":
            out.append("\\\\")
        elif ch == '"':
            out.append('\\"')
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\r":
            out.append("\\r")
        elif ch == "\t":
            out.append("\\t")
        elif ord(ch) < 0x20 or ch in "\u2028\u2029":
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    body = "".join(out)
    # `${` and `%{` start template sequences. HCL's own escape is to double the sigil, but
    # python-hcl2 cannot parse an unbalanced `$${`; a \u escape is literal to both parsers.
    body = body.replace("${", "\\u0024{").replace("%{", "\\u0025{")
    return f'"{body}"'


_ESCAPES = {"n": "\n", "r": "\r", "t": "\t", '"': '"', "\\": "\\"}


_HEX = frozenset("0123456789abcdefABCDEF")


def _unicode_escape(body: str, i: int, digits: int, literal: str) -> str:
    """The character of the `\\uNNNN` / `\\UNNNNNNNN` escape at body[i] (HCL's rules: exactly
    `digits` hex digits, and a Unicode scalar value: no surrogates, nothing above U+10FFFF)."""
    hexdigits = body[i + 2 : i + 2 + digits]
    esc = body[i : i + 2 + digits]
    if len(hexdigits) != digits or not set(hexdigits) <= _HEX:
        raise HclValueError(
            f"invalid escape sequence {esc!r} in {literal}: \\{body[i + 1]} takes exactly "
            f"{digits} hex digits (write \\u00e9 for é)"
        )
    code = int(hexdigits, 16)
    if 0xD800 <= code <= 0xDFFF or code > 0x10FFFF:
        raise HclValueError(
            f"invalid escape sequence {esc!r} in {literal}: it is not a Unicode character "
            "(surrogates and code points above U+10FFFF cannot be written; write the "
            "character itself, or \\U0001F600 for one outside the basic plane)"
        )
    return chr(code)


def unquote(literal: str) -> str:
    """Inverse of `quote` for a quoted literal as python-hcl2 returns it.

    Reads escapes as Terraform does: `\\uNNNN` takes exactly four hex digits and must be a
    Unicode character; an unescaped `${` or `%{` is a template (an expression, not a literal).
    """
    if len(literal) < 2 or literal[0] != '"' or literal[-1] != '"':
        raise HclValueError(f"not a quoted string: {literal!r}")
    body = literal[1:-1]
    out: list[str] = []
    i = 0
    while i < len(body):
        ch = body[i]
        if ch == "\\" and i + 1 < len(body):
            nxt = body[i + 1]
            if nxt in _ESCAPES:
                out.append(_ESCAPES[nxt])
                i += 2
                continue
            if nxt in "uU":
                digits = 4 if nxt == "u" else 8
                out.append(_unicode_escape(body, i, digits, literal))
                i += 2 + digits
                continue
            raise HclValueError(f"unsupported escape \\{nxt} in {literal!r}")
        i, text = _template_text(body, i, literal)
        out.append(text)
    return "".join(out)


def _template_text(body: str, i: int, literal: str) -> tuple[int, str]:
    """The literal text at body[i] of a template: `$${`/`%%{` escapes, or one character.
    An unescaped `${`/`%{` is an interpolation or directive: not a literal value."""
    if body.startswith("$${", i) or body.startswith("%%{", i):
        return i + 3, body[i + 1 : i + 3]
    if body.startswith("${", i) or body.startswith("%{", i):
        raise HclValueError(
            f"expected a literal value, found the template {literal} (write $${{ for a literal ${{)"
        )
    return i + 1, body[i]


_HEREDOC_OPEN = re.compile(r"^<<(-?)([A-Za-z_][A-Za-z0-9_-]*)\r?\n")  # CRLF files too


def heredoc_text(raw: str) -> str:
    """The value of a heredoc as python-hcl2 returns it (`<<EOT\\n…\\nEOT`), as Terraform
    reads it: the lines between the markers, each ending in a newline; `<<-` removes the
    smallest indentation of the non-blank lines from those lines (a tab counts as one
    character, blank lines are kept as they are); no backslash escapes; `$${` is `${`."""
    m = _HEREDOC_OPEN.match(raw)
    if m is None:
        raise HclValueError(f"not a heredoc: {raw[:40]!r}")
    lines = raw[m.end() :].split("\n")[:-1]  # the last line is the closing marker
    if m.group(1):
        widths = [len(ln) - len(ln.lstrip()) for ln in lines if ln.strip()]
        cut = min(widths, default=0)
        lines = [ln[cut:] if ln.strip() else ln for ln in lines]  # blank lines stay as they are
    body = "".join(ln + "\n" for ln in lines)
    out: list[str] = []
    i = 0
    while i < len(body):
        i, text = _template_text(body, i, "<<" + m.group(2) + " heredoc")
        out.append(text)
    return "".join(out)


def _key(name: str) -> str:
    if not isinstance(name, str):
        raise HclValueError(f"object keys must be strings, got {name!r}")
    if any(ord(ch) < 0x20 and ch != "\t" for ch in name):
        # Terraform would accept it, but python-hcl2 cannot read it back (no round trip).
        raise HclValueError(f"object keys cannot contain line breaks: {name!r}")
    return name if _IDENT.match(name) and name not in RESERVED_KEYS else quote(name)


def _scalar(value: Any) -> str | None:
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise HclValueError(f"HCL has no {value!r}")
        return str(int(value)) if value.is_integer() else json.dumps(value)
    if isinstance(value, str):
        return quote(value)
    return None


def _is_inline(value: Any) -> bool:
    """Scalars, empty collections and lists of scalars stay on one line."""
    if _scalar(value) is not None:
        return True
    if isinstance(value, Mapping):
        return not value
    if isinstance(value, Sequence):
        return all(_scalar(v) is not None for v in value)
    raise HclValueError(f"cannot write {type(value).__name__} as HCL")


def _inline(value: Any) -> str:
    scalar = _scalar(value)
    if scalar is not None:
        return scalar
    if isinstance(value, Mapping):
        return "{}"
    return "[" + ", ".join(_inline(v) for v in value) + "]"


def _value_lines(value: Any, indent: int) -> list[str]:
    """Lines of a value whose first line continues `key = ` (so it has no indent)."""
    if _is_inline(value):
        return [_inline(value)]
    pad = "  " * indent
    if isinstance(value, Mapping):
        return ["{", *_body_lines(value, indent + 1), pad + "}"]
    lines = ["["]
    inner = "  " * (indent + 1)
    for item in value:
        item_lines = _value_lines(item, indent + 1)
        lines.append(inner + item_lines[0])
        lines.extend(item_lines[1:])
        lines[-1] += ","
    lines.append(pad + "]")
    return lines


def _body_lines(mapping: Mapping[str, Any], indent: int, top: bool = False) -> list[str]:
    """Attribute lines; `top` for a file's own names (identifiers, written bare: a quoted
    top-level name is not an attribute)."""
    pad = "  " * indent
    lines: list[str] = []
    run: list[tuple[str, str]] = []

    def flush() -> None:
        width = max((len(k) for k, _ in run), default=0)
        lines.extend(f"{pad}{k.ljust(width)} = {v}" for k, v in run)
        run.clear()

    for raw_key, value in mapping.items():
        key = raw_key if top else _key(raw_key)
        value_lines = _value_lines(value, indent)
        if len(value_lines) == 1:
            run.append((key, value_lines[0]))
            continue
        flush()
        lines.append(f"{pad}{key} = {value_lines[0]}")
        lines.extend(value_lines[1:])
    flush()
    return lines


def dumps(data: Mapping[str, Any], header: str = "") -> str:
    """HCL attributes for a mapping of top-level names (a `.tfvars` file body)."""
    for name in data:
        if not isinstance(name, str) or not _IDENT.match(name):
            raise HclValueError(f"top-level names must be identifiers, got {name!r}")
    # One top-level name per paragraph: easier to read and edit, and still `terraform fmt`-clean
    # (a blank line ends an alignment group).
    body = "\n\n".join("\n".join(_body_lines({k: v}, 0, top=True)) for k, v in data.items())
    return header + body + "\n"


def _decode(value: Any) -> Any:
    if isinstance(value, str):
        if value.startswith('"<<') and value.endswith('"') and "\n" in value:
            return heredoc_text(value[1:-1])  # a quoted string cannot hold a raw newline
        if value.startswith('"') and value.endswith('"') and len(value) >= 2:
            return unquote(value)
        raise HclValueError(f"expected a literal value, found the expression {value}")
    if isinstance(value, list):
        return [_decode(v) for v in value]
    if isinstance(value, dict):
        out = {}
        for position, (k, v) in enumerate(value.items()):
            if not k.startswith('"') and k == "for" and position == 0:
                # python-hcl2 reads it as a key; Terraform reads a for expression and fails.
                raise HclValueError(
                    "an object's first key is a bare `for`, which Terraform reads as a for "
                    'expression ("Invalid \'for\' expression"): write it quoted, "for" = ...'
                )
            key = unquote(k) if k.startswith('"') else k
            out[key] = _decode(v)
        return out
    return value


class NestedTooDeep(HclValueError):
    """Values nested deeper than the parser can follow (a hostile or generated file)."""


class DuplicateArgument(HclValueError):
    """An argument is set twice (Terraform: "Attribute redefined")."""

    def __init__(self, name: str, first: int, again: int) -> None:
        self.name, self.line, self.first = name, again, first
        super().__init__(
            f"the argument {name!r} is set twice (line {first} and line {again}); Terraform "
            f"refuses this. Keep one `{name} = …` and delete the other"
        )


class UnexpectedBlock(HclValueError):
    """A block (`name { … }`) in a tfvars file (Terraform: "Unexpected block")."""

    def __init__(self, name: str, line: int) -> None:
        self.name, self.line = name, line
        super().__init__(
            f"`{name} {{ … }}` is a block, and Terraform refuses blocks in a .tfvars file; "
            f"write it as a value: `{name} = {{ … }}`"
        )


def _check_duplicates(tree: Any) -> None:
    seen: dict[str, int] = {}
    for body in tree.children:
        if getattr(body, "data", None) != "body":
            continue
        for node in body.children:
            if getattr(node, "data", None) == "block" and node.children:
                name = node.children[0]
                name = name.children[0] if getattr(name, "children", None) else name
                line = getattr(name, "line", 0) or 0
                raise UnexpectedBlock(str(name), line)
            if getattr(node, "data", None) != "attribute" or not node.children:
                continue
            ident = node.children[0]
            if getattr(ident, "data", None) == "identifier" and ident.children:
                ident = ident.children[0]
            name, line = str(ident), getattr(ident, "line", 0) or 0
            if name in seen:
                raise DuplicateArgument(name, seen[name], line)
            seen[name] = line


def loads_tfvars(text: str) -> dict[str, Any]:
    """Parse a `.tfvars` body of literal values into plain Python data, as Terraform reads it.

    Raises `HclValueError` for expressions (references, function calls, templates), invalid
    escapes and arguments set twice, and lets python-hcl2's parse errors propagate for the
    caller to report with a location.
    """
    import hcl2  # slow to import and build its grammar: only when reading
    from lark.exceptions import VisitError

    options = hcl2.SerializationOptions(with_comments=False, explicit_blocks=False)
    try:
        with _HCL2_LOCK:
            tree = hcl2.parses_to_tree(text)
            _check_duplicates(tree)
            raw = hcl2.serialize(hcl2.transform(tree), serialization_options=options)
    except (RecursionError, VisitError) as exc:
        if isinstance(exc, VisitError) and not isinstance(exc.orig_exc, RecursionError):
            raise
        # python-hcl2 recurses once per nesting level: a hostile file nested a few hundred
        # levels deep would otherwise surface as lark's "Error trying to process rule".
        raise NestedTooDeep(
            "values are nested too deeply to read (hundreds of levels of {…} or […]); "
            "no tfvars for these modules nests more than a few levels"
        ) from None
    return {k: _decode(v) for k, v in raw.items()}
