# A web service behind an ALB: target group, security group wiring, load_balancer block and
# the ordering after the listener rules.

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

  override_resource {
    target = aws_security_group.this
    values = { id = "sg-0aaaaaaaaaaaaaaa1" }
  }
}

variables {
  name        = "shop-prod-web"
  cluster_arn = "arn:aws:ecs:eu-west-1:123456789012:cluster/shop-prod"
  # ECS copies the cluster default onto a service created without one: the module needs one.
  capacity_provider_strategy = [{ capacity_provider = "FARGATE", weight = 1, base = 0 }]
  vpc_id                     = "vpc-0a1b2c3d4e5f60718"
  subnet_ids                 = ["subnet-0bbbbbbbbbbbbbbb1", "subnet-0bbbbbbbbbbbbbbb2"]
  cpu                        = 512
  memory                     = 1024
  containers = [{
    name          = "web"
    image         = "public.ecr.aws/nginx/nginx:1.27"
    port_mappings = [{ container_port = 8080, name = "http" }]
    environment   = { LOG_LEVEL = "info", A_FIRST = "1" }
    health_check  = { command = ["CMD-SHELL", "curl -f http://localhost:8080/ || exit 1"] }
  }]
  load_balancer = {
    container_name        = "web"
    container_port        = 8080
    alb_security_group_id = "sg-0ccccccccccccccc1"
    alb_arn_suffix        = "app/shop-prod/0123456789abcdef"
    target_group_name     = "shop-prod-web"
    health_check          = { path = "/healthz", matcher = "200-299", interval = 15, timeout = 5, healthy_threshold = 2, unhealthy_threshold = 4 }
    deregistration_delay  = 20
  }
  listener_dependencies = [
    "arn:aws:elasticloadbalancing:eu-west-1:123456789012:listener-rule/app/shop-prod/0123456789abcdef/0123456789abcdef/0123456789abcdef",
  ]
  tags = { team = "platform" }
}

run "plan_with_real_provider" {
  command = plan

  assert {
    condition     = length(aws_lb_target_group.this) == 1
    error_message = "A load-balanced service needs exactly one target group."
  }

  assert {
    condition = (
      aws_lb_target_group.this[0].target_type == "ip" &&
      aws_lb_target_group.this[0].protocol == "HTTP" &&
      aws_lb_target_group.this[0].port == 8080 &&
      aws_lb_target_group.this[0].vpc_id == var.vpc_id &&
      aws_lb_target_group.this[0].deregistration_delay == "20"
    )
    error_message = "Target group must be target_type ip, HTTP on the container port in the VPC, with the deregistration delay."
  }

  assert {
    condition = (
      aws_lb_target_group.this[0].health_check[0].path == "/healthz" &&
      aws_lb_target_group.this[0].health_check[0].matcher == "200-299" &&
      aws_lb_target_group.this[0].health_check[0].interval == 15 &&
      aws_lb_target_group.this[0].health_check[0].timeout == 5 &&
      aws_lb_target_group.this[0].health_check[0].healthy_threshold == 2 &&
      aws_lb_target_group.this[0].health_check[0].unhealthy_threshold == 4 &&
      aws_lb_target_group.this[0].health_check[0].port == "traffic-port"
    )
    error_message = "Target group health check must carry the configured path, matcher, interval, timeout and thresholds."
  }

  assert {
    condition     = aws_lb_target_group.this[0].stickiness[0].enabled == false
    error_message = "Stickiness must be off unless requested."
  }

  assert {
    condition     = can(regex("^shop-prod-web-[0-9a-f]{4}$", aws_lb_target_group.this[0].name)) && length(aws_lb_target_group.this[0].name) <= 32
    error_message = "Target group name must be target_group_name plus a 4-character hash, at most 32 characters."
  }

  assert {
    condition = (
      aws_vpc_security_group_ingress_rule.from_alb[0].referenced_security_group_id == "sg-0ccccccccccccccc1" &&
      aws_vpc_security_group_ingress_rule.from_alb[0].from_port == 8080 &&
      aws_vpc_security_group_ingress_rule.from_alb[0].to_port == 8080 &&
      aws_vpc_security_group_ingress_rule.from_alb[0].ip_protocol == "tcp" &&
      aws_vpc_security_group_ingress_rule.from_alb[0].cidr_ipv4 == null &&
      aws_vpc_security_group_ingress_rule.from_alb[0].cidr_ipv6 == null
    )
    error_message = "The task SG must accept traffic only from the ALB SG on the container port."
  }

  assert {
    condition     = length(aws_vpc_security_group_ingress_rule.from_alb) == 1
    error_message = "There must be exactly one ingress rule on the task SG."
  }

  assert {
    condition = (
      aws_vpc_security_group_egress_rule.alb_to_tasks[0].security_group_id == "sg-0ccccccccccccccc1" &&
      aws_vpc_security_group_egress_rule.alb_to_tasks[0].from_port == 8080 &&
      aws_vpc_security_group_egress_rule.alb_to_tasks[0].to_port == 8080 &&
      aws_vpc_security_group_egress_rule.alb_to_tasks[0].ip_protocol == "tcp"
    )
    error_message = "The ALB SG must get an egress rule to the tasks on the container port."
  }

  assert {
    condition = (
      keys(aws_vpc_security_group_egress_rule.this) == ["0.0.0.0/0:443"] &&
      aws_vpc_security_group_egress_rule.this["0.0.0.0/0:443"].cidr_ipv4 == "0.0.0.0/0" &&
      aws_vpc_security_group_egress_rule.this["0.0.0.0/0:443"].from_port == 443
    )
    error_message = "Default task egress must be 443 to 0.0.0.0/0 only."
  }

  assert {
    condition = (
      length(aws_ecs_service.this) == 1 &&
      length(aws_ecs_service.ignore_task_definition) == 0 &&
      length(aws_ecs_service.autoscaled) == 0 &&
      length(aws_ecs_service.autoscaled_ignore_task_definition) == 0
    )
    error_message = "Without autoscaling or ignore_task_definition_changes the service must live at aws_ecs_service.this[0]."
  }

  assert {
    condition = (
      one(aws_ecs_service.this[0].load_balancer).container_name == "web" &&
      one(aws_ecs_service.this[0].load_balancer).container_port == 8080 &&
      aws_ecs_service.this[0].health_check_grace_period_seconds == 60
    )
    error_message = "The service must register the web container port with the target group and have a grace period."
  }

  assert {
    condition = (
      aws_ecs_service.this[0].network_configuration[0].assign_public_ip == false &&
      toset(aws_ecs_service.this[0].network_configuration[0].subnets) == toset(var.subnet_ids)
    )
    error_message = "Tasks must run in the private subnets without a public IP."
  }

  assert {
    condition = (
      aws_ecs_service.this[0].deployment_circuit_breaker[0].enable == true &&
      aws_ecs_service.this[0].deployment_circuit_breaker[0].rollback == true &&
      aws_ecs_service.this[0].deployment_minimum_healthy_percent == 100 &&
      aws_ecs_service.this[0].deployment_maximum_percent == 200 &&
      aws_ecs_service.this[0].propagate_tags == "SERVICE" &&
      aws_ecs_service.this[0].wait_for_steady_state == false &&
      aws_ecs_service.this[0].enable_execute_command == false
    )
    error_message = "Service deployment settings, tag propagation and ECS Exec defaults are wrong."
  }

  assert {
    condition     = terraform_data.listener_dependencies.input == var.listener_dependencies
    error_message = "The listener dependencies must feed the terraform_data the service depends on."
  }

  assert {
    condition = (
      aws_ecs_task_definition.this.network_mode == "awsvpc" &&
      aws_ecs_task_definition.this.requires_compatibilities == toset(["FARGATE"]) &&
      aws_ecs_task_definition.this.cpu == "512" &&
      aws_ecs_task_definition.this.memory == "1024" &&
      aws_ecs_task_definition.this.runtime_platform[0].cpu_architecture == "X86_64" &&
      aws_ecs_task_definition.this.runtime_platform[0].operating_system_family == "LINUX"
    )
    error_message = "Task definition must be awsvpc/FARGATE with the task size and Linux X86_64."
  }

  assert {
    condition = (
      jsondecode(aws_ecs_task_definition.this.container_definitions)[0].portMappings == [{ containerPort = 8080, hostPort = 8080, protocol = "tcp", name = "http" }] &&
      jsondecode(aws_ecs_task_definition.this.container_definitions)[0].environment == [{ name = "A_FIRST", value = "1" }, { name = "LOG_LEVEL", value = "info" }] &&
      jsondecode(aws_ecs_task_definition.this.container_definitions)[0].essential == true &&
      jsondecode(aws_ecs_task_definition.this.container_definitions)[0].healthCheck.command[0] == "CMD-SHELL" &&
      jsondecode(aws_ecs_task_definition.this.container_definitions)[0].healthCheck.retries == 3
    )
    error_message = "Container definition must carry port mapping, sorted environment, essential flag and health check."
  }

  assert {
    condition = jsondecode(aws_ecs_task_definition.this.container_definitions)[0].logConfiguration == {
      logDriver = "awslogs"
      options = {
        awslogs-group         = "/ecs/shop-prod-web"
        awslogs-region        = "eu-west-1"
        awslogs-stream-prefix = "ecs"
      }
    }
    error_message = "Containers must log to the service log group through awslogs, region taken from the cluster ARN."
  }

  assert {
    condition     = !can(jsondecode(aws_ecs_task_definition.this.container_definitions)[0].secrets) && !can(jsondecode(aws_ecs_task_definition.this.container_definitions)[0].command)
    error_message = "Unset optional fields must not appear in the container definition."
  }

  assert {
    condition     = aws_cloudwatch_log_group.this.name == "/ecs/shop-prod-web" && aws_cloudwatch_log_group.this.retention_in_days == 30
    error_message = "The log group must be /ecs/<name> with 30 days retention by default."
  }

  assert {
    condition     = length(aws_iam_role_policy.execution_secrets) == 0 && length(aws_iam_role_policy.task_exec) == 0 && length(aws_iam_role_policy_attachment.task) == 0
    error_message = "Without secrets/ECS Exec/extra policies there must be no inline policies and the task role must be empty."
  }

  assert {
    condition     = aws_iam_role_policy_attachment.execution.policy_arn == "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"
    error_message = "The execution role must have AmazonECSTaskExecutionRolePolicy."
  }

  assert {
    condition = (
      jsondecode(aws_iam_role.task.assume_role_policy).Statement[0].Principal.Service == "ecs-tasks.amazonaws.com" &&
      jsondecode(aws_iam_role.task.assume_role_policy).Statement[0].Condition.StringEquals["aws:SourceAccount"] == "123456789012"
    )
    error_message = "Roles must be assumable by ECS tasks of this account only."
  }

  assert {
    condition     = aws_ecs_service.this[0].tags["team"] == "platform" && aws_lb_target_group.this[0].tags["team"] == "platform" && aws_security_group.this.tags["Name"] == "shop-prod-web-tasks"
    error_message = "Tags must reach the resources."
  }

  assert {
    condition     = length(aws_appautoscaling_target.this) == 0 && length(aws_appautoscaling_policy.this) == 0
    error_message = "No autoscaling unless requested."
  }
}

run "stickiness_and_exact_name" {
  command = plan

  variables {
    load_balancer = {
      container_name        = "web"
      container_port        = 8080
      alb_security_group_id = "sg-0ccccccccccccccc1"
      target_group_name     = "exact-name"
      name_suffix           = false
      stickiness            = { cookie_duration = 3600 }
    }
  }

  assert {
    condition     = aws_lb_target_group.this[0].name == "exact-name"
    error_message = "With name_suffix = false the target group name must be used verbatim."
  }

  assert {
    condition = (
      aws_lb_target_group.this[0].stickiness[0].enabled == true &&
      aws_lb_target_group.this[0].stickiness[0].type == "lb_cookie" &&
      aws_lb_target_group.this[0].stickiness[0].cookie_duration == 3600
    )
    error_message = "Stickiness must be lb_cookie with the requested duration."
  }

  assert {
    condition     = aws_lb_target_group.this[0].health_check[0].path == "/" && aws_lb_target_group.this[0].health_check[0].matcher == "200-399"
    error_message = "Health check defaults must be / and 200-399."
  }
}

# Last: the mock apply leaves state that the real provider could not refresh offline.
run "wiring_after_apply_with_mock_provider" {
  command = apply

  providers = {
    aws = aws.mock
  }

  assert {
    condition     = aws_vpc_security_group_egress_rule.alb_to_tasks[0].referenced_security_group_id == "sg-0aaaaaaaaaaaaaaa1"
    error_message = "The ALB SG egress rule must point at the task SG."
  }

  assert {
    condition     = aws_ecs_service.this[0].network_configuration[0].security_groups == toset(["sg-0aaaaaaaaaaaaaaa1"])
    error_message = "The tasks must use the task SG only."
  }

  assert {
    condition     = one(aws_ecs_service.this[0].load_balancer).target_group_arn == aws_lb_target_group.this[0].arn
    error_message = "The service must register with its own target group."
  }

  assert {
    condition = (
      output.target_group_arn == aws_lb_target_group.this[0].arn &&
      output.target_group_arn_suffix == aws_lb_target_group.this[0].arn_suffix &&
      output.security_group_id == "sg-0aaaaaaaaaaaaaaa1" &&
      output.service_name == "shop-prod-web" &&
      output.service_arn == aws_ecs_service.this[0].id &&
      output.task_definition_arn == aws_ecs_task_definition.this.arn &&
      output.execution_role_arn == aws_iam_role.execution.arn &&
      output.task_role_arn == aws_iam_role.task.arn &&
      output.log_group_name == "/ecs/shop-prod-web" &&
      output.service_resource_address == "aws_ecs_service.this[0]"
    )
    error_message = "Outputs must expose the created resources."
  }

  assert {
    condition     = aws_ecs_service.this[0].task_definition == aws_ecs_task_definition.this.arn
    error_message = "The service must run the module's task definition."
  }
}
