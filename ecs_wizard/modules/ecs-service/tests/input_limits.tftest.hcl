# load_balancer.container_name: the variable's validation checks its characters; a
# precondition on the target group checks that it names one of the containers, and another
# that the container maps container_port. Each precondition is isolated by its own run.

mock_provider "aws" {}

variables {
  name        = "shop-prod-web"
  cluster_arn = "arn:aws:ecs:eu-west-1:123456789012:cluster/shop-prod"
  # every service names its strategy (see the capacity precondition in main.tf)
  capacity_provider_strategy = [{ capacity_provider = "FARGATE", weight = 1, base = 0 }]
  vpc_id                     = "vpc-0a1b2c3d4e5f60718"
  subnet_ids                 = ["subnet-0bbbbbbbbbbbbbbb1"]
  containers = [
    { name = "web", image = "public.ecr.aws/nginx/nginx:1.27", port_mappings = [{ container_port = 80 }] },
    { name = "sidecar", image = "public.ecr.aws/aws-observability/aws-otel-collector:v0.40.0", essential = false },
  ]
  load_balancer = {
    container_name        = "web"
    container_port        = 80
    alb_security_group_id = "sg-0ccccccccccccccc1"
    target_group_name     = "shop-prod-web"
  }
}

run "lb_container_names_a_container" {
  command = plan
  assert {
    condition     = length(aws_lb_target_group.this) == 1
    error_message = "A load balancer naming a container with the port mapping must plan."
  }
}

run "lb_container_name_is_not_a_container" {
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

run "lb_container_without_the_port" {
  command = plan
  variables {
    load_balancer = {
      container_name        = "sidecar"
      container_port        = 80
      alb_security_group_id = "sg-0ccccccccccccccc1"
      target_group_name     = "shop-prod-web"
    }
  }
  expect_failures = [aws_lb_target_group.this]
}
