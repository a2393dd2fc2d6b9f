# Day 2 of EC2 capacity: a launch template change rolls the instances (instance refresh), and
# the instances and their volumes carry the project's tags through the launch template.

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
  tags = { Project = "shop", Environment = "prod" }
  ec2 = {
    vpc_id        = "vpc-0123456789abcdef0"
    subnet_ids    = ["subnet-0123456789abcdef0", "subnet-0123456789abcdef1"]
    ami_id        = "ami-0123456789abcdef0"
    instance_type = "m6i.large"
  }
}

run "instance_refresh_and_tags_by_default" {
  command = plan

  assert {
    condition = (
      length(aws_autoscaling_group.this[0].instance_refresh) == 1 &&
      aws_autoscaling_group.this[0].instance_refresh[0].strategy == "Rolling" &&
      aws_autoscaling_group.this[0].instance_refresh[0].preferences[0].min_healthy_percentage == 100 &&
      aws_autoscaling_group.this[0].instance_refresh[0].preferences[0].max_healthy_percentage == 200 &&
      aws_autoscaling_group.this[0].instance_refresh[0].preferences[0].instance_warmup == "300" &&
      aws_autoscaling_group.this[0].instance_refresh[0].preferences[0].skip_matching == true &&
      aws_autoscaling_group.this[0].instance_refresh[0].preferences[0].scale_in_protected_instances == "Refresh"
    )
    error_message = "A launch template change must roll the instances: Rolling, launch before terminate (100-200 %), protected instances refreshed (managed draining moves their tasks)."
  }

  assert {
    condition = (
      toset([for t in aws_launch_template.this[0].tag_specifications : t.resource_type]) == toset(["instance", "volume", "network-interface"]) &&
      alltrue([for t in aws_launch_template.this[0].tag_specifications :
        t.tags == tomap({ Project = "shop", Environment = "prod", Name = "shop-prod-ecs" })
      ])
    )
    error_message = "The launch template must tag instances, volumes and network interfaces with var.tags and Name."
  }
}

run "refresh_waits_without_managed_draining" {
  command = plan

  variables {
    ec2 = {
      vpc_id           = "vpc-0123456789abcdef0"
      subnet_ids       = ["subnet-0123456789abcdef0"]
      ami_id           = "ami-0123456789abcdef0"
      managed_draining = false
      instance_warmup  = 120
    }
  }

  assert {
    condition = (
      aws_autoscaling_group.this[0].instance_refresh[0].preferences[0].scale_in_protected_instances == "Wait" &&
      aws_autoscaling_group.this[0].instance_refresh[0].preferences[0].instance_warmup == "120"
    )
    error_message = "Without managed draining, the refresh must wait for ECS to empty protected instances."
  }
}

run "instance_refresh_off" {
  command = plan

  variables {
    ec2 = {
      vpc_id           = "vpc-0123456789abcdef0"
      subnet_ids       = ["subnet-0123456789abcdef0"]
      ami_id           = "ami-0123456789abcdef0"
      instance_refresh = false
    }
  }

  assert {
    condition     = length(aws_autoscaling_group.this[0].instance_refresh) == 0
    error_message = "instance_refresh = false must leave the group without an instance_refresh block."
  }
}
