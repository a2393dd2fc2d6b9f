data "aws_partition" "current" {}

locals {
  create_ec2 = var.ec2 != null

  log_group_name = coalesce(var.log_group_name, "/ecs/${var.name}/exec")

  created_kms_key_arn = var.create_kms_key ? aws_kms_key.this[0].arn : null
  log_kms_key_arn     = var.log_kms_key_arn != null ? var.log_kms_key_arn : local.created_kms_key_arn
  exec_kms_key_arn    = var.exec_kms_key_arn != null ? var.exec_kms_key_arn : local.created_kms_key_arn

  # ---- EC2 capacity --------------------------------------------------------
  instance_types = local.create_ec2 ? distinct(concat([var.ec2.instance_type], var.ec2.additional_instance_types)) : []
  # Graviton families carry a "g" after the generation digit (m7g, c6gn, t4g, x2gd, is4gen...), plus a1.
  detected_arch = local.create_ec2 ? (can(regex("^(a1|[a-z]+[0-9]+[a-z]*g[a-z]*)\\.", var.ec2.instance_type)) ? "arm64" : "x86_64") : null
  architecture  = local.create_ec2 ? coalesce(var.ec2.architecture, local.detected_arch) : null
  ami_ssm_parameter = local.architecture == "arm64" ? (
    "/aws/service/ecs/optimized-ami/amazon-linux-2023/arm64/recommended/image_id"
    ) : (
    "/aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id"
  )
  lookup_ami = local.create_ec2 ? var.ec2.ami_id == null : false
  ami_id     = local.create_ec2 ? (local.lookup_ami ? data.aws_ssm_parameter.ami[0].insecure_value : var.ec2.ami_id) : null

  # Mixed instances policy when Spot is wanted or several instance types are listed.
  use_mixed_instances = local.create_ec2 ? (var.ec2.spot || length(local.instance_types) > 1) : false

  ec2_name = "${var.name}-ecs"
  ec2_capacity_provider_name = local.create_ec2 ? coalesce(
    var.ec2.capacity_provider_name,
    can(regex("^(?i)(aws|ecs|fargate)", var.name)) ? "cp-${var.name}-ec2" : "${var.name}-ec2"
  ) : null

  # /etc/ecs/ecs.config. ECS_AWSVPC_BLOCK_IMDS stops awsvpc tasks from reaching the instance's
  # metadata (and so the instance role); tasks get their own credentials from the task role.
  ecs_config = local.create_ec2 ? merge(
    {
      ECS_ENABLE_CONTAINER_METADATA = "true"
      ECS_AWSVPC_BLOCK_IMDS         = tostring(var.ec2.block_task_imds)
    },
    var.ec2.spot ? { ECS_ENABLE_SPOT_INSTANCE_DRAINING = "true" } : {},
    var.ec2.ecs_config,
    { ECS_CLUSTER = var.name },
  ) : {}
  user_data = join("\n", concat(
    ["#!/bin/bash", "cat >> /etc/ecs/ecs.config <<'EOF'"],
    [for k in sort(keys(local.ecs_config)) : "${k}=${local.ecs_config[k]}"],
    ["EOF", ""],
  ))

  egress_rules = local.create_ec2 ? merge(
    { for c in var.ec2.egress_cidr_blocks : "ipv4-${c}" => { cidr_ipv4 = c, cidr_ipv6 = null } },
    { for c in var.ec2.egress_ipv6_cidr_blocks : "ipv6-${c}" => { cidr_ipv4 = null, cidr_ipv6 = c } },
  ) : {}

  # ---- Capacity providers and default strategy ----------------------------
  ec2_in_default = local.create_ec2 ? (var.ec2.weight > 0 || var.ec2.base > 0) : false
  providers = concat(
    var.fargate == null ? [] : [{
      name   = "FARGATE"
      kind   = "fargate"
      weight = coalesce(var.fargate.weight, local.ec2_in_default ? 0 : 1)
      base   = var.fargate.base
    }],
    var.fargate_spot == null ? [] : [{
      name   = "FARGATE_SPOT"
      kind   = "fargate"
      weight = coalesce(var.fargate_spot.weight, 0)
      base   = var.fargate_spot.base
    }],
    local.create_ec2 ? [{
      name   = aws_ecs_capacity_provider.this[0].name
      kind   = "ec2"
      weight = var.ec2.weight
      base   = var.ec2.base
    }] : [],
  )
  default_strategy = [for p in local.providers : p if p.weight > 0 || p.base > 0]
}

################################################################################
# Cluster
################################################################################

resource "aws_kms_key" "this" {
  count = var.create_kms_key ? 1 : 0

  description             = "ECS Exec logs and sessions of cluster ${var.name}"
  enable_key_rotation     = true
  deletion_window_in_days = 30

  tags = var.tags
}

# The account and region come from the key's own ARN, so no AWS look-up is needed.
resource "aws_kms_key_policy" "this" {
  count = var.create_kms_key ? 1 : 0

  key_id = aws_kms_key.this[0].key_id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "AccountAdministersKeyThroughIAM"
        Effect    = "Allow"
        Principal = { AWS = "arn:${data.aws_partition.current.partition}:iam::${split(":", aws_kms_key.this[0].arn)[4]}:root" }
        Action    = "kms:*"
        Resource  = "*"
      },
      {
        Sid       = "CloudWatchLogsEncryptsExecLogGroup"
        Effect    = "Allow"
        Principal = { Service = "logs.${split(":", aws_kms_key.this[0].arn)[3]}.amazonaws.com" }
        Action    = ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"]
        Resource  = "*"
        Condition = {
          ArnEquals = {
            "kms:EncryptionContext:aws:logs:arn" = "arn:${data.aws_partition.current.partition}:logs:${split(":", aws_kms_key.this[0].arn)[3]}:${split(":", aws_kms_key.this[0].arn)[4]}:log-group:${local.log_group_name}"
          }
        }
      },
    ]
  })
}

resource "aws_cloudwatch_log_group" "this" {
  #checkov:skip=CKV_AWS_158:CloudWatch Logs always encrypts at rest; a customer managed key is opt-in (create_kms_key or log_kms_key_arn) and its ARN is unknown at plan time.
  name              = local.log_group_name
  retention_in_days = var.log_retention_days
  kms_key_id        = local.log_kms_key_arn

  tags = var.tags

  # CloudWatch Logs checks the key policy when the key is associated.
  depends_on = [aws_kms_key_policy.this]
}

resource "aws_ecs_cluster" "this" {
  #checkov:skip=CKV_AWS_224:Exec logging is always on and sessions are TLS-encrypted; a customer managed key is opt-in (create_kms_key or exec_kms_key_arn) because every task role then needs kms:Decrypt.
  name = var.name

  setting {
    name  = "containerInsights"
    value = var.container_insights
  }

  configuration {
    execute_command_configuration {
      kms_key_id = local.exec_kms_key_arn
      logging    = "OVERRIDE"

      log_configuration {
        cloud_watch_log_group_name     = aws_cloudwatch_log_group.this.name
        cloud_watch_encryption_enabled = var.log_kms_key_arn != null || var.create_kms_key
      }
    }
  }

  tags = var.tags
}

resource "aws_ecs_cluster_capacity_providers" "this" {
  cluster_name       = aws_ecs_cluster.this.name
  capacity_providers = [for p in local.providers : p.name]

  dynamic "default_capacity_provider_strategy" {
    for_each = local.default_strategy
    content {
      capacity_provider = default_capacity_provider_strategy.value.name
      weight            = default_capacity_provider_strategy.value.weight
      base              = default_capacity_provider_strategy.value.base
    }
  }

  lifecycle {
    precondition {
      condition     = length([for p in local.default_strategy : p if p.weight > 0]) > 0
      error_message = "The default capacity provider strategy needs at least one provider with weight > 0: set fargate.weight, fargate_spot.weight or ec2.weight above 0 (and do not set every provider to null)."
    }
    precondition {
      condition     = length([for p in local.default_strategy : p if p.base > 0]) <= 1
      error_message = "Only one capacity provider in the default strategy may have base > 0: set base = 0 on all but one of fargate, fargate_spot and ec2."
    }
    precondition {
      condition     = length(distinct([for p in local.default_strategy : p.kind])) <= 1
      error_message = "AWS does not allow Fargate and EC2 (Auto Scaling group) capacity providers in the same strategy: give either ec2 weight/base 0, or fargate and fargate_spot weight/base 0. Services can still choose the other kind in their own capacity_provider_strategy."
    }
  }
}

################################################################################
# EC2 capacity (optional)
################################################################################

data "aws_ssm_parameter" "ami" {
  count = local.lookup_ami ? 1 : 0

  name = local.ami_ssm_parameter
}

resource "aws_iam_role" "this" {
  count = local.create_ec2 ? 1 : 0

  name_prefix = "${substr(var.name, 0, 24)}-ecs-ec2-"
  description = "ECS container instances of cluster ${var.name}"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "EC2AssumeRole"
      Effect    = "Allow"
      Principal = { Service = "ec2.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })

  tags = var.tags
}

resource "aws_iam_role_policy_attachment" "ecs" {
  count = local.create_ec2 ? 1 : 0

  role       = aws_iam_role.this[0].name
  policy_arn = "arn:${data.aws_partition.current.partition}:iam::aws:policy/service-role/AmazonEC2ContainerServiceforEC2Role"
}

resource "aws_iam_role_policy_attachment" "ssm" {
  count = local.create_ec2 ? (var.ec2.enable_ssm ? 1 : 0) : 0

  role       = aws_iam_role.this[0].name
  policy_arn = "arn:${data.aws_partition.current.partition}:iam::aws:policy/AmazonSSMManagedInstanceCore"
}

resource "aws_iam_instance_profile" "this" {
  count = local.create_ec2 ? 1 : 0

  name_prefix = "${substr(var.name, 0, 24)}-ecs-ec2-"
  role        = aws_iam_role.this[0].name

  tags = var.tags
}

resource "aws_security_group" "this" {
  count = local.create_ec2 ? 1 : 0

  name_prefix = "${substr(var.name, 0, 64)}-ecs-instance-"
  description = "ECS container instances of cluster ${var.name}: no ingress, HTTPS egress only"
  vpc_id      = var.ec2.vpc_id

  tags = merge(var.tags, { Name = "${local.ec2_name}-instance" })

  lifecycle {
    create_before_destroy = true

    precondition {
      condition     = !startswith(lower(var.name), "sg-")
      error_message = "With EC2 capacity the cluster name prefixes the instances' security group name, and AWS refuses group names that start with sg-: choose a name that does not start with \"sg-\"."
    }
  }
}

# HTTPS egress is all the instance itself needs: ECS/ECR/S3/SSM/CloudWatch endpoints.
# awsvpc tasks have their own ENI and security group, so this does not limit tasks.
resource "aws_vpc_security_group_egress_rule" "https" {
  for_each = local.egress_rules

  security_group_id = aws_security_group.this[0].id
  description       = "HTTPS to AWS APIs and image registries"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = each.value.cidr_ipv4
  cidr_ipv6         = each.value.cidr_ipv6

  tags = var.tags
}

resource "aws_launch_template" "this" {
  count = local.create_ec2 ? 1 : 0

  name_prefix            = "${substr(var.name, 0, 90)}-ecs-"
  description            = "ECS container instances of cluster ${var.name}"
  image_id               = local.ami_id
  instance_type          = var.ec2.instance_type
  key_name               = var.ec2.key_name
  user_data              = base64encode(local.user_data)
  update_default_version = true

  iam_instance_profile {
    arn = aws_iam_instance_profile.this[0].arn
  }

  network_interfaces {
    device_index                = 0
    associate_public_ip_address = false
    delete_on_termination       = true
    security_groups             = [aws_security_group.this[0].id]
  }

  # IMDSv2 only. Hop limit 1: the ECS agent uses host networking and awsvpc tasks get
  # credentials from the task role endpoint, so nothing behind an extra hop needs IMDS.
  metadata_options {
    http_endpoint               = "enabled"
    http_tokens                 = "required"
    http_put_response_hop_limit = var.ec2.metadata_hop_limit
    instance_metadata_tags      = "disabled"
  }

  monitoring {
    enabled = var.ec2.detailed_monitoring
  }

  block_device_mappings {
    device_name = "/dev/xvda"

    ebs {
      volume_size           = var.ec2.root_volume_gb
      volume_type           = "gp3"
      encrypted             = true
      kms_key_id            = var.ec2.root_volume_kms_key_arn
      delete_on_termination = true
    }
  }

  dynamic "tag_specifications" {
    for_each = toset(["instance", "volume", "network-interface"])
    content {
      resource_type = tag_specifications.value
      tags          = merge(var.tags, { Name = local.ec2_name })
    }
  }

  tags = var.tags

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_autoscaling_group" "this" {
  count = local.create_ec2 ? 1 : 0

  name                = substr(local.ec2_name, 0, 255)
  min_size            = var.ec2.min_size
  max_size            = var.ec2.max_size
  desired_capacity    = coalesce(var.ec2.desired_capacity, var.ec2.min_size)
  vpc_zone_identifier = var.ec2.subnet_ids
  health_check_type   = "EC2"
  capacity_rebalance  = var.ec2.spot
  # Required by managed termination protection: ECS decides which instances may go.
  protect_from_scale_in = var.ec2.managed_termination_protection
  # Scale-in protected instances would otherwise make `terraform destroy` wait forever.
  force_delete = true

  dynamic "launch_template" {
    for_each = local.use_mixed_instances ? [] : [1]
    content {
      id      = aws_launch_template.this[0].id
      version = aws_launch_template.this[0].latest_version
    }
  }

  dynamic "mixed_instances_policy" {
    for_each = local.use_mixed_instances ? [1] : []
    content {
      instances_distribution {
        on_demand_base_capacity                  = var.ec2.on_demand_base_capacity
        on_demand_percentage_above_base_capacity = var.ec2.spot ? 0 : 100
        spot_allocation_strategy                 = var.ec2.spot_allocation_strategy
      }

      launch_template {
        launch_template_specification {
          launch_template_id = aws_launch_template.this[0].id
          version            = aws_launch_template.this[0].latest_version
        }

        dynamic "override" {
          for_each = local.instance_types
          content {
            instance_type = override.value
          }
        }
      }
    }
  }

  # A new launch template version (instance type, AMI, user data, volume...) rolls the
  # instances: without this, only instances launched later would use it. Launch before
  # terminate (100-200 % healthy), so capacity never drops; instances are scale-in protected
  # while they run tasks (managed termination protection), so they are refreshed anyway, and
  # ECS managed draining moves their tasks first. Without managed draining the refresh waits
  # until ECS has emptied an instance.
  dynamic "instance_refresh" {
    for_each = var.ec2.instance_refresh ? [1] : []
    content {
      strategy = "Rolling"
      preferences {
        min_healthy_percentage       = 100
        max_healthy_percentage       = 200
        instance_warmup              = var.ec2.instance_warmup
        skip_matching                = true
        scale_in_protected_instances = var.ec2.managed_draining ? "Refresh" : "Wait"
        standby_instances            = "Terminate"
      }
    }
  }

  dynamic "tag" {
    for_each = merge(var.tags, { Name = local.ec2_name, AmazonECSManaged = "true" })
    content {
      key                 = tag.key
      value               = tag.value
      propagate_at_launch = true
    }
  }

  lifecycle {
    # ECS managed scaling owns the desired capacity once the capacity provider exists.
    ignore_changes = [desired_capacity]
  }
}

resource "aws_ecs_capacity_provider" "this" {
  count = local.create_ec2 ? 1 : 0

  name = local.ec2_capacity_provider_name

  auto_scaling_group_provider {
    auto_scaling_group_arn         = aws_autoscaling_group.this[0].arn
    managed_termination_protection = var.ec2.managed_termination_protection ? "ENABLED" : "DISABLED"
    managed_draining               = var.ec2.managed_draining ? "ENABLED" : "DISABLED"

    managed_scaling {
      status                    = "ENABLED"
      target_capacity           = var.ec2.target_capacity_percent
      minimum_scaling_step_size = 1
      maximum_scaling_step_size = var.ec2.maximum_scaling_step_size
      instance_warmup_period    = var.ec2.instance_warmup
    }
  }

  tags = var.tags
}
