"""Make an answers file apply against a fresh emulator.

The answers reference things a fresh emulator does not have (the VPC and subnets, imported
certificates, Route 53 zones, the access-log bucket). `localize_answers` creates them in the
emulator and rewrites a copy of the answers to point at them, listing every rewrite.
"""

from __future__ import annotations

import copy
import datetime
from dataclasses import dataclass

from ecs_wizard.emulator.server import Emulator, EmulatorError


@dataclass
class LocalizedAnswers:
    """A copy of the answers data rewritten to reference resources that exist in the emulator."""

    data: dict
    notes: list[str]


def _self_signed_certificate(domain: str) -> tuple[bytes, bytes]:
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


def import_certificate(emu: Emulator, region: str, domain: str = "imported.example.com") -> str:
    """Import a self-signed certificate into the emulator's ACM; returns its ARN."""
    pem, key = _self_signed_certificate(domain)
    acm = emu.client("acm", region)
    return acm.import_certificate(Certificate=pem, PrivateKey=key)["CertificateArn"]


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


def localize_answers(data: dict, emu: Emulator) -> LocalizedAnswers:
    """Rewrite a (valid) answers dict so it applies against a fresh emulator.

    Creates the network, imports/creates what the answers reference but do not create
    (certificate ARNs, Route 53 zones, the access-log bucket). Service autoscaling is kept:
    the strict emulator layer answers Application Auto Scaling's tagging calls. `data` itself
    is not modified. Every rewrite is listed in `notes`.
    """
    out = copy.deepcopy(data)
    notes: list[str] = []
    region = out["project"]["region"]

    given = out["network"]
    azs = max(
        2, len(given.get("public_subnet_ids") or []), len(given.get("private_subnet_ids") or [])
    )
    net = create_network(emu, region, azs)
    if not given.get("public_subnet_ids"):
        net["public_subnet_ids"] = []  # an internal ALB's VPC: the answers had none, keep none
    notes.append(
        f"network: created VPC {net['vpc_id']} with subnets in the emulator (answers had "
        f"{out['network'].get('vpc_id')})"
    )
    out["network"].update(net)

    alb = out.get("alb") or {}
    logs = alb.get("access_logs")
    if logs and logs.get("bucket") and not logs.get("create_bucket"):
        # An existing bucket the answers refer to (a bucket the project creates is not).
        s3 = emu.client("s3", region)
        s3.create_bucket(
            Bucket=logs["bucket"], CreateBucketConfiguration={"LocationConstraint": region}
        )
        notes.append(f"alb.access_logs: created bucket {logs['bucket']} in the emulator")

    https = alb.get("https") or {}
    for i, cert in enumerate(https.get("certificates") or []):
        if cert.get("arn"):
            arn = import_certificate(emu, region)
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

    from ecs_wizard.emulator.localize_access import localize_access

    localize_access(out, emu, str(net["vpc_id"]), notes, create_hosted_zone)
    return LocalizedAnswers(out, notes)
