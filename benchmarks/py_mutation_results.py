"""Reading mutmut's results for benchmarks/py_mutation.py (see its docstring): the verdicts
per module, each survivor's change, and the report table."""

from __future__ import annotations

import ast
import difflib
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

KILLED = ("killed", "timeout")
NOT_CHECKED = "not checked"  # an interrupted run: reported, left out of the score


@dataclass
class ModuleFigures:
    counts: Counter = field(default_factory=Counter)
    survivors: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def killed(self) -> int:
        return sum(self.counts[s] for s in KILLED)

    @property
    def checked(self) -> int:
        return self.total - self.counts[NOT_CHECKED]

    @property
    def score(self) -> float:
        """Killed share of the mutants checked (all of them, unless a run was interrupted)."""
        return 100.0 * self.killed / self.checked if self.checked else 100.0


_RESULT_LINE = re.compile(r"^\s+(?P<name>\S+__mutmut_\d+): (?P<status>.+?)\s*$")
_MODULE = re.compile(r"^(?P<module>.+?)\.x(?:_|ǁ)")


def module_of(mutant: str) -> str:
    m = _MODULE.match(mutant)
    return m.group("module") if m else mutant.rsplit(".", 1)[0]


def parse_results(text: str) -> dict[str, ModuleFigures]:
    figures: dict[str, ModuleFigures] = defaultdict(ModuleFigures)
    for line in text.splitlines():
        m = _RESULT_LINE.match(line)
        if not m:
            continue
        name, status = m.group("name"), m.group("status")
        fig = figures[module_of(name)]
        fig.counts[status] += 1
        if status not in KILLED and status != NOT_CHECKED:
            fig.survivors.append(name)
    return dict(sorted(figures.items()))


def mutant_diff(work: Path, mutant: str) -> str:
    """The mutant's change, read from the generated file (`mutmut show` takes seconds each)."""
    module = module_of(mutant)
    source = (work / "mutants" / (module.replace(".", "/") + ".py")).read_text(encoding="utf-8")
    lines = source.splitlines()
    spans = {
        node.name: "\n".join(lines[node.lineno : node.end_lineno])
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
    }
    func = mutant[len(module) + 1 :]
    orig = re.sub(r"__mutmut_\d+$", "__mutmut_orig", func)
    if func not in spans or orig not in spans:
        return f"# {mutant}: (source not found)"
    diff = difflib.unified_diff(spans[orig].splitlines(), spans[func].splitlines(), n=0)
    body = [d for d in diff if not d.startswith(("---", "+++", "@@"))]
    return "\n".join([f"# {mutant}", *body])


@dataclass
class TargetResult:
    target: str
    seconds: float
    modules: dict[str, ModuleFigures]
    diffs: dict[str, str] = field(default_factory=dict)

    @property
    def all(self) -> ModuleFigures:
        total = ModuleFigures()
        for fig in self.modules.values():
            total.counts.update(fig.counts)
            total.survivors += fig.survivors
        return total


def report(results: list[TargetResult]) -> str:
    statuses = ["killed", "timeout", "survived", "no tests"]
    extra = sorted(
        {s for r in results for f in r.modules.values() for s in f.counts} - set(statuses)
    )
    cols = statuses + extra
    head = f"{'module':<42}" + "".join(f"{c:>12}" for c in cols) + f"{'total':>8}{'score':>8}"
    out = [head, "-" * len(head)]

    def row(label: str, fig: ModuleFigures) -> str:
        return (
            f"{label:<42}"
            + "".join(f"{fig.counts[c]:>12}" for c in cols)
            + f"{fig.total:>8}"
            + (f"{fig.score:>7.1f}%" if fig.checked else f"{'-':>8}")
        )

    for r in results:
        for module, fig in r.modules.items():
            out.append(row(module, fig))
        out.append(row(f"= {r.target} ({r.seconds / 60:.1f} min)", r.all))
        out.append("")
    return "\n".join(out)
