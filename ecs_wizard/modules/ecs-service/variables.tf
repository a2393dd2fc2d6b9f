################################################################################
# Identity and placement
################################################################################

variable "name" {
  description = "Name of the ECS service; also the task definition family and the prefix of the security group and log group. 1-255 letters, digits, hyphens or underscores, starting with a letter or digit. The IAM roles are `<name>-<region>-exec` / `-task`, shortened with a hash when longer than 64 characters. IAM role names are global per account: include project and environment in it."
  type        = string

  validation {
    condition     = can(regex("^[a-zA-Z0-9][a-zA-Z0-9_-]{0,254}$", var.name))
    error_message = "name must be 1-255 characters of letters, digits, hyphens and underscores (the ECS service name limit), starting with a letter or digit."
  }

  validation {
    condition     = !startswith(lower(var.name), "sg-")
    error_message = "name must not start with \"sg-\": it prefixes the tasks' security group name, and AWS refuses group names that start with sg-."
  }
}

variable "cluster_arn" {
  description = "ARN of the ECS cluster the service runs in (the `cluster_arn` output of the ecs-cluster module). Partition, account and cluster name are derived from it, so no AWS data source is needed."
  type        = string

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:ecs:[a-z0-9-]+:[0-9]{12}:cluster/[a-zA-Z0-9_-]{1,255}$", var.cluster_arn))
    error_message = "cluster_arn must look like arn:aws:ecs:<region>:<12-digit account>:cluster/<name>."
  }
}

variable "region" {
  description = "AWS region of the service, used for the awslogs log driver. null = taken from cluster_arn (then container_definitions is only known after apply when the cluster is created in the same run; pass it to keep plans readable)."
  type        = string
  default     = null

  validation {
    condition     = var.region == null ? true : can(regex("^[a-z]{2}(-[a-z]+)+-[0-9]+$", var.region))
    error_message = "region must be an AWS region code such as eu-west-1 or us-gov-west-1."
  }
}

variable "vpc_id" {
  description = "ID of the VPC of the task security group and the target group."
  type        = string

  validation {
    condition     = can(regex("^vpc-[0-9a-f]{8}([0-9a-f]{9})?$", var.vpc_id))
    error_message = "vpc_id must look like vpc-0123456789abcdef0."
  }
}

variable "subnet_ids" {
  description = "Private subnet IDs the tasks are placed in (no public IP is ever assigned: reach the internet through a NAT gateway or VPC endpoints)."
  type        = list(string)

  validation {
    condition     = length(var.subnet_ids) >= 1 && length(var.subnet_ids) <= 16
    error_message = "subnet_ids must list between 1 and 16 subnets (ECS accepts at most 16); use 2 or more in different AZs for availability."
  }

  validation {
    condition     = alltrue([for s in var.subnet_ids : can(regex("^subnet-[0-9a-f]{8}([0-9a-f]{9})?$", s))])
    error_message = "Every subnet_ids entry must look like subnet-0123456789abcdef0."
  }

  validation {
    condition     = length(distinct(var.subnet_ids)) == length(var.subnet_ids)
    error_message = "subnet_ids must not contain duplicates."
  }
}

variable "tags" {
  description = "Tags applied to every taggable resource (and propagated from the service to its tasks)."
  type        = map(string)
  default     = {}

  validation {
    condition     = length(var.tags) <= 45
    error_message = "At most 45 tags: AWS allows 50 per resource and the module/ECS add a few."
  }

  validation {
    condition     = alltrue([for k, v in var.tags : length(k) >= 1 && length(k) <= 128 && length(v) <= 256 && !startswith(lower(k), "aws:")])
    error_message = "Tag keys must be 1-128 characters and not start with aws:; values at most 256 characters."
  }
}

################################################################################
# Task definition
################################################################################

variable "requires_compatibilities" {
  description = "Launch types the task definition is valid for: [\"FARGATE\"], [\"EC2\"] or both. Must include EC2 when the service runs on an EC2 capacity provider."
  type        = list(string)
  default     = ["FARGATE"]

  validation {
    condition     = length(var.requires_compatibilities) >= 1 && alltrue([for c in var.requires_compatibilities : contains(["FARGATE", "EC2"], c)]) && length(distinct(var.requires_compatibilities)) == length(var.requires_compatibilities)
    error_message = "requires_compatibilities must be a non-empty list of distinct values from FARGATE, EC2."
  }
}

variable "cpu" {
  description = "Task CPU units (1024 = 1 vCPU). Fargate accepts 256, 512, 1024, 2048, 4096, 8192, 16384 with matching memory (checked when FARGATE is in requires_compatibilities)."
  type        = number
  default     = 256

  validation {
    condition     = var.cpu >= 128 && var.cpu <= 196608 && floor(var.cpu) == var.cpu
    error_message = "cpu must be a whole number of CPU units between 128 and 196608 (Fargate: 256-16384)."
  }
}

variable "memory" {
  description = "Task memory in MiB. For Fargate it must be a valid pair with cpu (e.g. 256 -> 512/1024/2048, 512 -> 1024-4096, 1024 -> 2048-8192)."
  type        = number
  default     = 512

  validation {
    condition     = var.memory >= 128 && var.memory <= 983040 && floor(var.memory) == var.memory
    error_message = "memory must be a whole number of MiB between 128 and 983040 (Fargate: 512-122880)."
  }
}

variable "cpu_architecture" {
  description = "CPU architecture of the task: X86_64 or ARM64 (Graviton). Images must be built for it."
  type        = string
  default     = "X86_64"

  validation {
    condition     = contains(["X86_64", "ARM64"], var.cpu_architecture)
    error_message = "cpu_architecture must be X86_64 or ARM64."
  }
}

variable "containers" {
  description = <<-EOT
    Containers of the task (at least one). Per container:
    - name, image (required); cpu, memory (hard limit, MiB), memory_reservation (soft, MiB): optional
    - essential (default true), readonly_root_filesystem (default false; set true when the image does not write to its root filesystem)
    - port_mappings: list of { container_port, protocol = "tcp" | "udp", name, app_protocol = http | http2 | grpc }
    - environment: map of plain variables (never secrets)
    - secrets: map of variable name => ARN of an SSM parameter or Secrets Manager secret (optionally with the `:json-key:version-stage:version-id` suffix); injected by ECS, readable by the execution role only
    - health_check: { command, interval = 30, timeout = 5, retries = 3, start_period = 0 }
    - command, entrypoint (lists), working_directory, user: optional overrides
  EOT
  type = list(object({
    name                     = string
    image                    = string
    cpu                      = optional(number)
    memory                   = optional(number)
    memory_reservation       = optional(number)
    essential                = optional(bool, true)
    readonly_root_filesystem = optional(bool, false)
    port_mappings = optional(list(object({
      container_port = number
      protocol       = optional(string, "tcp")
      name           = optional(string)
      app_protocol   = optional(string)
    })), [])
    environment = optional(map(string), {})
    secrets     = optional(map(string), {})
    health_check = optional(object({
      command      = list(string)
      interval     = optional(number, 30)
      timeout      = optional(number, 5)
      retries      = optional(number, 3)
      start_period = optional(number, 0)
    }))
    command           = optional(list(string))
    entrypoint        = optional(list(string))
    working_directory = optional(string)
    user              = optional(string)
  }))

  validation {
    condition     = length(var.containers) >= 1 && length(var.containers) <= 10
    error_message = "containers must hold between 1 and 10 containers (the ECS limit per task definition)."
  }

  validation {
    condition     = length(distinct([for c in var.containers : c.name])) == length(var.containers)
    error_message = "Container names must be unique within the task."
  }

  validation {
    condition     = alltrue([for c in var.containers : can(regex("^[a-zA-Z0-9][a-zA-Z0-9_-]{0,254}$", c.name))])
    error_message = "Container names must be 1-255 letters, digits, hyphens and underscores, starting with a letter or digit."
  }

  validation {
    condition     = alltrue([for c in var.containers : can(regex("^[^\\s]{1,255}$", c.image))])
    error_message = "Every container needs an image reference (1-255 characters, no whitespace), e.g. public.ecr.aws/nginx/nginx:1.27."
  }

  validation {
    condition     = anytrue([for c in var.containers : c.essential])
    error_message = "At least one container must be essential."
  }

  validation {
    condition = alltrue(flatten([for c in var.containers : [
      for p in c.port_mappings : p.container_port >= 1 && p.container_port <= 65535 && floor(p.container_port) == p.container_port
    ]]))
    error_message = "Every port_mappings.container_port must be a whole number between 1 and 65535."
  }

  validation {
    condition = alltrue(flatten([for c in var.containers : [
      for p in c.port_mappings : contains(["tcp", "udp"], p.protocol)
    ]]))
    error_message = "port_mappings.protocol must be tcp or udp."
  }

  validation {
    condition = alltrue(flatten([for c in var.containers : [
      for p in c.port_mappings : p.app_protocol == null ? true : contains(["http", "http2", "grpc"], p.app_protocol)
    ]]))
    error_message = "port_mappings.app_protocol must be http, http2 or grpc (or left unset)."
  }

  validation {
    condition = alltrue(flatten([for c in var.containers : [
      for p in c.port_mappings : p.name == null ? true : can(regex("^[a-z0-9]([a-z0-9_-]{0,62}[a-z0-9])?$", p.name))
    ]]))
    error_message = "port_mappings.name must be 1-64 lower-case letters, digits, hyphens or underscores, starting and ending with a letter or digit."
  }

  validation {
    condition = length(flatten([for c in var.containers : [for p in c.port_mappings : "${p.container_port}/${p.protocol}"]])) == length(distinct(flatten([
      for c in var.containers : [for p in c.port_mappings : "${p.container_port}/${p.protocol}"]
    ])))
    error_message = "Container ports must be unique across the task (awsvpc tasks share one network namespace)."
  }

  validation {
    condition = alltrue(flatten([for c in var.containers : [
      for k, v in c.secrets : can(regex("^arn:aws[a-z-]*:(ssm:[a-z0-9-]+:[0-9]{12}:parameter/.+|secretsmanager:[a-z0-9-]+:[0-9]{12}:secret:[a-zA-Z0-9/_+=.@-]+(:[^:\\s]*){0,3})$", v))
    ]]))
    error_message = "Every secrets value must be the ARN of an SSM parameter (arn:aws:ssm:<region>:<account>:parameter/<name>) or a Secrets Manager secret, complete (…:secret:<name>-AbCdEf) or partial (…:secret:<name>), optionally followed by :<json-key>:<version-stage>:<version-id>."
  }

  validation {
    condition = alltrue(flatten([for c in var.containers : [
      for k in concat(keys(c.environment), keys(c.secrets)) : can(regex("^[a-zA-Z_][a-zA-Z0-9_]{0,254}$", k))
    ]]))
    error_message = "Environment and secret variable names must start with a letter or underscore and contain only letters, digits and underscores."
  }

  validation {
    condition     = alltrue([for c in var.containers : length(setintersection(keys(c.environment), keys(c.secrets))) == 0])
    error_message = "A variable cannot be both in environment and in secrets of the same container."
  }

  validation {
    condition = alltrue([for c in var.containers : c.health_check == null ? true : (
      length(c.health_check.command) >= 2 && contains(["CMD", "CMD-SHELL"], c.health_check.command[0]) &&
      c.health_check.interval >= 5 && c.health_check.interval <= 300 &&
      c.health_check.timeout >= 2 && c.health_check.timeout <= 60 &&
      c.health_check.retries >= 1 && c.health_check.retries <= 10 &&
      c.health_check.start_period >= 0 && c.health_check.start_period <= 300
    )])
    error_message = "health_check.command must start with CMD or CMD-SHELL followed by the command; interval 5-300 s, timeout 2-60 s, retries 1-10, start_period 0-300 s."
  }

  validation {
    condition = alltrue([for c in var.containers : (
      (c.cpu == null ? true : c.cpu >= 0) &&
      (c.memory == null ? true : c.memory >= 6) &&
      (c.memory_reservation == null ? true : c.memory_reservation >= 6) &&
      (c.memory == null || c.memory_reservation == null ? true : c.memory_reservation <= c.memory)
    )])
    error_message = "Container cpu must be >= 0, memory and memory_reservation >= 6 MiB, and memory_reservation <= memory."
  }
}

variable "log_retention_days" {
  description = "Retention of the service's CloudWatch log group, in days (a value CloudWatch accepts)."
  type        = number
  default     = 30

  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.log_retention_days)
    error_message = "log_retention_days must be one of 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653."
  }
}

variable "log_group_name" {
  description = "Name of the CloudWatch log group created for the containers. null = /ecs/<name>."
  type        = string
  default     = null

  validation {
    condition     = var.log_group_name == null ? true : can(regex("^[a-zA-Z0-9_./#-]{1,512}$", var.log_group_name))
    error_message = "log_group_name must be 1-512 characters of letters, digits and _ - / . #."
  }
}

variable "log_group_kms_key_arn" {
  description = "Optional KMS key ARN to encrypt the log group with (the key policy must allow the CloudWatch Logs service principal)."
  type        = string
  default     = null

  validation {
    condition     = var.log_group_kms_key_arn == null ? true : can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/.+$", var.log_group_kms_key_arn))
    error_message = "log_group_kms_key_arn must be a KMS key ARN (arn:aws:kms:<region>:<account>:key/<id>)."
  }
}

variable "log_stream_prefix" {
  description = "awslogs-stream-prefix: streams are named <prefix>/<container>/<task id>."
  type        = string
  default     = "ecs"

  validation {
    condition     = can(regex("^[a-zA-Z0-9_.-]{1,256}$", var.log_stream_prefix))
    error_message = "log_stream_prefix must be 1-256 letters, digits, dots, hyphens or underscores (no slashes)."
  }
}

################################################################################
# IAM
################################################################################

variable "secrets_kms_key_arns" {
  description = "Customer-managed KMS key ARNs that encrypt the referenced secrets/SecureString parameters. When given, the execution role may kms:Decrypt with exactly these keys (not needed for AWS-managed keys)."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for k in var.secrets_kms_key_arns : can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/.+$", k))])
    error_message = "Every secrets_kms_key_arns entry must be a KMS key ARN (arn:aws:kms:<region>:<account>:key/<id>)."
  }
}

variable "task_role_policy_arns" {
  description = "Extra managed policies for the task role (what the application may do in AWS), as a map of a static key => policy ARN (a map, so the ARNs may be created in the same run). Empty by default: the task role grants nothing."
  type        = map(string)
  default     = {}

  validation {
    condition     = alltrue([for k, v in var.task_role_policy_arns : can(regex("^arn:aws[a-z-]*:iam::([0-9]{12}|aws):policy/.+$", v))])
    error_message = "Every task_role_policy_arns value must be an IAM policy ARN (arn:aws:iam::<account|aws>:policy/<name>)."
  }
}

variable "task_role_policy_json" {
  description = "Optional inline IAM policy document (JSON) attached to the task role."
  type        = string
  default     = null

  validation {
    condition     = var.task_role_policy_json == null ? true : can(jsondecode(var.task_role_policy_json).Statement)
    error_message = "task_role_policy_json must be a JSON IAM policy document with a Statement."
  }
}

################################################################################
# Networking
################################################################################

variable "egress_cidr_blocks" {
  description = "CIDRs the tasks may open connections to on egress_ports. The default 0.0.0.0/0 on 443 is the usual compromise for image pulls (ECR/Docker Hub) and AWS APIs without VPC endpoints; narrow it to your VPC endpoints' or NAT's ranges when you can. IPv6 CIDRs are accepted."
  type        = list(string)
  default     = ["0.0.0.0/0"]

  validation {
    condition     = alltrue([for c in var.egress_cidr_blocks : can(cidrhost(c, 0))])
    error_message = "Every egress_cidr_blocks entry must be a valid IPv4 or IPv6 CIDR block, e.g. 10.0.0.0/16."
  }
}

variable "egress_ports" {
  description = "TCP ports the tasks may connect to in egress_cidr_blocks (e.g. add 5432 for PostgreSQL). DNS to the VPC resolver is not filtered by security groups."
  type        = list(number)
  default     = [443]

  validation {
    condition     = alltrue([for p in var.egress_ports : p >= 1 && p <= 65535 && floor(p) == p]) && length(distinct(var.egress_ports)) == length(var.egress_ports)
    error_message = "egress_ports must be distinct whole numbers between 1 and 65535."
  }
}

variable "additional_security_group_ids" {
  description = "Extra security groups attached to the tasks (e.g. one that grants access to a database)."
  type        = list(string)
  default     = []

  validation {
    condition     = length(var.additional_security_group_ids) <= 4 && alltrue([for s in var.additional_security_group_ids : can(regex("^sg-[0-9a-f]{8}([0-9a-f]{9})?$", s))])
    error_message = "additional_security_group_ids holds at most 4 IDs (ECS allows 5 security groups) of the form sg-0123456789abcdef0."
  }
}

################################################################################
# Load balancing
################################################################################

variable "load_balancer" {
  description = <<-EOT
    Put the service behind an Application Load Balancer; null = worker (no target group, no inbound traffic at all).
    - container_name / container_port: the container and port mapping that receives traffic
    - alb_security_group_id: the ALB's security group (the only allowed source; this module also adds the ALB -> tasks egress rule to it)
    - alb_arn_suffix: the ALB's arn_suffix (needed for autoscaling on request count)
    - target_group_name: 1-32 characters; with name_suffix = true (default) a 4-character hash of the settings that force replacement is appended (after truncating to 27) so the target group can be replaced create-before-destroy
    - health_check: path "/", matcher "200-399", interval 30, timeout 5, healthy_threshold 3, unhealthy_threshold 3
    - deregistration_delay (0-3600 s, default 30), slow_start (0 or 30-900 s), protocol_version HTTP1 | HTTP2
    - stickiness: null = off, or { enabled = true, cookie_duration = 86400 } (lb_cookie)
    - health_check_grace_period_seconds: default 60
  EOT
  type = object({
    container_name        = string
    container_port        = number
    alb_security_group_id = string
    alb_arn_suffix        = optional(string)
    target_group_name     = string
    name_suffix           = optional(bool, true)
    protocol_version      = optional(string, "HTTP1")
    health_check = optional(object({
      path                = optional(string, "/")
      matcher             = optional(string, "200-399")
      interval            = optional(number, 30)
      timeout             = optional(number, 5)
      healthy_threshold   = optional(number, 3)
      unhealthy_threshold = optional(number, 3)
    }), {})
    deregistration_delay = optional(number, 30)
    slow_start           = optional(number, 0)
    stickiness = optional(object({
      enabled         = optional(bool, true)
      cookie_duration = optional(number, 86400)
    }))
    health_check_grace_period_seconds = optional(number, 60)
  })
  default = null

  validation {
    condition     = var.load_balancer == null ? true : can(regex("^[a-zA-Z0-9_-]{1,255}$", var.load_balancer.container_name))
    error_message = "load_balancer.container_name must be a container name: 1-255 letters, digits, hyphens and underscores (a precondition on the target group checks that it names one of the containers)."
  }

  validation {
    condition     = var.load_balancer == null ? true : (var.load_balancer.container_port >= 1 && var.load_balancer.container_port <= 65535 && floor(var.load_balancer.container_port) == var.load_balancer.container_port)
    error_message = "load_balancer.container_port must be a whole number between 1 and 65535."
  }

  validation {
    condition     = var.load_balancer == null ? true : can(regex("^sg-[0-9a-f]{8}([0-9a-f]{9})?$", var.load_balancer.alb_security_group_id))
    error_message = "load_balancer.alb_security_group_id must look like sg-0123456789abcdef0."
  }

  validation {
    condition     = var.load_balancer == null ? true : (var.load_balancer.alb_arn_suffix == null ? true : can(regex("^app/[a-zA-Z0-9-]{1,32}/[0-9a-f]{16}$", var.load_balancer.alb_arn_suffix)))
    error_message = "load_balancer.alb_arn_suffix must look like app/<alb name>/<16 hex digits> (the alb module's arn_suffix output)."
  }

  validation {
    condition     = var.load_balancer == null ? true : (can(regex("^[a-zA-Z0-9]([a-zA-Z0-9-]{0,30}[a-zA-Z0-9])?$", var.load_balancer.target_group_name)) && !startswith(lower(var.load_balancer.target_group_name), "internal-"))
    error_message = "load_balancer.target_group_name must be 1-32 letters, digits and hyphens, not start or end with a hyphen, and not start with internal-."
  }

  validation {
    condition     = var.load_balancer == null ? true : contains(["HTTP1", "HTTP2"], var.load_balancer.protocol_version)
    error_message = "load_balancer.protocol_version must be HTTP1 or HTTP2."
  }

  validation {
    condition     = var.load_balancer == null ? true : (startswith(var.load_balancer.health_check.path, "/") && length(var.load_balancer.health_check.path) <= 1024)
    error_message = "load_balancer.health_check.path must start with / and be at most 1024 characters."
  }

  validation {
    condition     = var.load_balancer == null ? true : can(regex("^[2-4][0-9]{2}(-[2-4][0-9]{2})?(,[2-4][0-9]{2}(-[2-4][0-9]{2})?)*$", var.load_balancer.health_check.matcher))
    error_message = "load_balancer.health_check.matcher must be HTTP codes 200-499 as a code, list or range, e.g. 200, 200,302 or 200-399."
  }

  validation {
    condition = var.load_balancer == null ? true : (
      var.load_balancer.health_check.interval >= 5 && var.load_balancer.health_check.interval <= 300 &&
      var.load_balancer.health_check.timeout >= 2 && var.load_balancer.health_check.timeout <= 120 &&
      var.load_balancer.health_check.timeout < var.load_balancer.health_check.interval
    )
    error_message = "load_balancer.health_check.interval must be 5-300 s and timeout 2-120 s, with timeout smaller than interval."
  }

  validation {
    condition = var.load_balancer == null ? true : (
      var.load_balancer.health_check.healthy_threshold >= 2 && var.load_balancer.health_check.healthy_threshold <= 10 &&
      var.load_balancer.health_check.unhealthy_threshold >= 2 && var.load_balancer.health_check.unhealthy_threshold <= 10
    )
    error_message = "load_balancer.health_check healthy_threshold and unhealthy_threshold must be between 2 and 10."
  }

  validation {
    condition = var.load_balancer == null ? true : (
      var.load_balancer.deregistration_delay >= 0 && var.load_balancer.deregistration_delay <= 3600 &&
      (var.load_balancer.slow_start == 0 || (var.load_balancer.slow_start >= 30 && var.load_balancer.slow_start <= 900))
    )
    error_message = "load_balancer.deregistration_delay must be 0-3600 s and slow_start 0 (off) or 30-900 s."
  }

  validation {
    condition     = var.load_balancer == null ? true : (var.load_balancer.stickiness == null ? true : (var.load_balancer.stickiness.cookie_duration >= 1 && var.load_balancer.stickiness.cookie_duration <= 604800))
    error_message = "load_balancer.stickiness.cookie_duration must be between 1 and 604800 seconds (7 days)."
  }

  validation {
    condition     = var.load_balancer == null ? true : (var.load_balancer.health_check_grace_period_seconds >= 0 && var.load_balancer.health_check_grace_period_seconds <= 2147483647)
    error_message = "load_balancer.health_check_grace_period_seconds must be between 0 and 2147483647."
  }
}

variable "listener_dependencies" {
  description = "ARNs of the listener(s) / listener rule(s) that forward to this service's target group. The ECS service is created only after them: ECS refuses a target group that is not attached to a load balancer yet."
  type        = list(string)
  default     = []
}

################################################################################
# Service
################################################################################

variable "launch_type" {
  description = "FARGATE or EC2. Leave null to use capacity_provider_strategy; one of the two must be set (see capacity_provider_strategy)."
  type        = string
  default     = null

  validation {
    condition     = var.launch_type == null ? true : contains(["FARGATE", "EC2"], var.launch_type)
    error_message = "launch_type must be FARGATE, EC2 or null."
  }
}

variable "capacity_provider_strategy" {
  description = "Capacity provider strategy, e.g. [{ capacity_provider = \"FARGATE\", weight = 1, base = 1 }, { capacity_provider = \"FARGATE_SPOT\", weight = 3 }]. Mutually exclusive with launch_type, and one of the two is required: a service created with neither gets the cluster's default strategy copied onto it by ECS, so every later plan would see a difference (provider 5.x replaces the service, 6.x refuses the plan). To use the cluster's default, pass it explicitly: the ecs-cluster module's default_capacity_provider_strategy output."
  type = list(object({
    capacity_provider = string
    weight            = optional(number, 1)
    base              = optional(number, 0)
  }))
  default = []

  validation {
    condition     = length(var.capacity_provider_strategy) <= 20 && length(distinct([for s in var.capacity_provider_strategy : s.capacity_provider])) == length(var.capacity_provider_strategy)
    error_message = "capacity_provider_strategy must name each capacity provider once (at most 20)."
  }

  validation {
    condition     = alltrue([for s in var.capacity_provider_strategy : s.weight >= 0 && s.weight <= 1000 && s.base >= 0 && s.base <= 100000])
    error_message = "capacity_provider_strategy weights must be 0-1000 and bases 0-100000."
  }

  validation {
    condition     = alltrue([for s in var.capacity_provider_strategy : floor(s.weight) == s.weight && floor(s.base) == s.base])
    error_message = "capacity_provider_strategy weights and bases must be whole numbers."
  }

  validation {
    condition     = length(var.capacity_provider_strategy) == 0 ? true : anytrue([for s in var.capacity_provider_strategy : s.weight > 0])
    error_message = "At least one capacity provider in capacity_provider_strategy needs a weight above 0."
  }

  validation {
    condition     = length([for s in var.capacity_provider_strategy : s if s.base > 0]) <= 1
    error_message = "Only one capacity provider in capacity_provider_strategy can have a base above 0."
  }
}

variable "platform_version" {
  description = "Fargate platform version (e.g. LATEST or 1.4.0). Only used with launch_type = FARGATE; null = the ECS default."
  type        = string
  default     = null

  validation {
    condition     = var.platform_version == null ? true : can(regex("^(LATEST|[0-9]+\\.[0-9]+\\.[0-9]+)$", var.platform_version))
    error_message = "platform_version must be LATEST or a version such as 1.4.0."
  }
}

variable "desired_count" {
  description = "Number of tasks to run. With autoscaling, this is only the initial count: later changes come from the scaling policies and are ignored by Terraform."
  type        = number
  default     = 1

  validation {
    condition     = var.desired_count >= 0 && var.desired_count <= 5000 && floor(var.desired_count) == var.desired_count
    error_message = "desired_count must be a whole number between 0 and 5000."
  }
}

variable "deployment_minimum_healthy_percent" {
  description = "Lower bound (in % of desired_count) of healthy tasks during a deployment."
  type        = number
  default     = 100

  validation {
    condition     = var.deployment_minimum_healthy_percent >= 0 && var.deployment_minimum_healthy_percent <= 100 && floor(var.deployment_minimum_healthy_percent) == var.deployment_minimum_healthy_percent
    error_message = "deployment_minimum_healthy_percent must be a whole number between 0 and 100."
  }
}

variable "deployment_maximum_percent" {
  description = "Upper bound (in % of desired_count) of running tasks during a deployment."
  type        = number
  default     = 200

  validation {
    condition     = var.deployment_maximum_percent >= 100 && var.deployment_maximum_percent <= 1000 && floor(var.deployment_maximum_percent) == var.deployment_maximum_percent
    error_message = "deployment_maximum_percent must be a whole number between 100 and 1000."
  }
}

variable "deployment_circuit_breaker_rollback" {
  description = "Roll back automatically when the deployment circuit breaker (always enabled) trips."
  type        = bool
  default     = true
}

variable "enable_execute_command" {
  description = "Enable ECS Exec (`aws ecs execute-command`). Grants the task role the ssmmessages permissions it needs and turns on initProcessEnabled in every container. Refused with readonly_root_filesystem (AWS does not support ECS Exec on a read-only root filesystem)."
  type        = bool
  default     = false
}

variable "execute_command_log_group_name" {
  description = "CloudWatch log group that ECS Exec sessions are logged to (the ecs-cluster module's log_group_name). When set with enable_execute_command, the task role may write to it."
  type        = string
  default     = null

  validation {
    condition     = var.execute_command_log_group_name == null ? true : can(regex("^[a-zA-Z0-9_./#-]{1,512}$", var.execute_command_log_group_name))
    error_message = "execute_command_log_group_name must be a CloudWatch log group name."
  }
}

variable "ignore_task_definition_changes" {
  description = "Let a CI pipeline deploy new task definition revisions (e.g. new image tags) without Terraform rolling them back: the service ignores changes to task_definition. The service then lives at a different address (see README) - switching an existing service needs a `terraform state mv`."
  type        = bool
  default     = false
}

variable "force_new_deployment" {
  description = "Set force_new_deployment on the service. Keep it true: the AWS provider can then change capacity_provider_strategy in place (UpdateService with a new deployment) instead of replacing the service, which is what a cluster weight or base change needs. false restores the provider's old behaviour (5.x: replace the service on every strategy change; 6.x: refuse the plan)."
  type        = bool
  default     = true
}

################################################################################
# Autoscaling
################################################################################

variable "autoscaling" {
  description = <<-EOT
    Application Auto Scaling of the desired count; null = fixed desired_count.
    min_capacity / max_capacity, and one or more target-tracking targets:
    cpu_target (% average CPU), memory_target (% average memory), requests_per_target (ALB requests per task per minute, needs load_balancer with alb_arn_suffix).
    scale_in_cooldown (default 300 s), scale_out_cooldown (default 60 s), disable_scale_in (default false).
  EOT
  type = object({
    min_capacity        = number
    max_capacity        = number
    cpu_target          = optional(number)
    memory_target       = optional(number)
    requests_per_target = optional(number)
    scale_in_cooldown   = optional(number, 300)
    scale_out_cooldown  = optional(number, 60)
    disable_scale_in    = optional(bool, false)
  })
  default = null

  validation {
    condition     = var.autoscaling == null ? true : (var.autoscaling.min_capacity >= 0 && var.autoscaling.max_capacity >= 1 && var.autoscaling.max_capacity <= 5000)
    error_message = "autoscaling.min_capacity must be >= 0 and max_capacity between 1 and 5000."
  }

  validation {
    condition     = var.autoscaling == null ? true : var.autoscaling.min_capacity <= var.autoscaling.max_capacity
    error_message = "autoscaling.min_capacity must be less than or equal to autoscaling.max_capacity."
  }

  validation {
    condition     = var.autoscaling == null ? true : (floor(var.autoscaling.min_capacity) == var.autoscaling.min_capacity && floor(var.autoscaling.max_capacity) == var.autoscaling.max_capacity)
    error_message = "autoscaling.min_capacity and max_capacity must be whole numbers of tasks."
  }

  validation {
    condition     = var.autoscaling == null ? true : (var.autoscaling.cpu_target != null || var.autoscaling.memory_target != null || var.autoscaling.requests_per_target != null)
    error_message = "autoscaling needs at least one of cpu_target, memory_target or requests_per_target."
  }

  validation {
    condition = var.autoscaling == null ? true : (
      (var.autoscaling.cpu_target == null ? true : (var.autoscaling.cpu_target >= 1 && var.autoscaling.cpu_target <= 100)) &&
      (var.autoscaling.memory_target == null ? true : (var.autoscaling.memory_target >= 1 && var.autoscaling.memory_target <= 100)) &&
      (var.autoscaling.requests_per_target == null ? true : var.autoscaling.requests_per_target >= 1)
    )
    error_message = "autoscaling.cpu_target and memory_target must be 1-100 (%), requests_per_target at least 1."
  }

  validation {
    condition     = var.autoscaling == null ? true : (var.autoscaling.scale_in_cooldown >= 0 && var.autoscaling.scale_out_cooldown >= 0)
    error_message = "autoscaling cooldowns must be >= 0 seconds."
  }
}

################################################################################
# Application access: extra egress, Service Connect
################################################################################

variable "egress_rules" {
  description = <<-EOT
    Extra outbound rules on the task security group, added to egress_cidr_blocks x egress_ports. Each:
    - destinations: CIDR blocks (IPv4 or IPv6), managed prefix list ids (pl-...) or security group ids (sg-...)
    - protocol: tcp (default), udp or all (every protocol and port)
    - from_port, to_port: the port range (tcp/udp; to_port defaults to from_port)
    - description: optional (default: what and where)
  EOT
  type = list(object({
    destinations = list(string)
    protocol     = optional(string, "tcp")
    from_port    = optional(number)
    to_port      = optional(number)
    description  = optional(string)
  }))
  default = []

  validation {
    # Conditionals, not &&: Terraform evaluates both sides of && (coalesce of two nulls fails).
    condition = alltrue([for e in var.egress_rules : !contains(["tcp", "udp", "all"], e.protocol) ? false : (
      e.protocol == "all" ? e.from_port == null && e.to_port == null : (
        e.from_port == null ? false : (
          e.from_port >= 1 && e.from_port <= 65535 && floor(e.from_port) == e.from_port &&
          coalesce(e.to_port, e.from_port) >= e.from_port && coalesce(e.to_port, e.from_port) <= 65535 &&
          floor(coalesce(e.to_port, e.from_port)) == coalesce(e.to_port, e.from_port)
    )))])
    error_message = "Each egress_rules entry needs protocol tcp or udp with from_port 1-65535 (and to_port >= from_port, at most 65535), or protocol all without ports."
  }

  validation {
    condition = alltrue(flatten([for e in var.egress_rules : [for d in e.destinations : (
      can(regex("^sg-([0-9a-f]{8}|[0-9a-f]{17})$", d)) || can(regex("^pl-([0-9a-f]{8}|[0-9a-f]{17})$", d)) || can(cidrhost(d, 0))
    )]])) && alltrue([for e in var.egress_rules : length(e.destinations) > 0])
    error_message = "Every egress_rules destination must be a CIDR block (10.0.0.0/16), a prefix list id (pl-0123456789abcdef0) or a security group id (sg-0123456789abcdef0), and each rule needs at least one."
  }
}

variable "service_connect" {
  description = <<-EOT
    Service Connect (null: off). namespace: the Cloud Map namespace ARN (or name) the service joins as a client.
    server (optional) makes the service reachable by name: port_name (a containers[].port_mappings name),
    discovery_name (default port_name), port (what clients call; default the container port) and dns_name (default discovery_name).
  EOT
  type = object({
    namespace = string
    server = optional(object({
      port_name      = string
      discovery_name = optional(string)
      port           = optional(number)
      dns_name       = optional(string)
    }))
  })
  default = null

  validation {
    condition = var.service_connect == null ? true : (var.service_connect.server == null ? true : (
      can(regex("^[a-z0-9][a-z0-9_-]{0,63}$", var.service_connect.server.port_name)) &&
      can(regex("^[a-z0-9][a-z0-9-]{0,62}$", coalesce(var.service_connect.server.discovery_name, var.service_connect.server.port_name))) &&
      (var.service_connect.server.port == null ? true : (var.service_connect.server.port >= 1 && var.service_connect.server.port <= 65535))
    ))
    error_message = "service_connect.server: port_name must be a port mapping name (lower-case letters, digits, _ and -), discovery_name lower-case letters, digits and hyphens (63 at most), port 1-65535."
  }
}

################################################################################
# Day 2: deployments and task definition revisions
################################################################################

variable "wait_for_steady_state" {
  description = "Make `terraform apply` wait until the service's deployment reaches a steady state (the provider polls for up to 20 minutes). true: a failed deployment fails the apply, and later resources (DNS, outputs used elsewhere) wait for healthy tasks; false (default): apply returns once ECS accepted the change, and the deployment circuit breaker rolls back on its own, so watch the service's events or the deployment's rolloutState."
  type        = bool
  default     = false
}

variable "task_definition_skip_destroy" {
  description = "Keep each superseded task definition revision ACTIVE instead of deregistering it (aws_ecs_task_definition skip_destroy), also on destroy. true (default): a manual rollback to an earlier revision works (ECS refuses to point a service at an INACTIVE revision). false: Terraform deregisters the old revision when it registers a new one; `terraform destroy` then leaves no ACTIVE revisions behind."
  type        = bool
  default     = true
}
