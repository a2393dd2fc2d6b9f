"""rules/alb.py: ingress, listeners, certificates, default action."""

from __future__ import annotations

import pytest

from ecs_wizard.validation import (
    validate_data,
)
from tests.answers_fixtures import PRIVATE_SUBNETS
from tests.validation.helpers import (
    CERT,
    Change,
    check_rule_ids,
    data,
    error_at,
    errors,
    is_ok,
    warnings,
)


@pytest.mark.parametrize(
    ("cidr", "ok"),
    [("10.0.0.0/8", True), ("2001:db8::/32", True), ("10.0.0.1/8", False),
     ("10.0.0.0/33", False), ("banana", False), ("10.0.0.1", False)],
)  # fmt: skip
def test_cidrs(cidr, ok):
    e = errors(data(**{"alb.ingress_cidrs": [cidr], "routing[1].source_ips": [cidr]}))
    assert ("alb.ingress_cidrs[0]" not in e) is ok
    assert ("routing[1].source_ips[0]" not in e) is ok


def test_host_bits_fix_names_the_network():
    r = validate_data(data(**{"alb.ingress_cidrs": ["10.1.2.3/8"]}))
    assert r.errors[0].fix == "use 10.0.0.0/8"


def test_certificates():
    bad_arn = {"alb.https.certificates": [{"arn": "arn:aws:acm:eu-west-1:1:certificate/x"}]}
    assert "alb.https.certificates[0].arn" in errors(data(**bad_arn))
    other_region = CERT.replace("eu-west-1", "us-east-1")
    e = errors(data(**{"alb.https.certificates": [{"arn": other_region}]}))
    assert any("us-east-1" in m for m in e["alb.https.certificates[0].arn"])
    both = {"alb.https.certificates": [{"arn": CERT, "domain": "example.com"}]}
    assert "alb.https.certificates[0]" in errors(data(**both))
    good = {"domain": "example.com", "subject_alternative_names": ["*.example.com"],
            "route53_zone_id": "Z0123456789ABCDEFGHIJ"}  # fmt: skip
    assert validate_data(data(**{"alb.https.certificates": [good]})).ok
    bad = {**good, "domain": "exa mple.com", "route53_zone_id": "zone"}
    e = errors(data(**{"alb.https.certificates": [bad]}))
    assert {"alb.https.certificates[0].domain", "alb.https.certificates[0].route53_zone_id"} <= (
        set(e)
    )


def test_https_rules():
    d = data()
    del d["alb"]["https"]
    r = validate_data(d)
    assert r.ok and "alb.https" in warnings(d)
    d["alb"]["http"] = {"redirect_to_https": True}
    assert "alb.http.redirect_to_https" in errors(d)
    assert "alb.https.certificates" in errors(data(**{"alb.https.certificates": []}))
    assert "alb.https.ssl_policy" in errors(
        data(**{"alb.https.ssl_policy": "ELBSecurityPolicy-2016-08"})
    )
    assert "alb.https.port" in errors(data(**{"alb.https.port": 80}))
    assert "alb.http.redirect_to_https" in warnings(
        data(**{"alb.http": {"redirect_to_https": False}})
    )


@pytest.mark.parametrize("prefix", ["/logs", "logs/", "logs/AWSLogs/x"])
def test_access_logs_prefix(prefix):
    d = data(**{"alb.access_logs": {"bucket": "my-logs", "prefix": prefix}})
    e = error_at(d, "alb.access_logs.prefix")
    assert "AWSLogs" in e.message and e.value == prefix and "`logs" in e.fix
    assert is_ok(data(**{"alb.access_logs": {"bucket": "my-logs", "prefix": "shop/prod"}}))


def test_duplicate_certificate_domains():
    certs = [{"domain": "shop.example.com"}, {"domain": "shop.example.com"}]
    e = error_at(data(**{"alb.https.certificates": certs}), "alb.https.certificates[1].domain")
    assert "certificates[0]" in e.message and "subject_alternative_names" in e.fix
    certs[1] = {"domain": "api.example.com"}
    assert is_ok(data(**{"alb.https.certificates": certs}))


def test_http_without_redirect_warns_that_rules_only_apply_on_https():
    r = validate_data(data(**{"alb.http": {"redirect_to_https": False}}))
    assert r.ok
    (w,) = [i for i in r.warnings if i.path == "alb.http.redirect_to_https"]
    assert "default action" in w.message and "HTTPS listener" in w.message
    assert not [i for i in validate_data(data()).warnings if "HTTPS listener" in i.message]


# (change to the base answers, expected (path, rule id) issues): one row per check at least.
RULE_IDS: list[tuple[Change, list[tuple[str, str]]]] = [
    ({"alb.ingress_cidrs": ["10.1.2.3/8"]}, [("alb.ingress_cidrs[0]", "E-ALB-INGRESS-CIDR")]),
    ({"alb.ingress_cidrs": []}, [("alb.ingress_cidrs", "W-ALB-NO-INGRESS")]),
    ({"alb.internal": True}, [("alb.ingress_cidrs", "W-ALB-INTERNAL-OPEN")]),
    (
        {"alb.internal": True, "network.private_subnet_ids": [PRIVATE_SUBNETS[0]]},
        [("network.private_subnet_ids", "E-ALB-INTERNAL-SUBNETS")],
    ),
    (
        {"alb.deletion_protection": False},
        [("alb.deletion_protection", "W-ALB-DELETION-PROTECTION")],
    ),
    ({"alb.access_logs": {"bucket": "B_b"}}, [("alb.access_logs.bucket", "E-ALB-ACCESS-LOGS")]),
    (
        {"alb.access_logs": {"bucket": "logs"}},
        [("alb.access_logs.create_bucket", "W-ALB-ACCESS-LOGS-BUCKET")],
    ),
    ({"alb.https.ssl_policy": "old"}, [("alb.https.ssl_policy", "E-ALB-LISTENER")]),
    (lambda d: d["alb"].pop("https"), [("alb.https", "W-ALB-NO-HTTPS")]),
    (
        {"alb.http": {"redirect_to_https": False}},
        [("alb.http.redirect_to_https", "W-ALB-HTTP-NOT-REDIRECTED")],
    ),
    (
        {"alb.https.certificates": [{"arn": CERT, "domain": "example.com"}]},
        [("alb.https.certificates[0]", "E-ALB-CERTIFICATE")],
    ),
    (
        {
            "alb.https.certificates": [
                {
                    "domain": "example.com",
                    "subject_alternative_names": ["example.org"],
                    "route53_zone_id": "Z0123456789ABCDEFGHIJ",
                }
            ]
        },
        [("alb.https.certificates[0].subject_alternative_names[0]", "E-ALB-CERTIFICATE-ZONE")],
    ),
    (
        {"alb.default_action": {"forward": "worker"}},
        [("alb.default_action.forward", "E-ALB-DEFAULT-ACTION")],
    ),
    (
        {"alb.ingress_cidrs": ["10.0.0.0/8", "10.0.0.0/8"]},
        [("alb.ingress_cidrs[1]", "E-ALB-INGRESS-DUPLICATE")],
    ),
    (
        {"alb.https.certificates": [{"domain": "a" * 60 + ".example.com"}]},
        [("alb.https.certificates[0].domain", "E-ALB-CERTIFICATE-NAMES")],
    ),
    (
        {
            "alb.https.certificates": [
                {
                    "domain": "example.com",
                    "subject_alternative_names": [f"n{i}.example.com" for i in range(10)],
                }
            ]
        },
        [("alb.https.certificates[0].subject_alternative_names", "W-ALB-CERTIFICATE-NAMES-QUOTA")],
    ),
]


@pytest.mark.parametrize(
    ("change", "expected"), RULE_IDS, ids=[",".join(r for _, r in exp) for _, exp in RULE_IDS]
)
def test_rule_ids(change, expected):
    check_rule_ids(change, expected)


@pytest.mark.parametrize(("zone", "ok"), [("Z" + "A" * 31, True), ("Z" + "A" * 32, False)])
def test_route53_zone_id_length(zone, ok):
    """Route 53 hosted zone ids are at most 32 characters (the alb module refuses longer)."""
    cert = {"domain": "example.com", "route53_zone_id": zone}
    e = errors(data(**{"alb.https.certificates": [cert]}))
    assert ("alb.https.certificates[0].route53_zone_id" not in e) is ok


# -- Answers that validate accepted and plan or apply refused (issue 11) --------------------


@pytest.mark.parametrize(
    ("cidrs", "dup"),
    [
        (["10.0.0.0/8", "10.0.0.0/8"], True),
        (["2001:db8::/32", "2001:0db8::/32"], True),  # the same network, as AWS compares them
        (["10.0.0.0/8", "10.0.0.0/16"], False),
    ],
)
def test_duplicate_ingress_cidrs(cidrs, dup):
    d = data(**{"alb.ingress_cidrs": cidrs})
    if dup:
        e = error_at(d, "alb.ingress_cidrs[1]")
        assert e.rule == "E-ALB-INGRESS-DUPLICATE" and "ingress_cidrs[0]" in e.fix
    else:
        assert is_ok(d)


@pytest.mark.parametrize(
    ("cidr", "ipv4"),
    [("::ffff:0.0.0.0/96", "0.0.0.0/0"), ("::ffff:0:0/96", "0.0.0.0/0"),
     ("::ffff:10.0.0.0/104", "10.0.0.0/8"), ("::ffff:192.0.2.1/128", "192.0.2.1/32")],
)  # fmt: skip
def test_ipv4_mapped_ipv6_ranges_are_refused_with_the_ipv4_block_as_fix(cidr, ipv4):
    """The AWS provider refuses an IPv6 CIDR whose address is an IPv4 address (Go's To4()),
    both for security group rules and listener rule source IPs."""
    d = data(**{"alb.ingress_cidrs": [cidr], "routing[1].source_ips": [cidr]})
    for path in ("alb.ingress_cidrs[0]", "routing[1].source_ips[0]"):
        e = error_at(d, path)
        assert "IPv4-mapped" in e.message and e.fix.endswith(ipv4)
    assert is_ok(data(**{"alb.ingress_cidrs": ["::/0", "2001:db8::/32", "0.0.0.0/0"]}))


@pytest.mark.parametrize(("sans", "ok"), [(99, True), (100, False)])
def test_certificate_names_count_the_domain_itself(sans, ok):
    """ACM: at most 100 names per certificate, the domain included."""
    cert = {"domain": "example.com",
            "subject_alternative_names": [f"n{i}.example.com" for i in range(sans)]}  # fmt: skip
    d = data(**{"alb.https.certificates": [cert]})
    if ok:
        assert validate_data(d).ok
    else:
        e = error_at(d, "alb.https.certificates[0].subject_alternative_names")
        assert "101 names" in e.message and "99" in e.fix


@pytest.mark.parametrize(("length", "ok"), [(64, True), (65, False)])
def test_first_certificate_name_is_at_most_64_characters(length, ok):
    """ACM: the first name (the CN) is at most 64 octets; SANs may be longer."""
    domain = "a" * (length - len(".example.com")) + ".example.com"
    assert len(domain) == length
    d = data(**{"alb.https.certificates": [{"domain": domain}]})
    if ok:
        assert is_ok(d)
    else:
        e = error_at(d, "alb.https.certificates[0].domain")
        assert "64" in e.message and "subject_alternative_names" in e.fix
        long_san = {"domain": "example.com", "subject_alternative_names": [domain]}
        assert is_ok(data(**{"alb.https.certificates": [long_san]}))


@pytest.mark.parametrize(
    ("zone", "fix"),
    [("Z0123456789ABCDEFGHIJ\n", "write only the id: Z0123456789ABCDEFGHIJ"),
     ("/hostedzone/Z0123456789ABCDEFGHIJ", "write only the id: Z0123456789ABCDEFGHIJ"),
     ("z0123456789abcdefghij", "Z followed by")],
)  # fmt: skip
def test_malformed_route53_zone_ids(zone, fix):
    """A trailing newline (a YAML block scalar) passed Python's `$` but not the module's RE2."""
    cert = {"domain": "example.com", "route53_zone_id": zone}
    e = error_at(data(**{"alb.https.certificates": [cert]}),
                 "alb.https.certificates[0].route53_zone_id")  # fmt: skip
    assert e.fix.startswith(fix)


@pytest.mark.parametrize(("sans", "warned"), [(9, False), (10, True), (99, True), (100, False)])
def test_more_than_ten_names_warns_about_the_default_acm_quota(sans, warned):
    cert = {"domain": "example.com",
            "subject_alternative_names": [f"n{i}.example.com" for i in range(sans)]}  # fmt: skip
    r = validate_data(data(**{"alb.https.certificates": [cert]}))
    quota = [w for w in r.warnings if w.rule == "W-ALB-CERTIFICATE-NAMES-QUOTA"]
    assert bool(quota) is warned, r.warnings
    if warned:
        assert "10" in quota[0].message and "Service Quotas" in quota[0].fix


_ZONE = "Z0123456789ABCDEFGHIJ"
_OTHER_ZONE = "Z9876543210ZYXWVUTSRQ"


@pytest.mark.parametrize(
    ("sans", "zones", "bad"),
    [
        (["www.example.com", "*.example.com"], None, None),  # one domain, one zone
        (["api.shop.example.co.uk"], None, "subject_alternative_names[0]"),
        (["www.example.org"], None, "subject_alternative_names[0]"),
        (["www.example.org"], {"www.example.org": _OTHER_ZONE}, None),
        (["www.example.org"], {"WWW.Example.org": _OTHER_ZONE}, None),
        (["a.example.com", "b.example.net"], None, "subject_alternative_names[1]"),
    ],
)
def test_san_in_another_domain_needs_its_own_zone(sans, zones, bad):
    """Route 53 refuses a validation record outside the zone (issue 10: every record went into
    route53_zone_id's zone, even for a SAN in another domain)."""
    cert = {"domain": "app.example.com", "subject_alternative_names": sans,
            "route53_zone_id": _ZONE}  # fmt: skip
    if zones is not None:
        cert["zones"] = zones
    d = data(**{"alb.https.certificates": [cert]})
    if bad is None:
        assert is_ok(d)
    else:
        e = error_at(d, f"alb.https.certificates[0].{bad}")
        assert e.rule == "E-ALB-CERTIFICATE-ZONE"
        assert "zones:" in e.fix and "another domain" in e.message


@pytest.mark.parametrize(
    ("name", "base"),
    [("app.example.com", "example.com"), ("*.example.com", "example.com"),
     ("shop.example.co.uk", "example.co.uk"), ("example.com.au", "example.com.au"),
     ("a.b.example.io", "example.io")],
)  # fmt: skip
def test_base_domain(name, base):
    from ecs_wizard.validation.rules.certificates import base_domain

    assert base_domain(name) == base


def test_without_zone_there_is_nothing_to_check():
    cert = {"domain": "example.com", "subject_alternative_names": ["www.example.org"]}
    assert is_ok(data(**{"alb.https.certificates": [cert]}))


@pytest.mark.parametrize(
    ("zones", "message"),
    [({"other.example.net": _ZONE}, "not a name of this certificate"),
     ({"example.com": "zone-1"}, "not a Route 53 hosted zone id")],
)  # fmt: skip
def test_zones_entries(zones, message):
    cert = {"domain": "example.com", "zones": zones}
    e = errors(data(**{"alb.https.certificates": [cert]}))
    assert any(message in m for m in e["alb.https.certificates[0].zones"])


def test_zones_need_a_domain():
    cert = {"arn": CERT, "zones": {"example.com": _ZONE}}
    assert "alb.https.certificates[0].zones" in errors(data(**{"alb.https.certificates": [cert]}))


def test_access_logs_to_an_existing_bucket_explain_the_policy():
    """Issue 10: access logs need a bucket with the region's ELB log-delivery policy."""
    existing = data(**{"alb.access_logs": {"bucket": "shop-logs", "prefix": "prod"}})
    w = warnings(existing)["alb.access_logs.create_bucket"]
    assert any("prod/AWSLogs/" in m and "eu-west-1" in m for m in w), w
    created = data(**{"alb.access_logs": {"bucket": "shop-logs", "create_bucket": True}})
    assert "alb.access_logs.create_bucket" not in warnings(created)
    assert "alb.access_logs.retention_days" in errors(
        data(**{"alb.access_logs": {"bucket": "shop-logs", "retention_days": -1}})
    )


def test_internal_load_balancer_needs_two_private_subnets():
    one = [PRIVATE_SUBNETS[0]]
    e = errors(data(**{"alb.internal": True, "network.private_subnet_ids": one}))
    assert "network.private_subnet_ids" in e
    # An internet-facing load balancer does not use the private subnets.
    assert "network.private_subnet_ids" not in errors(data(**{"network.private_subnet_ids": one}))
    assert "network.private_subnet_ids" not in errors(data(**{"alb.internal": True}))
