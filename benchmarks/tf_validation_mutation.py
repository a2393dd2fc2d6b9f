"""Mutation figures for the Terraform modules' rules (issue 14): delete one `validation`,
`precondition` or `postcondition` block at a time and see whether the module's own
`terraform test` suite notices.

For every module under ecs_wizard/modules/, every `validation { ... }` block in variables.tf
and every `precondition { ... }` / `postcondition { ... }` in main.tf (and the module's other
.tf files) is a mutant: the module is copied to a work directory, that one block is deleted,
and `terraform test` runs there. Some test failing = killed; all passing = survived (no run
depends on the rule).

Which runs are executed. A rule belongs to one checkable object: `var.<name>` for a variable
validation, `<type>.<name>` (or `data.<type>.<name>`, `output.<name>`) for a condition. Deleting a
rule can only remove the error that rule raises. In a run that passes on the unmodified module,
that error can only have been raised if the run lists the rule's object in `expect_failures`
(an unexpected error fails the run); in every other run the rule passed or was not evaluated, and
deleting it changes nothing. So by default (`--runs targeted`) only the runs whose
`expect_failures` names the rule's object are executed, in a copy of the test files without the
other runs. A test file that has an apply run (explicit, or by default) is kept whole when any of
its runs is selected, because its runs share state. A rule that no run targets survives without
running terraform. terraform is stopped at the first failing run. Afterwards the runs that
killed a module's mutants are run once on the unmodified module and must pass (otherwise the
module's kills mean nothing and it is reported as a failed baseline). `--runs all` runs the
whole suite for every mutant (the literal definition; the same verdicts, several times slower).

Run:  .venv/bin/python benchmarks/tf_validation_mutation.py [--module alb] [--sample 5]
          [--jobs 2] [--runs targeted|all] [--json]
Needs terraform and the offline provider mirror (see ecs_wizard/terraform/tfenv.py); providers are
installed once into a plugin cache under .cache/tf-mutation/ and linked into each work copy.

Recorded 2026-11-29 (x86_64, 2 CPUs shared with other jobs, load average ~5, terraform 1.11.4,
hashicorp/aws 5.100.0), full run, `--runs targeted --jobs 2` (blocks / killed / survived):
  before the single-rule runs of issue 14:  alb 40/16/24, alb-rule 23/15/8, ecs-cluster 31/20/11,
    ecs-service 75/55/20: 169 rules (153 validations, 16 conditions), 63 survivors
  after:  alb 40/40/0, alb-rule 23/23/0, ecs-cluster 31/31/0, ecs-service 75/75/0: 0 survivors,
    10 min 39 s wall. The CI sample (`--sample 5`, 34 rules) takes about 2.5 min.
Re-run 2026-11-29 after session 3 added validations and preconditions (188 rules): alb 46/45/1
  (`var.ingress_ipv6_cidrs`'s CIDR-shape check, masked by the IPv4-mapped check on the only
  value that tried it; run `rejects_malformed_ipv6_cidr_in_ingress_ipv6_cidrs` added), alb-rule
  24/24/0, ecs-cluster 33/33/0, ecs-service 85/85/0, 11 min 43 s wall; alb again after the new
  run: 46/46/0. So 188 rules, 0 survivors.
The per-module "tf time" column adds up the terraform test durations (runs overlap with --jobs).
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import json
import os
import queue
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

import hcl2  # noqa: E402

from ecs_wizard.terraform import tfenv  # noqa: E402

MODULES_DIR = REPO / "ecs_wizard" / "modules"
DEFAULT_CACHE = REPO / ".cache" / "tf-mutation"
TEST_TIMEOUT = 600

# (file, block kinds looked for in it); every other .tf file of a module (main.tf, access.tf,
# ...) is searched for preconditions and postconditions too (rule_files).
RULE_FILES = (("variables.tf", ("validation",)), ("main.tf", ("precondition", "postcondition")))
CONDITION_KINDS = ("precondition", "postcondition")


def rule_files(module_dir: Path) -> list[tuple[str, tuple[str, ...]]]:
    """RULE_FILES, then the module's other .tf files (sorted) with their conditions."""
    named = dict(RULE_FILES)
    others = sorted(p.name for p in module_dir.glob("*.tf") if p.name not in named)
    return [*RULE_FILES, *((name, CONDITION_KINDS) for name in others)]


def rule_kinds(filename: str) -> tuple[str, ...]:
    return dict(RULE_FILES).get(filename, CONDITION_KINDS)


################################################################################
# A small HCL scanner: enough to find blocks and their extents
################################################################################


@dataclass(frozen=True)
class Token:
    kind: str  # ident, string, heredoc, lbrace, rbrace, newline, punct
    text: str
    start: int
    end: int


_IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")
_HEREDOC = re.compile(r"<<(-?)([A-Za-z_][A-Za-z0-9_-]*)[ \t]*\r?\n")


class HCLSyntaxError(ValueError):
    pass


def _skip_template(src: str, i: int, close: str | None) -> int:
    """Scan template text from `i` (just after an opening quote, or inside a heredoc body when
    `close` is None) to just past the closing quote. Interpolations `${ }` / `%{ }` are
    expressions: they may hold braces and strings of their own."""
    n = len(src)
    while i < n:
        c = src[i]
        if close is not None and c == "\\":
            i += 2
            continue
        if close is not None and c == close:
            return i + 1
        if close is not None and c == "\n":
            raise HCLSyntaxError(f"unterminated string at offset {i}")
        if c in "$%" and src.startswith(c + "{", i + 1):
            i += 3  # `$${` / `%%{` is an escaped literal, not an interpolation
            continue
        if c in "$%" and src.startswith("{", i + 1):
            i = _skip_expression(src, i + 2)
            continue
        i += 1
    raise HCLSyntaxError("unterminated string")


def _skip_expression(src: str, i: int) -> int:
    """Skip an interpolation body from `i` (just after `${`) to just past its closing `}`."""
    depth = 1
    n = len(src)
    while i < n:
        c = src[i]
        if c == '"':
            i = _skip_template(src, i + 1, '"')
            continue
        if c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    raise HCLSyntaxError("unterminated interpolation")


@functools.lru_cache(maxsize=32)
def tokenize(src: str) -> tuple[Token, ...]:
    """Tokens that matter for block structure; comments are dropped, strings and heredocs are
    single tokens (so braces inside them never count)."""
    tokens: list[Token] = []
    i, n = 0, len(src)
    while i < n:
        c = src[i]
        if c == "\n":
            tokens.append(Token("newline", c, i, i + 1))
            i += 1
        elif c in " \t\r":
            i += 1
        elif c == "#" or src.startswith("//", i):
            j = src.find("\n", i)
            i = n if j < 0 else j
        elif src.startswith("/*", i):
            j = src.find("*/", i + 2)
            if j < 0:
                raise HCLSyntaxError(f"unterminated comment at offset {i}")
            # a multi-line comment still ends a line if it spans one
            if "\n" in src[i:j]:
                tokens.append(Token("newline", "\n", j, j))
            i = j + 2
        elif c == '"':
            j = _skip_template(src, i + 1, '"')
            tokens.append(Token("string", src[i:j], i, j))
            i = j
        elif (m := _HEREDOC.match(src, i)) is not None:
            marker = m.group(2)
            end = re.compile(rf"^[ \t]*{re.escape(marker)}[ \t]*$", re.MULTILINE)
            e = end.search(src, m.end())
            if e is None:
                raise HCLSyntaxError(f"unterminated heredoc <<{marker} at offset {i}")
            tokens.append(Token("heredoc", src[i : e.end()], i, e.end()))
            i = e.end()
        elif c == "{":
            tokens.append(Token("lbrace", c, i, i + 1))
            i += 1
        elif c == "}":
            tokens.append(Token("rbrace", c, i, i + 1))
            i += 1
        elif (m := _IDENT.match(src, i)) is not None:
            tokens.append(Token("ident", m.group(), i, m.end()))
            i = m.end()
        else:
            tokens.append(Token("punct", c, i, i + 1))
            i += 1
    return tuple(tokens)


@dataclass
class Block:
    """A block (`type "label" ... { ... }`) found in a file."""

    header: tuple[str, ...]  # type and labels, labels unquoted
    start: int  # offset of the block type keyword
    end: int  # offset just past the closing brace
    parents: tuple[tuple[str, ...], ...]  # headers of the enclosing blocks, outermost first
    body_tokens: tuple[int, int] = (0, 0)  # token index range of the body (inside the braces)

    @property
    def type(self) -> str:
        return self.header[0]


def _unquote(text: str) -> str:
    return text[1:-1] if text.startswith('"') and text.endswith('"') else text


def find_blocks(src: str) -> list[Block]:
    """Every block in `src`, nested ones included, in source order. Braces that open object
    expressions (`x = { ... }`) or `for` expressions are matched but are not blocks."""
    tokens = tokenize(src)
    blocks: list[Block] = []
    # stack entries: (block or None for an expression brace, index of the lbrace token)
    stack: list[tuple[Block | None, int]] = []
    line_start = 0  # token index where the current statement started
    for idx, tok in enumerate(tokens):
        if tok.kind == "newline":
            line_start = idx + 1
        elif tok.kind == "lbrace":
            head = tokens[line_start:idx]
            is_block = (
                bool(head)
                and head[0].kind == "ident"
                and all(t.kind in ("ident", "string") for t in head)
                and all(s[0] is not None for s in stack)
            )
            if is_block:
                parents = tuple(s[0].header for s in stack if s[0] is not None)
                header = tuple(_unquote(t.text) for t in head)
                block = Block(header=header, start=head[0].start, end=-1, parents=parents)
                blocks.append(block)
                stack.append((block, idx))
            else:
                stack.append((None, idx))
            line_start = idx + 1
        elif tok.kind == "rbrace":
            if not stack:
                raise HCLSyntaxError(f"unbalanced '}}' at offset {tok.start}")
            block, open_idx = stack.pop()
            if block is not None:
                block.end = tok.end
                block.body_tokens = (open_idx + 1, idx)
            line_start = idx + 1
    if stack:
        raise HCLSyntaxError("unbalanced '{'")
    return blocks


def attribute_source(src: str, block: Block, name: str) -> str | None:
    """Source text of attribute `name` directly in `block`'s body (None when absent)."""
    tokens = tokenize(src)
    lo, hi = block.body_tokens
    depth = 0
    i = lo
    at_line_start = True
    while i < hi:
        tok = tokens[i]
        if tok.kind == "newline":
            at_line_start = True
            i += 1
            continue
        if (
            depth == 0
            and at_line_start
            and tok.kind == "ident"
            and tok.text == name
            and i + 1 < hi
            and tokens[i + 1].text == "="
        ):
            j = i + 2
            d = 0
            start = tokens[j].start if j < hi else tokens[i + 1].end
            end = start
            while j < hi:
                t = tokens[j]
                if t.kind == "newline" and d == 0:
                    break
                if t.text in ("(", "[", "{"):
                    d += 1
                elif t.text in (")", "]", "}"):
                    d -= 1
                end = t.end
                j += 1
            return src[start:end]
        if tok.text in ("(", "[", "{"):
            depth += 1
        elif tok.text in (")", "]", "}"):
            depth -= 1
        at_line_start = False
        i += 1
    return None


def line_of(src: str, offset: int) -> int:
    return src.count("\n", 0, offset) + 1


def delete_block(src: str, block: Block) -> str:
    """`src` without `block`: its whole lines go, plus one blank line next to it if that would
    leave two blank lines in a row (keeps the result close to `terraform fmt` style)."""
    start = src.rfind("\n", 0, block.start) + 1
    if src[start : block.start].strip():
        start = block.start  # something else precedes it on its line
    nl = src.find("\n", block.end)
    end = len(src) if nl < 0 else nl + 1
    if src[block.end : end].strip():
        end = block.end  # something else follows it on its line
    before, after = src[:start], src[end:]
    if before.endswith("\n\n") and after.startswith("\n"):
        after = after[1:]
    return before + after


################################################################################
# Rules (mutants) and test runs
################################################################################


@dataclass(frozen=True)
class Rule:
    module: str
    file: str  # variables.tf / main.tf
    line: int
    kind: str  # validation / precondition / postcondition
    target: str  # the checkable object expect_failures names: var.x, aws_lb.this, output.y
    condition: str
    index: int  # position of the block among the file's blocks (for deletion)

    @property
    def location(self) -> str:
        return f"{self.module}/{self.file}:{self.line}"


def _target(kind: str, parents: Sequence[tuple[str, ...]]) -> str:
    outer = parents[0] if parents else ()
    if kind == "validation" and outer[:1] == ("variable",):
        return f"var.{outer[1]}"
    if outer[:1] == ("resource",):
        return f"{outer[1]}.{outer[2]}"
    if outer[:1] == ("data",):
        return f"data.{outer[1]}.{outer[2]}"
    if outer[:1] == ("output",):
        return f"output.{outer[1]}"
    if outer[:1] == ("check",):
        return f"check.{outer[1]}"
    raise HCLSyntaxError(f"{kind} block outside a variable/resource/data/output: {parents}")


def rule_blocks(src: str, kinds: Iterable[str]) -> list[Block]:
    kinds = tuple(kinds)
    return [b for b in find_blocks(src) if len(b.header) == 1 and b.type in kinds and b.parents]


def find_rules(module_dir: Path) -> list[Rule]:
    """Every validation / precondition / postcondition of a module, in file order."""
    rules: list[Rule] = []
    for filename, kinds in rule_files(module_dir):
        path = module_dir / filename
        if not path.is_file():
            continue
        src = path.read_text(encoding="utf-8")
        for index, block in enumerate(rule_blocks(src, kinds)):
            condition = attribute_source(src, block, "condition") or "?"
            rules.append(
                Rule(
                    module=module_dir.name,
                    file=filename,
                    line=line_of(src, block.start),
                    kind=block.type,
                    target=_target(block.type, block.parents),
                    condition=" ".join(condition.split()),
                    index=index,
                )
            )
    return rules


def mutate(src: str, rule: Rule) -> str:
    """The rule's file with that one block deleted."""
    kinds = rule_kinds(rule.file)
    blocks = rule_blocks(src, kinds)
    return delete_block(src, blocks[rule.index])


@dataclass(frozen=True)
class TestRun:
    file: str
    name: str
    command: str  # plan / apply
    expect_failures: tuple[str, ...]
    start: int
    end: int


_INDEX = re.compile(r"\[[^\]]*\]")


def find_runs(test_file: Path) -> list[TestRun]:
    src = test_file.read_text(encoding="utf-8")
    runs: list[TestRun] = []
    for block in find_blocks(src):
        if block.parents or block.header[0] != "run" or len(block.header) != 2:
            continue
        command = (attribute_source(src, block, "command") or "apply").strip()
        raw = attribute_source(src, block, "expect_failures") or "[]"
        inner = raw.strip()[1:-1]
        expected = tuple(
            _INDEX.sub("", e.strip()) for e in inner.replace("\n", ",").split(",") if e.strip()
        )
        runs.append(
            TestRun(test_file.name, block.header[1], command, expected, block.start, block.end)
        )
    return runs


def test_files(module_dir: Path) -> list[Path]:
    return sorted((module_dir / "tests").glob("*.tftest.hcl"))


def select_runs(module_dir: Path, targets: Iterable[str]) -> dict[str, set[str] | None]:
    """Per test file, the names of the runs to keep (None = keep the whole file). Files with no
    selected run are left out."""
    targets = set(targets)
    selected: dict[str, set[str] | None] = {}
    for path in test_files(module_dir):
        runs = find_runs(path)
        keep = {r.name for r in runs if targets & set(r.expect_failures)}
        if not keep:
            continue
        selected[path.name] = None if any(r.command != "plan" for r in runs) else keep
    return selected


def merge_selections(
    selections: Iterable[dict[str, set[str] | None]],
) -> dict[str, set[str] | None]:
    merged: dict[str, set[str] | None] = {}
    for sel in selections:
        for name, keep in sel.items():
            if name in merged and merged[name] is None:
                continue
            if keep is None:
                merged[name] = None
            else:
                merged[name] = (merged.get(name) or set()) | keep
    return merged


def prune_tests(src_tests: Path, dst_tests: Path, selection: dict[str, set[str] | None]) -> None:
    """Write the selected runs of each test file into `dst_tests` (emptied first)."""
    if dst_tests.exists():
        shutil.rmtree(dst_tests)
    dst_tests.mkdir(parents=True)
    for name, keep in selection.items():
        path = src_tests / name
        text = path.read_text(encoding="utf-8")
        if keep is not None:
            drop = [r for r in find_runs(path) if r.name not in keep]
            for run in sorted(drop, key=lambda r: r.start, reverse=True):
                text = text[: run.start] + text[run.end :]
        (dst_tests / name).write_text(text, encoding="utf-8")


################################################################################
# Running terraform
################################################################################


@dataclass(frozen=True)
class Terraform:
    binary: Path
    env: dict[str, str]


def offline_terraform(cache_dir: Path = DEFAULT_CACHE) -> Terraform:
    """terraform with the offline CLI config and a persistent plugin cache under `cache_dir`."""
    found = tfenv.offline_terraform(cache_dir)
    return Terraform(found.binary, found.env)


_SUMMARY = re.compile(r"(?:Success|Failure)! (\d+) passed, (\d+) failed(?:, (\d+) skipped)?")
_RUN_RESULT = re.compile(r'^\s*run "([^"]+)"\.\.\. (pass|fail|skip)')
_FILE_START = re.compile(r"^(?:\S+/)?([^/\s]+\.tftest\.hcl)\.\.\. in progress")


@dataclass
class Outcome:
    status: str  # killed / survived / error
    runs: int = 0  # runs executed
    failed_runs: list[str] = field(default_factory=list)  # "file.tftest.hcl/run name"
    seconds: float = 0.0
    detail: str = ""


def run_tests(
    tf: Terraform, workdir: Path, timeout: float = TEST_TIMEOUT, stop_at_first_failure: bool = True
) -> Outcome:
    """`terraform test` in `workdir`: killed when a run fails, survived when all pass, error when
    terraform could not run the suite at all (no summary).

    The output is read as it comes: with `stop_at_first_failure`, terraform is stopped as soon as
    one run reports `fail` (the verdict is already known)."""
    t0 = time.monotonic()
    proc = subprocess.Popen(
        [str(tf.binary), "test", "-no-color"],
        cwd=workdir,
        env=tf.env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,  # terraform and its provider plugins: one process group
    )
    timer = threading.Timer(timeout, _stop, (proc,))
    timer.start()
    lines: list[str] = []
    failed_runs: list[str] = []
    finished_runs = 0
    current_file = "?"
    try:
        assert proc.stdout is not None
        for line in proc.stdout:
            lines.append(line)
            if (f := _FILE_START.match(line)) is not None:
                current_file = f.group(1)
            if (m := _RUN_RESULT.match(line)) is None:
                continue
            finished_runs += 1
            if m.group(2) == "fail":
                failed_runs.append(f"{current_file}/{m.group(1)}")
                if stop_at_first_failure:
                    _stop(proc)
                    break
        proc.wait()
    finally:
        timer.cancel()
        _stop(proc)
    seconds = time.monotonic() - t0
    output = "".join(lines)
    if failed_runs:
        return Outcome("killed", finished_runs, failed_runs, seconds, output[-3000:])
    if time.monotonic() - t0 >= timeout:
        return Outcome("error", finished_runs, seconds=seconds, detail=f"timed out ({timeout} s)")
    match = _SUMMARY.search(output)
    if not match:
        return Outcome("error", finished_runs, seconds=seconds, detail=output[-3000:])
    passed, failed = int(match.group(1)), int(match.group(2))
    if failed or proc.returncode != 0:
        return Outcome("killed", passed + failed, failed_runs, seconds, output[-3000:])
    return Outcome("survived", passed, [], seconds)


def _stop(proc: subprocess.Popen) -> None:
    """Stop terraform and the provider plugins it started (its own process group)."""
    if proc.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()


# Terraform's plugin cache is not safe for concurrent `init`s (two of them racing to create the
# same cache directory fail with "mkdir ...: file exists", which is what CI hit once), so the
# worker threads take turns; an init against a warm cache takes well under a second.
_INIT_LOCK = threading.Lock()


def init(tf: Terraform, workdir: Path) -> None:
    with _INIT_LOCK:
        proc = subprocess.run(
            [str(tf.binary), "init", "-input=false", "-no-color", "-backend=false"],
            cwd=workdir,
            env=tf.env,
            capture_output=True,
            text=True,
            timeout=600,
        )
    if proc.returncode != 0:
        raise RuntimeError(f"terraform init failed in {workdir}:\n{proc.stdout}\n{proc.stderr}")


@dataclass
class Result:
    rule: Rule
    outcome: Outcome


def _copy_module(src: Path, dst: Path) -> Path:
    shutil.copytree(
        src, dst, ignore=shutil.ignore_patterns(".terraform", ".terraform.lock.hcl", "*.tfstate*")
    )
    return dst


class _Copies:
    """Work copies of one module, each initialised once (at most `limit` of them), lent to one
    terraform run at a time."""

    def __init__(self, tf: Terraform, src_dir: Path, root: Path, limit: int) -> None:
        self.tf, self.src_dir, self.root, self.limit = tf, src_dir, root, max(1, limit)
        self.free: queue.Queue[Path] = queue.Queue()
        self.made = 0
        self.lock = threading.Lock()

    def get(self) -> Path:
        with contextlib.suppress(queue.Empty):
            return self.free.get_nowait()
        with self.lock:
            index = self.made if self.made < self.limit else None
            if index is not None:
                self.made += 1
        if index is None:
            return self.free.get()
        work = _copy_module(self.src_dir, self.root / f"{self.src_dir.name}-{index}")
        init(self.tf, work)
        return work

    def put(self, work: Path) -> None:
        self.free.put(work)


@dataclass
class _Module:
    src_dir: Path
    originals: dict[str, str]
    selections: dict[Rule, dict[str, set[str] | None]]
    copies: _Copies

    def killers(self, results: Iterable[Result]) -> dict[str, set[str] | None]:
        """The runs that killed the mutants, as a test selection (a file with an apply run is
        kept whole, as it was for the mutant; a kill without a named run brings its mutant's
        whole selection)."""
        parts: list[dict[str, set[str] | None]] = []
        for result in results:
            if result.outcome.status != "killed":
                continue
            selection = self.selections[result.rule]
            named = [r.split("/", 1) for r in result.outcome.failed_runs if "/" in r]
            if not named or any(f not in selection for f, _ in named):
                parts.append(selection)
                continue
            for file, name in named:
                parts.append({file: None if selection[file] is None else {name}})
        return merge_selections(parts)

    def baseline(self, tf: Terraform, selection: dict[str, set[str] | None]) -> Outcome:
        """`selection` on the unmodified module: every run must pass, or a kill by one of these
        runs says nothing about the rule."""
        if not selection:
            return Outcome("survived")
        work = self.copies.get()
        try:
            prune_tests(self.src_dir / "tests", work / "tests", selection)
            return run_tests(tf, work)
        finally:
            self.copies.put(work)

    def mutant(self, tf: Terraform, rule: Rule) -> Result:
        selection = self.selections[rule]
        if not selection:
            return Result(rule, Outcome("survived", detail="no run targets " + rule.target))
        mutated = mutate(self.originals[rule.file], rule)
        try:
            hcl2.loads(mutated)
        except Exception as exc:  # the scanner cut in the wrong place: not a mutant
            return Result(rule, Outcome("error", detail=f"mutant does not parse: {exc}"))
        work = self.copies.get()
        try:
            (work / rule.file).write_text(mutated, encoding="utf-8")
            prune_tests(self.src_dir / "tests", work / "tests", selection)
            return Result(rule, run_tests(tf, work))
        finally:
            (work / rule.file).write_text(self.originals[rule.file], encoding="utf-8")
            self.copies.put(work)


def module_names(modules_dir: Path = MODULES_DIR) -> list[str]:
    return sorted(p.name for p in modules_dir.iterdir() if (p / "variables.tf").is_file())


def all_rules(modules: Sequence[str], modules_dir: Path = MODULES_DIR) -> list[Rule]:
    return [r for m in modules for r in find_rules(modules_dir / m)]


def sample(rules: Sequence[Rule], every: int) -> list[Rule]:
    """Every `every`-th rule (the 1st, the (every+1)-th, ...): deterministic."""
    return list(rules[:: max(1, every)])


def run(
    tf: Terraform,
    rules: Sequence[Rule],
    *,
    jobs: int = 1,
    targeted: bool = True,
    modules_dir: Path = MODULES_DIR,
    workroot: Path | None = None,
    progress: Callable[[Result], None] | None = None,
) -> dict[str, tuple[list[Result], Outcome]]:
    """Delete each rule in `rules` in turn and run its module's tests, `jobs` terraform runs at
    a time. Then, per module, the baseline: the runs that killed a mutant, on the unmodified
    module, must pass. Returns {module: (results, baseline)}; a module whose baseline fails has
    no results (its kills would mean nothing)."""
    by_module: dict[str, list[Rule]] = {}
    for rule in rules:
        by_module.setdefault(rule.module, []).append(rule)
    out: dict[str, tuple[list[Result], Outcome]] = {}
    with tempfile.TemporaryDirectory(prefix="tfmut-", dir=workroot) as tmp:
        modules: dict[str, _Module] = {}
        for name, mrules in by_module.items():
            src_dir = modules_dir / name
            everything: dict[str, set[str] | None] = {p.name: None for p in test_files(src_dir)}
            modules[name] = _Module(
                src_dir=src_dir,
                originals={
                    f: (src_dir / f).read_text(encoding="utf-8")
                    for f, _ in rule_files(src_dir)
                    if (src_dir / f).is_file()
                },
                selections={
                    r: select_runs(src_dir, [r.target]) if targeted else everything for r in mrules
                },
                copies=_Copies(tf, src_dir, Path(tmp), jobs),
            )
        with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
            mutants = [pool.submit(modules[r.module].mutant, tf, r) for r in rules]
            results: dict[str, list[Result]] = {name: [] for name in modules}
            baselines = {}
            for future in mutants:
                result = future.result()
                results[result.rule.module].append(result)
                if progress:
                    progress(result)
                name = result.rule.module
                if len(results[name]) == len(by_module[name]):  # the module's last mutant
                    killers = modules[name].killers(results[name])
                    baselines[name] = pool.submit(modules[name].baseline, tf, killers)
            for name, future in baselines.items():
                baseline = future.result()
                out[name] = (results[name] if baseline.status == "survived" else [], baseline)
    return out


def survivors(results: dict[str, tuple[list[Result], Outcome]]) -> list[Result]:
    return [r for res, _ in results.values() for r in res if r.outcome.status != "killed"]


################################################################################
# CLI
################################################################################


def _short(text: str, width: int = 150) -> str:
    return text if len(text) <= width else text[: width - 3] + "..."


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--module", action="append", help="only this module (repeatable)")
    parser.add_argument("--sample", type=int, default=1, help="every K-th rule (default: all)")
    parser.add_argument("--jobs", type=int, default=1, help="terraform test runs in parallel")
    parser.add_argument(
        "--runs",
        choices=("targeted", "all"),
        default="targeted",
        help="targeted: only runs whose expect_failures names the rule's object (default); "
        "all: the whole suite for every mutant",
    )
    parser.add_argument("--cache-dir", type=Path, default=DEFAULT_CACHE)
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument("-v", "--verbose", action="store_true", help="one line per mutant")
    args = parser.parse_args(argv)

    modules = args.module or module_names()
    unknown = set(modules) - set(module_names())
    if unknown:
        parser.error(f"unknown module(s): {', '.join(sorted(unknown))}")
    rules = sample(all_rules(modules), args.sample)
    try:
        tf = offline_terraform(args.cache_dir)
    except (tfenv.TerraformNotFound, tfenv.MirrorNotFound) as exc:
        print(exc, file=sys.stderr)
        return 2

    def progress(result: Result) -> None:
        if args.verbose:
            o = result.outcome
            print(
                f"  {o.status:<8} {o.seconds:5.1f} s  {o.runs:2} runs  {result.rule.location} "
                f"{result.rule.target}",
                file=sys.stderr,
                flush=True,
            )

    t0 = time.monotonic()
    results = run(tf, rules, jobs=args.jobs, targeted=args.runs == "targeted", progress=progress)
    total = time.monotonic() - t0

    if args.json:
        print(
            json.dumps(
                {
                    m: {
                        "baseline": asdict(b),
                        "results": [
                            {"rule": asdict(r.rule), "outcome": asdict(r.outcome)} for r in res
                        ],
                    }
                    for m, (res, b) in results.items()
                },
                indent=2,
            )
        )
        return 0

    print(
        f"Terraform rule mutation: {len(rules)} rules (sample every {args.sample}), "
        f"runs={args.runs}, jobs={args.jobs}, {total:.0f} s"
    )
    print(f"{'module':<14}{'blocks':>7}{'killed':>7}{'survived':>9}{'errors':>7}{'tf time':>9}")
    status = 0
    for module, (res, baseline) in results.items():
        if baseline.status != "survived":
            print(f"{module:<14} baseline FAILED (the unmodified module's runs do not pass):")
            print(baseline.detail[-2000:])
            status = 1
            continue
        killed = sum(r.outcome.status == "killed" for r in res)
        survived = sum(r.outcome.status == "survived" for r in res)
        errors = sum(r.outcome.status == "error" for r in res)
        seconds = baseline.seconds + sum(r.outcome.seconds for r in res)
        print(f"{module:<14}{len(res):>7}{killed:>7}{survived:>9}{errors:>7}{seconds:>8.0f}s")
    left = survivors(results)
    if left:
        status = 1
        print(f"\nSurvivors ({len(left)}):")
        for r in left:
            extra = (
                f"  [{r.outcome.status}: {_short(r.outcome.detail, 200)}]"
                if r.outcome.status == "error"
                else ""
            )
            why = r.outcome.detail if r.outcome.runs == 0 else f"{r.outcome.runs} runs, all pass"
            print(f"  {r.rule.location:<32} {r.rule.kind:<13} {r.rule.target}  ({_short(why, 60)})")
            print(f"      {_short(r.rule.condition)}{extra}")
    return status


if __name__ == "__main__":
    raise SystemExit(main())
