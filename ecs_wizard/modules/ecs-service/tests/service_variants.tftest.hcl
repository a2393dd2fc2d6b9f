# Capacity provider strategy vs launch type, autoscaling present/absent, and the
# ignore_task_definition_changes variant (which aws_ecs_service resource exists).

provider "aws" {
  region                      = "eu-west-1"
  access_key                  = "test"
  secret_key                  = "test"
  skip_credentials_validation = true
  skip_metadata_api_check     = true
  skip_region_validation      = true
  skip_requesting_account_id  = true
}

mock_provider "aws" {
  alias = "mock"

  mock_resource "aws_iam_role" {
    defaults = { arn = "arn:aws:iam::123456789012:role/mock" }
  }

  mock_resource "aws_lb_target_group" {
    defaults = {
      arn        = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/mock/0123456789abcdef"
      arn_suffix = "targetgroup/mock/0123456789abcdef"
    }
  }

  mock_resource "aws_ecs_task_definition" {
    defaults = { arn = "arn:aws:ecs:eu-west-1:123456789012:task-definition/shop-prod-web:1" }
  }

  mock_resource "aws_ecs_service" {
    defaults = { id = "arn:aws:ecs:eu-west-1:123456789012:service/shop-prod/shop-prod-web" }
  }
}

variables {
  name        = "shop-prod-web"
  cluster_arn = "arn:aws:ecs:eu-west-1:123456789012:cluster/shop-prod"
  # ECS copies the cluster default onto a service created without one: the module needs one.
  capacity_provider_strategy = [{ capacity_provider = "FARGATE", weight = 1, base = 0 }]
  vpc_id                     = "vpc-0a1b2c3d4e5f60718"
  subnet_ids                 = ["subnet-0bbbbbbbbbbbbbbb1", "subnet-0bbbbbbbbbbbbbbb2"]
  containers = [{
    name          = "web"
    image         = "public.ecr.aws/nginx/nginx:1.27"
    port_mappings = [{ container_port = 80 }]
  }]
  load_balancer = {
    container_name        = "web"
    container_port        = 80
    alb_security_group_id = "sg-0ccccccccccccccc1"
    alb_arn_suffix        = "app/shop-prod/0123456789abcdef"
    target_group_name     = "shop-prod-web"
  }
}

run "neither_strategy_nor_launch_type" {
  command = plan

  variables {
    capacity_provider_strategy = []
  }

  # ECS would copy the cluster's default strategy onto the service: every later plan differs.
  expect_failures = [aws_ecs_service.this]
}

run "force_new_deployment_by_default" {
  command = plan

  assert {
    condition     = aws_ecs_service.this[0].force_new_deployment == true
    error_message = "force_new_deployment must default to true, so a strategy change is an in-place update."
  }
}

run "force_new_deployment_can_be_turned_off" {
  command = plan

  variables {
    force_new_deployment = false
    autoscaling          = { min_capacity = 1, max_capacity = 2, cpu_target = 50 }
  }

  assert {
    condition     = aws_ecs_service.autoscaled[0].force_new_deployment == false
    error_message = "force_new_deployment must be passed to the service variant in use."
  }
}

run "capacity_provider_strategy" {
  command = plan

  variables {
    capacity_provider_strategy = [
      { capacity_provider = "FARGATE", weight = 1, base = 1 },
      { capacity_provider = "FARGATE_SPOT", weight = 3 },
    ]
  }

  assert {
    condition = aws_ecs_service.this[0].capacity_provider_strategy == toset([
      { capacity_provider = "FARGATE", weight = 1, base = 1 },
      { capacity_provider = "FARGATE_SPOT", weight = 3, base = 0 },
    ])
    error_message = "The capacity provider strategy must be passed through with weights and bases."
  }
}

run "launch_type_fargate" {
  command = plan

  variables {
    launch_type                = "FARGATE"
    platform_version           = "1.4.0"
    capacity_provider_strategy = []
  }

  assert {
    condition     = aws_ecs_service.this[0].launch_type == "FARGATE" && length(aws_ecs_service.this[0].capacity_provider_strategy) == 0 && aws_ecs_service.this[0].platform_version == "1.4.0"
    error_message = "launch_type FARGATE must be set with the platform version and no strategy."
  }
}

run "launch_type_ec2" {
  command = plan

  variables {
    launch_type                = "EC2"
    capacity_provider_strategy = []
    requires_compatibilities   = ["EC2"]
    cpu                        = 300
    memory                     = 700
    cpu_architecture           = "ARM64"
  }

  assert {
    condition = (
      aws_ecs_service.this[0].launch_type == "EC2" &&
      aws_ecs_task_definition.this.requires_compatibilities == toset(["EC2"]) &&
      aws_ecs_task_definition.this.runtime_platform[0].cpu_architecture == "ARM64"
    )
    error_message = "launch_type EC2 with an EC2-compatible ARM64 task (non-Fargate sizes allowed)."
  }
}

run "launch_type_and_strategy_conflict" {
  command = plan

  variables {
    launch_type                = "FARGATE"
    capacity_provider_strategy = [{ capacity_provider = "FARGATE_SPOT" }]
  }

  expect_failures = [aws_ecs_service.this]
}

run "invalid_fargate_size" {
  command = plan

  variables {
    cpu    = 256
    memory = 4096
  }

  expect_failures = [aws_ecs_task_definition.this]
}

run "autoscaling_all_policies" {
  command = plan

  variables {
    desired_count = 2
    autoscaling = {
      min_capacity        = 2
      max_capacity        = 10
      cpu_target          = 60
      memory_target       = 75
      requests_per_target = 1000
    }
  }

  assert {
    condition = (
      length(aws_ecs_service.this) == 0 &&
      length(aws_ecs_service.autoscaled) == 1 &&
      aws_ecs_service.autoscaled[0].desired_count == 2
    )
    error_message = "With autoscaling the service lives at aws_ecs_service.autoscaled[0] (which ignores desired_count)."
  }

  assert {
    condition = (
      aws_appautoscaling_target.this[0].min_capacity == 2 &&
      aws_appautoscaling_target.this[0].max_capacity == 10 &&
      aws_appautoscaling_target.this[0].resource_id == "service/shop-prod/shop-prod-web" &&
      aws_appautoscaling_target.this[0].scalable_dimension == "ecs:service:DesiredCount" &&
      aws_appautoscaling_target.this[0].service_namespace == "ecs"
    )
    error_message = "The scalable target must be the service's desired count with min/max."
  }

  assert {
    condition     = toset(keys(aws_appautoscaling_policy.this)) == toset(["cpu", "memory", "requests"])
    error_message = "One target-tracking policy per requested metric."
  }

  assert {
    condition = (
      aws_appautoscaling_policy.this["cpu"].target_tracking_scaling_policy_configuration[0].predefined_metric_specification[0].predefined_metric_type == "ECSServiceAverageCPUUtilization" &&
      aws_appautoscaling_policy.this["cpu"].target_tracking_scaling_policy_configuration[0].target_value == 60 &&
      aws_appautoscaling_policy.this["memory"].target_tracking_scaling_policy_configuration[0].predefined_metric_specification[0].predefined_metric_type == "ECSServiceAverageMemoryUtilization" &&
      aws_appautoscaling_policy.this["memory"].target_tracking_scaling_policy_configuration[0].target_value == 75 &&
      aws_appautoscaling_policy.this["requests"].target_tracking_scaling_policy_configuration[0].predefined_metric_specification[0].predefined_metric_type == "ALBRequestCountPerTarget" &&
      aws_appautoscaling_policy.this["requests"].target_tracking_scaling_policy_configuration[0].target_value == 1000 &&
      aws_appautoscaling_policy.this["cpu"].policy_type == "TargetTrackingScaling" &&
      aws_appautoscaling_policy.this["cpu"].target_tracking_scaling_policy_configuration[0].scale_in_cooldown == 300 &&
      aws_appautoscaling_policy.this["cpu"].target_tracking_scaling_policy_configuration[0].scale_out_cooldown == 60
    )
    error_message = "Policies must track CPU, memory and request count with the given targets and default cooldowns."
  }
}

run "autoscaling_cpu_only" {
  command = plan

  variables {
    autoscaling = { min_capacity = 1, max_capacity = 3, cpu_target = 50 }
  }

  assert {
    condition     = keys(aws_appautoscaling_policy.this) == ["cpu"]
    error_message = "Only the CPU policy when only cpu_target is set."
  }
}

run "request_count_needs_alb" {
  command = plan

  variables {
    load_balancer = null
    autoscaling   = { min_capacity = 1, max_capacity = 3, requests_per_target = 100 }
  }

  expect_failures = [aws_appautoscaling_target.this]
}

run "ignore_task_definition_changes" {
  command = plan

  variables {
    ignore_task_definition_changes = true
  }

  assert {
    condition = (
      length(aws_ecs_service.this) == 0 &&
      length(aws_ecs_service.ignore_task_definition) == 1 &&
      length(aws_ecs_service.autoscaled) == 0 &&
      length(aws_ecs_service.autoscaled_ignore_task_definition) == 0 &&
      output.service_resource_address == "aws_ecs_service.ignore_task_definition[0]"
    )
    error_message = "ignore_task_definition_changes must use aws_ecs_service.ignore_task_definition[0]."
  }

  assert {
    condition     = one(aws_ecs_service.ignore_task_definition[0].load_balancer).container_port == 80 && aws_ecs_service.ignore_task_definition[0].network_configuration[0].assign_public_ip == false
    error_message = "The variant must be configured like the default service."
  }
}

run "ignore_task_definition_changes_with_autoscaling" {
  command = plan

  variables {
    ignore_task_definition_changes = true
    autoscaling                    = { min_capacity = 1, max_capacity = 4, memory_target = 80 }
  }

  assert {
    condition = (
      length(aws_ecs_service.autoscaled_ignore_task_definition) == 1 &&
      length(aws_ecs_service.this) + length(aws_ecs_service.ignore_task_definition) + length(aws_ecs_service.autoscaled) == 0
    )
    error_message = "Autoscaling + ignore_task_definition_changes must use aws_ecs_service.autoscaled_ignore_task_definition[0]."
  }
}

# Last: apply with the mock provider (its state cannot be refreshed by the real provider).
run "outputs_coalesce_the_variant" {
  command = apply

  providers = {
    aws = aws.mock
  }

  variables {
    ignore_task_definition_changes = true
    autoscaling                    = { min_capacity = 1, max_capacity = 4, requests_per_target = 500 }
  }

  assert {
    condition = (
      output.service_arn == "arn:aws:ecs:eu-west-1:123456789012:service/shop-prod/shop-prod-web" &&
      output.service_name == "shop-prod-web" &&
      output.autoscaling_policy_arns["requests"] == aws_appautoscaling_policy.this["requests"].arn
    )
    error_message = "Outputs must come from whichever service variant exists."
  }

  assert {
    condition     = aws_appautoscaling_policy.this["requests"].target_tracking_scaling_policy_configuration[0].predefined_metric_specification[0].resource_label == "app/shop-prod/0123456789abcdef/targetgroup/mock/0123456789abcdef"
    error_message = "ALBRequestCountPerTarget needs resource_label <alb arn suffix>/<target group arn suffix>."
  }
}
