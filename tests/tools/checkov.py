"""Run checkov (from its own virtualenv) on a Terraform plan JSON and summarise the result.

checkov lives in `.venv-checkov` because its forked hcl2 clashes with python-hcl2; the binary is
found through $ECS_WIZARD_CHECKOV (./scripts/test exports it). `#checkov:skip=CKV_X:reason`
comments in the module code only apply to a plan when checkov can map plan resources back to the
.tf files, hence `--repo-root-for-plan-enrichment`.
"""

from __future__ import annotations

import json
import os
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


def run_on_plan(plan_file: Path, repo_root: Path, timeout: float = 300) -> Report:
    binary = find_checkov()
    cmd = [
        str(binary),
        "--skip-download",
        "--framework",
        "terraform_plan",
        "-f",
        str(plan_file),
        "--repo-root-for-plan-enrichment",
        str(repo_root),
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
