"""ALB certificates: existing ACM certificates by ARN, or requested ones (their names, ACM's
quotas, and the Route 53 zones that validate them)."""

from __future__ import annotations

from collections.abc import Iterator

from ecs_wizard.aws import catalog
from ecs_wizard.aws.limits import (
    ACM_FIRST_NAME_MAX,
    ACM_NAMES_DEFAULT_QUOTA,
    ACM_NAMES_PER_CERTIFICATE,
)
from ecs_wizard.model.answers import Answers, Certificate
from ecs_wizard.validation.issues import Issue
from ecs_wizard.validation.patterns import ACM_ARN_RE, DOMAIN_RE, ZONE_RE
from ecs_wizard.validation.registry import check, finding
from ecs_wizard.validation.rules.alb import _CERTIFICATES


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
