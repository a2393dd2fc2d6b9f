"""Contract: the length and count limits added for issue 11 are the ones the modules enforce
(read from ecs_wizard/modules/*/variables.tf)."""

from __future__ import annotations

from ecs_wizard.aws import limits
from tests.contracts import tf_source as tf


def test_image_reference_length_matches_the_ecs_service_module() -> None:
    expr = tf.condition("ecs-service", "containers", "c.image")
    assert tf.max_length(tf.regex_for(expr, "c.image")) == limits.IMAGE_MAX_LEN


def test_health_check_path_length_matches_the_ecs_service_module() -> None:
    expr = tf.condition("ecs-service", "load_balancer", "health_check.path")
    assert tf.upper_bound(expr, "length(var.load_balancer.health_check.path)") == (
        limits.HEALTH_CHECK_PATH_MAX
    )


def test_acm_name_limits_match_the_alb_module() -> None:
    sans = tf.condition("alb", "https", "length(c.subject_alternative_names)")
    # The module counts alternative names; the domain itself is the 100th name.
    assert tf.upper_bound(sans, "length(c.subject_alternative_names)") + 1 == (
        limits.ACM_NAMES_PER_CERTIFICATE
    )
    first = tf.condition("alb", "https", "length(c.domain)")
    assert tf.upper_bound(first, "length(c.domain)") == limits.ACM_FIRST_NAME_MAX


def test_tags_per_resource_matches_the_ecs_cluster_module() -> None:
    expr = tf.condition("ecs-cluster", "tags", "AmazonECSManaged")
    assert tf.upper_bound(expr, "}))") == limits.TAGS_PER_RESOURCE_MAX
