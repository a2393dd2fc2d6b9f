"""moto's server on loopback: start it, wait until it answers, wipe it, stop it.

`Emulator` starts moto's server from the *same* Python interpreter as a subprocess bound to
127.0.0.1 on a free port, through `ecs_wizard.emulator.strict`, which first patches in the AWS
behaviours moto lacks and the generated Terraform depends on (see `strict.STRICT_BEHAVIOURS`).
Nothing here ever talks to real AWS: the endpoint is always a loopback URL and the
credentials are the fake ones of `tfenv.FAKE_AWS_ENV`.

Known emulator quirks (moto 5.x) that the generated Terraform hits are listed in
`EMULATOR_QUIRKS`; tests and `--local` name them instead of hiding them.
"""

from __future__ import annotations

import contextlib
import importlib.util
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from ecs_wizard.terraform import tfenv

LOOPBACK = "127.0.0.1"

# The server's entry point: moto.server with the strict behaviours patched in.
STRICT_SERVER_MODULE = "ecs_wizard.emulator.strict"

MOTO_MISSING_HINT = (
    "The local AWS emulator (moto) is not installed. Install the optional extra with "
    "`pip install 'ecs-wizard[local]'` (it adds moto[server] and boto3), then run again."
)

# Seconds moto waits before an ACM certificate it was asked to request becomes ISSUED. Real
# AWS waits for DNS validation; moto's default is 60 s, which would make every apply that
# requests a certificate sit in aws_acm_certificate_validation for a minute.
ACM_VALIDATION_WAIT_SECONDS = 0

# Settings moto needs for what the generated Terraform calls (see EMULATOR_QUIRKS).
_EMULATOR_ENV = {"MOTO_IAM_LOAD_MANAGED_POLICIES": "true"}

# What the emulator gets wrong or lacks for what the generated Terraform calls. Keys are short
# ids that tests reference; values explain the effect and how it is handled.
EMULATOR_QUIRKS: dict[str, str] = {
    "acm-validation-wait": (
        "moto issues requested ACM certificates only after MOTO_ACM_VALIDATION_WAIT seconds "
        "(default 60); the emulator is started with 0 so validation completes immediately."
    ),
    "iam-managed-policies": (
        "moto only knows AWS managed policies (AmazonECSTaskExecutionRolePolicy...) when "
        "MOTO_IAM_LOAD_MANAGED_POLICIES=true; the emulator is started with it."
    ),
    "network-ids": (
        "moto generates its own VPC/subnet ids; emulator runs create a VPC with public and "
        "private subnets and rewrite network.* in a temporary copy of the answers."
    ),
    "external-references": (
        "existing certificate ARNs and Route 53 zone ids in the answers do not exist in a "
        "fresh emulator; emulator runs import a self-signed certificate / create the zone "
        "(and the access-log bucket) and rewrite the references in the temporary copy."
    ),
    "route53-zone-id-format": (
        "moto's hosted zone ids are 22 random characters, while real ones (and the alb "
        "module's validation) start with 'Z'; emulator runs create zones until one does."
    ),
    "account-id": (
        "offline plans skip the account id look-up, but then the provider reads security "
        "group references back as '<account>/sg-…' and plans a change forever; emulator "
        "runs let the provider ask the emulator's STS (account 123456789012)."
    ),
    "provider-retries": (
        "the provider retries HTTP 500 (moto's 'not implemented') up to 25 times with "
        "back-off, so an unimplemented call looks like a hang; the emulator override sets "
        "max_retries = 3 so it fails in seconds (one attempt only made a connection the "
        "loaded emulator dropped mid-response fail the whole apply)."
    ),
}


class EmulatorError(RuntimeError):
    """The emulator could not be started, or is not installed."""


def moto_available() -> bool:
    """True when moto's server (moto + its flask dependencies) can be imported."""
    return all(importlib.util.find_spec(m) is not None for m in ("moto", "flask", "boto3"))


def free_port(host: str = LOOPBACK) -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((host, 0))
        return int(s.getsockname()[1])


@dataclass
class Emulator:
    """moto_server on loopback. Use as a context manager or call start()/stop()."""

    port: int = 0
    host: str = LOOPBACK
    log_path: Path | None = None
    extra_env: dict[str, str] = field(default_factory=dict)
    _proc: subprocess.Popen[bytes] | None = field(default=None, init=False, repr=False)
    _log: object | None = field(default=None, init=False, repr=False)

    @property
    def endpoint(self) -> str:
        return f"http://{self.host}:{self.port}"

    @property
    def running(self) -> bool:
        return self._proc is not None and self._proc.poll() is None

    def start(self, timeout: float = 30.0) -> Emulator:
        if self.host not in (LOOPBACK, "localhost", "::1"):
            raise EmulatorError(f"the emulator only listens on loopback, not {self.host!r}")
        if not moto_available():
            raise EmulatorError(MOTO_MISSING_HINT)
        if self.running:
            return self
        if not self.port:
            self.port = free_port(self.host)
        env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
        env.update(_EMULATOR_ENV)
        env.update(tfenv.FAKE_AWS_ENV)
        env["MOTO_ACM_VALIDATION_WAIT"] = str(ACM_VALIDATION_WAIT_SECONDS)
        env.update(self.extra_env)
        # The server imports this very package (for the strict layer), whatever the cwd is.
        package_root = str(Path(__file__).resolve().parents[2])
        env["PYTHONPATH"] = os.pathsep.join(p for p in (package_root, env.get("PYTHONPATH")) if p)
        if self.log_path is not None:
            self.log_path.parent.mkdir(parents=True, exist_ok=True)
            self._log = open(self.log_path, "wb")  # noqa: SIM115 - closed in stop()
            out = self._log
        else:
            out = subprocess.DEVNULL
        cmd = [sys.executable, "-m", STRICT_SERVER_MODULE, "-H", self.host, "-p", str(self.port)]
        self._proc = subprocess.Popen(
            cmd, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, env=env
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self._proc.poll() is not None:
                code = self._proc.returncode
                self._proc = None
                raise EmulatorError(
                    f"the emulator exited with code {code} while starting"
                    + (f"; see {self.log_path}" if self.log_path else "")
                )
            if self._answers():
                return self
            time.sleep(0.1)
        self.stop()
        raise EmulatorError(f"the emulator did not answer on {self.endpoint} within {timeout}s")

    def _answers(self) -> bool:
        try:
            with urllib.request.urlopen(f"{self.endpoint}/moto-api/data.json", timeout=1) as r:
                return r.status == 200
        except (urllib.error.URLError, OSError):
            return False

    def reset(self) -> None:
        """Wipe every resource in the emulator (moto's reset endpoint)."""
        req = urllib.request.Request(f"{self.endpoint}/moto-api/reset", method="POST", data=b"")
        with urllib.request.urlopen(req, timeout=30) as r:
            if r.status != 200:
                raise EmulatorError(f"emulator reset failed with HTTP {r.status}")

    def stop(self, timeout: float = 10.0) -> None:
        proc, self._proc = self._proc, None
        if proc is not None and proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=timeout)
        if self._log is not None:
            with contextlib.suppress(OSError):
                self._log.close()  # type: ignore[attr-defined]
            self._log = None

    def __enter__(self) -> Emulator:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def client(self, service: str, region: str = "eu-west-1"):
        """A boto3 client bound to this emulator (never to real AWS)."""
        import boto3
        import botocore.session

        # Ignore the user's AWS profile and config files: only the emulator, only test keys.
        isolated = botocore.session.Session(
            session_vars={
                "profile": (None, None, None, None),
                "config_file": (None, None, os.devnull, None),
                "credentials_file": (None, None, os.devnull, None),
            }
        )
        return boto3.session.Session(botocore_session=isolated).client(
            service,
            region_name=region,
            endpoint_url=self.endpoint,
            aws_access_key_id=tfenv.FAKE_AWS_ENV["AWS_ACCESS_KEY_ID"],
            aws_secret_access_key=tfenv.FAKE_AWS_ENV["AWS_SECRET_ACCESS_KEY"],
        )
