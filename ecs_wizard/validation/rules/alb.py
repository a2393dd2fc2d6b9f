"""The Application Load Balancer: ingress, access logs and deletion protection, the listeners,
the HTTPS certificates and the default action."""

from __future__ import annotations

import ipaddress
from collections.abc import Iterator

from ecs_wizard import catalog
from ecs_wizard.answers import Answers, Certificate
from ecs_wizard.validation.issues import Issue
from ecs_wizard.validation.limits import (
    ACM_FIRST_NAME_MAX,
    ACM_NAMES_DEFAULT_QUOTA,
    ACM_NAMES_PER_CERTIFICATE,
)
from ecs_wizard.validation.patterns import ACM_ARN_RE, BUCKET_RE, DOMAIN_RE, ZONE_RE, cidr_issue
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


def _certificate_issues(a: Answers, path: str, cert: Certificate) -> Iterator[Issue]:
    if (cert.domain is None) == (cert.arn is None):
        yield finding(
            path,
            "a certificate needs exactly one of `domain` (request a new one) or `arn` "
            "(use an existing one)",
            "set either domain: example.com or arn: arn:aws:acm:...",
        )
        return
    if cert.arn is not None:
        m = ACM_ARN_RE.match(cert.arn)
        if not m:
            yield finding(
                f"{path}.arn",
                "is not an ACM certificate ARN",
                "arn:aws:acm:REGION:ACCOUNT:certificate/UUID",
                cert.arn,
            )
        elif m.group(1) != a.project.region:
            yield finding(
                f"{path}.arn",
                f"the certificate is in {m.group(1)} but the ALB is in {a.project.region}",
                f"use an ACM certificate from {a.project.region}",
                cert.arn,
            )
        if cert.subject_alternative_names or cert.route53_zone_id:
            yield finding(
                path,
                "subject_alternative_names and route53_zone_id only apply with `domain`",
                "remove them",
            )
        return
    names = [("domain", cert.domain)] + [
        (f"subject_alternative_names[{k}]", v) for k, v in enumerate(cert.subject_alternative_names)
    ]
    for key, value in names:
        if not DOMAIN_RE.match(value) or len(value) > 253:
            yield finding(
                f"{path}.{key}",
                "is not a valid domain name",
                "lower-case, e.g. example.com or *.example.com",
                value,
            )
    if cert.route53_zone_id is not None and not ZONE_RE.match(cert.route53_zone_id):
        yield finding(
            f"{path}.route53_zone_id",
            "is not a Route 53 hosted zone id",
            zone_id_fix(cert.route53_zone_id),
            cert.route53_zone_id,
        )


def zone_id_fix(value: str) -> str:
    """The fix for a malformed hosted zone id: the id itself when it is only wrapped."""
    stripped = value.strip().removeprefix("/hostedzone/").strip()
    if stripped != value and ZONE_RE.match(stripped):
        return f"write only the id: {stripped}"
    return "Z followed by at most 31 capital letters and digits, e.g. Z0123456789ABCDEFGHIJ"


@check(
    id="E-ALB-CERTIFICATE",
    severity="error",
    title="HTTPS has 1-26 certificates, each a valid ACM ARN or domain, no duplicates",
    doc=_CERTIFICATES,
    tags=("alb", "certificates"),
)
def certificates(a: Answers) -> Iterator[Issue]:
    https = a.alb.https
    if https is None:
        return
    if not https.certificates:
        yield finding(
            "alb.https.certificates",
            "HTTPS needs at least one certificate",
            "add `- domain: example.com` (new ACM certificate) or `- arn: arn:aws:acm:...`",
        )
    if len(https.certificates) > catalog.CERTIFICATES_PER_ALB + 1:
        yield finding(
            "alb.https.certificates",
            f"more than {catalog.CERTIFICATES_PER_ALB + 1} certificates on one listener",
            "use SANs or wildcard certificates",
        )
    domains: dict[str, int] = {}
    for j, cert in enumerate(https.certificates):
        yield from _certificate_issues(a, f"alb.https.certificates[{j}]", cert)
        if cert.domain is None:
            continue
        key = cert.domain.lower()
        if key in domains:
            yield finding(
                f"alb.https.certificates[{j}].domain",
                f"certificates[{domains[key]}] already requests a certificate for `{cert.domain}`",
                "remove the duplicate, or add extra names as subject_alternative_names",
                cert.domain,
            )
        domains.setdefault(key, j)


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


_ACM_QUOTAS = "https://docs.aws.amazon.com/acm/latest/userguide/acm-limits.html"


def _acm_names(path: str, cert: Certificate) -> Iterator[Issue]:
    if cert.domain is None:
        return
    total = 1 + len(cert.subject_alternative_names)
    if total > ACM_NAMES_PER_CERTIFICATE:
        yield finding(
            f"{path}.subject_alternative_names",
            f"the certificate would have {total} names (the domain and "
            f"{len(cert.subject_alternative_names)} alternative names); ACM allows "
            f"{ACM_NAMES_PER_CERTIFICATE} in all",
            f"keep at most {ACM_NAMES_PER_CERTIFICATE - 1} subject_alternative_names, use a "
            "wildcard such as *.example.com, or split the names over two certificates",
            total,
        )
    if len(cert.domain.encode()) > ACM_FIRST_NAME_MAX:
        yield finding(
            f"{path}.domain",
            f"is {len(cert.domain.encode())} characters; ACM allows at most "
            f"{ACM_FIRST_NAME_MAX} for a certificate's first name (its common name)",
            f"put a name of at most {ACM_FIRST_NAME_MAX} characters (e.g. the parent domain "
            "or a wildcard) in domain and move this one to subject_alternative_names "
            "(up to 253 characters)",
            cert.domain,
        )


@check(
    id="E-ALB-CERTIFICATE-NAMES",
    severity="error",
    title="A new ACM certificate has at most 100 names and a first name of at most 64 characters",
    doc=_ACM_QUOTAS,
    tags=("alb", "certificates"),
)
def certificate_names(a: Answers) -> Iterator[Issue]:
    if a.alb.https is None:
        return
    for j, cert in enumerate(a.alb.https.certificates):
        yield from _acm_names(f"alb.https.certificates[{j}]", cert)


@check(
    id="W-ALB-CERTIFICATE-NAMES-QUOTA",
    severity="warning",
    title="A new ACM certificate has at most 10 names (the default quota) unless raised",
    doc=_ACM_QUOTAS,
    tags=("alb", "certificates", "quotas"),
)
def certificate_names_quota(a: Answers) -> Iterator[Issue]:
    if a.alb.https is None:
        return
    for j, cert in enumerate(a.alb.https.certificates):
        total = 1 + len(cert.subject_alternative_names)
        if cert.domain is not None and ACM_NAMES_DEFAULT_QUOTA < total <= ACM_NAMES_PER_CERTIFICATE:
            yield finding(
                f"alb.https.certificates[{j}].subject_alternative_names",
                f"the certificate has {total} names; ACM's default quota is "
                f"{ACM_NAMES_DEFAULT_QUOTA} per certificate, so the request fails unless the "
                "quota was raised",
                "raise 'Domain names per ACM certificate' in Service Quotas (up to "
                f"{ACM_NAMES_PER_CERTIFICATE}) before apply, or split the names over "
                "certificates or use a wildcard",
                total,
            )


_ROUTE53_ACM = "https://docs.aws.amazon.com/acm/latest/userguide/dns-validation.html"
# Second-level labels under which a two-letter country code makes a public suffix of two
# labels (example.co.uk, example.com.au): enough to tell "another domain" for the usual cases.
_SLD_SUFFIXES = frozenset({"co", "com", "net", "org", "gov", "edu", "ac", "or", "ne", "go"})


def base_domain(name: str) -> str:
    """The registrable domain of `name`, approximately: example.com, example.co.uk."""
    labels = name.lower().removeprefix("*.").rstrip(".").split(".")
    n = 3 if len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in _SLD_SUFFIXES else 2
    return ".".join(labels[-n:])


@check(
    id="E-ALB-CERTIFICATE-ZONE",
    severity="error",
    title="Each certificate name's validation record goes into a Route 53 zone of its own domain",
    doc=_ROUTE53_ACM,
    tags=("alb", "certificates", "dns"),
)
def certificate_zones(a: Answers) -> Iterator[Issue]:
    """Route 53 refuses a record outside the zone, so a SAN in another domain than the
    certificate's `domain` cannot share route53_zone_id: it needs its own `zones` entry."""
    if a.alb.https is None:
        return
    for j, cert in enumerate(a.alb.https.certificates):
        path = f"alb.https.certificates[{j}]"
        zones = cert.zones or {}
        if cert.domain is None:
            if zones:
                yield finding(f"{path}.zones", "only applies with `domain`", "remove it")
            continue
        names = [cert.domain, *cert.subject_alternative_names]
        lowered = {n.lower() for n in names}
        for name, zone in zones.items():
            if name.lower() not in lowered:
                yield finding(
                    f"{path}.zones",
                    f"`{name}` is not a name of this certificate",
                    f"use one of: {', '.join(names)}",
                    name,
                )
            if not ZONE_RE.match(zone):
                yield finding(
                    f"{path}.zones",
                    f"`{zone}` (for {name}) is not a Route 53 hosted zone id",
                    "Z and at most 31 capital letters and digits, e.g. Z0123456789ABCDEFGHIJ",
                    zone,
                )
        if cert.route53_zone_id is None:
            continue
        home = base_domain(cert.domain)
        with_zone = {n.lower() for n in zones}
        for k, san in enumerate(cert.subject_alternative_names):
            if base_domain(san) != home and san.lower() not in with_zone:
                yield finding(
                    f"{path}.subject_alternative_names[{k}]",
                    f"`{san}` is in another domain than `{cert.domain}`, so its DNS validation "
                    f"record cannot go into route53_zone_id {cert.route53_zone_id} (Route 53 "
                    "refuses records outside the zone)",
                    f"add its zone: zones: {{{san}: Z...}} (the hosted zone of "
                    f"{base_domain(san)}), or move it to a certificate of its own",
                    san,
                )


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
