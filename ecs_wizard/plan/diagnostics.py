"""What went wrong in a terraform run, in words: diagnostics and friendly error classes.

Terraform reports problems as diagnostics (JSON in `-json` UI output, boxed text otherwise);
this module parses both, and turns a failed init/plan/show into a PlanError whose message and
hint say what to do (missing credentials and unreachable endpoints are recognised).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from ecs_wizard.terraform import tfenv


class ErrorKind(StrEnum):
    NOT_INSTALLED = "not_installed"
    NOT_A_PROJECT = "not_a_project"
    INIT_FAILED = "init_failed"
    PLAN_FAILED = "plan_failed"
    SHOW_FAILED = "show_failed"
    CREDENTIALS = "credentials"
    NETWORK = "network"
    REGISTRY = "registry"
    STATE_LOCKED = "state_locked"
    PROVIDER_LOCK = "provider_lock"


CREDENTIALS_HINT = (
    "Terraform could not find valid AWS credentials. Either set AWS_PROFILE to a profile in "
    "~/.aws/config (run `aws sso login --profile NAME` first for SSO profiles), or export "
    "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (plus AWS_SESSION_TOKEN for temporary "
    "credentials). Check them with `aws sts get-caller-identity`, then run the plan again."
)

_CREDENTIAL_PATTERNS = re.compile(
    "|".join(
        (
            r"No valid credential sources found",
            r"NoCredentialProviders",
            r"failed to refresh cached credentials",
            r"no EC2 IMDS role found",
            r"InvalidClientTokenId",
            r"ExpiredToken",
            r"security token included in the request is (?:expired|invalid)",
            r"UnrecognizedClientException",
            r"SignatureDoesNotMatch",
            r"failed to get shared config profile",
            r"The config profile \(.*\) could not be found",
            r"SSO session has expired",
            r"token has expired and refresh failed",
            r"retrieving caller identity from STS",
        )
    ),
    re.IGNORECASE,
)


NETWORK_HINT = (
    "Terraform could not reach an AWS endpoint (DNS, proxy or firewall). Check network access "
    "(HTTPS_PROXY/NO_PROXY if you use a proxy) and the region, then run the plan again. "
    "--refresh=false avoids reading existing resources, but data sources still call AWS."
)

_NETWORK_PATTERNS = re.compile(
    r"dial tcp|no such host|i/o timeout|connection refused|network is unreachable|"
    r"TLS handshake timeout|request send failed",
    re.IGNORECASE,
)


#: the provider lock file (.terraform.lock.hcl) does not allow what init was asked to install
_PROVIDER_LOCK_PATTERNS = re.compile(
    r"lock\s+file\s+is\s+read-only|checksums\s+previously\s+recorded|"
    r"Inconsistent\s+dependency\s+lock\s+file|locked\s+provider\s+\S+\s+.*does\s+not\s+match",
    re.IGNORECASE,
)
PROVIDER_LOCK_HINT = (
    "The provider versions or hashes in .terraform.lock.hcl do not match what this project "
    "needs on this machine. To update the lock on purpose: `terraform init -upgrade`, then "
    "`terraform providers lock -platform=linux_amd64 -platform=darwin_arm64` (add the "
    "platforms your team uses), review and commit the file. ecs-wizard render keeps it."
)

#: terraform init failed while talking to a provider (or module) registry...
_REGISTRY_PATTERNS = re.compile(
    r"Failed to query available provider packages|could not connect to registry|"
    r"failed to request discovery document|Failed to install provider|"
    r"Failed to retrieve available versions|registry\.terraform\.io|registry\.opentofu\.org",
    re.IGNORECASE,
)
#: ...because it could not reach it (not, say, because no version matched a constraint).
_UNREACHABLE_PATTERNS = re.compile(
    r"could not connect to|failed to request discovery document|Client\.Timeout|"
    r"context deadline exceeded|" + _NETWORK_PATTERNS.pattern,
    re.IGNORECASE,
)
_REGISTRY_HOST = (
    re.compile(r"could not connect to ([\w.-]+\.[a-z]{2,})", re.IGNORECASE),
    re.compile(r"lookup ([\w.-]+\.[a-z]{2,})", re.IGNORECASE),
    re.compile(r"https://([\w.-]+\.[a-z]{2,})", re.IGNORECASE),
    re.compile(r"(registry\.(?:terraform\.io|opentofu\.org))", re.IGNORECASE),
)


def registry_host(text: str) -> str:
    """The registry host a failed init names (registry.terraform.io when none is named)."""
    for pattern in _REGISTRY_HOST:
        m = pattern.search(text)
        if m:
            return m.group(1).rstrip(".")
    return "registry.terraform.io"


def registry_hint(host: str) -> str:
    """What to do when init cannot reach the provider registry: the mirror and CLI config."""
    try:
        mirror = str(tfenv.find_provider_mirror())
        found = f" A provider mirror was found on this machine: {mirror}."
        ready = Path(tfenv.__file__).with_name("offline.tfrc")
        if mirror == "/opt/tf-plugins" and ready.is_file():  # the config it ships for it
            found += (
                f" A CLI config for it ships with ecs-wizard: export TF_CLI_CONFIG_FILE={ready}."
            )
    except tfenv.MirrorNotFound:
        mirror = "DIR"
        found = (
            " Make one with `terraform providers mirror DIR` on a machine that can reach "
            f"{host}, and copy DIR here."
        )
    return (
        f"terraform init downloads the providers (hashicorp/aws) from {host}, and could not "
        f"reach it. This is not about AWS or your credentials. Either allow HTTPS to {host} "
        "(set HTTPS_PROXY / NO_PROXY if you use a proxy), or install providers from a local "
        f"mirror.{found} Point TF_CLI_CONFIG_FILE at a CLI config file holding "
        f'`provider_installation {{ filesystem_mirror {{ path = "{mirror}" }} }}`, then plan '
        f"again (init is re-run automatically). `--local` runs use {tfenv.MIRROR_ENV}={mirror}."
    )


@dataclass(frozen=True)
class Diagnostic:
    """One terraform diagnostic (from `-json` UI output, or parsed from human output)."""

    severity: str  # "error" | "warning"
    summary: str
    detail: str = ""
    filename: str | None = None
    line: int | None = None
    snippet: str | None = None

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> Diagnostic:
        rng = d.get("range") or {}
        snip = d.get("snippet") or {}
        return cls(
            severity=str(d.get("severity", "error")),
            summary=str(d.get("summary", "")),
            detail=str(d.get("detail", "")),
            filename=rng.get("filename"),
            line=(rng.get("start") or {}).get("line"),
            snippet=snip.get("code"),
        )

    @property
    def location(self) -> str | None:
        if not self.filename:
            return None
        return f"{self.filename}:{self.line}" if self.line else self.filename

    def text(self) -> str:
        parts = [f"{self.severity.capitalize()}: {self.summary}"]
        if self.location:
            parts.append(f"  on {self.location}")
        if self.snippet:
            parts.append(f"    {self.snippet.strip()}")
        if self.detail:
            parts.append("  " + self.detail.replace("\n", "\n  "))
        return "\n".join(parts)


@dataclass
class PlanError:
    kind: ErrorKind
    message: str
    hint: str = ""
    diagnostics: list[Diagnostic] = field(default_factory=list)
    output: str = ""  # tail of terraform's raw output, for anything diagnostics missed
    #: every line of the failed command went to the runner's on_line as it ran (not `show
    #: -json`, never a flood past MAX_SHOWN_LINES): a terminal that streamed them need not
    #: print the diagnostics again
    shown_live: bool = False

    def text(self) -> str:
        parts = [self.message]
        parts += [d.text() for d in self.diagnostics]
        if not self.diagnostics and self.output.strip():
            parts.append(self.output.strip())
        if self.hint:
            parts.append(self.hint)
        return "\n\n".join(parts)


def parse_human_diagnostics(output: str) -> list[Diagnostic]:
    """Pull `Error: …` / `Warning: …` blocks out of terraform's human (-no-color) output."""
    diags: list[Diagnostic] = []
    current: dict[str, Any] | None = None
    for raw in output.splitlines():
        line = raw.lstrip("│╷╵ ").rstrip() if raw.strip()[:1] in "│╷╵" else raw.rstrip()
        m = re.match(r"^(Error|Warning): (.*)$", line.strip())
        if m:
            if current:
                diags.append(_finish(current))
            current = {"severity": m.group(1).lower(), "summary": m.group(2), "detail": []}
            continue
        if current is not None:
            loc = re.match(r"^\s*on (\S+) line (\d+)", line)
            if loc and "filename" not in current:
                current["filename"], current["line"] = loc.group(1), int(loc.group(2))
            else:
                current["detail"].append(line)
    if current:
        diags.append(_finish(current))
    return diags


def _finish(d: dict[str, Any]) -> Diagnostic:
    detail = "\n".join(d["detail"]).strip()
    return Diagnostic(
        severity=d["severity"],
        summary=d["summary"],
        detail=detail,
        filename=d.get("filename"),
        line=d.get("line"),
    )


_LOCK_FIELD = re.compile(r"^\s*(ID|Path|Operation|Who|Version|Created|Info):[ \t]*(.*?)\s*$", re.M)


def lock_info(text: str) -> dict[str, str] | None:
    """The `Lock Info:` block of terraform's "Error acquiring the state lock" (None if absent)."""
    if "Error acquiring the state lock" not in text or "Lock Info:" not in text:
        return None
    block = text.split("Lock Info:", 1)[1]
    return {m[1]: m[2] for m in _LOCK_FIELD.finditer(block)}


def locked_error(info: dict[str, str], diagnostics: list[Diagnostic], tail: str) -> PlanError:
    who = info.get("Who") or "someone"
    since = info.get("Created") or "an unknown time"
    operation = info.get("Operation", "").removeprefix("OperationType").lower() or "a run"
    lock_id = info.get("ID", "LOCK_ID")
    return PlanError(
        ErrorKind.STATE_LOCKED,
        f"The state is locked by {who} since {since} ({operation}"
        + (f", {info['Path']}" if info.get("Path") else "")
        + "). Nothing was retried.",
        "Wait for that run to finish and plan again. Only if it is certain that nobody is "
        f"running terraform on this state (a crashed run), release the lock with: "
        f"terraform force-unlock {lock_id}   (in the project directory; for an environment, "
        "with TF_DATA_DIR=.terraform/envs/<env>).",
        diagnostics,
        tail,
    )


def classify_failure(stage: str, diagnostics: list[Diagnostic], output: str) -> PlanError:
    """Turn a failed init/plan/show into a PlanError with a friendly message and hint."""
    errors = [d for d in diagnostics if d.severity == "error"] or diagnostics
    blob = output + "\n" + "\n".join(f"{d.summary}\n{d.detail}" for d in diagnostics)
    tail = "\n".join(output.strip().splitlines()[-40:])
    info = lock_info(blob)
    if info is not None:
        return locked_error(info, errors, tail)
    if _CREDENTIAL_PATTERNS.search(blob):
        return PlanError(
            ErrorKind.CREDENTIALS,
            f"terraform {stage} failed: no usable AWS credentials.",
            CREDENTIALS_HINT,
            errors,
            tail,
        )
    if stage == "init" and _PROVIDER_LOCK_PATTERNS.search(blob):
        return PlanError(
            ErrorKind.PROVIDER_LOCK,
            "terraform init failed: the provider lock file does not match.",
            PROVIDER_LOCK_HINT,
            errors,
            tail,
        )
    if stage == "init" and _REGISTRY_PATTERNS.search(blob) and _UNREACHABLE_PATTERNS.search(blob):
        host = registry_host(blob)
        return PlanError(
            ErrorKind.REGISTRY,
            f"terraform init failed: the provider registry {host} could not be reached.",
            registry_hint(host),
            errors,
            tail,
        )
    if _NETWORK_PATTERNS.search(blob):
        return PlanError(
            ErrorKind.NETWORK,
            f"terraform {stage} failed: a remote endpoint could not be reached.",
            NETWORK_HINT,
            errors,
            tail,
        )
    if stage == "init":
        return PlanError(
            ErrorKind.INIT_FAILED,
            "terraform init failed: providers, modules or the backend could not be set up.",
            "Fix the problem below, then run the plan again (init is re-run automatically). "
            "Without network access, point Terraform at a provider mirror "
            f"({tfenv.MIRROR_ENV} / TF_CLI_CONFIG_FILE).",
            errors,
            tail,
        )
    if stage == "show":
        return PlanError(
            ErrorKind.SHOW_FAILED,
            "terraform show -json failed to read the saved plan.",
            "Re-run the plan; if it keeps failing, check the terraform version.",
            errors,
            tail,
        )
    return PlanError(
        ErrorKind.PLAN_FAILED,
        "terraform plan failed.",
        "Fix what terraform's diagnostics above describe (each names the file and line), "
        "then run the plan again.",
        errors,
        tail,
    )


def human_message(line: str) -> str:
    """The human message of a `-json` UI line (or the line itself)."""
    if line.startswith("{"):
        try:
            return str(json.loads(line).get("@message", line))
        except ValueError:
            return line
    return line
