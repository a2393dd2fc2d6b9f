"""Mutation figures for the Python side (issue 14): mutmut on validation, the plan diff and its
masking, the writer and the naming.

Each target runs on its own, in a fresh copy of the repository under a temporary directory
(`--workdir` to choose it, `--keep` to keep it for `mutmut browse` / `mutmut show`):
ecs_wizard/, tests/, docs/, examples/ and pyproject.toml are copied, the copy's [tool.mutmut]
table is the repository's with `only_mutate` and the test selection narrowed to the target,
and `python -m mutmut run --max-children N` runs there (mutmut works in `<copy>/mutants/`).
Nothing is written into the checkout.

Only fast tests are selected per target (no e2e, no terraform-heavy tests; the plan tests'
scenario is applied with terraform_data only, about a second). mutmut 3 then runs, for each
mutant, only the selected tests that call the mutated function; the hypothesis seed is fixed
(`--hypothesis-seed=0` in [tool.mutmut]) so a verdict does not depend on the draw.

One rewrite is made in the copy: mutmut 3 does not mutate decorated functions, and every
validation rule is a function decorated with `@check(...)`. In the copy,

    @check(id=..., ...)                        def names_format(a): ...
    def names_format(a): ...           →       names_format = check(id=..., ...)(names_format)

which is the same program (the decorator is applied to the same function object and the result
bound to the same name), so the rules' bodies are mutated too. Only `check` is rewritten (an
`lru_cache` would carry results over from the parent process into the forked mutant runs).

Verdicts: killed (a test failed), timeout (counted as killed: the mutant changed behaviour),
survived (all its tests passed), no tests (no selected test calls the function; counted as
surviving), not checked (an interrupted run; shown, left out of the score).
Score = (killed + timeout) / mutants checked.

Run:  .venv/bin/python benchmarks/py_mutation.py [--target naming --target writer ...]
          [--max-children 2] [--show-survivors] [--json] [--workdir DIR --keep]
      one module of a target:  ... --target validation --only ecs_wizard/validation/shape.py
          [--tests tests/validation/test_shape.py --tests ...]   (--tests replaces the test
          selection: a survivor then runs a few dozen tests, not the ~900 of tests/validation
          that all call the validation engine; the score is a lower bound, since a mutant that
          only an unselected test kills counts as surviving). Pass the same --only/--tests
          with --reuse.
      after adding tests:  ... --target T --reuse DIR/py-mutation-XXXX [--mutants GLOB]
          (re-runs only the survivors: adding tests cannot revive a killed mutant)

Recorded 2026-11-29 (x86_64, 2 CPUs shared with other jobs, load average 12-18, mutmut 3.8.1,
--max-children 2). Killed / mutants (score), before the issue-14 tests -> after:
  naming       ecs_wizard.aws.naming            33/52  (63.5%) -> 51/52   (98.1%)   0.3 min
  writer       ecs_wizard.rendering.writer           181/261 (69.3%) -> 251/261 (96.2%)   0.6 min
  plan-diff    ecs_wizard.plan.diff        298/426 (70.0%) -> 411/426 (96.5%)
               ecs_wizard.plan.values       83/205 (40.5%) -> 201/205 (98.0%)   1.4 min
  (the "after" figures are from fresh full runs at load average ~2; under load 12-18 the same
  runs took 1.7, 2.4 and 5.4 min, and the plan-diff "before" run 33 min: its survivors each
  re-ran the terraform scenario tests)
  validation   3186 mutants; the full run did not fit: stopped after 45 min with 954 checked
               (mutmut starts with the mutants whose tests are fastest, so the sample leans to
               shape, lenient, registry and shadowing): 562/954 (58.9%) -> 623/954 (65.3%).
               With test_registry_edges.py, test_engine_edges.py and test_lenient_edges.py:
               registry 16/49 -> 48/49, engine 19/25 -> 25/25, issues 26/39 -> 34/39, table
               17/21 -> 19/21, lenient 69/103 -> 82/103.
The "before" runs used the tests on main at 401ad37; validation's "after" is a --reuse re-run
of the sample's survivors with the new tests.

Validation, module by module (2026-11-29, mutmut 3.8.1, --max-children 1, load average 8-14;
one module per run with --only, the test selection narrowed with --tests to the module's own
test files, so each score is a lower bound of the full-suite one). "before" = the tests on
main that are the module's own (rules/test_<m>.py, or the files named), "after" = with the new
tests/validation/test_<m>_edges.py: first run -> after killing its survivors (--reuse):
  module              own tests on main                     before            after
  shape               test_shape.py                         215/460 (46.7%)   437 -> 449/460 (97.6%)
  rules/routing       rules/test_routing.py                 168/336 (50.0%)   336/336 (100%)
  rules/capacity      rules/test_capacity.py                218/488 (44.7%)   477 -> 484/488 (99.2%)
  rules/services      rules/test_services.py                231/501 (46.1%)   481 -> 497/501 (99.2%)
  rules/alb           rules/test_alb.py                     157/392 (40.1%)   357 -> 387/392 (98.7%)
  rules/names         rules/test_names.py                   161/336 (47.9%)   311 -> 335/336 (99.7%)
  rules/certificates  rules/test_alb.py                     187/321 (58.3%)   315 -> 319/321 (99.4%)
  rules/network       rules/test_network.py                  79/169 (46.7%)   168 -> 169/169 (100%)
  rules/shadowing     rules/test_shadowing.py +             101/126 (80.2%)   121 -> 122/126 (96.8%)
                      test_shadowing_conditions.py
  rules/teams         rules/test_teams.py                   121/238 (50.8%)   234 -> 236/238 (99.2%)
  rules/settings      test_ignore.py                         30/40  (75.0%)    40/40  (100%)
  patterns            test_patterns.py (regexes only)         0/115 (no test)  112/115 (97.4%)
  environments        tests/teams/test_environments.py      114/164 (69.5%)   157 -> 161/164 (98.2%)
  lenient             test_lenient_edges.py + test_messages  84/107 (78.5%)    88 -> 90/107 (84.1%)
                      (the edges file here: test_lenient_more_edges.py)
  all 14 modules                                           1866/3793 (49.2%) 3737/3793 (98.5%)
  The survivors left (56) are listed below; 53 are equivalent, so 3737 of the 3740 mutants
  that behave differently are killed. shape was also run on all of tests/validation (the one
  full-suite module run): stopped after 19 min at 368 of 460 checked, 212 killed (57.6%).
  Not measured module by module: engine, issues, registry, table (see the sample figures
  above), limits (constants only, no mutants). A module's run took 0.5-10 min, a survivors'
  re-run (--reuse) under a minute.

Surviving mutants that are equivalent (no behaviour can tell them apart), for example:
  - encode("UTF-8") / read_text(encoding="UTF-8") for "utf-8": the same codec (naming, writer);
    read_text(encoding=None) in read_manifest: the manifest is ASCII (json.dumps escapes).
  - writer: os.umask(1) for os.umask(0): the probe's value is restored at once, only the
    returned old umask is used; unlink(missing_ok=False) in the except branch: the temp file
    always exists there; "" and "." in safe_relpath's part check: PurePosixPath never yields
    them (".", "a//b" and "./x" are refused by the other tests of the same condition).
  - plan/diff: bd.get(k, None) for bd.get(k, _MISSING) and None for _MISSING in resource_diff:
    the walk treats None and _MISSING alike (absent); n = max(..., 1) when neither side is a
    list: index 0 of two empty lists yields no row; _sub returning False for a True mask: the
    walk handles a True mask before it descends.
  - plan/values: json.dumps(separators=None) is json.dumps's default (", ", ": ") without an
    indent; ensure_ascii=None is falsy like False.
  - validation/table: severity != "ERROR" sorts by id alone, and every E- id sorts before W-;
    issues.path_key: head None or "XXXX" for "" (neither is a section, both sort last).
  - validation/shape: suggest() without n=1, with n=2 or without cutoff (the defaults are n=3
    and cutoff=0.6, and only the best match is used); _issue's fix default (every caller
    passes a fix); _type_at's dict-value type (no dict in the answers holds models, so nothing
    below a dict value is looked up); _field_description's `or` (a missing key is always a
    field of its parent, and an empty description gives the same fix); translate's "?" for a
    missing key without location (pydantic gives a location; an empty one fails the same way
    in _field_description); ctx.get("expected", "") -> None / "XXXX" / no default (no quotes
    or digits: no options either way).
  - rules/capacity: the Fargate memory step's `len(valid) > 1` (4 mutants): every cpu in
    FARGATE_CPU_MEMORY has at least 3 memory sizes.
  - rules/shadowing: strict=None for strict=False (2) and fold=None for fold=False (falsy
    alike); `break` for `continue` on an equal priority (the rules are sorted by priority: once
    an earlier rule has the same priority, every one left has it too).
  - rules/names: strip("XX-XX") after lower() (no upper-case X is left).
  - rules/services: the value of a secrets.* issue (4 mutants): values under `secrets.` are
    redacted from every report.
  - rules/alb: the prefix default "XXXX" when access_logs is absent (it is only tested for /
    and AWSLogs); the `fixed != prefix` else-branch (3): the rule fires only on a leading or
    trailing / or AWSLogs, which the fix removes, so fixed always differs; strict=None.
  - rules/certificates: the duplicate-domain key upper() for lower() (either normalises);
    base_domain's rstrip("XX.XX") after lower().
  - patterns: ip_network(value) without strict= (True is the default); strict=None (2).
  - lenient: " ".join -> "XX XX".join in mentions_stand_in (no join creates or breaks
    "placeholder"); changed = None / True in _patch (None is falsy; True only repeats a round
    that changes nothing); the stand-in name counter (start 1, += 2, -= 1, = 1: names stay
    unique or are dropped as stand-ins anyway); continue -> break in _patch (an error _patch
    cannot fix stays, so the lenient pass yields nothing either way); get_path(..., None);
    `not parts and ...` (an issue path is never empty here); warnings `=` for `+=` (a draft
    with shape errors has no first-pass warnings). Not shown equivalent, left: a stand-in in
    an issue's value alone (no rule found that reports one only there), copy.copy for the
    stand-in's deepcopy, range(4) for range(3) rounds.
  - rules/teams: wd.strip(None) for strip("/") (only empty parts change, never ".."); the
    re.ASCII flag on a pattern with no word or digit class.
  - environments: `result.ok or answers is not None` (an environment with errors makes the
    file's answers None, and then no environment's answers are returned); errors `=` for `+=`
    and include_url=True in the file's own parse (errors is empty there; translate ignores
    the url).

Needs mutmut (`pip install -e '.[mutation]'`) and, for the plan target, terraform with the
offline provider mirror (as the tests do).
"""

from __future__ import annotations

import argparse
import ast
import fnmatch
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import tomllib
from dataclasses import dataclass, replace
from pathlib import Path

from py_mutation_results import (  # a sibling: the script runs from benchmarks/
    ModuleFigures,
    TargetResult,
    mutant_diff,
    parse_results,
    report,
)

REPO = Path(__file__).resolve().parent.parent
COPIED = ("ecs_wizard", "tests", "docs", "examples", "pyproject.toml")
IGNORED = shutil.ignore_patterns(
    "__pycache__", "*.pyc", ".terraform", ".terraform.lock.hcl", "*.tfstate*", "tfplan",
    ".hypothesis", ".pytest_cache", "mutants",
)  # fmt: skip
REWRITTEN_DECORATORS = frozenset({"check"})


@dataclass(frozen=True)
class Target:
    name: str
    mutate: tuple[str, ...]  # only_mutate globs (fnmatch: `*` also matches `/`)
    tests: tuple[str, ...]  # pytest arguments selecting the tests (missing files are dropped)


TARGETS: dict[str, Target] = {
    t.name: t
    for t in (
        Target(
            "naming",
            ("ecs_wizard/aws/naming.py",),
            (
                "tests/test_naming_edges.py",
                "tests/validation/rules/test_names.py",
                "tests/contracts",  # reads the modules' source; the names must fit their rules
                "tests/test_render.py",
            ),
        ),
        Target(
            "writer",
            ("ecs_wizard/rendering/writer.py",),
            ("tests/test_writer.py", "tests/test_writer_edges.py"),
        ),
        Target(
            "plan-diff",
            ("ecs_wizard/plan/diff.py", "ecs_wizard/plan/values.py"),
            (
                # a directory, so that tests added later are part of a --reuse run
                "tests/plan",
                # the runner, the commands and the wizard screen: subprocesses and Textual
                "--ignore=tests/plan/test_runner.py",
                "--ignore=tests/plan/test_commands.py",
                "--ignore=tests/plan/test_tui.py",
                # the real AWS provider plan: slow, and checks the view, not the diff
                "--deselect=tests/plan/test_render.py::test_real_aws_provider_plan_view",
            ),
        ),
        Target(
            "validation",
            ("ecs_wizard/validation/*",),
            ("tests/validation",),
        ),
    )
}


def narrowed(target: Target, only: list[str]) -> Target:
    """The target with `only_mutate` narrowed to the given files (each inside the target), so
    that one module of a large target (validation: 3,186 mutants) can be measured on its own.
    The test selection is the target's: every test that calls a mutated function still runs."""
    bad = [p for p in only if not any(fnmatch.fnmatch(p, g) for g in target.mutate)]
    if bad:
        raise SystemExit(f"--only {', '.join(bad)}: not inside {target.name} {target.mutate}")
    missing = [p for p in only if not (REPO / p).is_file()]
    if missing:
        raise SystemExit(f"--only {', '.join(missing)}: no such file")
    return replace(target, mutate=tuple(only))


################################################################################
# The working copy
################################################################################


def undecorate(source: str, names: frozenset[str] = REWRITTEN_DECORATORS) -> str:
    """Turn top-level functions decorated only with `names` into a plain def followed by an
    assignment that applies the same decorators (innermost first): the same program, and one
    that mutmut 3 mutates."""
    tree = ast.parse(source)
    lines = source.splitlines(keepends=True)
    edits: list[tuple[int, int, int, str, str]] = []  # (first line, def line, end line, ...)
    for node in tree.body:
        if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) or not node.decorator_list:
            continue
        heads = [d.func if isinstance(d, ast.Call) else d for d in node.decorator_list]
        if not all(isinstance(h, ast.Name) and h.id in names for h in heads):
            continue
        applied = node.name
        for deco in reversed(node.decorator_list):
            applied = f"{ast.get_source_segment(source, deco)}({applied})"
        first = min(d.lineno for d in node.decorator_list)
        edits.append((first, node.lineno, node.end_lineno or node.lineno, node.name, applied))
    for first, def_line, end, name, applied in sorted(edits, reverse=True):
        lines[end:end] = [f"\n\n{name} = {applied}\n"]
        del lines[first - 1 : def_line - 1]
    return "".join(lines)


def toml_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value)
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    raise TypeError(f"cannot write {value!r} into [tool.mutmut]")


def mutmut_table(pyproject_text: str, target: Target, root: Path) -> dict[str, object]:
    base = dict(tomllib.loads(pyproject_text).get("tool", {}).get("mutmut", {}))
    tests = [t for t in target.tests if t.startswith("-") or (root / t).exists()]
    base["only_mutate"] = list(target.mutate)
    base["pytest_add_cli_args_test_selection"] = tests
    return base


def with_mutmut_table(pyproject_text: str, table: dict[str, object]) -> str:
    """The pyproject text with its [tool.mutmut] table replaced by `table`."""
    kept, skipping = [], False
    for line in pyproject_text.splitlines():
        header = re.match(r"^\s*\[\[?([^\]]+)\]\]?\s*(#.*)?$", line)
        if header:
            skipping = header.group(1).strip() == "tool.mutmut"
        if not skipping:
            kept.append(line)
    body = "\n".join(f"{k} = {toml_value(v)}" for k, v in table.items())
    return "\n".join(kept).rstrip() + "\n\n[tool.mutmut]\n" + body + "\n"


def prepare(work: Path, target: Target) -> None:
    work.mkdir(parents=True)
    for name in COPIED:
        src = REPO / name
        if src.is_dir():
            shutil.copytree(src, work / name, ignore=IGNORED)
        else:
            shutil.copy2(src, work / name)
    pyproject = work / "pyproject.toml"
    text = pyproject.read_text(encoding="utf-8")
    pyproject.write_text(
        with_mutmut_table(text, mutmut_table(text, target, work)), encoding="utf-8"
    )
    for path in sorted((work / "ecs_wizard").rglob("*.py")):
        rel = path.relative_to(work).as_posix()
        if any(fnmatch.fnmatch(rel, g) for g in target.mutate):
            source = path.read_text(encoding="utf-8")
            new = undecorate(source)
            if new != source:
                path.write_text(new, encoding="utf-8")


################################################################################
# Running and reading mutmut
################################################################################


def mutmut(work: Path, *args: str, log: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "MUTANT_UNDER_TEST")}
    cmd = [sys.executable, "-m", "mutmut", *args]
    if log is None:
        return subprocess.run(cmd, cwd=work, env=env, capture_output=True, text=True)
    with log.open("w", encoding="utf-8") as fh:
        return subprocess.run(
            cmd, cwd=work, env=env, stdout=fh, stderr=subprocess.STDOUT, text=True
        )


def results_of(work: Path, target: str) -> dict[str, ModuleFigures]:
    results = mutmut(work, "results", "--all", "true")
    if results.returncode != 0:
        raise SystemExit(f"mutmut results failed for {target}:\n{results.stderr}")
    return parse_results(results.stdout)


def run_target(
    target: Target, root: Path, max_children: int, show_survivors: bool, only: str = "*"
) -> TargetResult:
    work = root / target.name
    args = ["run", "--max-children", str(max_children)]
    if work.is_dir():
        # --reuse: only tests were added since, so killed mutants stay killed; copy the tests
        # again and re-run the others (mutmut re-collects which tests call what).
        shutil.copytree(REPO / "tests", work / "tests", ignore=IGNORED, dirs_exist_ok=True)
        # A test file that did not exist before changes the selection: mutmut then resets
        # every verdict and the run is a full one (correct, only slower).
        pyproject = work / "pyproject.toml"
        text = pyproject.read_text(encoding="utf-8")
        table = mutmut_table((REPO / "pyproject.toml").read_text(encoding="utf-8"), target, work)
        pyproject.write_text(with_mutmut_table(text, table), encoding="utf-8")
        survivors = [n for fig in results_of(work, target.name).values() for n in fig.survivors]
        args += [n for n in survivors if fnmatch.fnmatch(n, only)]
    else:
        prepare(work, target)
    log = root / f"{target.name}.log"
    start = time.monotonic()
    proc = mutmut(work, *args, log=log)
    seconds = time.monotonic() - start
    if proc.returncode != 0:
        tail = log.read_text(encoding="utf-8", errors="replace")[-4000:]
        raise SystemExit(f"mutmut run failed for {target.name} (exit {proc.returncode}):\n{tail}")
    modules = results_of(work, target.name)
    if not modules:
        raise SystemExit(f"mutmut produced no mutants for {target.name}; see {log}")
    result = TargetResult(target.name, seconds, modules)
    if show_survivors:
        for name in result.all.survivors:
            result.diffs[name] = mutant_diff(work, name)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--target", action="append", choices=sorted(TARGETS))
    parser.add_argument("--max-children", type=int, default=2)
    parser.add_argument("--workdir", type=Path, help="parent of the working copies (kept)")
    parser.add_argument(
        "--reuse",
        type=Path,
        metavar="ROOT",
        help="a kept run's directory: copy the tests again and re-run only its survivors",
    )
    parser.add_argument(
        "--mutants",
        default="*",
        metavar="GLOB",
        help="with --reuse: only the survivors whose name matches, e.g. '*.registry.*'",
    )
    parser.add_argument(
        "--only",
        action="append",
        metavar="PATH",
        help="narrow the target's only_mutate to this file (repeatable), e.g. "
        "ecs_wizard/validation/rules/routing.py; must lie inside the target",
    )
    parser.add_argument(
        "--tests",
        action="append",
        metavar="PYTEST_ARG",
        help="replace the target's test selection (repeatable), e.g. "
        "tests/validation/rules/test_routing.py; a lower bound on the score, much faster",
    )
    parser.add_argument("--keep", action="store_true", help="keep the temporary working copies")
    parser.add_argument("--show-survivors", action="store_true", help="print each survivor's diff")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    try:
        import mutmut  # noqa: F401
    except ImportError:
        print("mutmut is missing: pip install -e '.[mutation]'", file=sys.stderr)
        return 2

    order = ["naming", "writer", "plan-diff", "validation"]
    names = [n for n in order if n in (args.target or order)]
    if args.reuse:
        root = args.reuse
    elif args.workdir:
        args.workdir.mkdir(parents=True, exist_ok=True)
        root = Path(tempfile.mkdtemp(prefix="py-mutation-", dir=args.workdir))
    else:
        root = Path(tempfile.mkdtemp(prefix="ecs-wizard-py-mutation-"))
    targets = [narrowed(TARGETS[n], args.only) if args.only else TARGETS[n] for n in names]
    if args.tests:
        targets = [replace(t, tests=tuple(args.tests)) for t in targets]
    results = []
    try:
        for target in targets:
            what = " ".join(target.mutate)
            print(f"mutmut: {target.name} ({what}) ...", file=sys.stderr, flush=True)
            results.append(
                run_target(target, root, args.max_children, args.show_survivors, args.mutants)
            )
    finally:
        if args.keep or args.workdir or args.reuse:
            print(f"working copies kept in {root}", file=sys.stderr)
        else:
            shutil.rmtree(root, ignore_errors=True)

    if args.json:
        data = {
            r.target: {
                "seconds": round(r.seconds, 1),
                "modules": {
                    m: {"counts": dict(f.counts), "score": round(f.score, 1)}
                    for m, f in r.modules.items()
                },
                "survivors": r.all.survivors,
            }
            for r in results
        }
        print(json.dumps(data, indent=2))
    else:
        print(report(results))
        if args.show_survivors:
            for r in results:
                for name, diff in r.diffs.items():
                    print(diff.rstrip() or name)
                    print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
