# EC2 capacity: launch template hardening, user data, Auto Scaling group, capacity provider.
# Runs with an explicit ami_id use the real provider offline; the AMI look-up runs use a mock
# provider with override_data because the SSM parameter data source needs AWS.

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

  override_data {
    target = data.aws_ssm_parameter.ami[0]
    values = {
      insecure_value = "ami-0abcdef1234567890"
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
  tags = { Project = "shop" }
  ec2 = {
    vpc_id                    = "vpc-0123456789abcdef0"
    subnet_ids                = ["subnet-0123456789abcdef0", "subnet-0123456789abcdef1"]
    ami_id                    = "ami-0123456789abcdef0"
    instance_type             = "m6i.large"
    additional_instance_types = ["m5.large"]
    spot                      = true
    min_size                  = 1
    desired_capacity          = 2
    max_size                  = 6
    root_volume_gb            = 50
    target_capacity_percent   = 80
    instance_warmup           = 120
    weight                    = 2
    base                      = 1
  }
}

run "ec2_with_spot" {
  command = plan

  assert {
    condition = (
      aws_launch_template.this[0].metadata_options[0].http_tokens == "required" &&
      aws_launch_template.this[0].metadata_options[0].http_endpoint == "enabled" &&
      aws_launch_template.this[0].metadata_options[0].http_put_response_hop_limit == 1
    )
    error_message = "launch template must require IMDSv2 with hop limit 1"
  }

  assert {
    condition = (
      aws_launch_template.this[0].block_device_mappings[0].device_name == "/dev/xvda" &&
      aws_launch_template.this[0].block_device_mappings[0].ebs[0].encrypted == "true" &&
      aws_launch_template.this[0].block_device_mappings[0].ebs[0].volume_type == "gp3" &&
      aws_launch_template.this[0].block_device_mappings[0].ebs[0].volume_size == 50
    )
    error_message = "root volume must be an encrypted 50 GiB gp3 volume"
  }

  assert {
    condition     = aws_launch_template.this[0].image_id == "ami-0123456789abcdef0" && output.ami_id == "ami-0123456789abcdef0"
    error_message = "the given ami_id must be used"
  }

  assert {
    condition = (
      strcontains(base64decode(aws_launch_template.this[0].user_data), "ECS_CLUSTER=shop-prod\n") &&
      strcontains(base64decode(aws_launch_template.this[0].user_data), "ECS_ENABLE_CONTAINER_METADATA=true\n") &&
      strcontains(base64decode(aws_launch_template.this[0].user_data), "ECS_AWSVPC_BLOCK_IMDS=true\n") &&
      strcontains(base64decode(aws_launch_template.this[0].user_data), "ECS_ENABLE_SPOT_INSTANCE_DRAINING=true\n") &&
      startswith(base64decode(aws_launch_template.this[0].user_data), "#!/bin/bash\ncat >> /etc/ecs/ecs.config <<'EOF'\n")
    )
    error_message = "user data must write ECS_CLUSTER, container metadata, IMDS block and spot draining to ecs.config"
  }

  assert {
    condition = (
      aws_launch_template.this[0].network_interfaces[0].associate_public_ip_address == "false" &&
      aws_launch_template.this[0].network_interfaces[0].delete_on_termination == "true" &&
      aws_launch_template.this[0].monitoring[0].enabled == true
    )
    error_message = "instances must have no public IP and detailed monitoring"
  }

  assert {
    condition = (
      length(aws_autoscaling_group.this[0].mixed_instances_policy) == 1 &&
      aws_autoscaling_group.this[0].mixed_instances_policy[0].instances_distribution[0].on_demand_percentage_above_base_capacity == 0 &&
      aws_autoscaling_group.this[0].mixed_instances_policy[0].instances_distribution[0].spot_allocation_strategy == "price-capacity-optimized" &&
      [for o in aws_autoscaling_group.this[0].mixed_instances_policy[0].launch_template[0].override : o.instance_type] == ["m6i.large", "m5.large"]
    )
    error_message = "spot must use a mixed instances policy, 0% on-demand above base, both instance types"
  }

  assert {
    condition = (
      aws_autoscaling_group.this[0].min_size == 1 && aws_autoscaling_group.this[0].max_size == 6 &&
      aws_autoscaling_group.this[0].desired_capacity == 2 &&
      aws_autoscaling_group.this[0].protect_from_scale_in == true &&
      aws_autoscaling_group.this[0].capacity_rebalance == true &&
      toset(aws_autoscaling_group.this[0].vpc_zone_identifier) == toset(var.ec2.subnet_ids)
    )
    error_message = "ASG sizes, scale-in protection, capacity rebalance and subnets are wrong"
  }

  assert {
    condition = (
      anytrue([for t in aws_autoscaling_group.this[0].tag : t.key == "AmazonECSManaged" && t.value == "true" && t.propagate_at_launch]) &&
      anytrue([for t in aws_autoscaling_group.this[0].tag : t.key == "Project" && t.value == "shop" && t.propagate_at_launch]) &&
      anytrue([for t in aws_autoscaling_group.this[0].tag : t.key == "Name" && t.value == "shop-prod-ecs"])
    )
    error_message = "ASG must carry AmazonECSManaged, var.tags and Name, propagated at launch"
  }

  assert {
    condition = (
      aws_ecs_capacity_provider.this[0].name == "shop-prod-ec2" &&
      aws_ecs_capacity_provider.this[0].auto_scaling_group_provider[0].managed_termination_protection == "ENABLED" &&
      aws_ecs_capacity_provider.this[0].auto_scaling_group_provider[0].managed_draining == "ENABLED" &&
      aws_ecs_capacity_provider.this[0].auto_scaling_group_provider[0].managed_scaling[0].status == "ENABLED" &&
      aws_ecs_capacity_provider.this[0].auto_scaling_group_provider[0].managed_scaling[0].target_capacity == 80 &&
      aws_ecs_capacity_provider.this[0].auto_scaling_group_provider[0].managed_scaling[0].instance_warmup_period == 120
    )
    error_message = "capacity provider must enable managed scaling at 80% and managed termination protection"
  }

  assert {
    condition = (
      toset(aws_ecs_cluster_capacity_providers.this.capacity_providers) == toset(["FARGATE", "FARGATE_SPOT", "shop-prod-ec2"]) &&
      { for s in aws_ecs_cluster_capacity_providers.this.default_capacity_provider_strategy : s.capacity_provider => [s.weight, s.base] } == { "shop-prod-ec2" = [2, 1] }
    )
    error_message = "EC2 provider must be associated and alone in the default strategy (Fargate weight auto = 0)"
  }

  assert {
    condition = (
      length(aws_vpc_security_group_egress_rule.https) == 1 &&
      aws_vpc_security_group_egress_rule.https["ipv4-0.0.0.0/0"].from_port == 443 &&
      aws_vpc_security_group_egress_rule.https["ipv4-0.0.0.0/0"].to_port == 443 &&
      aws_vpc_security_group_egress_rule.https["ipv4-0.0.0.0/0"].ip_protocol == "tcp" &&
      aws_security_group.this[0].vpc_id == "vpc-0123456789abcdef0"
    )
    error_message = "instance SG must only allow HTTPS egress"
  }

  assert {
    condition = (
      length(aws_iam_role_policy_attachment.ecs) == 1 && length(aws_iam_role_policy_attachment.ssm) == 1 &&
      aws_iam_role_policy_attachment.ecs[0].policy_arn == "arn:aws:iam::aws:policy/service-role/AmazonEC2ContainerServiceforEC2Role" &&
      jsondecode(aws_iam_role.this[0].assume_role_policy).Statement[0].Principal.Service == "ec2.amazonaws.com"
    )
    error_message = "instance role must be assumable by EC2 and carry the ECS (and SSM) managed policies"
  }

  assert {
    condition     = length(data.aws_ssm_parameter.ami) == 0
    error_message = "no AMI look-up when ami_id is given"
  }
}

run "on_demand_single_type_no_protection" {
  command = plan

  variables {
    ec2 = {
      vpc_id                         = "vpc-0123456789abcdef0"
      subnet_ids                     = ["subnet-0123456789abcdef0"]
      ami_id                         = "ami-0123456789abcdef0"
      instance_type                  = "t3.medium"
      managed_termination_protection = false
      enable_ssm                     = false
      metadata_hop_limit             = 2
      block_task_imds                = false
      detailed_monitoring            = false
      ecs_config                     = { ECS_CONTAINER_STOP_TIMEOUT = "60s" }
      egress_ipv6_cidr_blocks        = ["::/0"]
      weight                         = 0
    }
    fargate_spot = { weight = 1 }
  }

  assert {
    condition = (
      length(aws_autoscaling_group.this[0].launch_template) == 1 &&
      aws_autoscaling_group.this[0].protect_from_scale_in == false &&
      aws_autoscaling_group.this[0].capacity_rebalance == false &&
      aws_autoscaling_group.this[0].desired_capacity == 1
    )
    error_message = "on-demand single type must use the plain launch template, no scale-in protection, desired = min"
  }

  assert {
    condition     = aws_ecs_capacity_provider.this[0].auto_scaling_group_provider[0].managed_termination_protection == "DISABLED"
    error_message = "managed termination protection must follow the input"
  }

  assert {
    condition = (
      strcontains(base64decode(aws_launch_template.this[0].user_data), "ECS_CONTAINER_STOP_TIMEOUT=60s\n") &&
      strcontains(base64decode(aws_launch_template.this[0].user_data), "ECS_AWSVPC_BLOCK_IMDS=false\n") &&
      !strcontains(base64decode(aws_launch_template.this[0].user_data), "SPOT_INSTANCE_DRAINING") &&
      aws_launch_template.this[0].metadata_options[0].http_put_response_hop_limit == 2 &&
      aws_launch_template.this[0].monitoring[0].enabled == false
    )
    error_message = "extra ecs_config, IMDS block opt-out, hop limit and monitoring must follow the inputs"
  }

  assert {
    condition     = length(aws_iam_role_policy_attachment.ssm) == 0
    error_message = "enable_ssm = false must drop the SSM policy"
  }

  assert {
    condition     = length(aws_vpc_security_group_egress_rule.https) == 2 && aws_vpc_security_group_egress_rule.https["ipv6-::/0"].cidr_ipv6 == "::/0"
    error_message = "IPv6 egress rule must be added"
  }

  assert {
    condition = (
      toset(aws_ecs_cluster_capacity_providers.this.capacity_providers) == toset(["FARGATE", "FARGATE_SPOT", "shop-prod-ec2"]) &&
      { for s in aws_ecs_cluster_capacity_providers.this.default_capacity_provider_strategy : s.capacity_provider => s.weight } == { FARGATE = 1, FARGATE_SPOT = 1 }
    )
    error_message = "with ec2 weight 0 the EC2 provider is associated but the default strategy is Fargate"
  }
}

run "capacity_provider_name_avoids_reserved_prefix" {
  command = plan

  variables {
    name = "ecs-demo"
  }

  assert {
    condition     = aws_ecs_capacity_provider.this[0].name == "cp-ecs-demo-ec2"
    error_message = "capacity provider names must not start with aws/ecs/fargate"
  }
}

run "ami_lookup_x86" {
  command   = plan
  providers = { aws = aws.mock }

  variables {
    ec2 = {
      vpc_id        = "vpc-0123456789abcdef0"
      subnet_ids    = ["subnet-0123456789abcdef0"]
      instance_type = "c6i.large"
    }
  }

  assert {
    condition     = data.aws_ssm_parameter.ami[0].name == "/aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id"
    error_message = "x86 types must use the x86_64 ECS-optimized AL2023 parameter"
  }

  assert {
    condition     = aws_launch_template.this[0].image_id == "ami-0abcdef1234567890"
    error_message = "looked-up AMI must be used"
  }
}

run "ami_lookup_graviton" {
  command   = plan
  providers = { aws = aws.mock }

  variables {
    ec2 = {
      vpc_id                    = "vpc-0123456789abcdef0"
      subnet_ids                = ["subnet-0123456789abcdef0"]
      instance_type             = "m7g.large"
      additional_instance_types = ["c6gn.large", "t4g.large"]
      spot                      = true
    }
  }

  assert {
    condition     = data.aws_ssm_parameter.ami[0].name == "/aws/service/ecs/optimized-ami/amazon-linux-2023/arm64/recommended/image_id"
    error_message = "Graviton types must use the arm64 ECS-optimized AL2023 parameter"
  }
}

run "rejects_sg_prefixed_name_with_ec2_capacity" {
  command = plan
  variables {
    name = "sg-prod"
  }
  expect_failures = [aws_security_group.this]
}
