# Fargate-only clusters: capacity providers, default strategy, Container Insights, ECS Exec logging.
# Offline: the real provider with fake credentials; every run is a plan.

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

  mock_resource "aws_kms_key" {
    override_during = plan
    defaults = {
      arn    = "arn:aws:kms:eu-west-1:123456789012:key/0000aaaa-bbbb-cccc-dddd-eeeeffff0000"
      key_id = "0000aaaa-bbbb-cccc-dddd-eeeeffff0000"
    }
  }

  mock_data "aws_partition" {
    defaults = {
      partition = "aws"
    }
  }
}

variables {
  name = "shop-prod"
  tags = { Project = "shop", Environment = "prod" }
}

run "defaults_are_fargate_only" {
  command = plan

  assert {
    condition     = aws_ecs_cluster.this.name == "shop-prod"
    error_message = "cluster name must be var.name"
  }

  assert {
    condition     = one([for s in aws_ecs_cluster.this.setting : s.value if s.name == "containerInsights"]) == "enabled"
    error_message = "Container Insights must be enabled by default"
  }

  assert {
    condition     = aws_ecs_cluster.this.configuration[0].execute_command_configuration[0].logging == "OVERRIDE"
    error_message = "ECS Exec logging must be OVERRIDE"
  }

  assert {
    condition     = aws_ecs_cluster.this.configuration[0].execute_command_configuration[0].log_configuration[0].cloud_watch_log_group_name == "/ecs/shop-prod/exec"
    error_message = "ECS Exec must log to the module's log group"
  }

  assert {
    condition     = aws_ecs_cluster.this.configuration[0].execute_command_configuration[0].log_configuration[0].cloud_watch_encryption_enabled == false
    error_message = "CloudWatch encryption flag must be off without a KMS key (it requires a KMS-encrypted log group)"
  }

  assert {
    condition     = aws_cloudwatch_log_group.this.retention_in_days == 365 && aws_cloudwatch_log_group.this.name == "/ecs/shop-prod/exec"
    error_message = "exec log group must default to 365 days retention"
  }

  assert {
    condition     = aws_ecs_cluster.this.tags["Project"] == "shop" && aws_cloudwatch_log_group.this.tags["Environment"] == "prod"
    error_message = "tags must reach the cluster and the log group"
  }

  assert {
    condition     = toset(aws_ecs_cluster_capacity_providers.this.capacity_providers) == toset(["FARGATE", "FARGATE_SPOT"])
    error_message = "FARGATE and FARGATE_SPOT must both be associated by default"
  }

  assert {
    condition = (
      length(aws_ecs_cluster_capacity_providers.this.default_capacity_provider_strategy) == 1 &&
      one(aws_ecs_cluster_capacity_providers.this.default_capacity_provider_strategy).capacity_provider == "FARGATE" &&
      one(aws_ecs_cluster_capacity_providers.this.default_capacity_provider_strategy).weight == 1 &&
      one(aws_ecs_cluster_capacity_providers.this.default_capacity_provider_strategy).base == 0
    )
    error_message = "default strategy must be FARGATE weight 1 base 0 only"
  }

  assert {
    condition = (
      length(aws_launch_template.this) == 0 && length(aws_autoscaling_group.this) == 0 &&
      length(aws_ecs_capacity_provider.this) == 0 && length(aws_iam_role.this) == 0 &&
      length(aws_iam_instance_profile.this) == 0 && length(aws_security_group.this) == 0 &&
      length(aws_vpc_security_group_egress_rule.https) == 0 && length(data.aws_ssm_parameter.ami) == 0
    )
    error_message = "no EC2 resource may exist without var.ec2"
  }

  assert {
    condition = (
      output.ec2_capacity_provider_name == null && output.instance_security_group_id == null &&
      output.autoscaling_group_name == null && output.autoscaling_group_arn == null && output.ami_id == null
    )
    error_message = "EC2 outputs must be null without var.ec2"
  }

  assert {
    condition     = output.default_capacity_provider_strategy == [{ capacity_provider = "FARGATE", weight = 1, base = 0 }]
    error_message = "default_capacity_provider_strategy output must mirror the resource"
  }
}

run "fargate_and_spot_weights_and_base" {
  command = plan

  variables {
    container_insights = "enhanced"
    log_retention_days = 30
    fargate            = { weight = 1, base = 2 }
    fargate_spot       = { weight = 3 }
  }

  assert {
    condition     = one([for s in aws_ecs_cluster.this.setting : s.value if s.name == "containerInsights"]) == "enhanced"
    error_message = "Container Insights must accept enhanced"
  }

  assert {
    condition     = aws_cloudwatch_log_group.this.retention_in_days == 30
    error_message = "retention must follow log_retention_days"
  }

  assert {
    condition = (
      { for s in aws_ecs_cluster_capacity_providers.this.default_capacity_provider_strategy : s.capacity_provider => [s.weight, s.base] }
      == { FARGATE = [1, 2], FARGATE_SPOT = [3, 0] }
    )
    error_message = "default strategy must be FARGATE 1/base 2 and FARGATE_SPOT 3/base 0"
  }
}

run "spot_only_and_fargate_not_associated" {
  command = plan

  variables {
    fargate      = null
    fargate_spot = { weight = 1 }
  }

  assert {
    condition     = aws_ecs_cluster_capacity_providers.this.capacity_providers == toset(["FARGATE_SPOT"])
    error_message = "fargate = null must leave FARGATE unassociated"
  }

  assert {
    condition     = one(aws_ecs_cluster_capacity_providers.this.default_capacity_provider_strategy).capacity_provider == "FARGATE_SPOT"
    error_message = "default strategy must be FARGATE_SPOT only"
  }
}

run "kms_encryption_and_custom_log_group" {
  command = plan

  variables {
    log_group_name     = "/custom/exec-audit"
    log_kms_key_arn    = "arn:aws:kms:eu-west-1:123456789012:key/11111111-2222-3333-4444-555555555555"
    exec_kms_key_arn   = "arn:aws:kms:eu-west-1:123456789012:key/66666666-2222-3333-4444-555555555555"
    container_insights = "disabled"
  }

  assert {
    condition     = aws_cloudwatch_log_group.this.kms_key_id == var.log_kms_key_arn && aws_cloudwatch_log_group.this.name == "/custom/exec-audit"
    error_message = "log group must use the given name and KMS key"
  }

  assert {
    condition = (
      aws_ecs_cluster.this.configuration[0].execute_command_configuration[0].kms_key_id == var.exec_kms_key_arn &&
      aws_ecs_cluster.this.configuration[0].execute_command_configuration[0].log_configuration[0].cloud_watch_encryption_enabled == true
    )
    error_message = "exec sessions must use the exec KMS key and encrypted CloudWatch logging"
  }

  assert {
    condition     = one([for s in aws_ecs_cluster.this.setting : s.value if s.name == "containerInsights"]) == "disabled"
    error_message = "Container Insights must be disableable"
  }
}

run "created_kms_key_encrypts_logs_and_sessions" {
  command   = plan
  providers = { aws = aws.mock }

  variables {
    create_kms_key = true
  }

  assert {
    condition     = length(aws_kms_key.this) == 1 && aws_kms_key.this[0].enable_key_rotation == true
    error_message = "create_kms_key must create one rotating KMS key"
  }

  assert {
    condition = (
      aws_cloudwatch_log_group.this.kms_key_id == "arn:aws:kms:eu-west-1:123456789012:key/0000aaaa-bbbb-cccc-dddd-eeeeffff0000" &&
      aws_ecs_cluster.this.configuration[0].execute_command_configuration[0].kms_key_id == "arn:aws:kms:eu-west-1:123456789012:key/0000aaaa-bbbb-cccc-dddd-eeeeffff0000" &&
      aws_ecs_cluster.this.configuration[0].execute_command_configuration[0].log_configuration[0].cloud_watch_encryption_enabled == true
    )
    error_message = "the created key must encrypt the exec log group and exec sessions"
  }

  assert {
    condition = (
      jsondecode(aws_kms_key_policy.this[0].policy).Statement[1].Principal.Service == "logs.eu-west-1.amazonaws.com" &&
      jsondecode(aws_kms_key_policy.this[0].policy).Statement[1].Condition.ArnEquals["kms:EncryptionContext:aws:logs:arn"] == "arn:aws:logs:eu-west-1:123456789012:log-group:/ecs/shop-prod/exec" &&
      jsondecode(aws_kms_key_policy.this[0].policy).Statement[0].Principal.AWS == "arn:aws:iam::123456789012:root"
    )
    error_message = "key policy must let the account administer the key and CloudWatch Logs use it for this log group only"
  }

  assert {
    condition     = output.kms_key_arn == "arn:aws:kms:eu-west-1:123456789012:key/0000aaaa-bbbb-cccc-dddd-eeeeffff0000"
    error_message = "kms_key_arn output must expose the created key"
  }
}

run "no_kms_key_by_default" {
  command = plan

  assert {
    condition     = length(aws_kms_key.this) == 0 && length(aws_kms_key_policy.this) == 0 && output.kms_key_arn == null
    error_message = "no KMS key unless create_kms_key"
  }
}
