"""Contract: what the Python validation accepts for the load balancer and its listener rules is
what the alb and alb-rule modules accept (limits read from ecs_wizard/modules/*/variables.tf)."""

from __future__ import annotations

from ecs_wizard.aws import catalog, limits, naming
from ecs_wizard.model.answers import Alb, HttpsListener
from ecs_wizard.validation import patterns
from tests.contracts import tf_source as tf
from tests.contracts.probes import (
    around,
    disagreements,
    python_accepts_only_what_the_module_accepts,
)

# Policies the alb module accepts that the wizard does not offer (it refuses them): FIPS and
# post-quantum variants. A change on either side must update this list knowingly.
MODULE_ONLY_TLS_POLICIES = {
    "ELBSecurityPolicy-TLS13-1-2-Res-FIPS-2023-04",
    "ELBSecurityPolicy-TLS13-1-2-Ext0-FIPS-2023-04",
    "ELBSecurityPolicy-TLS13-1-2-Ext1-FIPS-2023-04",
    "ELBSecurityPolicy-TLS13-1-2-Ext2-FIPS-2023-04",
    "ELBSecurityPolicy-TLS13-1-2-PQ-2025-09",
    "ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09",
    "ELBSecurityPolicy-TLS13-1-2-Ext1-PQ-2025-09",
    "ELBSecurityPolicy-TLS13-1-2-Ext2-PQ-2025-09",
    "ELBSecurityPolicy-TLS13-1-3-PQ-2025-09",
    "ELBSecurityPolicy-TLS13-1-2-FIPS-PQ-2025-09",
    "ELBSecurityPolicy-TLS13-1-2-Res-FIPS-PQ-2025-09",
    "ELBSecurityPolicy-TLS13-1-2-Ext0-FIPS-PQ-2025-09",
    "ELBSecurityPolicy-TLS13-1-2-Ext1-FIPS-PQ-2025-09",
    "ELBSecurityPolicy-TLS13-1-2-Ext2-FIPS-PQ-2025-09",
    "ELBSecurityPolicy-TLS13-1-3-FIPS-PQ-2025-09",
}


def test_tls_policies_match_the_alb_module() -> None:
    module = tf.contains_list(tf.condition("alb", "https", "var.https.ssl_policy"))
    assert len(module) == len(set(module))
    assert set(catalog.TLS_POLICIES) <= set(module), "the wizard offers a policy the module refuses"
    assert set(module) - set(catalog.TLS_POLICIES) == MODULE_ONLY_TLS_POLICIES
    assert len(catalog.TLS_POLICIES) == len(set(catalog.TLS_POLICIES))


def test_default_tls_policy_is_the_module_default() -> None:
    module_default = tf.optional_default(tf.variable("alb", "https")["type"], "ssl_policy")
    assert module_default == catalog.DEFAULT_TLS_POLICY
    assert HttpsListener.model_fields["ssl_policy"].default == module_default


def test_alb_name_limit_and_reserved_prefix() -> None:
    pattern = tf.regex_for(tf.condition("alb", "name", "regex("), "var.name")
    assert tf.max_length(pattern) == naming.ALB_NAME_MAX
    assert "internal-" in tf.condition("alb", "name", '"internal-"')
    for project, env in [
        ("a" * 40, "prod"),
        ("internal", "x"),
        ("internal-app", "prod"),
        ("app", "e" * 40),
        ("x", "y"),
    ]:
        name = naming.alb_name(project, env)
        assert pattern.fullmatch(name), name
        assert not name.lower().startswith("internal-"), name


def test_listener_rule_condition_limits() -> None:
    per_condition = tf.condition("alb-rule", "conditions", "length(l) <= ")
    assert tf.upper_bound(per_condition, "length(l)") == limits.VALUES_PER_CONDITION_MAX
    assert tf.bounds(per_condition, "length(h.values)") == (1, limits.VALUES_PER_CONDITION_MAX)
    assert tf.bounds(per_condition, "length(q)") == (1, limits.VALUES_PER_CONDITION_MAX)
    total = tf.condition(
        "alb-rule", "conditions", "[for h in var.conditions.http_headers : length(h.values)]"
    )
    assert tf.upper_bound(total, ")))") == catalog.CONDITION_VALUES_PER_RULE
    wildcards = tf.condition("alb-rule", "conditions", 'regexall("[*?]", s)')
    assert tf.upper_bound(wildcards, "s))]))") == catalog.WILDCARDS_PER_RULE


def test_listener_rule_value_lengths() -> None:
    headers = tf.condition("alb-rule", "conditions", "h.name")
    assert tf.bounds(headers, "length(v)") == (1, catalog.HTTP_HEADER_VALUE_MAX_LEN)
    queries = tf.condition("alb-rule", "conditions", "length(p.value) >= 1")
    assert tf.bounds(queries, "length(p.value)") == (1, catalog.QUERY_STRING_MAX_LEN)
    assert tf.upper_bound(queries, 'length(coalesce(p.key, "x"))') == catalog.QUERY_STRING_MAX_LEN


def test_listener_rule_priority_range() -> None:
    expr = tf.condition("alb-rule", "priority", "var.priority")
    assert tf.bounds(expr, "var.priority") == (catalog.RULE_PRIORITY_MIN, catalog.RULE_PRIORITY_MAX)


def test_path_patterns_the_wizard_accepts_are_accepted_by_the_module() -> None:
    module = tf.regex_for(tf.condition("alb-rule", "conditions", "path_patterns : can"), "p")
    probes = ["/", "/api/*", "/a?b", "/$x/~y/\"'@:+&", "/a b", "/ä", "/#frag", "api", "/a%20"]
    probes += ["/" + s for s in around(127)] + [s + "/" for s in around(127)]
    assert not python_accepts_only_what_the_module_accepts(patterns.PATH_PATTERN_RE, module, probes)


def test_host_patterns_match_the_module() -> None:
    expr = tf.condition("alb-rule", "conditions", "host_headers : can")
    module = tf.regex_for(expr, "h")
    assert 'strcontains(h, ".")' in expr  # the wizard checks the dot separately
    probes = ["api.example.com", "*.example.org", "a?.b", "a_b.c", "a b.c", "ä.com", "x"]
    probes += around(128) + [s + ".c" for s in around(126)]
    assert not disagreements(patterns.HOST_PATTERN_RE, module, probes)


def test_header_names_and_methods_match_the_module() -> None:
    expr = tf.condition("alb-rule", "conditions", "h.name")
    module = tf.regex_for(expr, "h.name")
    probes = ["X-Env", "x_y", "a!#$%&'*+.^_`|~-", "a b", "a:b", "ä", "", *around(40)]
    assert not disagreements(patterns.HEADER_NAME_RE, module, probes)
    methods = tf.regex_for(
        tf.condition("alb-rule", "conditions", "http_request_methods : can"), "m"
    )
    probes = ["GET", "get", "CUSTOM_X-Y", "G1", "", *around(40, "G")]
    assert not disagreements(patterns.METHOD_RE, methods, probes)


def test_fixed_response_limits_match_both_modules() -> None:
    alb = tf.condition("alb", "default_action", "content_type")
    rule = tf.condition("alb-rule", "action", "var.action.fixed_response.content_type")
    assert tf.contains_list(alb) == list(catalog.FIXED_RESPONSE_CONTENT_TYPES)
    assert tf.contains_list(rule) == list(catalog.FIXED_RESPONSE_CONTENT_TYPES)
    body = tf.condition("alb", "default_action", "message_body")
    assert tf.upper_bound(body, '" "))') == catalog.FIXED_RESPONSE_BODY_MAX
    assert tf.upper_bound(rule, '" "))') == catalog.FIXED_RESPONSE_BODY_MAX


def test_certificates_per_listener() -> None:
    expr = tf.condition("alb", "https", "<= 26")
    assert tf.upper_bound(expr, "length(var.https.certificate_arns)") == (
        catalog.CERTIFICATES_PER_ALB + 1
    )


def test_certificate_domains_the_wizard_accepts_are_accepted_by_the_module() -> None:
    expr = tf.condition("alb", "https", "length(d) <= 253")
    module = tf.regex_for(expr, "d")
    probes = [
        "example.com",
        "*.example.com",
        "a.b.c.example.co.uk",
        "EXAMPLE.com",
        "x",
        "a..b",
        "*.*.example.com",
        "a-.com",
        "-a.com",
        "a.b1",
        "a." + "b" * 63 + ".com",
        "xn--bcher-kva.example",
    ]
    assert not python_accepts_only_what_the_module_accepts(patterns.DOMAIN_RE, module, probes)


def test_certificate_arns_the_wizard_accepts_are_accepted_by_the_module() -> None:
    expr = tf.condition("alb", "https", "var.https.certificate_arns : can")
    module = tf.regex_for(expr, "a")
    probes = [
        "arn:aws:acm:eu-west-1:123456789012:certificate/" + "0" * 8 + "-0000-0000-0000-" + "0" * 12,
        "arn:aws-cn:acm:cn-north-1:123456789012:certificate/" + "a" * 36,
        "arn:aws:acm:eu-west-1:12345678901:certificate/" + "a" * 36,
    ]
    assert not python_accepts_only_what_the_module_accepts(patterns.ACM_ARN_RE, module, probes)


def test_route53_zone_ids_the_wizard_accepts_are_accepted_by_the_module() -> None:
    expr = tf.condition("alb", "https", "route53_zone_id")
    module = tf.regex_for(expr, "c.route53_zone_id")
    probes = ["Z0123456789ABCDEFGHIJ", "Z1", "z1", "Z", "Z" + "A" * 31, "Z" + "A" * 32]
    assert not python_accepts_only_what_the_module_accepts(patterns.ZONE_RE, module, probes)


def test_network_ids_and_alb_settings() -> None:
    vpc = tf.regex_for(tf.condition("alb", "vpc_id", "regex("), "var.vpc_id")
    subnet = tf.regex_for(tf.condition("alb", "subnet_ids", "regex("), "s")
    hexes = ["0" * n for n in (7, 8, 9, 16, 17, 18)] + ["A" * 8, "g" * 8]
    assert not disagreements(patterns.VPC_RE, vpc, [f"vpc-{h}" for h in hexes])
    assert not disagreements(patterns.SUBNET_RE, subnet, [f"subnet-{h}" for h in hexes])
    assert "length(var.subnet_ids) >= 2" in tf.condition("alb", "subnet_ids", ">= 2")
    bucket = tf.regex_for(tf.condition("alb", "access_logs", "regex("), "var.access_logs.bucket")
    probes = ["my-logs", "my.logs.1", "ab", "abc", "-abc", "abc-", "ABC", *around(63)]
    assert not disagreements(patterns.BUCKET_RE, bucket, probes)
    idle = tf.bounds(tf.condition("alb", "idle_timeout", "var.idle_timeout"), "var.idle_timeout")
    field = Alb.model_fields["idle_timeout"]
    assert idle == (_ge(field), _le(field))


def _ge(field) -> int:  # type: ignore[no-untyped-def]
    return next(m.ge for m in field.metadata if hasattr(m, "ge"))


def _le(field) -> int:  # type: ignore[no-untyped-def]
    return next(m.le for m in field.metadata if hasattr(m, "le"))


def test_names_that_would_make_sg_prefixed_security_groups_are_refused_on_both_sides() -> None:
    """The alb and ecs-service modules refuse names starting with sg- (AWS refuses such
    security group names); the wizard refuses the project names that would produce them."""
    from ecs_wizard.validation import validate_data
    from tests.answers_fixtures import answers_with

    for module in ("alb", "ecs-service"):
        assert '"sg-"' in tf.condition(module, "name", '"sg-"'), module
    for project, refused in [("sg", True), ("sg-shop", True), ("sgx", False), ("shop", False)]:
        made = naming.alb_name(project, "prod").lower().startswith("sg-")
        paths = {i.path for i in validate_data(answers_with(**{"project.name": project})).errors}
        assert made is refused and ("project.name" in paths) is refused, project
