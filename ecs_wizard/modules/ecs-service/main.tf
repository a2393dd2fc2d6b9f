################################################################################
# Derived values (no AWS data sources: the module plans offline)
################################################################################

locals {
  cluster_arn_parts = split(":", var.cluster_arn)
  partition         = local.cluster_arn_parts[1]
  account_id        = local.cluster_arn_parts[4]
  cluster_name      = split("/", var.cluster_arn)[1]
  region            = var.region != null ? var.region : local.cluster_arn_parts[3]

  log_group_name = var.log_group_name != null ? var.log_group_name : "/ecs/${var.name}"

  load_balanced = var.load_balancer != null
  autoscaled    = var.autoscaling != null

  # Valid Fargate task sizes: CPU units => allowed memory (MiB).
  fargate_memory_by_cpu = {
    "256"   = [512, 1024, 2048]
    "512"   = range(1024, 4097, 1024)
    "1024"  = range(2048, 8193, 1024)
    "2048"  = range(4096, 16385, 1024)
    "4096"  = range(8192, 30721, 1024)
    "8192"  = range(16384, 61441, 4096)
    "16384" = range(32768, 122881, 8192)
  }
  fargate_size_ok = !contains(var.requires_compatibilities, "FARGATE") || contains(lookup(local.fargate_memory_by_cpu, tostring(var.cpu), []), var.memory)

  # Containers sorted by name, so reordering the input never produces a diff.
  containers_by_name = { for c in var.containers : c.name => c... }
  containers         = [for n in sort(keys(local.containers_by_name)) : local.containers_by_name[n][0]]

  container_definitions = [for c in local.containers : merge(
    {
      name                   = c.name
      image                  = c.image
      essential              = c.essential
      readonlyRootFilesystem = c.readonly_root_filesystem
      portMappings = [for p in c.port_mappings : merge(
        {
          containerPort = p.container_port
          hostPort      = p.container_port # awsvpc: always equal to containerPort
          protocol      = p.protocol
        },
        { for k, v in { name = p.name, appProtocol = p.app_protocol } : k => v if v != null },
      )]
      logConfiguration = {
        logDriver = "awslogs"
        options = {
          awslogs-group         = local.log_group_name
          awslogs-region        = local.region
          awslogs-stream-prefix = var.log_stream_prefix
        }
      }
    },
    { for k, v in { environment = [for name, value in c.environment : { name = name, value = value }] } : k => v if length(v) > 0 },
    { for k, v in { secrets = [for name, arn in c.secrets : { name = name, valueFrom = arn }] } : k => v if length(v) > 0 },
    { for k, v in { cpu = c.cpu, memory = c.memory, memoryReservation = c.memory_reservation } : k => v if v != null },
    { for k, v in { command = c.command, entryPoint = c.entrypoint } : k => v if v != null },
    { for k, v in { workingDirectory = c.working_directory, user = c.user } : k => v if v != null },
    # ECS Exec: an init process reaps the SSM agent's child processes (ECS developer guide,
    # "Using ECS Exec": initProcessEnabled is recommended).
    { for k, v in { linuxParameters = var.enable_execute_command ? { initProcessEnabled = true } : null } : k => v if v != null },
    { for k, v in {
      healthCheck = c.health_check == null ? null : {
        command     = c.health_check.command
        interval    = c.health_check.interval
        timeout     = c.health_check.timeout
        retries     = c.health_check.retries
        startPeriod = c.health_check.start_period
      }
    } : k => v if v != null },
  )]

  # Secret ARNs as IAM resources: Secrets Manager valueFrom may carry
  # `:json-key:version-stage:version-id`; IAM needs the secret ARN (7 fields). A complete
  # secret ARN ends in `-` and 6 random characters; a partial ARN (the secret's name only) is
  # granted as `<arn>-??????`, the pattern the Secrets Manager user guide gives for policies.
  # (A name that itself ends in `-` + 6 letters/digits reads as complete, as it does for
  # Secrets Manager: give such secrets by their complete ARN.)
  secret_arns = distinct(flatten([for c in var.containers : values(c.secrets)]))
  ssm_parameter_arns = sort(distinct([
    for a in local.secret_arns : a if split(":", a)[2] == "ssm"
  ]))
  secretsmanager_secret_arns = distinct([
    for a in local.secret_arns : join(":", slice(split(":", a), 0, 7)) if split(":", a)[2] == "secretsmanager"
  ])
  secretsmanager_arns = sort(distinct([
    for a in local.secretsmanager_secret_arns : can(regex("-[a-zA-Z0-9]{6}$", a)) ? a : "${a}-??????"
  ]))
  execution_policy_statements = concat(
    length(local.ssm_parameter_arns) == 0 ? [] : [{
      Sid      = "ReadSsmParameters"
      Effect   = "Allow"
      Action   = ["ssm:GetParameters"]
      Resource = local.ssm_parameter_arns
    }],
    length(local.secretsmanager_arns) == 0 ? [] : [{
      Sid      = "ReadSecretsManagerSecrets"
      Effect   = "Allow"
      Action   = ["secretsmanager:GetSecretValue"]
      Resource = local.secretsmanager_arns
    }],
    length(var.secrets_kms_key_arns) == 0 ? [] : [{
      Sid      = "DecryptSecrets"
      Effect   = "Allow"
      Action   = ["kms:Decrypt"]
      Resource = sort(distinct(var.secrets_kms_key_arns))
    }],
  )

  lb_container = local.load_balanced ? lookup(local.containers_by_name, var.load_balancer.container_name, [null])[0] : null
  lb_container_port_ok = local.load_balanced ? (local.lb_container == null ? false : contains(
    [for p in local.lb_container.port_mappings : p.container_port if p.protocol == "tcp"], var.load_balancer.container_port
  )) : true

  # Target group name: with name_suffix, a short hash of everything that forces replacement is
  # appended so a replacement gets a new name and create_before_destroy can work.
  target_group_name = !local.load_balanced ? null : (
    var.load_balancer.name_suffix ? format("%s-%s",
      trimsuffix(substr(var.load_balancer.target_group_name, 0, 27), "-"),
      substr(sha1(jsonencode([
        var.load_balancer.target_group_name, var.load_balancer.container_port, var.vpc_id,
        var.load_balancer.protocol_version, "ip", "HTTP",
      ])), 0, 4)
    ) : var.load_balancer.target_group_name
  )
}

################################################################################
# CloudWatch logs
################################################################################

resource "aws_cloudwatch_log_group" "this" {
  #checkov:skip=CKV_AWS_158:CloudWatch Logs always encrypts at rest with a service key; a customer managed key is opt-in (log_group_kms_key_arn) because its key policy must grant the regional logs service principal, which this module does not own.
  #checkov:skip=CKV_AWS_338:Retention is an input (log_retention_days, default 30 days, validated to CloudWatch values): a cost and data-minimisation choice per environment; set 365 or more where compliance requires it.
  name              = local.log_group_name
  retention_in_days = var.log_retention_days
  kms_key_id        = var.log_group_kms_key_arn

  tags = var.tags
}

################################################################################
# IAM: task execution role (ECS agent: pull image, write logs, read secrets)
################################################################################

locals {
  # IAM role names are global per account and at most 64 characters: `<name>-<region>` (so the
  # same service in two regions does not collide), cut to 59 with a hash of the full name when
  # longer, then `-exec` / `-task`. Exactly as ecs_wizard/naming.py iam_role_base() does.
  iam_role_base_full = "${var.name}-${local.region}"
  iam_role_base = (length(local.iam_role_base_full) <= 59 ? local.iam_role_base_full :
  "${replace(substr(local.iam_role_base_full, 0, 52), "/-+$/", "")}-${substr(sha256(local.iam_role_base_full), 0, 6)}")

  ecs_tasks_assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "EcsTasksAssumeRole"
      Effect    = "Allow"
      Principal = { Service = "ecs-tasks.amazonaws.com" }
      Action    = "sts:AssumeRole"
      Condition = {
        # Confused-deputy protection, as recommended in the ECS developer guide.
        ArnLike      = { "aws:SourceArn" = "arn:${local.partition}:ecs:${local.region}:${local.account_id}:*" }
        StringEquals = { "aws:SourceAccount" = local.account_id }
      }
    }]
  })
}

resource "aws_iam_role" "execution" {
  name                 = "${local.iam_role_base}-exec"
  description          = "ECS task execution role of service ${var.name}: pull images, write logs, read its secrets"
  assume_role_policy   = local.ecs_tasks_assume_role_policy
  max_session_duration = 3600

  tags = var.tags

  lifecycle {
    # A new role name (e.g. a renamed service) creates the new role and its policies before
    # the old ones are deleted, so tasks still running on the old role keep their permissions.
    create_before_destroy = true
  }
}

resource "aws_iam_role_policy_attachment" "execution" {
  role       = aws_iam_role.execution.name
  policy_arn = "arn:${local.partition}:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_iam_role_policy" "execution_secrets" {
  count = length(local.execution_policy_statements) > 0 ? 1 : 0

  name = "read-secrets"
  role = aws_iam_role.execution.id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = local.execution_policy_statements
  })

  lifecycle {
    create_before_destroy = true
  }
}

################################################################################
# IAM: task role (what the application itself may do; nothing by default)
################################################################################

resource "aws_iam_role" "task" {
  name                 = "${local.iam_role_base}-task"
  description          = "ECS task role of service ${var.name}"
  assume_role_policy   = local.ecs_tasks_assume_role_policy
  max_session_duration = 3600

  tags = var.tags

  lifecycle {
    # A new role name (e.g. a renamed service) creates the new role and its policies before
    # the old ones are deleted, so tasks still running on the old role keep their permissions.
    create_before_destroy = true
  }
}

resource "aws_iam_role_policy_attachment" "task" {
  for_each = var.task_role_policy_arns

  role       = aws_iam_role.task.name
  policy_arn = each.value

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_iam_role_policy" "task" {
  count = var.task_role_policy_json != null ? 1 : 0

  name   = "inline"
  role   = aws_iam_role.task.id
  policy = var.task_role_policy_json

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_iam_role_policy" "task_exec" {
  count = var.enable_execute_command ? 1 : 0

  name = "ecs-exec"
  role = aws_iam_role.task.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = concat(
      [{
        Sid    = "EcsExecSsmMessages"
        Effect = "Allow"
        Action = [
          "ssmmessages:CreateControlChannel",
          "ssmmessages:CreateDataChannel",
          "ssmmessages:OpenControlChannel",
          "ssmmessages:OpenDataChannel",
        ]
        Resource = "*"
      }],
      var.execute_command_log_group_name == null ? [] : [
        {
          Sid      = "EcsExecDescribeLogGroups"
          Effect   = "Allow"
          Action   = ["logs:DescribeLogGroups"]
          Resource = "*"
        },
        {
          Sid      = "EcsExecSessionLogs"
          Effect   = "Allow"
          Action   = ["logs:CreateLogStream", "logs:DescribeLogStreams", "logs:PutLogEvents"]
          Resource = "arn:${local.partition}:logs:${local.region}:${local.account_id}:log-group:${var.execute_command_log_group_name}:*"
        },
      ],
    )
  })

  lifecycle {
    create_before_destroy = true
  }
}

################################################################################
# Task definition
################################################################################

resource "aws_ecs_task_definition" "this" {
  family                   = var.name
  network_mode             = "awsvpc"
  requires_compatibilities = var.requires_compatibilities
  cpu                      = tostring(var.cpu)
  memory                   = tostring(var.memory)
  execution_role_arn       = aws_iam_role.execution.arn
  task_role_arn            = aws_iam_role.task.arn
  container_definitions    = jsonencode(local.container_definitions)

  runtime_platform {
    operating_system_family = "LINUX"
    cpu_architecture        = var.cpu_architecture
  }

  # Keep the old revision ACTIVE when a new one replaces it (and on destroy): a rollback with
  # `aws ecs update-service --task-definition <family>:<n-1>` needs an ACTIVE revision, and
  # ECS refuses to point a service at an INACTIVE one. Revisions cost nothing.
  skip_destroy = var.task_definition_skip_destroy

  tags = var.tags

  # The containers log to this group (awslogs-group names it by string, not by reference):
  # without the dependency the first tasks could start before the group exists and fail with
  # "ResourceInitializationError: ... log group does not exist".
  depends_on = [aws_cloudwatch_log_group.this]

  lifecycle {
    precondition {
      condition     = local.fargate_size_ok
      error_message = "cpu = ${var.cpu} with memory = ${var.memory} is not a valid Fargate task size. Valid: 256 -> 512/1024/2048; 512 -> 1024-4096; 1024 -> 2048-8192; 2048 -> 4096-16384 (1 GiB steps); 4096 -> 8192-30720 (1 GiB steps); 8192 -> 16384-61440 (4 GiB steps); 16384 -> 32768-122880 (8 GiB steps)."
    }
    precondition {
      condition     = sum(concat([0], [for c in var.containers : coalesce(c.cpu, 0)])) <= var.cpu
      error_message = "The containers' cpu values add up to more than the task cpu (${var.cpu})."
    }
    precondition {
      condition     = sum(concat([0], [for c in var.containers : coalesce(c.memory, c.memory_reservation, 0)])) <= var.memory
      error_message = "The containers' memory (or memory_reservation) values add up to more than the task memory (${var.memory} MiB)."
    }
    precondition {
      condition     = !var.enable_execute_command || !anytrue([for c in var.containers : c.readonly_root_filesystem])
      error_message = "enable_execute_command cannot be used with readonly_root_filesystem (containers: ${join(", ", [for c in var.containers : c.name if c.readonly_root_filesystem])}): the SSM agent that ECS Exec starts in each container must write to its filesystem, and AWS does not support ECS Exec with a read-only root filesystem. While debugging, set readonly_root_filesystem = false on those containers, or turn ECS Exec off."
    }
    precondition {
      condition     = !(var.cpu_architecture == "ARM64" && contains([for s in var.capacity_provider_strategy : s.capacity_provider], "FARGATE_SPOT"))
      error_message = "cpu_architecture = ARM64 cannot run on FARGATE_SPOT: Fargate Spot runs X86_64 tasks only. Use FARGATE (on-demand) for ARM64 tasks, or build the image for X86_64 and set cpu_architecture = \"X86_64\"."
    }
  }
}

################################################################################
# Task security group: inbound only from the ALB security group
################################################################################

resource "aws_security_group" "this" {
  #checkov:skip=CKV2_AWS_5:Attached to the tasks through network_configuration of the aws_ecs_service (one of four count-selected variants, which checkov does not follow).
  name_prefix = "${var.name}-tasks-"
  description = "ECS tasks of service ${var.name}"
  vpc_id      = var.vpc_id

  tags = merge(var.tags, { Name = "${var.name}-tasks" })

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_vpc_security_group_ingress_rule" "from_alb" {
  count = local.load_balanced ? 1 : 0

  security_group_id            = aws_security_group.this.id
  description                  = "From the ALB to the ${var.load_balancer.container_name} container"
  referenced_security_group_id = var.load_balancer.alb_security_group_id
  ip_protocol                  = "tcp"
  from_port                    = var.load_balancer.container_port
  to_port                      = var.load_balancer.container_port

  tags = var.tags
}

# Lives on the ALB's security group (which has no egress of its own): the ALB may reach these
# tasks, on the container port, and nothing else.
resource "aws_vpc_security_group_egress_rule" "alb_to_tasks" {
  count = local.load_balanced ? 1 : 0

  security_group_id            = var.load_balancer.alb_security_group_id
  description                  = "From the ALB to the tasks of service ${var.name}"
  referenced_security_group_id = aws_security_group.this.id
  ip_protocol                  = "tcp"
  from_port                    = var.load_balancer.container_port
  to_port                      = var.load_balancer.container_port

  tags = var.tags
}

resource "aws_vpc_security_group_egress_rule" "this" {
  for_each = {
    for pair in setproduct(var.egress_cidr_blocks, var.egress_ports) : "${pair[0]}:${pair[1]}" => {
      cidr = pair[0]
      port = pair[1]
    }
  }

  security_group_id = aws_security_group.this.id
  description       = "Tasks to ${each.value.cidr} on ${each.value.port} (image pulls, AWS APIs)"
  cidr_ipv4         = strcontains(each.value.cidr, ":") ? null : each.value.cidr
  cidr_ipv6         = strcontains(each.value.cidr, ":") ? each.value.cidr : null
  ip_protocol       = "tcp"
  from_port         = each.value.port
  to_port           = each.value.port

  tags = var.tags
}

################################################################################
# Target group (load-balanced services only)
################################################################################

resource "aws_lb_target_group" "this" {
  #checkov:skip=CKV_AWS_378:TLS terminates at the ALB (HTTPS listener, TLS 1.2+); ALB-to-task traffic stays inside the VPC, and the task security group admits only the ALB security group on the container port. Containers do not hold certificates.
  count = local.load_balanced ? 1 : 0

  name                 = local.target_group_name
  target_type          = "ip"
  protocol             = "HTTP"
  protocol_version     = var.load_balancer.protocol_version
  port                 = var.load_balancer.container_port
  vpc_id               = var.vpc_id
  deregistration_delay = var.load_balancer.deregistration_delay
  slow_start           = var.load_balancer.slow_start

  health_check {
    enabled             = true
    protocol            = "HTTP"
    port                = "traffic-port"
    path                = var.load_balancer.health_check.path
    matcher             = var.load_balancer.health_check.matcher
    interval            = var.load_balancer.health_check.interval
    timeout             = var.load_balancer.health_check.timeout
    healthy_threshold   = var.load_balancer.health_check.healthy_threshold
    unhealthy_threshold = var.load_balancer.health_check.unhealthy_threshold
  }

  # Always declared (enabled or not): an omitted block would leave stickiness as it was.
  stickiness {
    type            = "lb_cookie"
    enabled         = var.load_balancer.stickiness == null ? false : var.load_balancer.stickiness.enabled
    cookie_duration = var.load_balancer.stickiness == null ? 86400 : var.load_balancer.stickiness.cookie_duration
  }

  tags = merge(var.tags, { Name = local.target_group_name })

  lifecycle {
    create_before_destroy = true

    precondition {
      condition     = local.lb_container != null
      error_message = "load_balancer.container_name (${var.load_balancer.container_name}) must name one of the containers: ${join(", ", [for c in var.containers : c.name])}."
    }

    precondition {
      condition     = local.lb_container == null || local.lb_container_port_ok
      error_message = "load_balancer.container_port (${var.load_balancer.container_port}) must be a tcp port mapping of container ${var.load_balancer.container_name}."
    }
  }
}

################################################################################
# ECS service
################################################################################

# Orders the service after the listener / rules that attach its target group to the ALB.
resource "terraform_data" "listener_dependencies" {
  input = var.listener_dependencies
}

locals {
  # Which of the four aws_ecs_service resources exists. lifecycle.ignore_changes cannot be
  # dynamic, so each combination of "ignore desired_count" (autoscaling) and "ignore
  # task_definition" (CI deploys) has its own resource; exactly one has count = 1.
  service_variant = {
    "false/false" = "this"
    "false/true"  = "ignore_task_definition"
    "true/false"  = "autoscaled"
    "true/true"   = "autoscaled_ignore_task_definition"
  }["${local.autoscaled}/${var.ignore_task_definition_changes}"]

  service = {
    launch_type      = length(var.capacity_provider_strategy) > 0 ? null : var.launch_type
    platform_version = var.launch_type == "FARGATE" && length(var.capacity_provider_strategy) == 0 ? var.platform_version : null
    security_groups  = concat([aws_security_group.this.id], var.additional_security_group_ids)
    grace_period     = local.load_balanced ? var.load_balancer.health_check_grace_period_seconds : null
  }
}

# Switching variants (autoscaling or ignore_task_definition_changes toggled) without a `moved`
# block destroys the service at the old address and creates it at the new one. Independent,
# Terraform would run both at once, and ECS refuses to create a service whose name is still
# ACTIVE or DRAINING ("Creation of service was not idempotent"). This gate is replaced whenever
# the variant changes; every variant depends on it, so the old service (whose state records the
# dependency) is destroyed before the gate, and the new one is created after the gate's
# replacement: destroy, then create. The provider's delete waits for the service to be INACTIVE.
# With the `moved` block that render writes, the service is moved instead and nothing is
# destroyed.
resource "terraform_data" "service_variant" {
  input            = local.service_variant
  triggers_replace = local.service_variant
}

resource "aws_ecs_service" "this" {
  count = local.service_variant == "this" ? 1 : 0

  name                               = var.name
  cluster                            = var.cluster_arn
  task_definition                    = aws_ecs_task_definition.this.arn
  desired_count                      = var.desired_count
  launch_type                        = local.service.launch_type
  platform_version                   = local.service.platform_version
  deployment_minimum_healthy_percent = var.deployment_minimum_healthy_percent
  deployment_maximum_percent         = var.deployment_maximum_percent
  health_check_grace_period_seconds  = local.service.grace_period
  enable_execute_command             = var.enable_execute_command
  enable_ecs_managed_tags            = true
  propagate_tags                     = "SERVICE"
  wait_for_steady_state              = var.wait_for_steady_state
  force_new_deployment               = var.force_new_deployment

  dynamic "capacity_provider_strategy" {
    for_each = var.capacity_provider_strategy
    content {
      capacity_provider = capacity_provider_strategy.value.capacity_provider
      weight            = capacity_provider_strategy.value.weight
      base              = capacity_provider_strategy.value.base
    }
  }

  deployment_circuit_breaker {
    enable   = true
    rollback = var.deployment_circuit_breaker_rollback
  }

  network_configuration {
    subnets          = var.subnet_ids
    security_groups  = local.service.security_groups
    assign_public_ip = false
  }

  dynamic "load_balancer" {
    for_each = local.load_balanced ? [var.load_balancer] : []
    content {
      target_group_arn = aws_lb_target_group.this[0].arn
      container_name   = load_balancer.value.container_name
      container_port   = load_balancer.value.container_port
    }
  }

  # Service Connect (access.tf): a client in the namespace, and a server when one is given.
  dynamic "service_connect_configuration" {
    for_each = var.service_connect == null ? [] : [var.service_connect]
    content {
      enabled   = true
      namespace = service_connect_configuration.value.namespace

      dynamic "service" {
        for_each = local.service_connect_server == null ? [] : [local.service_connect_server]
        content {
          port_name      = service.value.port_name
          discovery_name = service.value.discovery_name

          client_alias {
            port     = service.value.port
            dns_name = service.value.dns_name
          }
        }
      }
    }
  }

  tags = var.tags

  depends_on = [
    terraform_data.service_variant,
    terraform_data.listener_dependencies,
    aws_iam_role_policy_attachment.execution,
    aws_iam_role_policy.execution_secrets,
    aws_iam_role_policy.task_exec,
    aws_vpc_security_group_ingress_rule.from_alb,
    aws_vpc_security_group_egress_rule.alb_to_tasks,
    aws_vpc_security_group_egress_rule.custom,
    terraform_data.service_connect,
  ]

  lifecycle {
    precondition {
      condition     = var.launch_type == null || length(var.capacity_provider_strategy) == 0
      error_message = "Set either launch_type or capacity_provider_strategy, not both."
    }
    precondition {
      condition     = var.launch_type != null || length(var.capacity_provider_strategy) > 0
      error_message = "Set capacity_provider_strategy (e.g. the ecs-cluster module's default_capacity_provider_strategy output) or launch_type. With neither, ECS copies the cluster's default strategy onto the service, and every later plan would replace the service (provider 5.x) or fail (6.x)."
    }
  }
}

resource "aws_ecs_service" "ignore_task_definition" {
  count = local.service_variant == "ignore_task_definition" ? 1 : 0

  name                               = var.name
  cluster                            = var.cluster_arn
  task_definition                    = aws_ecs_task_definition.this.arn
  desired_count                      = var.desired_count
  launch_type                        = local.service.launch_type
  platform_version                   = local.service.platform_version
  deployment_minimum_healthy_percent = var.deployment_minimum_healthy_percent
  deployment_maximum_percent         = var.deployment_maximum_percent
  health_check_grace_period_seconds  = local.service.grace_period
  enable_execute_command             = var.enable_execute_command
  enable_ecs_managed_tags            = true
  propagate_tags                     = "SERVICE"
  wait_for_steady_state              = var.wait_for_steady_state
  force_new_deployment               = var.force_new_deployment

  dynamic "capacity_provider_strategy" {
    for_each = var.capacity_provider_strategy
    content {
      capacity_provider = capacity_provider_strategy.value.capacity_provider
      weight            = capacity_provider_strategy.value.weight
      base              = capacity_provider_strategy.value.base
    }
  }

  deployment_circuit_breaker {
    enable   = true
    rollback = var.deployment_circuit_breaker_rollback
  }

  network_configuration {
    subnets          = var.subnet_ids
    security_groups  = local.service.security_groups
    assign_public_ip = false
  }

  dynamic "load_balancer" {
    for_each = local.load_balanced ? [var.load_balancer] : []
    content {
      target_group_arn = aws_lb_target_group.this[0].arn
      container_name   = load_balancer.value.container_name
      container_port   = load_balancer.value.container_port
    }
  }

  # Service Connect (access.tf): a client in the namespace, and a server when one is given.
  dynamic "service_connect_configuration" {
    for_each = var.service_connect == null ? [] : [var.service_connect]
    content {
      enabled   = true
      namespace = service_connect_configuration.value.namespace

      dynamic "service" {
        for_each = local.service_connect_server == null ? [] : [local.service_connect_server]
        content {
          port_name      = service.value.port_name
          discovery_name = service.value.discovery_name

          client_alias {
            port     = service.value.port
            dns_name = service.value.dns_name
          }
        }
      }
    }
  }

  tags = var.tags

  depends_on = [
    terraform_data.service_variant,
    terraform_data.listener_dependencies,
    aws_iam_role_policy_attachment.execution,
    aws_iam_role_policy.execution_secrets,
    aws_iam_role_policy.task_exec,
    aws_vpc_security_group_ingress_rule.from_alb,
    aws_vpc_security_group_egress_rule.alb_to_tasks,
    aws_vpc_security_group_egress_rule.custom,
    terraform_data.service_connect,
  ]

  lifecycle {
    ignore_changes = [task_definition]

    precondition {
      condition     = var.launch_type == null || length(var.capacity_provider_strategy) == 0
      error_message = "Set either launch_type or capacity_provider_strategy, not both."
    }
    precondition {
      condition     = var.launch_type != null || length(var.capacity_provider_strategy) > 0
      error_message = "Set capacity_provider_strategy (e.g. the ecs-cluster module's default_capacity_provider_strategy output) or launch_type. With neither, ECS copies the cluster's default strategy onto the service, and every later plan would replace the service (provider 5.x) or fail (6.x)."
    }
  }
}

resource "aws_ecs_service" "autoscaled" {
  count = local.service_variant == "autoscaled" ? 1 : 0

  name                               = var.name
  cluster                            = var.cluster_arn
  task_definition                    = aws_ecs_task_definition.this.arn
  desired_count                      = var.desired_count
  launch_type                        = local.service.launch_type
  platform_version                   = local.service.platform_version
  deployment_minimum_healthy_percent = var.deployment_minimum_healthy_percent
  deployment_maximum_percent         = var.deployment_maximum_percent
  health_check_grace_period_seconds  = local.service.grace_period
  enable_execute_command             = var.enable_execute_command
  enable_ecs_managed_tags            = true
  propagate_tags                     = "SERVICE"
  wait_for_steady_state              = var.wait_for_steady_state
  force_new_deployment               = var.force_new_deployment

  dynamic "capacity_provider_strategy" {
    for_each = var.capacity_provider_strategy
    content {
      capacity_provider = capacity_provider_strategy.value.capacity_provider
      weight            = capacity_provider_strategy.value.weight
      base              = capacity_provider_strategy.value.base
    }
  }

  deployment_circuit_breaker {
    enable   = true
    rollback = var.deployment_circuit_breaker_rollback
  }

  network_configuration {
    subnets          = var.subnet_ids
    security_groups  = local.service.security_groups
    assign_public_ip = false
  }

  dynamic "load_balancer" {
    for_each = local.load_balanced ? [var.load_balancer] : []
    content {
      target_group_arn = aws_lb_target_group.this[0].arn
      container_name   = load_balancer.value.container_name
      container_port   = load_balancer.value.container_port
    }
  }

  # Service Connect (access.tf): a client in the namespace, and a server when one is given.
  dynamic "service_connect_configuration" {
    for_each = var.service_connect == null ? [] : [var.service_connect]
    content {
      enabled   = true
      namespace = service_connect_configuration.value.namespace

      dynamic "service" {
        for_each = local.service_connect_server == null ? [] : [local.service_connect_server]
        content {
          port_name      = service.value.port_name
          discovery_name = service.value.discovery_name

          client_alias {
            port     = service.value.port
            dns_name = service.value.dns_name
          }
        }
      }
    }
  }

  tags = var.tags

  depends_on = [
    terraform_data.service_variant,
    terraform_data.listener_dependencies,
    aws_iam_role_policy_attachment.execution,
    aws_iam_role_policy.execution_secrets,
    aws_iam_role_policy.task_exec,
    aws_vpc_security_group_ingress_rule.from_alb,
    aws_vpc_security_group_egress_rule.alb_to_tasks,
    aws_vpc_security_group_egress_rule.custom,
    terraform_data.service_connect,
  ]

  lifecycle {
    ignore_changes = [desired_count]

    precondition {
      condition     = var.launch_type == null || length(var.capacity_provider_strategy) == 0
      error_message = "Set either launch_type or capacity_provider_strategy, not both."
    }
    precondition {
      condition     = var.launch_type != null || length(var.capacity_provider_strategy) > 0
      error_message = "Set capacity_provider_strategy (e.g. the ecs-cluster module's default_capacity_provider_strategy output) or launch_type. With neither, ECS copies the cluster's default strategy onto the service, and every later plan would replace the service (provider 5.x) or fail (6.x)."
    }
  }
}

resource "aws_ecs_service" "autoscaled_ignore_task_definition" {
  count = local.service_variant == "autoscaled_ignore_task_definition" ? 1 : 0

  name                               = var.name
  cluster                            = var.cluster_arn
  task_definition                    = aws_ecs_task_definition.this.arn
  desired_count                      = var.desired_count
  launch_type                        = local.service.launch_type
  platform_version                   = local.service.platform_version
  deployment_minimum_healthy_percent = var.deployment_minimum_healthy_percent
  deployment_maximum_percent         = var.deployment_maximum_percent
  health_check_grace_period_seconds  = local.service.grace_period
  enable_execute_command             = var.enable_execute_command
  enable_ecs_managed_tags            = true
  propagate_tags                     = "SERVICE"
  wait_for_steady_state              = var.wait_for_steady_state
  force_new_deployment               = var.force_new_deployment

  dynamic "capacity_provider_strategy" {
    for_each = var.capacity_provider_strategy
    content {
      capacity_provider = capacity_provider_strategy.value.capacity_provider
      weight            = capacity_provider_strategy.value.weight
      base              = capacity_provider_strategy.value.base
    }
  }

  deployment_circuit_breaker {
    enable   = true
    rollback = var.deployment_circuit_breaker_rollback
  }

  network_configuration {
    subnets          = var.subnet_ids
    security_groups  = local.service.security_groups
    assign_public_ip = false
  }

  dynamic "load_balancer" {
    for_each = local.load_balanced ? [var.load_balancer] : []
    content {
      target_group_arn = aws_lb_target_group.this[0].arn
      container_name   = load_balancer.value.container_name
      container_port   = load_balancer.value.container_port
    }
  }

  # Service Connect (access.tf): a client in the namespace, and a server when one is given.
  dynamic "service_connect_configuration" {
    for_each = var.service_connect == null ? [] : [var.service_connect]
    content {
      enabled   = true
      namespace = service_connect_configuration.value.namespace

      dynamic "service" {
        for_each = local.service_connect_server == null ? [] : [local.service_connect_server]
        content {
          port_name      = service.value.port_name
          discovery_name = service.value.discovery_name

          client_alias {
            port     = service.value.port
            dns_name = service.value.dns_name
          }
        }
      }
    }
  }

  tags = var.tags

  depends_on = [
    terraform_data.service_variant,
    terraform_data.listener_dependencies,
    aws_iam_role_policy_attachment.execution,
    aws_iam_role_policy.execution_secrets,
    aws_iam_role_policy.task_exec,
    aws_vpc_security_group_ingress_rule.from_alb,
    aws_vpc_security_group_egress_rule.alb_to_tasks,
    aws_vpc_security_group_egress_rule.custom,
    terraform_data.service_connect,
  ]

  lifecycle {
    ignore_changes = [desired_count, task_definition]

    precondition {
      condition     = var.launch_type == null || length(var.capacity_provider_strategy) == 0
      error_message = "Set either launch_type or capacity_provider_strategy, not both."
    }
    precondition {
      condition     = var.launch_type != null || length(var.capacity_provider_strategy) > 0
      error_message = "Set capacity_provider_strategy (e.g. the ecs-cluster module's default_capacity_provider_strategy output) or launch_type. With neither, ECS copies the cluster's default strategy onto the service, and every later plan would replace the service (provider 5.x) or fail (6.x)."
    }
  }
}

locals {
  service_resource = one(concat(
    aws_ecs_service.this,
    aws_ecs_service.ignore_task_definition,
    aws_ecs_service.autoscaled,
    aws_ecs_service.autoscaled_ignore_task_definition,
  ))
}

################################################################################
# Application Auto Scaling (optional)
################################################################################

resource "aws_appautoscaling_target" "this" {
  count = local.autoscaled ? 1 : 0

  service_namespace  = "ecs"
  scalable_dimension = "ecs:service:DesiredCount"
  resource_id        = "service/${local.cluster_name}/${local.service_resource.name}"
  min_capacity       = var.autoscaling.min_capacity
  max_capacity       = var.autoscaling.max_capacity

  tags = var.tags

  lifecycle {
    precondition {
      condition     = var.autoscaling.requests_per_target == null || (local.load_balanced ? try(var.load_balancer.alb_arn_suffix != null, false) : false)
      error_message = "autoscaling.requests_per_target needs load_balancer with alb_arn_suffix (the alb module's arn_suffix output)."
    }
  }
}

locals {
  scaling_policies = !local.autoscaled ? {} : {
    for k, v in {
      cpu = var.autoscaling.cpu_target == null ? null : {
        metric = "ECSServiceAverageCPUUtilization"
        target = var.autoscaling.cpu_target
      }
      memory = var.autoscaling.memory_target == null ? null : {
        metric = "ECSServiceAverageMemoryUtilization"
        target = var.autoscaling.memory_target
      }
      requests = var.autoscaling.requests_per_target == null ? null : {
        metric = "ALBRequestCountPerTarget"
        target = var.autoscaling.requests_per_target
      }
    } : k => v if v != null
  }
}

resource "aws_appautoscaling_policy" "this" {
  for_each = local.scaling_policies

  name               = "${var.name}-${each.key}"
  policy_type        = "TargetTrackingScaling"
  service_namespace  = aws_appautoscaling_target.this[0].service_namespace
  scalable_dimension = aws_appautoscaling_target.this[0].scalable_dimension
  resource_id        = aws_appautoscaling_target.this[0].resource_id

  target_tracking_scaling_policy_configuration {
    target_value       = each.value.target
    scale_in_cooldown  = var.autoscaling.scale_in_cooldown
    scale_out_cooldown = var.autoscaling.scale_out_cooldown
    disable_scale_in   = var.autoscaling.disable_scale_in

    predefined_metric_specification {
      predefined_metric_type = each.value.metric
      resource_label = each.key == "requests" ? format(
        "%s/%s", var.load_balancer.alb_arn_suffix, aws_lb_target_group.this[0].arn_suffix
      ) : null
    }
  }
}
