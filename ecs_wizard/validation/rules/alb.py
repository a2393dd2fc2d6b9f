"""The Application Load Balancer: ingress, access logs and deletion protection, the listeners,
the HTTPS certificates and the default action."""

from __future__ import annotations

import ipaddress
from collections.abc import Iterator

from ecs_wizard.aws import catalog
from ecs_wizard.model.answers import Answers
from ecs_wizard.validation.issues import Issue
from ecs_wizard.validation.patterns import BUCKET_RE, cidr_issue
from ecs_wizard.validation.registry import check, finding
from ecs_wizard.validation.shape import suggest

_ELB = "https://docs.aws.amazon.com/elasticloadbalancing/latest/application"
_SECURITY_GROUPS = f"{_ELB}/load-balancer-update-security-groups.html"
_ALB = f"{_ELB}/application-load-balancers.html"
_ACCESS_LOGS = f"{_ELB}/enable-access-logging.html"
_LISTENERS = f"{_ELB}/load-balancer-listeners.html"
_HTTPS = f"{_ELB}/create-https-listener.html"
_CERTIFICATES = f"{_HTTPS}#https-listener-certificates"
_DEFAULT_ACTION = f"{_LISTENERS}#listener-rules"


def service_ref_issue(a: Answers, path: str, name: str) -> Issue | None:
    """The issue when `name` is not a service the load balancer can send traffic to."""
    svc = a.service(name)
    lb_names = [s.name for s in a.lb_services()]
    if svc is None:
        best = suggest(name, [s.name for s in a.services])
        return finding(
            path,
            f"no service named `{name}`",
            f"did you mean `{best}`?" if best else f"use one of: {', '.join(lb_names) or '-'}",
            name,
        )
    if svc.load_balancer is None:
        return finding(
            path,
            f"service `{name}` has no load_balancer, so the ALB cannot send traffic to it",
            f"add a load_balancer to `{name}` or route to one of: {', '.join(lb_names) or '-'}",
            name,
        )
    return None


@check(
    id="E-ALB-INGRESS-CIDR",
    severity="error",
    title="Ingress CIDR blocks are valid networks",
    doc=_SECURITY_GROUPS,
    tags=("alb", "network"),
)
def ingress_cidrs(a: Answers) -> Iterator[Issue]:
    for i, cidr in enumerate(a.alb.ingress_cidrs):
        issue = cidr_issue(f"alb.ingress_cidrs[{i}]", cidr)
        if issue:
            yield issue


@check(
    id="W-ALB-NO-INGRESS",
    severity="warning",
    title="Somebody can reach the load balancer",
    doc=_SECURITY_GROUPS,
    tags=("alb", "network"),
)
def no_ingress(a: Answers) -> Iterator[Issue]:
    if not a.alb.ingress_cidrs:
        yield finding(
            "alb.ingress_cidrs",
            "is empty: nobody can reach the load balancer",
            "add the networks of your clients, e.g. 0.0.0.0/0 for a public site or your VPC "
            "CIDR (10.0.0.0/16) for an internal one",
        )


@check(
    id="W-ALB-INTERNAL-OPEN",
    severity="warning",
    title="An internal load balancer is not open to the whole internet",
    doc=_SECURITY_GROUPS,
    tags=("alb", "security"),
)
def internal_open(a: Answers) -> Iterator[Issue]:
    alb = a.alb
    if alb.internal and any(c in ("0.0.0.0/0", "::/0") for c in alb.ingress_cidrs):
        yield finding(
            "alb.ingress_cidrs",
            "an internal load balancer is open to 0.0.0.0/0",
            "restrict it to your VPC or corporate CIDRs, e.g. 10.0.0.0/8",
            alb.ingress_cidrs,
        )


@check(
    id="E-ALB-INTERNAL-SUBNETS",
    severity="error",
    title="An internal load balancer has private subnets in two Availability Zones",
    doc=f"{_ALB}#availability-zones",
    tags=("alb", "network"),
)
def internal_subnets(a: Answers) -> Iterator[Issue]:
    ids = a.network.private_subnet_ids
    if a.alb.internal and 0 < len(set(ids)) < 2:
        yield finding(
            "network.private_subnet_ids",
            "an internal load balancer is placed in the private subnets, and an Application "
            "Load Balancer needs subnets in at least two Availability Zones",
            "list a second private subnet in another AZ, or set alb.internal: false (the load "
            "balancer then uses the public subnets)",
            ids,
        )


@check(
    id="W-ALB-DELETION-PROTECTION",
    severity="warning",
    title="Deletion protection is on",
    doc=f"{_ALB}#deletion-protection",
    tags=("alb", "safety"),
)
def deletion_protection(a: Answers) -> Iterator[Issue]:
    if not a.alb.deletion_protection:
        yield finding(
            "alb.deletion_protection",
            "is off: a mistaken `terraform destroy` deletes the load balancer",
            "set deletion_protection: true for production",
            False,
        )


@check(
    id="E-ALB-ACCESS-LOGS",
    severity="error",
    title="Access logs go to a valid bucket name and prefix",
    doc=_ACCESS_LOGS,
    tags=("alb", "logs"),
)
def access_logs(a: Answers) -> Iterator[Issue]:
    logs = a.alb.access_logs
    if logs is not None and not BUCKET_RE.match(logs.bucket):
        yield finding(
            "alb.access_logs.bucket",
            "is not a valid S3 bucket name",
            "use 3-63 lower-case letters, digits, dots and hyphens",
            logs.bucket,
        )
    prefix = logs.prefix if logs is not None else ""
    if prefix.startswith("/") or prefix.endswith("/") or "AWSLogs" in prefix:
        fixed = prefix.replace("AWSLogs", "").strip("/")
        yield finding(
            "alb.access_logs.prefix",
            "must not start or end with `/` nor contain `AWSLogs` (the load balancer adds "
            "/AWSLogs/<account-id>/ itself)",
            f"use e.g. `{fixed or 'alb'}`" if fixed != prefix else "use e.g. `alb`",
            prefix,
        )


@check(
    id="E-ALB-LISTENER",
    severity="error",
    title="Listener ports, the HTTPS redirect and the TLS policy are valid",
    doc=_LISTENERS,
    tags=("alb", "listeners"),
)
def listeners(a: Answers) -> Iterator[Issue]:
    alb = a.alb
    for key, listener in (("http", alb.http), ("https", alb.https)):
        if listener is not None and not 1 <= listener.port <= 65535:
            yield finding(f"alb.{key}.port", "must be 1-65535", "use 80 / 443", listener.port)
    https = alb.https
    if https is None:
        if alb.http.redirect_to_https:
            yield finding(
                "alb.http.redirect_to_https",
                "redirecting to HTTPS needs an HTTPS listener",
                "add alb.https with a certificate, or set redirect_to_https: false",
                True,
            )
        return
    if https.port == alb.http.port:
        yield finding("alb.https.port", "is the same as alb.http.port", "use 443", https.port)
    if https.ssl_policy not in catalog.TLS_POLICIES:
        yield finding(
            "alb.https.ssl_policy",
            "is not a known TLS 1.2+ security policy",
            f"use {catalog.DEFAULT_TLS_POLICY} (recommended) or another of: "
            + ", ".join(catalog.TLS_POLICIES[1:4]),
            https.ssl_policy,
        )


@check(
    id="W-ALB-NO-HTTPS",
    severity="warning",
    title="The load balancer has an HTTPS listener",
    doc=_HTTPS,
    tags=("alb", "listeners", "security"),
)
def no_https(a: Answers) -> Iterator[Issue]:
    if a.alb.https is None:
        yield finding(
            "alb.https",
            "no HTTPS listener: traffic to the load balancer is not encrypted",
            "add alb.https with a certificate (domain: ... or arn: ...)",
        )


@check(
    id="W-ALB-HTTP-NOT-REDIRECTED",
    severity="warning",
    title="With HTTPS, plain HTTP redirects to it",
    doc=f"{_LISTENERS}#redirect-actions",
    tags=("alb", "listeners", "security"),
)
def http_not_redirected(a: Answers) -> Iterator[Issue]:
    if a.alb.https is not None and not a.alb.http.redirect_to_https:
        yield finding(
            "alb.http.redirect_to_https",
            "is false: the app is also served over plain HTTP, and routing rules apply "
            "only on the HTTPS listener, so plain-HTTP requests only get the default action",
            "set redirect_to_https: true",
            False,
        )


@check(
    id="E-ALB-DEFAULT-ACTION",
    severity="error",
    title="The default action forwards to a load-balanced service or returns a valid response",
    doc=_DEFAULT_ACTION,
    tags=("alb", "routing"),
)
def default_action(a: Answers) -> Iterator[Issue]:
    da = a.alb.default_action
    path = "alb.default_action"
    if da.forward is not None and da.fixed_response is not None:
        yield finding(path, "sets both forward and fixed_response", "keep exactly one of them")
    if da.forward is not None:
        issue = service_ref_issue(a, f"{path}.forward", da.forward)
        if issue:
            yield issue
    if da.fixed_response is not None:
        fr = da.fixed_response
        if not (200 <= fr.status_code <= 299 or 400 <= fr.status_code <= 599):
            yield finding(
                f"{path}.fixed_response.status_code",
                "must be a 2XX, 4XX or 5XX code",
                "e.g. 404",
                fr.status_code,
            )
        if len(fr.message_body.encode()) > catalog.FIXED_RESPONSE_BODY_MAX:
            yield finding(
                f"{path}.fixed_response.message_body",
                "is longer than 1024 bytes",
                "shorten it",
                len(fr.message_body),
            )


# -- Answers that `validate` let through and plan or apply refused (issue 11) ---------------


@check(
    id="E-ALB-INGRESS-DUPLICATE",
    severity="error",
    title="Ingress CIDR blocks are listed once",
    doc=_SECURITY_GROUPS,
    tags=("alb", "network"),
)
def duplicate_ingress_cidrs(a: Answers) -> Iterator[Issue]:
    """The alb module refuses duplicates, and AWS refuses a second rule for the same network
    (it compares canonical forms, so 2001:db8::/32 and 2001:0db8::/32 are the same)."""
    seen: dict[object, int] = {}
    for i, cidr in enumerate(a.alb.ingress_cidrs):
        try:
            key: object = ipaddress.ip_network(cidr, strict=False)
        except ValueError:
            key = cidr  # reported by E-ALB-INGRESS-CIDR
        if key in seen:
            yield finding(
                f"alb.ingress_cidrs[{i}]",
                f"is the same network as alb.ingress_cidrs[{seen[key]}]",
                f"remove this entry (keep alb.ingress_cidrs[{seen[key]}])",
                cidr,
            )
        seen.setdefault(key, i)


@check(
    id="W-ALB-ACCESS-LOGS-BUCKET",
    severity="warning",
    title="An access-log bucket that is not created here must already allow ELB log delivery",
    doc=f"{_ACCESS_LOGS}#attach-bucket-policy",
    tags=("alb", "logs"),
)
def access_logs_bucket(a: Answers) -> Iterator[Issue]:
    logs = a.alb.access_logs
    if logs is None or logs.create_bucket:
        return
    yield finding(
        "alb.access_logs.create_bucket",
        f"bucket `{logs.bucket}` must already exist in {a.project.region}, encrypted with SSE-S3 "
        "(not KMS), with a bucket policy that lets Elastic Load Balancing write to "
        f"{logs.prefix + '/' if logs.prefix else ''}AWSLogs/ — otherwise creating the load "
        "balancer fails with `Access Denied for bucket`",
        "set create_bucket: true to have it created with that policy, or check the bucket "
        "against the linked page (and silence this warning with validation.ignore)",
        False,
    )
