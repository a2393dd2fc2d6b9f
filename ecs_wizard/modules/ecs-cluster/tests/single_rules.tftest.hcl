# One run per rule that the batched cases in validation.tftest.hcl do not isolate: each starts
# from a valid configuration and breaks exactly one validation, so deleting that validation
# (benchmarks/tf_validation_mutation.py) makes its run fail. expect_failures names the whole
# variable, so the bad value must leave every other rule on that variable satisfied.

# Variable validations are evaluated by Terraform before any provider call: a mock provider
# keeps these runs fast (the partition only matters to the valid control run at the end).
mock_provider "aws" {
  mock_data "aws_partition" {
    defaults = {
      partition = "aws"
    }
  }
}

variables {
  name = "shop-prod"
}

run "bad_log_group_name" {
  command = plan
  variables {
    log_group_name = "/ecs/shop prod/exec"
  }
  expect_failures = [var.log_group_name]
}

run "bad_exec_kms_key" {
  command = plan
  variables {
    exec_kms_key_arn = "alias/my-key"
  }
  expect_failures = [var.exec_kms_key_arn]
}

run "ec2_bad_instance_type" {
  command = plan
  variables {
    ec2 = {
      vpc_id        = "vpc-0123456789abcdef0"
      subnet_ids    = ["subnet-0123456789abcdef0"]
      ami_id        = "ami-0123456789abcdef0"
      instance_type = "t3medium"
    }
  }
  expect_failures = [var.ec2]
}

run "ec2_bad_architecture" {
  command = plan
  variables {
    ec2 = {
      vpc_id       = "vpc-0123456789abcdef0"
      subnet_ids   = ["subnet-0123456789abcdef0"]
      ami_id       = "ami-0123456789abcdef0"
      architecture = "amd64"
    }
  }
  expect_failures = [var.ec2]
}

run "ec2_bad_ami_id" {
  command = plan
  variables {
    ec2 = {
      vpc_id     = "vpc-0123456789abcdef0"
      subnet_ids = ["subnet-0123456789abcdef0"]
      ami_id     = "ami-latest"
    }
  }
  expect_failures = [var.ec2]
}

run "ec2_bad_spot_allocation_strategy" {
  command = plan
  variables {
    ec2 = {
      vpc_id                   = "vpc-0123456789abcdef0"
      subnet_ids               = ["subnet-0123456789abcdef0"]
      ami_id                   = "ami-0123456789abcdef0"
      spot                     = true
      spot_allocation_strategy = "cheapest"
    }
  }
  expect_failures = [var.ec2]
}

run "ec2_negative_on_demand_base_capacity" {
  command = plan
  variables {
    ec2 = {
      vpc_id                  = "vpc-0123456789abcdef0"
      subnet_ids              = ["subnet-0123456789abcdef0"]
      ami_id                  = "ami-0123456789abcdef0"
      on_demand_base_capacity = -1
    }
  }
  expect_failures = [var.ec2]
}

run "ec2_bad_root_volume_kms_key" {
  command = plan
  variables {
    ec2 = {
      vpc_id                  = "vpc-0123456789abcdef0"
      subnet_ids              = ["subnet-0123456789abcdef0"]
      ami_id                  = "ami-0123456789abcdef0"
      root_volume_kms_key_arn = "alias/ebs"
    }
  }
  expect_failures = [var.ec2]
}

run "ec2_weight_out_of_range" {
  command = plan
  variables {
    ec2 = {
      vpc_id     = "vpc-0123456789abcdef0"
      subnet_ids = ["subnet-0123456789abcdef0"]
      ami_id     = "ami-0123456789abcdef0"
      weight     = 1001
    }
  }
  expect_failures = [var.ec2]
}

run "ec2_negative_instance_warmup" {
  command = plan
  variables {
    ec2 = {
      vpc_id          = "vpc-0123456789abcdef0"
      subnet_ids      = ["subnet-0123456789abcdef0"]
      ami_id          = "ami-0123456789abcdef0"
      instance_warmup = -1
    }
  }
  expect_failures = [var.ec2]
}

run "ec2_key_name_too_long" {
  command = plan
  variables {
    ec2 = {
      vpc_id     = "vpc-0123456789abcdef0"
      subnet_ids = ["subnet-0123456789abcdef0"]
      ami_id     = "ami-0123456789abcdef0"
      key_name   = join("", [for i in range(256) : "k"])
    }
  }
  expect_failures = [var.ec2]
}

# Control: the same baseline with every value above made valid plans cleanly.
run "valid_ec2_with_every_field_above" {
  command = plan
  variables {
    log_group_name   = "/ecs/shop-prod/exec"
    exec_kms_key_arn = "arn:aws:kms:eu-west-1:123456789012:key/11111111-2222-3333-4444-555555555555"
    ec2 = {
      vpc_id                   = "vpc-0123456789abcdef0"
      subnet_ids               = ["subnet-0123456789abcdef0"]
      ami_id                   = "ami-0123456789abcdef0"
      instance_type            = "t3.medium"
      architecture             = "x86_64"
      spot                     = true
      spot_allocation_strategy = "capacity-optimized"
      on_demand_base_capacity  = 1
      root_volume_kms_key_arn  = "arn:aws:kms:eu-west-1:123456789012:alias/ebs"
      weight                   = 1000
      instance_warmup          = 0
      key_name                 = join("", [for i in range(255) : "k"])
    }
  }

  assert {
    condition     = length(aws_autoscaling_group.this) == 1
    error_message = "The valid EC2 configuration must plan an Auto Scaling group."
  }
}
