"""Contract: what the Python validation accepts for the cluster and its services is what the
ecs-cluster and ecs-service modules accept (limits read from the module source)."""

from __future__ import annotations

import re

from ecs_wizard.aws import catalog, limits, naming
from ecs_wizard.model.answers import (
    Autoscaling,
    ContainerHealthCheck,
    Deployment,
    Ec2Capacity,
    FargateCapacity,
    LoadBalancer,
    Service,
    TargetHealthCheck,
)
from ecs_wizard.validation import patterns
from tests.contracts import tf_source as tf
from tests.contracts.probes import (
    around,
    disagreements,
    python_accepts_only_what_the_module_accepts,
)

IAM_ROLE_NAME_MAX = 64  # AWS IAM quota


def _range(field_owner, name: str) -> tuple[int | None, int | None]:  # type: ignore[no-untyped-def]
    meta = field_owner.model_fields[name].metadata
    ge = next((m.ge for m in meta if hasattr(m, "ge")), None)
    le = next((m.le for m in meta if hasattr(m, "le")), None)
    return ge, le


def _module_table(raw: dict[str, object]) -> dict[int, list[int]]:
    table = {}
    for key, value in raw.items():
        if isinstance(value, list):
            table[int(key.strip('"'))] = value
            continue
        m = re.fullmatch(r"\$\{range\((\d+), (\d+), (\d+)\)\}", str(value))
        assert m, value
        table[int(key.strip('"'))] = list(range(int(m[1]), int(m[2]), int(m[3])))
    return table


def test_fargate_cpu_memory_pairs_match_the_ecs_service_module() -> None:
    module = _module_table(tf.local("ecs-service", "fargate_memory_by_cpu"))
    assert module == catalog.FARGATE_CPU_MEMORY


def test_task_cpu_and_memory_ranges() -> None:
    cpu = tf.bounds(tf.condition("ecs-service", "cpu", "var.cpu"), "var.cpu")
    memory = tf.bounds(tf.condition("ecs-service", "memory", "var.memory"), "var.memory")
    assert cpu == limits.TASK_CPU_RANGE
    assert memory == limits.TASK_MEMORY_RANGE


def test_containers_per_task_and_task_subnets() -> None:
    containers = tf.condition("ecs-service", "containers", "length(var.containers) <=")
    assert tf.bounds(containers, "length(var.containers)") == (1, limits.CONTAINERS_PER_TASK_MAX)
    subnets = tf.condition("ecs-service", "subnet_ids", "length(var.subnet_ids) <=")
    assert tf.bounds(subnets, "length(var.subnet_ids)") == (1, limits.TASK_SUBNETS_MAX)


def test_service_name_limit_is_the_ecs_limit_and_role_names_fit_iam() -> None:
    pattern = tf.regex_for(tf.condition("ecs-service", "name", "regex("), "var.name")
    assert tf.max_length(pattern) == naming.SERVICE_NAME_MAX
    main = tf.source("ecs-service", "main.tf")
    suffixes = re.findall(
        r'resource "aws_iam_role" "\w+" \{.*? name = "\$\{local\.iam_role_base\}([^"]*)"', main
    )
    assert sorted(suffixes) == sorted(naming.IAM_ROLE_SUFFIXES)
    base = " ".join(tf.local("ecs-service", "iam_role_base").split())
    limit = re.search(r"length\(local\.iam_role_base_full\) <= (\d+)", base)
    cut = re.search(r"substr\(local\.iam_role_base_full, 0, (\d+)\)", base)
    digits = re.search(r"sha256\(local\.iam_role_base_full\), 0, (\d+)\)", base)
    assert limit and cut and digits, base
    assert int(limit[1]) == naming.IAM_ROLE_BASE_MAX
    assert int(cut[1]) + 1 + int(digits[1]) == naming.IAM_ROLE_BASE_MAX
    assert int(digits[1]) == naming.HASH_LEN
    assert naming.IAM_ROLE_BASE_MAX + max(map(len, suffixes)) == IAM_ROLE_NAME_MAX
    full = " ".join(tf.local("ecs-service", "iam_role_base_full").split())
    assert full == '"${var.name}-${local.region}"', full


def test_target_group_name_leaves_room_for_the_module_suffix() -> None:
    expr = tf.condition("ecs-service", "load_balancer", "target_group_name))")
    pattern = tf.regex_for(expr, "var.load_balancer.target_group_name")
    assert tf.max_length(pattern) == naming.TARGET_GROUP_NAME_MAX
    assert "internal-" in expr
    suffixed = " ".join(tf.local("ecs-service", "target_group_name").split())
    cut = re.search(r"substr\(var\.load_balancer\.target_group_name, 0, (\d+)\)", suffixed)
    digits = re.search(r"\)\), 0, (\d+)\)", suffixed)
    assert cut and digits and '"%s-%s"' in suffixed
    assert int(cut[1]) == naming.TARGET_GROUP_BASE_MAX
    assert int(cut[1]) + 1 + int(digits[1]) == naming.TARGET_GROUP_NAME_MAX
    for project, env, service in [
        ("a" * 30, "prod", "web"),
        ("internal", "x", "api"),
        ("p", "e", "s" * 60),
        ("x", "y", "z"),
    ]:
        name = naming.target_group_name(project, env, service)
        assert len(name) <= naming.TARGET_GROUP_BASE_MAX and pattern.fullmatch(name), name
        assert not name.lower().startswith("internal-"), name


def test_container_names_match_the_module() -> None:
    expr = tf.condition("ecs-service", "containers", "c.name))")
    module = tf.regex_for(expr, "c.name")
    probes = ["app", "App_1", "a-b", "-a", "_a", "9x", "a.b", "a b", "ä", "", *around(255)]
    assert not disagreements(patterns.CONTAINER_NAME_RE, module, probes)


def test_variable_names_the_wizard_accepts_are_accepted_by_the_module() -> None:
    expr = tf.condition("ecs-service", "containers", "keys(c.environment), keys(c.secrets)) :")
    module = tf.regex_for(expr, "k")
    probes = ["PATH", "_x", "a1", "1a", "A-B", "", *around(255, "A")]
    assert not python_accepts_only_what_the_module_accepts(patterns.ENV_NAME_RE, module, probes)


def test_secret_arns_the_wizard_accepts_are_accepted_by_the_module() -> None:
    module = tf.regex_for(tf.condition("ecs-service", "containers", "for k, v in c.secrets"), "v")
    probes = [
        "arn:aws:ssm:eu-west-1:123456789012:parameter/app/db",
        "arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf",
        "arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf:password::",
        "arn:aws:secretsmanager:eu-west-1:123456789012:secret:shop/db",
        "arn:aws:secretsmanager:eu-west-1:123456789012:secret:shop/db:password::",
        "arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf:k:AWSCURRENT:v:extra",
        "arn:aws:secretsmanager:eu-west-1:123456789012:secret:",
        "arn:aws:secretsmanager:eu-west-1:123456789012:secret:a b",
        "arn:aws-us-gov:ssm:us-gov-west-1:123456789012:parameter/x",
        "arn:aws:ssm:eu-west-1:1234:parameter/x",
        "arn:aws:s3:::bucket",
    ]
    assert not python_accepts_only_what_the_module_accepts(patterns.SECRET_ARN_RE, module, probes)


def test_container_health_check_bounds() -> None:
    expr = tf.condition("ecs-service", "containers", "c.health_check.interval")
    for name in ("interval", "timeout", "retries", "start_period"):
        module = tf.bounds(expr, f"c.health_check.{name}")
        assert _range(ContainerHealthCheck, name) == module, name


def test_target_health_check_and_load_balancer_bounds() -> None:
    timing = tf.condition("ecs-service", "load_balancer", "health_check.interval >=")
    thresholds = tf.condition("ecs-service", "load_balancer", "healthy_threshold >=")
    for name, expr in [
        ("interval", timing),
        ("timeout", timing),
        ("healthy_threshold", thresholds),
        ("unhealthy_threshold", thresholds),
    ]:
        module = tf.bounds(expr, f"var.load_balancer.health_check.{name}")
        assert _range(TargetHealthCheck, name) == module, name
    delay = tf.condition("ecs-service", "load_balancer", "deregistration_delay >=")
    assert _range(LoadBalancer, "deregistration_delay") == tf.bounds(
        delay, "var.load_balancer.deregistration_delay"
    )


def test_counts_and_scaling_within_the_module_ranges() -> None:
    desired = tf.condition("ecs-service", "desired_count", "var.desired_count")
    assert _range(Service, "desired_count") == tf.bounds(desired, "var.desired_count")
    scaling = tf.condition("ecs-service", "autoscaling", "max_capacity <=")
    assert _range(Autoscaling, "max")[1] == tf.bounds(scaling, "var.autoscaling.max_capacity")[1]
    targets = tf.condition("ecs-service", "autoscaling", "cpu_target >=")
    assert _range(Autoscaling, "cpu_percent") == tf.bounds(targets, "var.autoscaling.cpu_target")
    assert _range(Autoscaling, "memory_percent") == tf.bounds(
        targets, "var.autoscaling.memory_target"
    )
    healthy = tf.condition("ecs-service", "deployment_minimum_healthy_percent", ">=")
    assert _range(Deployment, "minimum_healthy_percent") == tf.bounds(
        healthy, "var.deployment_minimum_healthy_percent"
    )
    # The wizard is stricter than the module here (at most 400 %): inside its range is enough.
    lo, hi = tf.bounds(
        tf.condition("ecs-service", "deployment_maximum_percent", ">="),
        "var.deployment_maximum_percent",
    )
    py_lo, py_hi = _range(Deployment, "maximum_percent")
    assert lo is not None and hi is not None and py_lo is not None and py_hi is not None
    assert lo <= py_lo <= py_hi <= hi


def test_log_retention_values_match_both_modules() -> None:
    cluster = tf.contains_list(tf.condition("ecs-cluster", "log_retention_days", "contains("))
    service = tf.contains_list(tf.condition("ecs-service", "log_retention_days", "contains("))
    assert cluster == catalog.LOG_RETENTION_DAYS
    # 0 (never expire) is valid for the exec log group only; validation refuses it for services.
    assert service == [d for d in catalog.LOG_RETENTION_DAYS if d != 0]


def test_cluster_settings_match_the_ecs_cluster_module() -> None:
    insights = tf.condition("ecs-cluster", "container_insights", "contains(")
    assert tuple(tf.contains_list(insights)) == catalog.CONTAINER_INSIGHTS
    fargate = tf.condition("ecs-cluster", "fargate", "var.fargate.weight >=")
    assert _range(FargateCapacity, "weight") == tf.bounds(fargate, "var.fargate.weight")
    assert _range(FargateCapacity, "base") == tf.bounds(fargate, "var.fargate.base")
    ec2 = tf.condition("ecs-cluster", "ec2", "var.ec2.weight >=")
    assert _range(Ec2Capacity, "weight") == tf.bounds(ec2, "var.ec2.weight")
    assert _range(Ec2Capacity, "base") == tf.bounds(ec2, "var.ec2.base")
    volume = tf.condition("ecs-cluster", "ec2", "root_volume_gb >=")
    assert _range(Ec2Capacity, "root_volume_gb") == tf.bounds(volume, "var.ec2.root_volume_gb")
    target = tf.condition("ecs-cluster", "ec2", "target_capacity_percent >=")
    assert _range(Ec2Capacity, "target_capacity_percent") == tf.bounds(
        target, "var.ec2.target_capacity_percent"
    )


def test_ec2_ids_the_wizard_accepts_are_accepted_by_the_module() -> None:
    ami = tf.regex_for(
        tf.condition("ecs-cluster", "ec2", "var.ec2.ami_id"),
        'coalesce(var.ec2.ami_id, "ami-00000000")',
    )
    probes = [f"ami-{'0' * n}" for n in (7, 8, 9, 17, 18)] + ["ami-ABCDEF12"]
    assert not python_accepts_only_what_the_module_accepts(patterns.AMI_RE, ami, probes)
    types = tf.regex_for(
        tf.condition("ecs-cluster", "ec2", "true : alltrue([for t in concat("), "t"
    )
    probes = ["t3.medium", "m7g.large", "u-6tb1.metal", "T3.large", "t3", ".large", "t3.large.x"]
    assert not disagreements(patterns.INSTANCE_TYPE_RE, types, probes)


def test_reserved_tags_are_the_provider_default_tags() -> None:
    versions = " ".join((tf.ROOT_DIR / "versions.tf").read_text(encoding="utf-8").split())
    assert "default_tags { tags = local.project_tags }" in versions, "root/versions.tf"
    # local.project_tags (root/main.tf) is also what the cluster module puts on instances.
    main = " ".join((tf.ROOT_DIR / "main.tf").read_text(encoding="utf-8").split())
    block = re.search(r"project_tags = merge\(var\.project\.tags, \{(.*?)\}\)", main)
    assert block, "root/main.tf: local.project_tags not found"
    keys = set(re.findall(r"(\w+) =", block[1]))
    assert keys == patterns.RESERVED_TAGS
