"""rules/alb.py, edge by edge: each rule at its bounds (one in, one out), with the exact message,
fix and value (issue 14: the mutation run of alb.py)."""

from __future__ import annotations

from typing import Any

import pytest

from ecs_wizard.aws import catalog
from ecs_wizard.validation import validate_data
from tests.validation.helpers import CERT, data


def found(d: dict[str, Any], rule: str) -> list[tuple[str, str, str, Any]]:
    return [(i.path, i.message, i.fix, i.value) for i in validate_data(d).issues if i.rule == rule]


def alb(**fields: Any) -> dict[str, Any]:
    return data(**{f"alb.{k}": v for k, v in fields.items()})


def test_ingress_cidrs_each_checked_at_its_index():
    d = alb(ingress_cidrs=["10.0.0.0/8", "10.0.0.1/8", "nonsense"])
    assert found(d, "E-ALB-INGRESS-CIDR") == [
        ("alb.ingress_cidrs[1]", "has host bits set", "use 10.0.0.0/8", "10.0.0.1/8"),
        (
            "alb.ingress_cidrs[2]",
            "is not a valid CIDR block",
            "write it like 10.0.0.0/8",
            "nonsense",
        ),
    ]


def test_no_ingress_warning():
    assert found(alb(ingress_cidrs=[]), "W-ALB-NO-INGRESS") == [
        (
            "alb.ingress_cidrs",
            "is empty: nobody can reach the load balancer",
            "add the networks of your clients, e.g. 0.0.0.0/0 for a public site or your VPC "
            "CIDR (10.0.0.0/16) for an internal one",
            None,
        )
    ]
    assert found(alb(ingress_cidrs=["10.0.0.0/8"]), "W-ALB-NO-INGRESS") == []


@pytest.mark.parametrize(
    ("internal", "cidrs", "warned"),
    [
        (True, ["0.0.0.0/0"], True),
        (True, ["10.0.0.0/8", "::/0"], True),
        (True, ["10.0.0.0/8"], False),
        (False, ["0.0.0.0/0"], False),
    ],
)
def test_internal_open_warning(internal, cidrs, warned):
    expected = (
        "alb.ingress_cidrs",
        "an internal load balancer is open to 0.0.0.0/0",
        "restrict it to your VPC or corporate CIDRs, e.g. 10.0.0.0/8",
        cidrs,
    )
    assert found(alb(internal=internal, ingress_cidrs=cidrs), "W-ALB-INTERNAL-OPEN") == (
        [expected] if warned else []
    )


def test_deletion_protection_warning():
    assert found(alb(deletion_protection=False), "W-ALB-DELETION-PROTECTION") == [
        (
            "alb.deletion_protection",
            "is off: a mistaken `terraform destroy` deletes the load balancer",
            "set deletion_protection: true for production",
            False,
        )
    ]
    assert found(alb(deletion_protection=True), "W-ALB-DELETION-PROTECTION") == []


@pytest.mark.parametrize(
    ("bucket", "ok"),
    [("abc", True), ("a" * 63, True), ("ab", False), ("a" * 64, False), ("Logs", False)],
)
def test_access_log_bucket_names(bucket, ok):
    d = alb(access_logs={"bucket": bucket, "create_bucket": True})
    expected = (
        "alb.access_logs.bucket",
        "is not a valid S3 bucket name",
        "use 3-63 lower-case letters, digits, dots and hyphens",
        bucket,
    )
    assert found(d, "E-ALB-ACCESS-LOGS") == ([] if ok else [expected])


@pytest.mark.parametrize(
    ("prefix", "fix"),
    [
        ("alb", None),
        ("", None),
        ("a/b", None),
        ("/alb", "use e.g. `alb`"),
        ("alb/", "use e.g. `alb`"),
        ("/x/y/", "use e.g. `x/y`"),
        ("AWSLogs", "use e.g. `alb`"),
        ("app/AWSLogs", "use e.g. `app`"),
        ("/", "use e.g. `alb`"),
    ],
)
def test_access_log_prefix(prefix, fix):
    d = alb(access_logs={"bucket": "my-logs", "prefix": prefix, "create_bucket": True})
    expected = (
        "alb.access_logs.prefix",
        "must not start or end with `/` nor contain `AWSLogs` (the load balancer adds "
        "/AWSLogs/<account-id>/ itself)",
        fix,
        prefix,
    )
    assert found(d, "E-ALB-ACCESS-LOGS") == ([expected] if fix else [])


def test_access_logs_bucket_warning_names_bucket_region_and_prefix():
    d = alb(access_logs={"bucket": "my-logs", "prefix": "app", "create_bucket": False})
    message = (
        "bucket `my-logs` must already exist in eu-west-1, encrypted with SSE-S3 (not KMS), "
        "with a bucket policy that lets Elastic Load Balancing write to {}AWSLogs/ — "
        "otherwise creating the load balancer fails with `Access Denied for bucket`"
    )
    fix = (
        "set create_bucket: true to have it created with that policy, or check the bucket "
        "against the linked page (and silence this warning with validation.ignore)"
    )
    assert found(d, "W-ALB-ACCESS-LOGS-BUCKET") == [
        ("alb.access_logs.create_bucket", message.format("app/"), fix, False)
    ]
    d = alb(access_logs={"bucket": "my-logs", "create_bucket": False})
    assert found(d, "W-ALB-ACCESS-LOGS-BUCKET")[0][1] == message.format("")
    d = alb(access_logs={"bucket": "my-logs", "create_bucket": True})
    assert found(d, "W-ALB-ACCESS-LOGS-BUCKET") == []
    assert found(data(), "W-ALB-ACCESS-LOGS-BUCKET") == []


@pytest.mark.parametrize(("port", "ok"), [(0, False), (1, True), (65535, True), (65536, False)])
def test_listener_ports(port, ok):
    http = found(alb(http={"port": port, "redirect_to_https": True}), "E-ALB-LISTENER")
    assert http == ([] if ok else [("alb.http.port", "must be 1-65535", "use 80 / 443", port)])
    d = alb(https={"port": port, "certificates": [{"arn": CERT}]})
    https = [f for f in found(d, "E-ALB-LISTENER") if f[0] == "alb.https.port"]
    assert https == ([] if ok else [("alb.https.port", "must be 1-65535", "use 80 / 443", port)])


def test_redirect_without_https_and_the_same_port_twice():
    d = alb(https=None, http={"port": 80, "redirect_to_https": True})
    assert found(d, "E-ALB-LISTENER") == [
        (
            "alb.http.redirect_to_https",
            "redirecting to HTTPS needs an HTTPS listener",
            "add alb.https with a certificate, or set redirect_to_https: false",
            True,
        )
    ]
    plain = alb(https=None, http={"port": 80, "redirect_to_https": False})
    assert found(plain, "E-ALB-LISTENER") == []
    same = alb(http={"port": 8443}, https={"port": 8443, "certificates": [{"arn": CERT}]})
    assert found(same, "E-ALB-LISTENER") == [
        ("alb.https.port", "is the same as alb.http.port", "use 443", 8443)
    ]


def test_tls_policy():
    https = {"certificates": [{"arn": CERT}], "ssl_policy": "ELBSecurityPolicy-2016-08"}
    assert found(alb(https=https), "E-ALB-LISTENER") == [
        (
            "alb.https.ssl_policy",
            "is not a known TLS 1.2+ security policy",
            f"use {catalog.DEFAULT_TLS_POLICY} (recommended) or another of: "
            + ", ".join(catalog.TLS_POLICIES[1:4]),
            "ELBSecurityPolicy-2016-08",
        )
    ]
    for policy in (catalog.TLS_POLICIES[0], catalog.TLS_POLICIES[-1]):
        https["ssl_policy"] = policy
        assert found(alb(https=https), "E-ALB-LISTENER") == []


def test_https_warnings():
    d = alb(https=None, http={"port": 80})
    assert found(d, "W-ALB-NO-HTTPS") == [
        (
            "alb.https",
            "no HTTPS listener: traffic to the load balancer is not encrypted",
            "add alb.https with a certificate (domain: ... or arn: ...)",
            None,
        )
    ]
    assert found(d, "W-ALB-HTTP-NOT-REDIRECTED") == []
    assert found(data(), "W-ALB-NO-HTTPS") == []
    d = alb(http={"port": 80, "redirect_to_https": False})
    assert found(d, "W-ALB-HTTP-NOT-REDIRECTED") == [
        (
            "alb.http.redirect_to_https",
            "is false: the app is also served over plain HTTP, and routing rules apply only "
            "on the HTTPS listener, so plain-HTTP requests only get the default action",
            "set redirect_to_https: true",
            False,
        )
    ]
    assert found(data(), "W-ALB-HTTP-NOT-REDIRECTED") == []  # redirect defaults on with HTTPS


def _default(**action: Any) -> list[tuple[str, str, str, Any]]:
    return found(alb(default_action=action), "E-ALB-DEFAULT-ACTION")


def test_default_action_forward_and_fixed_response():
    assert _default(forward="web") == []
    assert _default(forward="worker")[0][:2] == (
        "alb.default_action.forward",
        "service `worker` has no load_balancer, so the ALB cannot send traffic to it",
    )
    assert _default(forward="web", fixed_response={"status_code": 404}) == [
        (
            "alb.default_action",
            "sets both forward and fixed_response",
            "keep exactly one of them",
            None,
        )
    ]


@pytest.mark.parametrize(
    ("code", "ok"),
    [
        (199, False),
        (200, True),
        (299, True),
        (300, False),
        (399, False),
        (400, True),
        (599, True),
        (600, False),
    ],
)
def test_fixed_response_status_codes(code, ok):
    expected = (
        "alb.default_action.fixed_response.status_code",
        "must be a 2XX, 4XX or 5XX code",
        "e.g. 404",
        code,
    )
    assert _default(fixed_response={"status_code": code}) == ([] if ok else [expected])


def test_fixed_response_body_is_counted_in_bytes():
    assert _default(fixed_response={"message_body": "a" * 1024}) == []
    assert _default(fixed_response={"message_body": "é" * 512}) == []  # 1024 bytes
    assert _default(fixed_response={"message_body": "é" * 513}) == [
        (
            "alb.default_action.fixed_response.message_body",
            "is longer than 1024 bytes",
            "shorten it",
            513,
        )
    ]


def test_duplicate_ingress_cidrs_compare_networks():
    d = alb(
        ingress_cidrs=["2001:db8::/32", "10.0.0.0/8", "2001:0db8::/32", "10.0.0.0/8", "bad", "bad"]
    )
    assert found(d, "E-ALB-INGRESS-DUPLICATE") == [
        (
            "alb.ingress_cidrs[2]",
            "is the same network as alb.ingress_cidrs[0]",
            "remove this entry (keep alb.ingress_cidrs[0])",
            "2001:0db8::/32",
        ),
        (
            "alb.ingress_cidrs[3]",
            "is the same network as alb.ingress_cidrs[1]",
            "remove this entry (keep alb.ingress_cidrs[1])",
            "10.0.0.0/8",
        ),
        (
            "alb.ingress_cidrs[5]",
            "is the same network as alb.ingress_cidrs[4]",
            "remove this entry (keep alb.ingress_cidrs[4])",
            "bad",
        ),
    ]
    three = alb(ingress_cidrs=["10.0.0.0/8"] * 3)
    assert [f[2] for f in found(three, "E-ALB-INGRESS-DUPLICATE")] == [
        "remove this entry (keep alb.ingress_cidrs[0])"
    ] * 2


def test_default_action_forward_names_the_services_it_could_use():
    assert _default(forward="wbe") == [
        ("alb.default_action.forward", "no service named `wbe`", "did you mean `web`?", "wbe")
    ]
    assert _default(forward="zzz") == [
        ("alb.default_action.forward", "no service named `zzz`", "use one of: web, api", "zzz")
    ]
    assert _default(forward="worker") == [
        (
            "alb.default_action.forward",
            "service `worker` has no load_balancer, so the ALB cannot send traffic to it",
            "add a load_balancer to `worker` or route to one of: web, api",
            "worker",
        )
    ]
    d = alb(default_action={"forward": "zzz"})
    for s in d["services"]:
        s.pop("load_balancer", None)
    d["routing"] = []
    assert found(d, "E-ALB-DEFAULT-ACTION") == [
        ("alb.default_action.forward", "no service named `zzz`", "use one of: -", "zzz")
    ]
    d["alb"]["default_action"] = {"forward": "worker"}
    assert found(d, "E-ALB-DEFAULT-ACTION")[0][2] == (
        "add a load_balancer to `worker` or route to one of: -"
    )


def test_access_log_prefix_fix_keeps_other_characters():
    d = alb(access_logs={"bucket": "my-logs", "prefix": "/Xray/", "create_bucket": True})
    assert found(d, "E-ALB-ACCESS-LOGS")[0][2] == "use e.g. `Xray`"


def test_duplicate_ingress_host_bits_and_distinct_invalid_values():
    d = alb(ingress_cidrs=["10.0.0.0/8", "10.0.0.1/8", "bad", "worse"])
    assert found(d, "E-ALB-INGRESS-DUPLICATE") == [
        (
            "alb.ingress_cidrs[1]",
            "is the same network as alb.ingress_cidrs[0]",
            "remove this entry (keep alb.ingress_cidrs[0])",
            "10.0.0.1/8",
        )
    ]
