# Day 2 settings: wait_for_steady_state reaches every service variant (default false), and
# superseded task definition revisions are kept ACTIVE unless told otherwise.

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
  name                       = "shop-prod-day2"
  cluster_arn                = "arn:aws:ecs:eu-west-1:123456789012:cluster/shop-prod"
  capacity_provider_strategy = [{ capacity_provider = "FARGATE", weight = 1, base = 0 }]
  vpc_id                     = "vpc-0a1b2c3d4e5f60718"
  subnet_ids                 = ["subnet-0bbbbbbbbbbbbbbb1"]
  containers = [{
    name  = "app"
    image = "public.ecr.aws/nginx/nginx:1.27"
  }]
}

run "defaults_do_not_wait_and_keep_revisions" {
  command = plan

  assert {
    condition     = aws_ecs_service.this[0].wait_for_steady_state == false
    error_message = "wait_for_steady_state must default to false."
  }

  assert {
    condition     = aws_ecs_task_definition.this.skip_destroy == true
    error_message = "Superseded task definition revisions must be kept ACTIVE by default (skip_destroy)."
  }
}

run "wait_for_steady_state_plain" {
  command = plan

  variables {
    wait_for_steady_state        = true
    task_definition_skip_destroy = false
  }

  assert {
    condition     = aws_ecs_service.this[0].wait_for_steady_state == true
    error_message = "wait_for_steady_state = true must reach aws_ecs_service.this."
  }

  assert {
    condition     = aws_ecs_task_definition.this.skip_destroy == false
    error_message = "task_definition_skip_destroy = false must reach the task definition."
  }
}

run "wait_for_steady_state_ignore_task_definition" {
  command = plan

  variables {
    wait_for_steady_state          = true
    ignore_task_definition_changes = true
  }

  assert {
    condition     = aws_ecs_service.ignore_task_definition[0].wait_for_steady_state == true
    error_message = "wait_for_steady_state = true must reach aws_ecs_service.ignore_task_definition."
  }
}

run "wait_for_steady_state_autoscaled" {
  command = plan

  variables {
    wait_for_steady_state = true
    autoscaling           = { min_capacity = 1, max_capacity = 2, cpu_target = 70 }
  }

  assert {
    condition     = aws_ecs_service.autoscaled[0].wait_for_steady_state == true
    error_message = "wait_for_steady_state = true must reach aws_ecs_service.autoscaled."
  }
}

run "wait_for_steady_state_autoscaled_ignore_task_definition" {
  command = plan

  variables {
    wait_for_steady_state          = true
    ignore_task_definition_changes = true
    autoscaling                    = { min_capacity = 1, max_capacity = 2, cpu_target = 70 }
  }

  assert {
    condition     = aws_ecs_service.autoscaled_ignore_task_definition[0].wait_for_steady_state == true
    error_message = "wait_for_steady_state = true must reach aws_ecs_service.autoscaled_ignore_task_definition."
  }
}
