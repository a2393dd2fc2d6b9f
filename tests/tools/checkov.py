"""Run checkov (from its own virtualenv) on a Terraform plan JSON and apply in-code skips.

checkov lives in `.venv-checkov` because its forked hcl2 clashes with python-hcl2; the binary is
found through $ECS_WIZARD_CHECKOV (./scripts/test exports it).

`#checkov:skip=CKV_X:reason` comments are applied here, not by checkov: checkov's own plan
enrichment (`--repo-root-for-plan-enrichment`) matches plan resources to .tf blocks by
`type.name` only, ignoring the module, so a skip written on `aws_cloudwatch_log_group.this` in
one module silently waives the same-named resource of every other module. `apply_skips()` maps
each finding's module address to that module's own directory (from the plan's configuration)
and only honours skip comments inside that resource's block there.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

CHECKOV_ENV = "ECS_WIZARD_CHECKOV"
NO_REASON = "No comment provided"  # what checkov records for a skip without a reason
INSTALL_HINT = (
    "checkov is not installed. Create its own virtualenv (its forked hcl2 clashes with "
    "python-hcl2): python3 -m venv .venv-checkov && .venv-checkov/bin/pip install "
    f"'checkov==3.3.30', or point {CHECKOV_ENV} at a checkov binary (./scripts/test does both)."
)


class CheckovUnavailable(RuntimeError):
    pass


def find_checkov() -> Path:
    explicit = os.environ.get(CHECKOV_ENV)
    repo = Path(__file__).resolve().parents[2]
    candidate = Path(explicit) if explicit else repo / ".venv-checkov" / "bin" / "checkov"
    if not candidate.is_file() or not os.access(candidate, os.X_OK):
        raise CheckovUnavailable(f"{candidate} not found. {INSTALL_HINT}")
    return candidate


@dataclass(frozen=True)
class Finding:
    check_id: str
    check_name: str
    resource: str
    file: str
    reason: str = ""  # the suppress comment, for skipped checks

    def __str__(self) -> str:
        text = f"{self.check_id} {self.resource} ({self.file}): {self.check_name}"
        return f"{text} -- skipped: {self.reason}" if self.reason else text


@dataclass(frozen=True)
class Report:
    failed: list[Finding]
    skipped: list[Finding]
    passed: int
    parsing_errors: int
    raw: dict


def _finding(item: dict) -> Finding:
    return Finding(
        check_id=item.get("check_id", "?"),
        check_name=item.get("check_name", ""),
        resource=item.get("resource", "?"),
        file=item.get("file_path", "?"),
        reason=(item.get("check_result") or {}).get("suppress_comment", "") or "",
    )


def run_on_plan(plan_file: Path, timeout: float = 300) -> Report:
    """checkov's raw verdict on a plan (no skips applied: every finding is in `failed`)."""
    binary = find_checkov()
    cmd = [
        str(binary),
        "--skip-download",
        "--framework",
        "terraform_plan",
        "-f",
        str(plan_file),
        "-o",
        "json",
    ]
    env = dict(os.environ, LOG_LEVEL="ERROR", BC_SKIP_MAPPING="TRUE")
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, env=env)
    # checkov exits 1 when a check failed; anything else non-zero is a crash.
    if proc.returncode not in (0, 1):
        raise RuntimeError(f"checkov crashed (exit {proc.returncode}):\n{proc.stderr[-4000:]}")
    try:
        data = json.loads(proc.stdout)
    except json.JSONDecodeError as exc:
        raise RuntimeError(
            f"checkov printed no JSON:\n{proc.stdout[-2000:]}\n{proc.stderr[-2000:]}"
        ) from exc
    reports = data if isinstance(data, list) else [data]
    failed: list[Finding] = []
    skipped: list[Finding] = []
    passed = errors = 0
    for report in reports:
        results = report.get("results", {})
        failed += [_finding(i) for i in results.get("failed_checks", [])]
        skipped += [_finding(i) for i in results.get("skipped_checks", [])]
        summary = report.get("summary", {})
        passed += summary.get("passed", 0)
        errors += summary.get("parsing_errors", 0)
    if not reports or (passed == 0 and not failed and not skipped):
        raise RuntimeError(f"checkov evaluated nothing in {plan_file}:\n{proc.stdout[-2000:]}")
    return Report(failed, skipped, passed, errors, data if isinstance(data, dict) else {})


_SKIP = re.compile(r"#\s*checkov:skip=([A-Z0-9_]+)(?::(.*))?")
_HEADER = re.compile(r'^resource\s+"([\w-]+)"\s+"([\w-]+)"\s*\{')


def skip_comments(tf_text: str) -> dict[str, dict[str, str]]:
    """`type.name` -> {check id: reason} for skip comments inside each top-level resource block.

    Relies on `terraform fmt` layout: a block opens with `resource "T" "N" {` at column 0 and
    closes with `}` at column 0.
    """
    out: dict[str, dict[str, str]] = {}
    current: str | None = None
    for line in tf_text.splitlines():
        header = _HEADER.match(line)
        if header:
            current = f"{header.group(1)}.{header.group(2)}"
            out.setdefault(current, {})
            continue
        if current and line.startswith("}"):
            current = None
            continue
        match = _SKIP.search(line)
        if current and match:
            out[current][match.group(1)] = (match.group(2) or "").strip()
    return out


def module_dirs(plan: dict, root_dir: Path) -> dict[str, Path]:
    """Module address prefix ("" for the root, "module.a.module.b") -> its source directory."""
    out: dict[str, Path] = {}

    def walk(prefix: str, module: dict, directory: Path) -> None:
        out[prefix] = directory
        for name, call in module.get("module_calls", {}).items():
            child = f"{prefix}.module.{name}" if prefix else f"module.{name}"
            walk(child, call.get("module", {}), (directory / call.get("source", ".")).resolve())

    walk("", plan.get("configuration", {}).get("root_module", {}), root_dir.resolve())
    return out


def split_address(address: str) -> tuple[str, str]:
    """`module.a["x"].aws_lb.this[0]` -> ("module.a", "aws_lb.this")."""
    parts = re.sub(r"\[[^\]]*\]", "", address).split(".")
    prefix: list[str] = []
    while parts[:1] == ["module"] and len(parts) > 2:
        prefix += parts[:2]
        parts = parts[2:]
    return ".".join(prefix), ".".join(parts[:2])


@dataclass(frozen=True)
class Verdict:
    failed: list[Finding]  # not waived
    waived: list[Finding]  # waived by a skip comment in the resource's own module (with reason)


def apply_skips(report: Report, plan: dict, root_dir: Path, display_root: Path) -> Verdict:
    """Split checkov's findings into still-failed and waived-in-their-own-module.

    `root_dir` is the root module the plan was made in; paths are shown relative to
    `display_root`.
    """
    dirs = module_dirs(plan, root_dir)
    skips_by_dir: dict[Path, dict[str, dict[str, str]]] = {}
    failed: list[Finding] = []
    waived: list[Finding] = []
    for finding in report.failed:
        prefix, raw = split_address(finding.resource)
        directory = dirs.get(prefix)
        if directory is None:
            failed.append(finding)
            continue
        if directory not in skips_by_dir:
            merged: dict[str, dict[str, str]] = {}
            for tf in sorted(directory.glob("*.tf")):
                for key, ids in skip_comments(tf.read_text(encoding="utf-8")).items():
                    merged.setdefault(key, {}).update(ids)
            skips_by_dir[directory] = merged
        try:
            where: Path | str = directory.relative_to(display_root.resolve())
        except ValueError:
            where = directory
        located = Finding(finding.check_id, finding.check_name, finding.resource, str(where))
        if finding.check_id in skips_by_dir[directory].get(raw, {}):
            reason = skips_by_dir[directory][raw][finding.check_id]
            waived.append(
                Finding(
                    located.check_id, located.check_name, located.resource, located.file, reason
                )
            )
        else:
            failed.append(located)
    return Verdict(failed, waived)
