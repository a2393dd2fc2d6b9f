# A worker: no load balancer, so no target group, no inbound rule, no ALB egress rule.

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
  name        = "shop-prod-worker"
  cluster_arn = "arn:aws:ecs:eu-west-1:123456789012:cluster/shop-prod"
  # ECS copies the cluster default onto a service created without one: the module needs one.
  capacity_provider_strategy = [{ capacity_provider = "FARGATE", weight = 1, base = 0 }]
  region                     = "eu-central-1"
  vpc_id                     = "vpc-0a1b2c3d4e5f60718"
  subnet_ids                 = ["subnet-0bbbbbbbbbbbbbbb1", "subnet-0bbbbbbbbbbbbbbb2"]
  containers = [{
    name                     = "worker"
    image                    = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/worker:1.4.2"
    readonly_root_filesystem = true
    entrypoint               = ["/app/worker"]
    cpu                      = 128
    memory                   = 256
  }]
  egress_cidr_blocks = ["10.0.0.0/16", "2001:db8::/56"]
  egress_ports       = [443, 5432]
}

run "worker" {
  command = plan

  assert {
    condition = (
      length(aws_lb_target_group.this) == 0 &&
      length(aws_vpc_security_group_ingress_rule.from_alb) == 0 &&
      length(aws_vpc_security_group_egress_rule.alb_to_tasks) == 0
    )
    error_message = "A worker must have no target group and no inbound or ALB rules."
  }

  assert {
    condition     = length(aws_ecs_service.this[0].load_balancer) == 0 && aws_ecs_service.this[0].health_check_grace_period_seconds == null
    error_message = "A worker service has no load_balancer block and no health check grace period."
  }

  assert {
    condition     = aws_ecs_service.this[0].network_configuration[0].assign_public_ip == false
    error_message = "Workers never get a public IP."
  }

  assert {
    condition = (
      toset(keys(aws_vpc_security_group_egress_rule.this)) == toset(["10.0.0.0/16:443", "10.0.0.0/16:5432", "2001:db8::/56:443", "2001:db8::/56:5432"]) &&
      aws_vpc_security_group_egress_rule.this["2001:db8::/56:5432"].cidr_ipv6 == "2001:db8::/56" &&
      aws_vpc_security_group_egress_rule.this["2001:db8::/56:5432"].cidr_ipv4 == null &&
      aws_vpc_security_group_egress_rule.this["10.0.0.0/16:5432"].cidr_ipv4 == "10.0.0.0/16" &&
      aws_vpc_security_group_egress_rule.this["10.0.0.0/16:5432"].from_port == 5432
    )
    error_message = "Task egress must be one rule per CIDR and port, IPv4 and IPv6 in the right field."
  }

  assert {
    condition = (
      jsondecode(aws_ecs_task_definition.this.container_definitions)[0].readonlyRootFilesystem == true &&
      jsondecode(aws_ecs_task_definition.this.container_definitions)[0].entryPoint == ["/app/worker"] &&
      jsondecode(aws_ecs_task_definition.this.container_definitions)[0].cpu == 128 &&
      jsondecode(aws_ecs_task_definition.this.container_definitions)[0].memory == 256 &&
      jsondecode(aws_ecs_task_definition.this.container_definitions)[0].logConfiguration.options["awslogs-region"] == "eu-central-1" &&
      !can(jsondecode(aws_ecs_task_definition.this.container_definitions)[0].portMappings[0]) &&
      !can(jsondecode(aws_ecs_task_definition.this.container_definitions)[0].environment)
    )
    error_message = "Worker container definition must carry readonly root fs, entrypoint, cpu/memory and the explicit region."
  }

  assert {
    condition     = output.target_group_arn == null && output.target_group_arn_suffix == null && output.target_group_name == null
    error_message = "Target group outputs must be null for a worker."
  }
}
