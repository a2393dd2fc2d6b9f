"""A local AWS emulator (moto's server) on loopback, for end-to-end tests and `plan --local`.

`Emulator` starts `moto.server` from the *same* Python interpreter as a subprocess bound to
127.0.0.1 on a free port, waits until it answers, can wipe its state (`reset`) and stops it
cleanly. `emulator_provider_override()` is the `provider "aws"` block that points every service
the generated Terraform uses at it, with test credentials and every real-AWS check skipped.

Nothing here ever talks to real AWS: the endpoint is always a loopback URL and the credentials
are the literal strings "test".

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

from ecs_wizard import tfenv

LOOPBACK = "127.0.0.1"

MOTO_MISSING_HINT = (
    "The local AWS emulator (moto) is not installed. Install the optional extra with "
    "`pip install 'ecs-wizard[local]'` (it adds moto[server] and boto3), then run again."
)

# Seconds moto waits before an ACM certificate it was asked to request becomes ISSUED. Real
# AWS waits for DNS validation; moto's default is 60 s, which would make every apply that
# requests a certificate sit in aws_acm_certificate_validation for a minute.
ACM_VALIDATION_WAIT_SECONDS = 0

# What the emulator gets wrong or lacks for what the generated Terraform calls. Keys are short
# ids that tests reference; values explain the effect and how it is handled.
EMULATOR_QUIRKS: dict[str, str] = {
    "acm-validation-wait": (
        "moto issues requested ACM certificates only after MOTO_ACM_VALIDATION_WAIT seconds "
        "(default 60); the emulator is started with 0 so validation completes immediately."
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
        env.update(
            MOTO_ACM_VALIDATION_WAIT=str(ACM_VALIDATION_WAIT_SECONDS),
            AWS_ACCESS_KEY_ID="test",
            AWS_SECRET_ACCESS_KEY="test",
            AWS_EC2_METADATA_DISABLED="true",
        )
        env.update(self.extra_env)
        if self.log_path is not None:
            self.log_path.parent.mkdir(parents=True, exist_ok=True)
            self._log = open(self.log_path, "wb")  # noqa: SIM115 - closed in stop()
            out = self._log
        else:
            out = subprocess.DEVNULL
        cmd = [sys.executable, "-m", "moto.server", "-H", self.host, "-p", str(self.port)]
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
            aws_access_key_id="test",
            aws_secret_access_key="test",
        )


def emulator_provider_override(region: str, endpoint: str) -> str:
    """`provider "aws"` override pointing every used service at `endpoint` (a loopback URL)."""
    if not endpoint.startswith(("http://127.0.0.1:", "http://localhost:", "http://[::1]:")):
        raise EmulatorError(f"refusing a non-loopback emulator endpoint: {endpoint}")
    text = tfenv.offline_provider_override(region, endpoint=endpoint)
    # Fail fast on calls the emulator does not implement (see EMULATOR_QUIRKS).
    text = text.replace(
        'provider "aws" {\n', 'provider "aws" {\n  max_retries                 = 1\n', 1
    )
    # The emulator answers sts:GetCallerIdentity; without the account id the provider reads
    # every security-group reference back as "<account>/sg-…" (see EMULATOR_QUIRKS).
    skip = "  skip_requesting_account_id  = true\n"
    if skip not in text:  # pragma: no cover - tfenv changed its layout
        raise EmulatorError("unexpected provider override layout (skip_requesting_account_id)")
    return text.replace(skip, "  skip_requesting_account_id  = false\n", 1)


def write_emulator_override(root: Path, region: str, endpoint: str) -> Path:
    path = root / "emulator_provider_override.tf"
    path.write_text(emulator_provider_override(region, endpoint), encoding="utf-8")
    return path


# --------------------------------------------------------------------------------------------
# Making an answers file apply against the emulator
# --------------------------------------------------------------------------------------------

EMULATOR_QUIRKS.update(
    {
        "appautoscaling-tags": (
            "moto does not implement Application Auto Scaling ListTagsForResource/TagResource, "
            "which the provider calls after creating aws_appautoscaling_target; service "
            "autoscaling is left out of emulator runs (it stays covered by the plan-level "
            "tests)."
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
            "max_retries = 1 so it fails in seconds."
        ),
    }
)

_EMULATOR_ENV = {"MOTO_IAM_LOAD_MANAGED_POLICIES": "true"}


@dataclass
class LocalizedAnswers:
    """A copy of the answers data rewritten to reference resources that exist in the emulator."""

    data: dict
    notes: list[str]


def _self_signed_certificate(domain: str) -> tuple[bytes, bytes]:
    import datetime

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, domain)])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=30))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName(domain)]), critical=False)
        .sign(key, hashes.SHA256())
    )
    return (
        cert.public_bytes(serialization.Encoding.PEM),
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.TraditionalOpenSSL,
            serialization.NoEncryption(),
        ),
    )


def create_network(emu: Emulator, region: str, azs: int = 2) -> dict[str, object]:
    """A VPC with `azs` public and `azs` private subnets in the emulator; returns network ids."""
    ec2 = emu.client("ec2", region)
    vpc_id = ec2.create_vpc(CidrBlock="10.42.0.0/16")["Vpc"]["VpcId"]
    zones = [z["ZoneName"] for z in ec2.describe_availability_zones()["AvailabilityZones"]]
    public, private = [], []
    for i in range(azs):
        az = zones[i % len(zones)]
        for kind, ids, base in (("public", public, 0), ("private", private, 100)):
            sub = ec2.create_subnet(
                VpcId=vpc_id, CidrBlock=f"10.42.{base + i}.0/24", AvailabilityZone=az
            )
            ids.append(sub["Subnet"]["SubnetId"])
            ec2.create_tags(
                Resources=[ids[-1]],
                Tags=[{"Key": "Name", "Value": f"ecs-wizard-emulator-{kind}-{i}"}],
            )
    return {"vpc_id": vpc_id, "public_subnet_ids": public, "private_subnet_ids": private}


def create_hosted_zone(emu: Emulator, domain: str, region: str, attempts: int = 1000) -> str:
    """Create a public hosted zone whose id looks like a real one (see the zone-id quirk)."""
    r53 = emu.client("route53", region)
    for n in range(attempts):
        zone = r53.create_hosted_zone(Name=domain, CallerReference=f"ecs-wizard-{domain}-{n}")
        zone_id = zone["HostedZone"]["Id"].split("/")[-1]
        if zone_id.startswith("Z"):
            return zone_id
        r53.delete_hosted_zone(Id=zone_id)
    raise EmulatorError(f"could not create a Route 53 zone with a Z... id for {domain}")


def localize_answers(
    data: dict, emu: Emulator, *, keep_autoscaling: bool = False
) -> LocalizedAnswers:
    """Rewrite a (valid) answers dict so it applies against a fresh emulator.

    Creates the network, imports/creates what the answers reference but do not create
    (certificate ARNs, Route 53 zones, the access-log bucket) and drops service autoscaling
    (see EMULATOR_QUIRKS["appautoscaling-tags"]) unless `keep_autoscaling`. `data` itself is
    not modified. Every rewrite is listed in `notes`.
    """
    import copy

    out = copy.deepcopy(data)
    notes: list[str] = []
    region = out["project"]["region"]

    net = create_network(emu, region, max(2, len(out["network"].get("public_subnet_ids", []))))
    notes.append(
        f"network: created VPC {net['vpc_id']} with subnets in the emulator (answers had "
        f"{out['network'].get('vpc_id')})"
    )
    out["network"].update(net)

    alb = out.get("alb") or {}
    logs = alb.get("access_logs")
    if logs and logs.get("bucket"):
        s3 = emu.client("s3", region)
        s3.create_bucket(
            Bucket=logs["bucket"], CreateBucketConfiguration={"LocationConstraint": region}
        )
        notes.append(f"alb.access_logs: created bucket {logs['bucket']} in the emulator")

    https = alb.get("https") or {}
    for i, cert in enumerate(https.get("certificates") or []):
        if cert.get("arn"):
            pem, key = _self_signed_certificate("imported.example.com")
            arn = emu.client("acm", region).import_certificate(Certificate=pem, PrivateKey=key)[
                "CertificateArn"
            ]
            notes.append(
                f"alb.https.certificates[{i}]: imported a self-signed certificate as {arn}"
            )
            cert["arn"] = arn
        if cert.get("route53_zone_id"):
            zone = create_hosted_zone(emu, cert["domain"], region)
            notes.append(
                f"alb.https.certificates[{i}]: created Route 53 zone {zone} for {cert['domain']}"
            )
            cert["route53_zone_id"] = zone

    if not keep_autoscaling:
        for svc in out.get("services", []):
            if svc.pop("autoscaling", None) is not None:
                notes.append(
                    f"services[{svc['name']}].autoscaling: left out (emulator lacks Application "
                    "Auto Scaling tagging)"
                )
    return LocalizedAnswers(out, notes)


# --------------------------------------------------------------------------------------------
# `ecs-wizard plan DIR --local [--apply]`
# --------------------------------------------------------------------------------------------

LOCAL_BANNER = (
    "EMULATOR RUN: planning against a local AWS emulator (moto) on {endpoint}, in a temporary "
    "copy of {src}. Nothing here touches real AWS, your directory or its state."
)

_COPY_IGNORE = (
    ".terraform",
    ".terraform.lock.hcl",
    "*.tfstate",
    "*.tfstate.*",
    "terraform.tfstate.d",
    ".ecs-wizard",
    "*_override.tf",
    "*_override.tf.json",
    "override.tf",
    "override.tf.json",
    ".git",
)

_BACKEND_OVERRIDE = """\
# ecs-wizard emulator run: keep state in this temporary directory, whatever backend the
# project configures.
terraform {
  backend "local" {}
}
"""

_TFVARS_LABEL = """\
# EMULATOR COPY made by `ecs-wizard plan --local`: the network ids and external references
# below were rewritten to resources created in the local emulator. Not your project's file.

"""


class LocalRunError(RuntimeError):
    """A user-facing problem preparing an emulator run (message says what to do)."""


@dataclass
class LocalRun:
    """An emulator plus a temporary, emulator-ready copy of a rendered project.

    `open()` starts the emulator, copies DIR (without state, .terraform or override files),
    rewrites terraform.tfvars with `localize_answers`, forces a local backend and writes the
    provider override. `env` is the environment terraform must run with. `close()` stops the
    emulator and deletes the copy.
    """

    source: Path
    workdir: Path
    project_dir: Path
    emulator: Emulator
    env: dict[str, str]
    notes: list[str]

    @classmethod
    def open(cls, source: Path, *, apply: bool = False) -> LocalRun:
        import shutil
        import tempfile

        from ecs_wizard import hcl
        from ecs_wizard.render import TFVARS_FILE, tfvars_data
        from ecs_wizard.tfimport import ImportError_, import_tfvars
        from ecs_wizard.validation import validate_data

        source = Path(source).expanduser().resolve()
        if not source.is_dir():
            raise LocalRunError(f"{source} is not a directory: pass a rendered project.")
        if not (source / TFVARS_FILE).is_file():
            raise LocalRunError(
                f"{source} has no {TFVARS_FILE}: --local needs a project rendered by "
                "`ecs-wizard render` (it rewrites the network ids in a temporary copy)."
            )
        try:
            data = import_tfvars(source)
        except ImportError_ as exc:
            raise LocalRunError(str(exc)) from exc
        checked = validate_data(data)
        if not checked.ok:
            first = checked.errors[0]
            raise LocalRunError(
                f"{source / TFVARS_FILE}: {first.path}: {first.message} ({first.fix}); "
                "run `ecs-wizard validate` for every problem."
            )
        if not moto_available():
            raise LocalRunError(MOTO_MISSING_HINT)

        workdir = Path(tempfile.mkdtemp(prefix="ecs-wizard-local-"))
        emu = Emulator(log_path=workdir / "emulator.log")
        try:
            emu.start()
            project = workdir / "project"
            shutil.copytree(source, project, ignore=shutil.ignore_patterns(*_COPY_IGNORE))
            # Plans need no autoscaling tag calls; applies do (see EMULATOR_QUIRKS).
            localized = localize_answers(checked.answers.to_data(), emu, keep_autoscaling=not apply)
            again = validate_data(localized.data)
            if not again.ok or again.answers is None:  # pragma: no cover - defensive
                raise LocalRunError(
                    "could not adapt the answers to the emulator: "
                    + "; ".join(f"{i.path}: {i.message}" for i in again.errors)
                )
            (project / TFVARS_FILE).write_text(
                hcl.dumps(tfvars_data(again.answers), header=_TFVARS_LABEL), encoding="utf-8"
            )
            (project / "ecs_wizard_local_backend_override.tf").write_text(
                _BACKEND_OVERRIDE, encoding="utf-8"
            )
            write_emulator_override(project, again.answers.project.region, emu.endpoint)
            env = local_terraform_env(workdir, emu.endpoint)
        except BaseException:
            emu.stop()
            shutil.rmtree(workdir, ignore_errors=True)
            raise
        return cls(source, workdir, project, emu, env, localized.notes)

    def apply(self, plan_file: Path, terraform_bin: str | None = None, out=None) -> int:
        """`terraform apply` the saved plan inside the copy; streams output to `out`."""
        binary = str(tfenv.find_terraform(terraform_bin))
        proc = subprocess.Popen(
            [binary, "apply", "-input=false", "-no-color", "-parallelism=20", str(plan_file)],
            cwd=self.project_dir,
            env=self.env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        assert proc.stdout is not None
        for line in proc.stdout:
            if out is not None:
                out(line.rstrip("\n"))
        return proc.wait()

    def close(self) -> None:
        import shutil

        self.emulator.stop()
        shutil.rmtree(self.workdir, ignore_errors=True)

    def __enter__(self) -> LocalRun:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def local_terraform_env(workdir: Path, endpoint: str) -> dict[str, str]:
    """Environment for terraform in an emulator run: test credentials, no profile, every AWS
    SDK call defaulting to the emulator, and the offline provider mirror when there is one."""
    env = dict(os.environ)
    try:
        mirror = tfenv.find_provider_mirror()
    except tfenv.MirrorNotFound:
        mirror = None  # terraform init installs the provider the usual way
    if mirror is not None:
        # A persistent plugin cache: the first run copies the provider (~700 MB) once, later
        # runs only link it (the temporary copy of the project is deleted after every run).
        cache = Path(
            os.environ.get("TF_PLUGIN_CACHE_DIR")
            or Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
            / "ecs-wizard"
            / "terraform-plugin-cache"
        )
        cfg = tfenv.write_cli_config(workdir / "terraform.tfrc", mirror, cache)
        env["TF_CLI_CONFIG_FILE"] = str(cfg)
    for name in list(env):
        if name.startswith("AWS_"):
            del env[name]
    env.update(
        AWS_ACCESS_KEY_ID="test",
        AWS_SECRET_ACCESS_KEY="test",
        AWS_EC2_METADATA_DISABLED="true",
        AWS_ENDPOINT_URL=endpoint,  # any service not in the override's endpoints {} too
        TF_IN_AUTOMATION="1",
        TF_INPUT="0",
        CHECKPOINT_DISABLE="1",
    )
    return env


def run_local_plan(args, var_files: list[str]) -> int:
    """The `--local` branch of `ecs-wizard plan`: same plan view, against the emulator."""
    from rich.console import Console
    from rich.markup import escape

    from ecs_wizard.commands.plan import _Progress
    from ecs_wizard.plan.cli_support import error_console, export, print_error
    from ecs_wizard.plan.runner import PlanOptions, PlanRunner, Status

    err = error_console()
    if getattr(args, "tui", False):
        err.print("[bold red]Error:[/] --local does not support --tui yet; drop --tui.")
        return 1
    try:
        local = LocalRun.open(Path(args.directory), apply=args.apply)
    except (LocalRunError, EmulatorError) as exc:
        err.print(f"[bold red]Error:[/] {escape(str(exc))}", highlight=False)
        return 1
    with local:
        banner = LOCAL_BANNER.format(endpoint=local.emulator.endpoint, src=local.source)
        err.print(f"[bold magenta]{escape(banner)}[/]", highlight=False)
        for note in local.notes:
            err.print(f"  [magenta]emulator:[/] {escape(note)}", highlight=False)
        options = PlanOptions(
            var_files=var_files,
            targets=args.target,
            refresh=args.refresh,
            force_init=True,
            extra_plan_args=[f"-var={v}" for v in args.var] + list(args.plan_arg),
        )
        progress = _Progress(args.quiet)
        runner = PlanRunner(
            local.project_dir,
            terraform_bin=args.terraform_bin,
            options=options,
            on_line=progress,
            env=local.env,
        )
        with progress:
            result = runner.run()
        if result.status is Status.CANCELLED:
            err.print("[bold yellow]Cancelled.[/] The emulator run was stopped and cleaned up.")
            return result.exit_code
        if result.error is not None:
            print_error(result.error)
            return result.exit_code
        code = export(result.plan(), args, Console(highlight=False))
        if code != 0:
            return code
        if not args.apply:
            err.print(
                "[magenta]Emulator run:[/] plan shown above (against the emulator). Add --apply "
                "to apply it there too; nothing was saved.",
                highlight=False,
            )
            return result.exit_code
        err.print("[magenta]Emulator run:[/] applying the plan in the emulator…")
        log = (
            (lambda line: None)
            if args.quiet
            else (lambda line: err.print(f"  {line}", markup=False, highlight=False))
        )
        rc = local.apply(result.plan_file, args.terraform_bin, log)
        if rc != 0:
            err.print(
                f"[bold red]Error:[/] terraform apply failed in the emulator (exit {rc}). Known "
                "emulator gaps: " + "; ".join(EMULATOR_QUIRKS) + ".",
                highlight=False,
            )
            return 1
        err.print(
            "[bold green]Applied in the emulator.[/] The emulator and its temporary copy are "
            "removed now; run `terraform apply` in your directory for real AWS.",
        )
        return 0
