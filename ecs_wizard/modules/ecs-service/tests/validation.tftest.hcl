# Input validation: every guarded rule rejects a bad value (expect_failures), and a
# well-formed configuration passes.

# A mock provider keeps the 50+ runs fast: validation and preconditions are evaluated by
# Terraform itself, before any provider call (the real-provider plans are in the other files).
mock_provider "aws" {}

variables {
  name        = "shop-prod-web"
  cluster_arn = "arn:aws:ecs:eu-west-1:123456789012:cluster/shop-prod"
  # ECS copies the cluster default onto a service created without one: the module needs one.
  capacity_provider_strategy = [{ capacity_provider = "FARGATE", weight = 1, base = 0 }]
  vpc_id                     = "vpc-0a1b2c3d4e5f60718"
  subnet_ids                 = ["subnet-0bbbbbbbbbbbbbbb1"]
  containers = [{
    name          = "web"
    image         = "public.ecr.aws/nginx/nginx:1.27"
    port_mappings = [{ container_port = 80 }]
  }]
  load_balancer = {
    container_name        = "web"
    container_port        = 80
    alb_security_group_id = "sg-0ccccccccccccccc1"
    target_group_name     = "shop-prod-web"
  }
}

run "valid_baseline" {
  command = plan

  assert {
    condition     = length(aws_lb_target_group.this) == 1
    error_message = "The baseline configuration must plan."
  }
}

# Variable validations, batched: each run sets one bad value for several different variables
# (never two for the same variable), and every one of them must be rejected.

run "invalid_inputs_1" {
  command = plan

  # autoscaling_min_above_max, strategy_all_zero_weights, cluster_arn_not_an_arn, no_containers,
  # cpu_out_of_range, bad_architecture, max_percent_below_100, min_healthy_above_100,
  # desired_count_negative, bad_egress_cidr, bad_egress_port, bad_launch_type,
  # target_group_name_too_long, bad_retention, memory_out_of_range, name_with_spaces,
  # bad_region, bad_compatibility, bad_kms_key, no_subnets, bad_policy_arn, bad_vpc_id
  variables {
    autoscaling                        = { min_capacity = 5, max_capacity = 2, cpu_target = 50 }
    capacity_provider_strategy         = [{ capacity_provider = "FARGATE", weight = 0 }]
    cluster_arn                        = "shop-prod"
    containers                         = []
    cpu                                = 64
    cpu_architecture                   = "arm"
    deployment_maximum_percent         = 50
    deployment_minimum_healthy_percent = 150
    desired_count                      = -1
    egress_cidr_blocks                 = ["10.0.0.0/33"]
    egress_ports                       = [0]
    launch_type                        = "EXTERNAL"
    load_balancer = {
      container_name        = "web"
      container_port        = 80
      alb_security_group_id = "sg-0ccccccccccccccc1"
      target_group_name     = "ttttttttttttttttttttttttttttttttt"
    }
    log_retention_days       = 10
    memory                   = 100
    name                     = "shop web"
    region                   = "Europe"
    requires_compatibilities = ["EXTERNAL"]
    secrets_kms_key_arns     = ["alias/my-key"]
    subnet_ids               = []
    task_role_policy_arns    = { s3 = "AmazonS3ReadOnlyAccess" }
    vpc_id                   = "vpc-xyz"
  }

  expect_failures = [var.autoscaling, var.capacity_provider_strategy, var.cluster_arn, var.containers, var.cpu, var.cpu_architecture, var.deployment_maximum_percent, var.deployment_minimum_healthy_percent, var.desired_count, var.egress_cidr_blocks, var.egress_ports, var.launch_type, var.load_balancer, var.log_retention_days, var.memory, var.name, var.region, var.requires_compatibilities, var.secrets_kms_key_arns, var.subnet_ids, var.task_role_policy_arns, var.vpc_id]
}

run "invalid_inputs_2" {
  command = plan

  # autoscaling_without_target, strategy_two_bases, duplicate_container_names,
  # target_group_name_hyphen_end, name_too_long, bad_subnet_id
  variables {
    autoscaling                = { min_capacity = 1, max_capacity = 2 }
    capacity_provider_strategy = [{ capacity_provider = "FARGATE", base = 1 }, { capacity_provider = "FARGATE_SPOT", base = 1 }]
    containers                 = [{ name = "web", image = "nginx" }, { name = "web", image = "redis" }]
    load_balancer = {
      container_name        = "web"
      container_port        = 80
      alb_security_group_id = "sg-0ccccccccccccccc1"
      target_group_name     = "shop-"
    }
    name       = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" # 256: one over the ECS service name limit
    subnet_ids = ["subnet-1"]
  }

  expect_failures = [var.autoscaling, var.capacity_provider_strategy, var.containers, var.load_balancer, var.name, var.subnet_ids]
}

run "invalid_inputs_3" {
  command = plan

  # autoscaling_cpu_above_100, strategy_duplicate_provider, bad_container_name,
  # lb_port_out_of_range, duplicate_subnets
  variables {
    autoscaling                = { min_capacity = 1, max_capacity = 2, cpu_target = 150 }
    capacity_provider_strategy = [{ capacity_provider = "FARGATE" }, { capacity_provider = "FARGATE" }]
    containers                 = [{ name = "web app", image = "nginx" }]
    load_balancer = {
      container_name        = "web"
      container_port        = 0
      alb_security_group_id = "sg-0ccccccccccccccc1"
      target_group_name     = "shop-prod-web"
    }
    subnet_ids = ["subnet-0bbbbbbbbbbbbbbb1", "subnet-0bbbbbbbbbbbbbbb1"]
  }

  expect_failures = [var.autoscaling, var.capacity_provider_strategy, var.containers, var.load_balancer, var.subnet_ids]
}

run "invalid_inputs_4" {
  command = plan

  # empty_image, lb_bad_alb_sg
  variables {
    containers = [{ name = "web", image = "" }]
    load_balancer = {
      container_name        = "web"
      container_port        = 80
      alb_security_group_id = "alb-sg"
      target_group_name     = "shop-prod-web"
    }
  }

  expect_failures = [var.containers, var.load_balancer]
}

run "invalid_inputs_5" {
  command = plan

  # no_essential_container, lb_bad_arn_suffix
  variables {
    containers = [{ name = "web", image = "nginx", essential = false }]
    load_balancer = {
      container_name        = "web"
      container_port        = 80
      alb_security_group_id = "sg-0ccccccccccccccc1"
      target_group_name     = "shop-prod-web"
      alb_arn_suffix        = "shop-prod"
    }
  }

  expect_failures = [var.containers, var.load_balancer]
}

run "invalid_inputs_6" {
  command = plan

  # port_zero, health_check_path
  variables {
    containers = [{ name = "web", image = "nginx", port_mappings = [{ container_port = 0 }] }]
    load_balancer = {
      container_name        = "web"
      container_port        = 80
      alb_security_group_id = "sg-0ccccccccccccccc1"
      target_group_name     = "shop-prod-web"
      health_check          = { path = "healthz" }
    }
  }

  expect_failures = [var.containers, var.load_balancer]
}

run "invalid_inputs_7" {
  command = plan

  # port_too_high, health_check_matcher
  variables {
    containers = [{ name = "web", image = "nginx", port_mappings = [{ container_port = 70000 }] }]
    load_balancer = {
      container_name        = "web"
      container_port        = 80
      alb_security_group_id = "sg-0ccccccccccccccc1"
      target_group_name     = "shop-prod-web"
      health_check          = { matcher = "ok" }
    }
  }

  expect_failures = [var.containers, var.load_balancer]
}

run "invalid_inputs_8" {
  command = plan

  # duplicate_ports, health_check_timeout_not_below_interval
  variables {
    containers = [{ name = "a", image = "nginx", port_mappings = [{ container_port = 80 }] }, { name = "b", image = "nginx", port_mappings = [{ container_port = 80 }] }]
    load_balancer = {
      container_name        = "web"
      container_port        = 80
      alb_security_group_id = "sg-0ccccccccccccccc1"
      target_group_name     = "shop-prod-web"
      health_check          = { interval = 10, timeout = 10 }
    }
  }

  expect_failures = [var.containers, var.load_balancer]
}

run "invalid_inputs_9" {
  command = plan

  # bad_protocol, health_check_thresholds
  variables {
    containers = [{ name = "web", image = "nginx", port_mappings = [{ container_port = 80, protocol = "sctp" }] }]
    load_balancer = {
      container_name        = "web"
      container_port        = 80
      alb_security_group_id = "sg-0ccccccccccccccc1"
      target_group_name     = "shop-prod-web"
      health_check          = { healthy_threshold = 1 }
    }
  }

  expect_failures = [var.containers, var.load_balancer]
}

run "invalid_inputs_10" {
  command = plan

  # bad_env_name, deregistration_delay
  variables {
    containers = [{ name = "web", image = "nginx", environment = { "1-BAD" = "x" } }]
    load_balancer = {
      container_name        = "web"
      container_port        = 80
      alb_security_group_id = "sg-0ccccccccccccccc1"
      target_group_name     = "shop-prod-web"
      deregistration_delay  = 4000
    }
  }

  expect_failures = [var.containers, var.load_balancer]
}

run "invalid_inputs_11" {
  command = plan

  # bad_health_check, stickiness_duration
  variables {
    containers = [{ name = "web", image = "nginx", health_check = { command = ["curl", "localhost"] } }]
    load_balancer = {
      container_name        = "web"
      container_port        = 80
      alb_security_group_id = "sg-0ccccccccccccccc1"
      target_group_name     = "shop-prod-web"
      stickiness            = { cookie_duration = 0 }
    }
  }

  expect_failures = [var.containers, var.load_balancer]
}

run "invalid_inputs_12" {
  command = plan

  # health_check_interval, protocol_version
  variables {
    containers = [{ name = "web", image = "nginx", health_check = { command = ["CMD", "true"], interval = 1 } }]
    load_balancer = {
      container_name        = "web"
      container_port        = 80
      alb_security_group_id = "sg-0ccccccccccccccc1"
      target_group_name     = "shop-prod-web"
      protocol_version      = "GRPC"
    }
  }

  expect_failures = [var.containers, var.load_balancer]
}

run "invalid_inputs_13" {
  command = plan

  # reservation_above_memory
  variables {
    containers = [{ name = "web", image = "nginx", memory = 256, memory_reservation = 512 }]
  }

  expect_failures = [var.containers]
}

# Single rules: each run breaks exactly one validation that the batches above do not isolate
# (another rule on the same variable would fail as well, or no batch covers it), so deleting
# that validation (benchmarks/tf_validation_mutation.py) makes the run fail.

run "too_many_tags" {
  command = plan
  variables {
    tags = { for i in range(46) : "key${i}" => "value" }
  }
  expect_failures = [var.tags]
}

run "reserved_tag_key" {
  command = plan
  variables {
    tags = { "aws:owner" = "me" }
  }
  expect_failures = [var.tags]
}

run "more_than_ten_containers" {
  command = plan
  variables {
    # Eleven valid, essential containers: only the 1-10 rule fails (an empty list would also
    # break "at least one essential container").
    containers = concat(
      [{ name = "web", image = "public.ecr.aws/nginx/nginx:1.27", port_mappings = [{ container_port = 80 }] }],
      [for i in range(10) : { name = "sidecar-${i}", image = "public.ecr.aws/nginx/nginx:1.27" }],
    )
  }
  expect_failures = [var.containers]
}

run "bad_app_protocol" {
  command = plan
  variables {
    containers = [{ name = "web", image = "nginx", port_mappings = [{ container_port = 80, app_protocol = "http3" }] }]
  }
  expect_failures = [var.containers]
}

run "bad_port_mapping_name" {
  command = plan
  variables {
    containers = [{ name = "web", image = "nginx", port_mappings = [{ container_port = 80, name = "Web" }] }]
  }
  expect_failures = [var.containers]
}

run "bad_log_group_name" {
  command = plan
  variables {
    log_group_name = "/ecs/shop prod web"
  }
  expect_failures = [var.log_group_name]
}

run "bad_log_group_kms_key" {
  command = plan
  variables {
    log_group_kms_key_arn = "alias/logs"
  }
  expect_failures = [var.log_group_kms_key_arn]
}

run "log_stream_prefix_with_slash" {
  command = plan
  variables {
    log_stream_prefix = "ecs/web"
  }
  expect_failures = [var.log_stream_prefix]
}

run "task_role_policy_json_without_statement" {
  command = plan
  variables {
    task_role_policy_json = jsonencode({ Version = "2012-10-17" })
  }
  expect_failures = [var.task_role_policy_json]
}

run "bad_additional_security_group" {
  command = plan
  variables {
    additional_security_group_ids = ["sg-1"]
  }
  expect_failures = [var.additional_security_group_ids]
}

run "lb_bad_container_name" {
  command = plan
  variables {
    containers = [{ name = "web", image = "nginx", port_mappings = [{ container_port = 80 }] }]
    load_balancer = {
      container_name        = "web!"
      container_port        = 80
      alb_security_group_id = "sg-0ccccccccccccccc1"
      target_group_name     = "shop-prod-web"
    }
  }
  expect_failures = [var.load_balancer]
}

run "lb_negative_grace_period" {
  command = plan
  variables {
    load_balancer = {
      container_name                    = "web"
      container_port                    = 80
      alb_security_group_id             = "sg-0ccccccccccccccc1"
      target_group_name                 = "shop-prod-web"
      health_check_grace_period_seconds = -1
    }
  }
  expect_failures = [var.load_balancer]
}

run "strategy_weight_above_1000" {
  command = plan
  variables {
    capacity_provider_strategy = [{ capacity_provider = "FARGATE", weight = 1001 }]
  }
  expect_failures = [var.capacity_provider_strategy]
}

run "bad_platform_version" {
  command = plan
  variables {
    platform_version = "1.4"
  }
  expect_failures = [var.platform_version]
}

run "bad_execute_command_log_group_name" {
  command = plan
  variables {
    enable_execute_command         = true
    execute_command_log_group_name = "exec logs"
  }
  expect_failures = [var.execute_command_log_group_name]
}

run "autoscaling_max_above_5000" {
  command = plan
  variables {
    autoscaling = { min_capacity = 1, max_capacity = 5001, cpu_target = 50 }
  }
  expect_failures = [var.autoscaling]
}

run "autoscaling_negative_cooldown" {
  command = plan
  variables {
    autoscaling = { min_capacity = 1, max_capacity = 2, cpu_target = 50, scale_in_cooldown = -1 }
  }
  expect_failures = [var.autoscaling]
}

# Preconditions (cross-variable rules), checked one at a time: they are only evaluated when
# every variable is valid.

run "lb_container_missing" {
  command = plan

  variables {
    load_balancer = {
      container_name        = "api"
      container_port        = 80
      alb_security_group_id = "sg-0ccccccccccccccc1"
      target_group_name     = "shop-prod-web"
    }
  }

  expect_failures = [aws_lb_target_group.this]
}

run "lb_port_not_mapped" {
  command = plan

  variables {
    load_balancer = {
      container_name        = "web"
      container_port        = 8080
      alb_security_group_id = "sg-0ccccccccccccccc1"
      target_group_name     = "shop-prod-web"
    }
  }

  expect_failures = [aws_lb_target_group.this]
}

run "containers_exceed_task_cpu" {
  command = plan

  variables {
    containers = [{ name = "web", image = "nginx", cpu = 512, port_mappings = [{ container_port = 80 }] }]
  }

  expect_failures = [aws_ecs_task_definition.this]
}

run "containers_exceed_task_memory" {
  command = plan

  variables {
    containers = [{ name = "web", image = "nginx", memory = 1024, port_mappings = [{ container_port = 80 }] }]
  }

  expect_failures = [aws_ecs_task_definition.this]
}

# launch_type and capacity_provider_strategy together, on every service variant (the default
# variant's run is in service_variants.tftest.hcl).

run "launch_type_and_strategy_conflict_ignore_task_definition" {
  command = plan
  variables {
    launch_type                    = "FARGATE"
    capacity_provider_strategy     = [{ capacity_provider = "FARGATE_SPOT" }]
    ignore_task_definition_changes = true
  }
  expect_failures = [aws_ecs_service.ignore_task_definition]
}

run "launch_type_and_strategy_conflict_autoscaled" {
  command = plan
  variables {
    launch_type                = "FARGATE"
    capacity_provider_strategy = [{ capacity_provider = "FARGATE_SPOT" }]
    autoscaling                = { min_capacity = 1, max_capacity = 2, cpu_target = 50 }
  }
  expect_failures = [aws_ecs_service.autoscaled]
}

run "launch_type_and_strategy_conflict_autoscaled_ignore_task_definition" {
  command = plan
  variables {
    launch_type                    = "FARGATE"
    capacity_provider_strategy     = [{ capacity_provider = "FARGATE_SPOT" }]
    autoscaling                    = { min_capacity = 1, max_capacity = 2, cpu_target = 50 }
    ignore_task_definition_changes = true
  }
  expect_failures = [aws_ecs_service.autoscaled_ignore_task_definition]
}

# Neither launch_type nor a strategy, on every other service variant (the default variant's
# run is in service_variants.tftest.hcl).

run "neither_strategy_nor_launch_type_ignore_task_definition" {
  command = plan
  variables {
    capacity_provider_strategy     = []
    ignore_task_definition_changes = true
  }
  expect_failures = [aws_ecs_service.ignore_task_definition]
}

run "neither_strategy_nor_launch_type_autoscaled" {
  command = plan
  variables {
    capacity_provider_strategy = []
    autoscaling                = { min_capacity = 1, max_capacity = 2, cpu_target = 50 }
  }
  expect_failures = [aws_ecs_service.autoscaled]
}

run "neither_strategy_nor_launch_type_autoscaled_ignore_task_definition" {
  command = plan
  variables {
    capacity_provider_strategy     = []
    autoscaling                    = { min_capacity = 1, max_capacity = 2, cpu_target = 50 }
    ignore_task_definition_changes = true
  }
  expect_failures = [aws_ecs_service.autoscaled_ignore_task_definition]
}

run "rejects_sg_name_prefix" {
  command = plan
  variables {
    name = "sg-prod-web"
  }
  expect_failures = [var.name]
}

run "rejects_fractional_strategy_weight" {
  command = plan
  variables {
    capacity_provider_strategy = [{ capacity_provider = "FARGATE", weight = 1.5 }]
  }
  expect_failures = [var.capacity_provider_strategy]
}

run "rejects_fractional_autoscaling_capacity" {
  command = plan
  variables {
    autoscaling = { min_capacity = 1, max_capacity = 2.5, cpu_target = 50 }
  }
  expect_failures = [var.autoscaling]
}

# Fargate Spot runs X86_64 tasks only (ECS developer guide, "AWS Fargate capacity providers":
# Linux tasks with the ARM64 architecture don't support Fargate Spot): the task definition
# refuses ARM64 with FARGATE_SPOT in the strategy.
run "rejects_arm64_on_fargate_spot" {
  command = plan
  variables {
    cpu_architecture = "ARM64"
    capacity_provider_strategy = [
      { capacity_provider = "FARGATE", weight = 1, base = 1 },
      { capacity_provider = "FARGATE_SPOT", weight = 3 },
    ]
  }
  expect_failures = [aws_ecs_task_definition.this]
}

run "accepts_arm64_on_fargate" {
  command = plan
  variables {
    cpu_architecture           = "ARM64"
    capacity_provider_strategy = [{ capacity_provider = "FARGATE", weight = 1 }]
  }
  assert {
    condition     = aws_ecs_task_definition.this.runtime_platform[0].cpu_architecture == "ARM64"
    error_message = "ARM64 on on-demand Fargate is valid."
  }
}

# Issue 10: a long name is no longer refused for the IAM role names; they are region-qualified
# and shortened with a hash (ecs_wizard/naming.py iam_role_base does the same).
run "long_name_gets_short_region_qualified_role_names" {
  command = plan
  variables {
    name   = "payments-platform-production-settlement-reconciliation-worker"
    region = "eu-west-1"
  }
  assert {
    condition = (
      length(aws_iam_role.execution.name) <= 64 && length(aws_iam_role.task.name) <= 64 &&
      aws_iam_role.execution.name == "${substr("payments-platform-production-settlement-reconciliation-worker-eu-west-1", 0, 52)}-${substr(sha256("payments-platform-production-settlement-reconciliation-worker-eu-west-1"), 0, 6)}-exec" &&
      endswith(aws_iam_role.task.name, "-task")
    )
    error_message = "Long names must give IAM role names of at most 64 characters: the first 52 of <name>-<region>, a 6-character hash, -exec / -task."
  }
}

run "short_name_role_names_carry_the_region" {
  command = plan
  variables {
    region = "eu-central-1"
  }
  assert {
    condition     = aws_iam_role.execution.name == "shop-prod-web-eu-central-1-exec" && aws_iam_role.task.name == "shop-prod-web-eu-central-1-task"
    error_message = "Role names are <name>-<region>-exec / -task, so the same service in two regions does not collide."
  }
}

# Issue 10: ECS Exec's SSM agent must write to the container's filesystem; AWS does not
# support it with a read-only root filesystem.
run "rejects_execute_command_with_readonly_root_filesystem" {
  command = plan
  variables {
    enable_execute_command = true
    containers = [
      { name = "web", image = "nginx:1.27", readonly_root_filesystem = true, port_mappings = [{ container_port = 80 }] },
      { name = "side", image = "envoy:1.0", essential = false },
    ]
  }
  expect_failures = [aws_ecs_task_definition.this]
}

run "execute_command_turns_on_the_init_process" {
  command = plan
  variables {
    enable_execute_command = true
    containers = [
      { name = "web", image = "nginx:1.27", port_mappings = [{ container_port = 80 }] },
      { name = "side", image = "envoy:1.0", essential = false },
    ]
  }
  assert {
    condition     = alltrue([for c in jsondecode(aws_ecs_task_definition.this.container_definitions) : c.linuxParameters.initProcessEnabled])
    error_message = "With ECS Exec every container must run with initProcessEnabled."
  }
}

run "no_linux_parameters_without_execute_command" {
  command = plan
  assert {
    condition     = alltrue([for c in jsondecode(aws_ecs_task_definition.this.container_definitions) : !can(c.linuxParameters)])
    error_message = "Without ECS Exec the container definitions carry no linuxParameters."
  }
}
