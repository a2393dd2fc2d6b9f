"""rules/certificates.py, edge by edge: ARN or domain, ACM's name quotas at their bounds, the
zones that validate each name, with the exact message, fix and value (issue 14: the mutation
run of certificates.py)."""

from __future__ import annotations

from typing import Any

import pytest

from ecs_wizard.validation import validate_data
from ecs_wizard.validation.rules.certificates import base_domain, zone_id_fix
from tests.answers_fixtures import cert_arn
from tests.validation.helpers import CERT, data

C0 = "alb.https.certificates[0]"
ZONE = "Z0123456789ABCDEFGHIJ"


def found(d: dict[str, Any], rule: str) -> list[tuple[str, str, str, Any]]:
    return [(i.path, i.message, i.fix, i.value) for i in validate_data(d).issues if i.rule == rule]


def certs(*certificates: dict[str, Any]) -> dict[str, Any]:
    return data(**{"alb.https.certificates": list(certificates)})


def test_exactly_one_of_domain_or_arn():
    expected = (
        C0,
        "a certificate needs exactly one of `domain` (request a new one) or `arn` (use an "
        "existing one)",
        "set either domain: example.com or arn: arn:aws:acm:...",
        None,
    )
    assert found(certs({}), "E-ALB-CERTIFICATE") == [expected]
    assert found(certs({"domain": "example.com", "arn": CERT}), "E-ALB-CERTIFICATE") == [expected]
    assert found(certs({"domain": "example.com"}), "E-ALB-CERTIFICATE") == []
    assert found(certs({"arn": CERT}), "E-ALB-CERTIFICATE") == []


def test_arn_format_region_and_domain_only_fields():
    assert found(certs({"arn": "arn:aws:acm:nope"}), "E-ALB-CERTIFICATE") == [
        (
            f"{C0}.arn",
            "is not an ACM certificate ARN",
            "arn:aws:acm:REGION:ACCOUNT:certificate/UUID",
            "arn:aws:acm:nope",
        )
    ]
    other = cert_arn("us-east-1")
    assert found(certs({"arn": other}), "E-ALB-CERTIFICATE") == [
        (
            f"{C0}.arn",
            "the certificate is in us-east-1 but the ALB is in eu-west-1",
            "use an ACM certificate from eu-west-1",
            other,
        )
    ]
    only_domain = (
        C0,
        "subject_alternative_names and route53_zone_id only apply with `domain`",
        "remove them",
        None,
    )
    assert found(
        certs({"arn": CERT, "subject_alternative_names": ["a.example.com"]}), "E-ALB-CERTIFICATE"
    ) == [only_domain]
    assert found(certs({"arn": CERT, "route53_zone_id": ZONE}), "E-ALB-CERTIFICATE") == [
        only_domain
    ]


@pytest.mark.parametrize(
    ("name", "ok"),
    [
        ("example.com", True),
        ("*.example.com", True),
        ("Example.com", False),
        ("example", False),
        (("a" * 63 + ".") * 3 + "a" * 61, True),  # 253 characters
        (("a" * 63 + ".") * 3 + "a" * 62, False),  # 254
    ],
)
def test_domain_and_alternative_names(name, ok):
    d = certs({"domain": "example.com", "subject_alternative_names": ["ok.example.com", name]})
    expected = (
        f"{C0}.subject_alternative_names[1]",
        "is not a valid domain name",
        "lower-case, e.g. example.com or *.example.com",
        name,
    )
    assert found(d, "E-ALB-CERTIFICATE") == ([] if ok else [expected])
    if not ok:
        assert found(certs({"domain": name}), "E-ALB-CERTIFICATE")[0][0] == f"{C0}.domain"


def test_zone_id_and_its_fix():
    d = certs({"domain": "example.com", "route53_zone_id": f"/hostedzone/{ZONE}"})
    assert found(d, "E-ALB-CERTIFICATE") == [
        (
            f"{C0}.route53_zone_id",
            "is not a Route 53 hosted zone id",
            f"write only the id: {ZONE}",
            f"/hostedzone/{ZONE}",
        )
    ]
    generic = "Z followed by at most 31 capital letters and digits, e.g. Z0123456789ABCDEFGHIJ"
    assert zone_id_fix("z123") == generic
    assert zone_id_fix(f" {ZONE} ") == f"write only the id: {ZONE}"
    assert zone_id_fix("/hostedzone/z1") == generic
    assert zone_id_fix("Z" + "1" * 32) == generic
    assert (
        found(certs({"domain": "example.com", "route53_zone_id": ZONE}), "E-ALB-CERTIFICATE") == []
    )


def test_certificate_count_and_duplicate_domains():
    assert found(data(**{"alb.https.certificates": []}), "E-ALB-CERTIFICATE") == [
        (
            "alb.https.certificates",
            "HTTPS needs at least one certificate",
            "add `- domain: example.com` (new ACM certificate) or `- arn: arn:aws:acm:...`",
            None,
        )
    ]
    many = [{"domain": f"s{k}.example.com"} for k in range(26)]
    assert found(certs(*many), "E-ALB-CERTIFICATE") == []
    assert found(certs(*many, {"domain": "x.example.com"}), "E-ALB-CERTIFICATE") == [
        (
            "alb.https.certificates",
            "more than 26 certificates on one listener",
            "use SANs or wildcard certificates",
            None,
        )
    ]
    d = certs(
        {"domain": "example.com"},
        {"arn": CERT},
        {"domain": "example.com"},
        {"domain": "example.com"},
    )
    dup = (
        "certificates[0] already requests a certificate for `example.com`",
        "remove the duplicate, or add extra names as subject_alternative_names",
        "example.com",
    )
    assert found(d, "E-ALB-CERTIFICATE") == [
        ("alb.https.certificates[2].domain", *dup),
        ("alb.https.certificates[3].domain", *dup),
    ]
    assert found(data(**{"alb.https": None}), "E-ALB-CERTIFICATE") == []


def _sans(n: int) -> list[str]:
    return [f"n{k}.example.com" for k in range(n)]


@pytest.mark.parametrize(
    ("sans", "error", "warning"),
    [(9, False, False), (10, False, True), (99, False, True), (100, True, False)],
)
def test_names_per_certificate(sans, error, warning):
    d = certs({"domain": "example.com", "subject_alternative_names": _sans(sans)})
    total = sans + 1
    assert found(d, "E-ALB-CERTIFICATE-NAMES") == (
        [
            (
                f"{C0}.subject_alternative_names",
                f"the certificate would have {total} names (the domain and {sans} alternative "
                "names); ACM allows 100 in all",
                "keep at most 99 subject_alternative_names, use a wildcard such as "
                "*.example.com, or split the names over two certificates",
                total,
            )
        ]
        if error
        else []
    )
    assert found(d, "W-ALB-CERTIFICATE-NAMES-QUOTA") == (
        [
            (
                f"{C0}.subject_alternative_names",
                f"the certificate has {total} names; ACM's default quota is 10 per "
                "certificate, so the request fails unless the quota was raised",
                "raise 'Domain names per ACM certificate' in Service Quotas (up to 100) before "
                "apply, or split the names over certificates or use a wildcard",
                total,
            )
        ]
        if warning
        else []
    )


def test_first_name_length_in_bytes():
    ok = "a" * 52 + ".example.com"  # 64
    assert found(certs({"domain": ok}), "E-ALB-CERTIFICATE-NAMES") == []
    long = "a" * 53 + ".example.com"
    assert found(certs({"domain": long}), "E-ALB-CERTIFICATE-NAMES") == [
        (
            f"{C0}.domain",
            "is 65 characters; ACM allows at most 64 for a certificate's first name (its "
            "common name)",
            "put a name of at most 64 characters (e.g. the parent domain or a wildcard) in "
            "domain and move this one to subject_alternative_names (up to 253 characters)",
            long,
        )
    ]
    assert found(certs({"arn": CERT}), "E-ALB-CERTIFICATE-NAMES") == []


@pytest.mark.parametrize(
    ("name", "base"),
    [
        ("api.example.com", "example.com"),
        ("*.example.com", "example.com"),
        ("example.com.", "example.com"),
        ("API.Example.COM", "example.com"),
        ("a.b.example.co.uk", "example.co.uk"),
        ("example.co.uk", "example.co.uk"),
        ("a.example.io", "example.io"),
        ("a.example.xyz.uk", "xyz.uk"),
        ("co.uk", "co.uk"),
        ("localhost", "localhost"),
    ],
)
def test_base_domain(name, base):
    assert base_domain(name) == base


def test_zones_name_the_certificate_s_names_and_valid_ids():
    d = certs(
        {
            "domain": "example.com",
            "subject_alternative_names": ["Other.org"],
            "zones": {"other.ORG": ZONE, "stray.net": "bad"},
        }
    )
    assert found(d, "E-ALB-CERTIFICATE-ZONE") == [
        (
            f"{C0}.zones",
            "`stray.net` is not a name of this certificate",
            "use one of: example.com, Other.org",
            "stray.net",
        ),
        (
            f"{C0}.zones",
            "`bad` (for stray.net) is not a Route 53 hosted zone id",
            "Z and at most 31 capital letters and digits, e.g. Z0123456789ABCDEFGHIJ",
            "bad",
        ),
    ]
    arn_zones = certs({"arn": CERT, "zones": {"example.com": ZONE}})
    assert found(arn_zones, "E-ALB-CERTIFICATE-ZONE") == [
        (f"{C0}.zones", "only applies with `domain`", "remove it", None)
    ]


def test_a_san_in_another_domain_needs_its_own_zone():
    cert = {
        "domain": "example.com",
        "subject_alternative_names": ["www.example.com", "shop.example.org", "x.other.net"],
        "route53_zone_id": ZONE,
        "zones": {"X.OTHER.NET": ZONE},
    }
    assert found(certs(cert), "E-ALB-CERTIFICATE-ZONE") == [
        (
            f"{C0}.subject_alternative_names[1]",
            f"`shop.example.org` is in another domain than `example.com`, so its DNS validation "
            f"record cannot go into route53_zone_id {ZONE} (Route 53 refuses records outside "
            "the zone)",
            "add its zone: zones: {shop.example.org: Z...} (the hosted zone of example.org), "
            "or move it to a certificate of its own",
            "shop.example.org",
        )
    ]
    cert.pop("route53_zone_id")  # no shared zone: nothing to refuse
    assert found(certs(cert), "E-ALB-CERTIFICATE-ZONE") == []


def test_base_domain_of_a_wildcard_on_a_public_suffix():
    assert base_domain("*.co.uk") == "co.uk"  # the wildcard label is not a domain label


def test_every_certificate_s_zones_are_checked_past_one_without():
    d = certs(
        {"arn": CERT},  # no zones to check
        {"domain": "example.com"},  # no route53_zone_id: no shared zone to check
        {
            "domain": "shop.example.com",
            "subject_alternative_names": ["shop.example.org"],
            "route53_zone_id": ZONE,
            "zones": {"stray.net": ZONE},
        },
    )
    assert [(p, v) for p, _, _, v in found(d, "E-ALB-CERTIFICATE-ZONE")] == [
        ("alb.https.certificates[2].subject_alternative_names[0]", "shop.example.org"),
        ("alb.https.certificates[2].zones", "stray.net"),
    ]
