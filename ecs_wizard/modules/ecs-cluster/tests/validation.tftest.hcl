# Bad input fails at plan time with a message naming the field (variable validations and
# cross-variable preconditions on the capacity provider association).

provider "aws" {
  region                      = "eu-west-1"
  access_key                  = "test"
  secret_key                  = "test"
  skip_credentials_validation = true
  skip_metadata_api_check     = true
  skip_region_validation      = true
  skip_requesting_account_id  = true
}

variables {
  name = "shop-prod"
}

run "bad_cluster_name" {
  command = plan
  variables {
    name = "shop prod!"
  }
  expect_failures = [var.name]
}

run "cluster_name_too_long" {
  command = plan
  variables {
    name = join("", [for i in range(256) : "a"])
  }
  expect_failures = [var.name]
}

run "bad_container_insights" {
  command = plan
  variables {
    container_insights = "on"
  }
  expect_failures = [var.container_insights]
}

run "bad_retention" {
  command = plan
  variables {
    log_retention_days = 10
  }
  expect_failures = [var.log_retention_days]
}

run "bad_log_kms_key" {
  command = plan
  variables {
    log_kms_key_arn = "alias/my-key"
  }
  expect_failures = [var.log_kms_key_arn]
}

run "fargate_weight_out_of_range" {
  command = plan
  variables {
    fargate = { weight = 1001 }
  }
  expect_failures = [var.fargate]
}

run "fargate_spot_negative_base" {
  command = plan
  variables {
    fargate_spot = { weight = 1, base = -1 }
  }
  expect_failures = [var.fargate_spot]
}

run "no_weight_in_default_strategy" {
  command = plan
  variables {
    fargate      = { weight = 0 }
    fargate_spot = { weight = 0 }
  }
  expect_failures = [aws_ecs_cluster_capacity_providers.this]
}

run "no_capacity_provider_at_all" {
  command = plan
  variables {
    fargate      = null
    fargate_spot = null
  }
  expect_failures = [aws_ecs_cluster_capacity_providers.this]
}

run "two_providers_with_base" {
  command = plan
  variables {
    fargate      = { weight = 1, base = 1 }
    fargate_spot = { weight = 1, base = 2 }
  }
  expect_failures = [aws_ecs_cluster_capacity_providers.this]
}

run "fargate_and_ec2_mixed_in_default_strategy" {
  command = plan
  variables {
    fargate = { weight = 1 }
    ec2 = {
      vpc_id     = "vpc-0123456789abcdef0"
      subnet_ids = ["subnet-0123456789abcdef0"]
      ami_id     = "ami-0123456789abcdef0"
    }
  }
  expect_failures = [aws_ecs_cluster_capacity_providers.this]
}

run "ec2_desired_above_max" {
  command = plan
  variables {
    ec2 = {
      vpc_id           = "vpc-0123456789abcdef0"
      subnet_ids       = ["subnet-0123456789abcdef0"]
      ami_id           = "ami-0123456789abcdef0"
      min_size         = 1
      max_size         = 2
      desired_capacity = 3
    }
  }
  expect_failures = [var.ec2]
}

run "ec2_min_above_max" {
  command = plan
  variables {
    ec2 = {
      vpc_id     = "vpc-0123456789abcdef0"
      subnet_ids = ["subnet-0123456789abcdef0"]
      ami_id     = "ami-0123456789abcdef0"
      min_size   = 3
      max_size   = 2
    }
  }
  expect_failures = [var.ec2]
}

run "ec2_target_capacity_out_of_range" {
  command = plan
  variables {
    ec2 = {
      vpc_id                  = "vpc-0123456789abcdef0"
      subnet_ids              = ["subnet-0123456789abcdef0"]
      ami_id                  = "ami-0123456789abcdef0"
      target_capacity_percent = 0
    }
  }
  expect_failures = [var.ec2]
}

run "ec2_root_volume_too_small" {
  command = plan
  variables {
    ec2 = {
      vpc_id         = "vpc-0123456789abcdef0"
      subnet_ids     = ["subnet-0123456789abcdef0"]
      ami_id         = "ami-0123456789abcdef0"
      root_volume_gb = 8
    }
  }
  expect_failures = [var.ec2]
}

run "ec2_bad_ids" {
  command = plan
  variables {
    ec2 = {
      vpc_id     = "my-vpc"
      subnet_ids = ["subnet-0123456789abcdef0"]
      ami_id     = "ami-0123456789abcdef0"
    }
  }
  expect_failures = [var.ec2]
}

run "ec2_no_subnets" {
  command = plan
  variables {
    ec2 = {
      vpc_id     = "vpc-0123456789abcdef0"
      subnet_ids = []
      ami_id     = "ami-0123456789abcdef0"
    }
  }
  expect_failures = [var.ec2]
}

run "ec2_mixed_architectures" {
  command = plan
  variables {
    ec2 = {
      vpc_id                    = "vpc-0123456789abcdef0"
      subnet_ids                = ["subnet-0123456789abcdef0"]
      ami_id                    = "ami-0123456789abcdef0"
      instance_type             = "m6i.large"
      additional_instance_types = ["m7g.large"]
    }
  }
  expect_failures = [var.ec2]
}

run "ec2_reserved_capacity_provider_name" {
  command = plan
  variables {
    ec2 = {
      vpc_id                 = "vpc-0123456789abcdef0"
      subnet_ids             = ["subnet-0123456789abcdef0"]
      ami_id                 = "ami-0123456789abcdef0"
      capacity_provider_name = "FargateThing"
    }
  }
  expect_failures = [var.ec2]
}

run "ec2_ecs_cluster_override_refused" {
  command = plan
  variables {
    ec2 = {
      vpc_id     = "vpc-0123456789abcdef0"
      subnet_ids = ["subnet-0123456789abcdef0"]
      ami_id     = "ami-0123456789abcdef0"
      ecs_config = { ECS_CLUSTER = "other" }
    }
  }
  expect_failures = [var.ec2]
}

run "ec2_hop_limit_zero" {
  command = plan
  variables {
    ec2 = {
      vpc_id             = "vpc-0123456789abcdef0"
      subnet_ids         = ["subnet-0123456789abcdef0"]
      ami_id             = "ami-0123456789abcdef0"
      metadata_hop_limit = 0
    }
  }
  expect_failures = [var.ec2]
}

run "ec2_bad_egress_cidr" {
  command = plan
  variables {
    ec2 = {
      vpc_id             = "vpc-0123456789abcdef0"
      subnet_ids         = ["subnet-0123456789abcdef0"]
      ami_id             = "ami-0123456789abcdef0"
      egress_cidr_blocks = ["0.0.0.0/33"]
    }
  }
  expect_failures = [var.ec2]
}

run "reserved_tag_key" {
  command = plan
  variables {
    tags = { "aws:owner" = "me" }
  }
  expect_failures = [var.tags]
}

# Control: a valid EC2 + Fargate Spot set-up (EC2 in the default strategy, Spot associated
# with weight 0) plans cleanly, so the failures above are caused by the bad values alone.
run "valid_ec2_with_fargate_spot" {
  command = plan
  variables {
    ec2 = {
      vpc_id     = "vpc-0123456789abcdef0"
      subnet_ids = ["subnet-0123456789abcdef0"]
      ami_id     = "ami-0123456789abcdef0"
    }
    fargate_spot = { weight = 0 }
  }

  assert {
    condition     = length(aws_ecs_cluster_capacity_providers.this.default_capacity_provider_strategy) == 1
    error_message = "only the EC2 provider must be in the default strategy"
  }
}

# An empty key_name used to pass (coalesce() skips ""), and only failed later in
# CreateLaunchTemplate: it must be null (no SSH key) or a key pair name.
run "ec2_empty_key_name" {
  command = plan
  variables {
    ec2 = {
      vpc_id     = "vpc-0123456789abcdef0"
      subnet_ids = ["subnet-0123456789abcdef0"]
      ami_id     = "ami-0123456789abcdef0"
      key_name   = ""
    }
  }
  expect_failures = [var.ec2]
}
