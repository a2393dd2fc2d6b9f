"""Read the limits a shipped Terraform module enforces straight from its source.

The modules under ecs_wizard/modules/ check their inputs in `validation` blocks; the Python
validation repeats those checks so that a user hears about a problem while answering, not at
`terraform plan`. These helpers pull the numbers, lists and regexes out of the module source
(parsed with python-hcl2, then a precise regex on one validation condition) so the contract
tests can compare them with the Python side.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any

import hcl2

MODULES_DIR = Path(__file__).resolve().parents[2] / "ecs_wizard" / "modules"
ROOT_DIR = Path(__file__).resolve().parents[2] / "ecs_wizard" / "root"


@cache
def _load(path: Path) -> dict[str, Any]:
    with path.open(encoding="utf-8") as handle:
        return hcl2.load(handle)


def _strip(expr: str) -> str:
    """`${...}` as python-hcl2 writes an expression -> the bare expression."""
    return expr[2:-1] if expr.startswith("${") and expr.endswith("}") else expr


def variable(module: str, name: str) -> dict[str, Any]:
    """The `variable "NAME"` block of MODULE's variables.tf."""
    for block in _load(MODULES_DIR / module / "variables.tf")["variable"]:
        for key, body in block.items():
            if key.strip('"') == name:
                return body
    raise KeyError(f"{module}: no variable {name!r}")


def condition(module: str, name: str, containing: str) -> str:
    """The one validation condition of variable NAME whose text contains CONTAINING."""
    found = [
        _strip(v["condition"])
        for v in variable(module, name).get("validation", [])
        if containing in v["condition"]
    ]
    if len(found) != 1:
        raise AssertionError(
            f"{module}.{name}: {len(found)} validation conditions contain {containing!r}"
        )
    return found[0]


def local(module: str, name: str, file: str = "main.tf") -> Any:
    """The value of `local.NAME` in MODULE's FILE (an expression string or parsed data)."""
    for block in _load(MODULES_DIR / module / file)["locals"]:
        if name in block:
            return block[name]
    raise KeyError(f"{module}/{file}: no local {name!r}")


def source(module: str, file: str) -> str:
    """One file of a module, whitespace collapsed: for facts in resource bodies."""
    return " ".join((MODULES_DIR / module / file).read_text(encoding="utf-8").split())


def _hcl_unescape(text: str) -> str:
    return re.sub(r"\\(.)", lambda m: {"n": "\n", "t": "\t"}.get(m[1], m[1]), text)


_STRING = r'"((?:[^"\\]|\\.)*)"'


def regex_for(expr: str, subject: str) -> re.Pattern[str]:
    """The pattern of `regex("...", SUBJECT)` in EXPR, compiled for Python (RE2 syntax used by
    the modules is a subset Python reads the same way)."""
    found = re.findall(r"regex\(" + _STRING + r",\s*" + re.escape(subject) + r"\)", expr)
    if len(found) != 1:
        raise AssertionError(f"{len(found)} regex(..., {subject}) in: {expr}")
    return re.compile(_hcl_unescape(found[0]))


def bounds(expr: str, operand: str) -> tuple[int | None, int | None]:
    """(lower, upper) from `OPERAND >= lo` and `OPERAND <= hi` in EXPR; None when absent."""
    op = re.escape(operand)
    lows = {int(m) for m in re.findall(op + r"\s*>=\s*(\d+)(?![\d.])", expr)}
    highs = {int(m) for m in re.findall(op + r"\s*<=\s*(\d+)(?![\d.])", expr)}
    if len(lows) > 1 or len(highs) > 1:
        raise AssertionError(f"several bounds for {operand} in: {expr}")
    if not lows and not highs:
        raise AssertionError(f"no bound for {operand} in: {expr}")
    return (lows.pop() if lows else None, highs.pop() if highs else None)


def upper_bound(expr: str, before: str) -> int:
    """N in `... BEFORE <= N` (e.g. the total of a sum): the text right before `<=`."""
    found = re.findall(re.escape(before) + r"\s*<=\s*(\d+)", expr)
    if len(set(found)) != 1:
        raise AssertionError(f"{len(found)} `{before} <= N` in: {expr}")
    return int(found[0])


def contains_list(expr: str) -> list[Any]:
    """The literal list of the one `contains([...], x)` in EXPR (strings or numbers)."""
    found = re.findall(r"contains\(\[([^\]]*)\]", expr)
    if len(found) != 1:
        raise AssertionError(f"{len(found)} contains([...]) in: {expr}")
    items = [item.strip() for item in found[0].split(",") if item.strip()]
    return [_hcl_unescape(i[1:-1]) if i.startswith('"') else int(i) for i in items]


def optional_default(type_expr: str, attribute: str) -> str:
    """The default of `ATTRIBUTE = optional(string, "default")` in a variable's type."""
    found = re.findall(re.escape(attribute) + r"\s*=\s*optional\(string,\s*" + _STRING, type_expr)
    if len(found) != 1:
        raise AssertionError(f"{len(found)} optional defaults for {attribute}")
    return _hcl_unescape(found[0])


def max_length(pattern: re.Pattern[str]) -> int:
    """Longest string PATTERN can match, for the bounded patterns of names (by probing)."""
    longest = 0
    for n in range(1, 1100):
        if any(pattern.fullmatch(c * n) for c in "aA0"):
            longest = n
    return longest
