################################################################################
# Cluster
################################################################################

variable "name" {
  description = "Name of the ECS cluster. Also used as the prefix of every other resource name."
  type        = string

  validation {
    condition     = can(regex("^[a-zA-Z0-9_-]{1,255}$", var.name))
    error_message = "name must be 1-255 characters: letters, digits, hyphens (-) and underscores (_) only."
  }
}

variable "container_insights" {
  description = "CloudWatch Container Insights for the cluster: \"enabled\", \"enhanced\" (enhanced observability: task- and container-level metrics, higher CloudWatch cost) or \"disabled\"."
  type        = string
  default     = "enabled"
  nullable    = false

  validation {
    condition     = contains(["enabled", "enhanced", "disabled"], var.container_insights)
    error_message = "container_insights must be one of \"enabled\", \"enhanced\" or \"disabled\"."
  }
}

variable "log_group_name" {
  description = "Name of the CloudWatch log group that receives the ECS Exec session logs (audit trail of every `aws ecs execute-command`). null = \"/ecs/<name>/exec\"."
  type        = string
  default     = null

  validation {
    condition     = var.log_group_name == null || can(regex("^[a-zA-Z0-9_/.#-]{1,512}$", var.log_group_name))
    error_message = "log_group_name must be 1-512 characters: letters, digits, and _ - / . # only."
  }
}

variable "log_retention_days" {
  description = "Retention of the ECS Exec log group, in days. Must be a value CloudWatch Logs accepts; 0 means never expire."
  type        = number
  default     = 365
  nullable    = false

  validation {
    condition = contains(
      [0, 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653],
      var.log_retention_days
    )
    error_message = "log_retention_days must be one of 0 (never expire), 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653."
  }
}

variable "log_kms_key_arn" {
  description = "ARN of a KMS key that encrypts the ECS Exec log group (its key policy must allow the logs.<region>.amazonaws.com principal). null = CloudWatch Logs' default encryption."
  type        = string
  default     = null

  validation {
    condition     = var.log_kms_key_arn == null || can(regex("^arn:aws[a-zA-Z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/[a-zA-Z0-9-]+$", var.log_kms_key_arn))
    error_message = "log_kms_key_arn must be a KMS key ARN (arn:aws:kms:<region>:<account>:key/<id>)."
  }
}

variable "exec_kms_key_arn" {
  description = "ARN of a KMS key that encrypts ECS Exec session data between the client and the container (task roles then need kms:Decrypt on it). null = TLS only."
  type        = string
  default     = null

  validation {
    condition     = var.exec_kms_key_arn == null || can(regex("^arn:aws[a-zA-Z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/[a-zA-Z0-9-]+$", var.exec_kms_key_arn))
    error_message = "exec_kms_key_arn must be a KMS key ARN (arn:aws:kms:<region>:<account>:key/<id>)."
  }
}

variable "create_kms_key" {
  description = "Create a customer managed KMS key (rotation on) for the ECS Exec log group and ECS Exec sessions, used where log_kms_key_arn / exec_kms_key_arn are null. Task roles of services that use ECS Exec then need kms:Decrypt on the `kms_key_arn` output."
  type        = bool
  default     = false
  nullable    = false
}

################################################################################
# Capacity providers
################################################################################

variable "fargate" {
  description = <<-EOT
    The FARGATE capacity provider. null = not associated with the cluster.
    weight: share in the cluster's default strategy (0-1000). null (the default) = automatic:
    1 when EC2 capacity is not in the default strategy, 0 otherwise (AWS forbids mixing Fargate
    and Auto Scaling group providers in one strategy). base: tasks always placed here first (0-100000).
    A provider with weight 0 and base 0 stays associated (services may name it in their own
    strategy) but is left out of the default strategy.
  EOT
  type = object({
    weight = optional(number)
    base   = optional(number, 0)
  })
  default = {}

  validation {
    condition = var.fargate == null ? true : (
      (var.fargate.weight == null ? true : (var.fargate.weight >= 0 && var.fargate.weight <= 1000 && floor(var.fargate.weight) == var.fargate.weight)) &&
      var.fargate.base >= 0 && var.fargate.base <= 100000 && floor(var.fargate.base) == var.fargate.base
    )
    error_message = "fargate.weight must be a whole number 0-1000 and fargate.base a whole number 0-100000."
  }
}

variable "fargate_spot" {
  description = "The FARGATE_SPOT capacity provider, same shape and rules as `fargate`; weight null (the default) = 0. null = not associated with the cluster. Fargate Spot tasks can be stopped with a two-minute warning: only give it weight for interruption-tolerant services."
  type = object({
    weight = optional(number)
    base   = optional(number, 0)
  })
  default = {}

  validation {
    condition = var.fargate_spot == null ? true : (
      (var.fargate_spot.weight == null ? true : (var.fargate_spot.weight >= 0 && var.fargate_spot.weight <= 1000 && floor(var.fargate_spot.weight) == var.fargate_spot.weight)) &&
      var.fargate_spot.base >= 0 && var.fargate_spot.base <= 100000 && floor(var.fargate_spot.base) == var.fargate_spot.base
    )
    error_message = "fargate_spot.weight must be a whole number 0-1000 and fargate_spot.base a whole number 0-100000."
  }
}

variable "ec2" {
  description = "Optional EC2 capacity: an Auto Scaling group of ECS-optimized Amazon Linux 2023 instances in private subnets, registered as an ECS capacity provider with managed scaling. null (the default) = Fargate only. See README for every field."
  type = object({
    vpc_id                         = string
    subnet_ids                     = list(string)
    instance_type                  = optional(string, "t3.medium")
    additional_instance_types      = optional(list(string), [])
    ami_id                         = optional(string)
    architecture                   = optional(string)
    min_size                       = optional(number, 1)
    max_size                       = optional(number, 3)
    desired_capacity               = optional(number)
    spot                           = optional(bool, false)
    spot_allocation_strategy       = optional(string, "price-capacity-optimized")
    on_demand_base_capacity        = optional(number, 0)
    root_volume_gb                 = optional(number, 30)
    root_volume_kms_key_arn        = optional(string)
    detailed_monitoring            = optional(bool, true)
    metadata_hop_limit             = optional(number, 1)
    block_task_imds                = optional(bool, true)
    enable_ssm                     = optional(bool, true)
    key_name                       = optional(string)
    ecs_config                     = optional(map(string), {})
    egress_cidr_blocks             = optional(list(string), ["0.0.0.0/0"])
    egress_ipv6_cidr_blocks        = optional(list(string), [])
    capacity_provider_name         = optional(string)
    weight                         = optional(number, 1)
    base                           = optional(number, 0)
    target_capacity_percent        = optional(number, 100)
    managed_termination_protection = optional(bool, true)
    managed_draining               = optional(bool, true)
    instance_warmup                = optional(number, 300)
    maximum_scaling_step_size      = optional(number, 10)
    instance_refresh               = optional(bool, true)
  })
  default = null

  validation {
    condition     = var.ec2 == null ? true : can(regex("^vpc-[0-9a-f]{8,17}$", var.ec2.vpc_id))
    error_message = "ec2.vpc_id must be a VPC id (vpc-0123456789abcdef0)."
  }

  validation {
    condition = var.ec2 == null ? true : (
      length(var.ec2.subnet_ids) > 0 && alltrue([for s in var.ec2.subnet_ids : can(regex("^subnet-[0-9a-f]{8,17}$", s))])
    )
    error_message = "ec2.subnet_ids must list at least one subnet id (subnet-0123456789abcdef0); use private subnets."
  }

  validation {
    condition = var.ec2 == null ? true : alltrue([
      for t in concat([var.ec2.instance_type], var.ec2.additional_instance_types) : can(regex("^[a-z][a-z0-9-]*\\.[a-z0-9]+$", t))
    ])
    error_message = "ec2.instance_type and ec2.additional_instance_types must be EC2 instance types such as \"t3.medium\" or \"m7g.large\"."
  }

  validation {
    condition = var.ec2 == null ? true : (
      var.ec2.architecture != null || length(distinct([
        for t in concat([var.ec2.instance_type], var.ec2.additional_instance_types) : can(regex("^(a1|[a-z]+[0-9]+[a-z]*g[a-z]*)\\.", t))
      ])) == 1
    )
    error_message = "ec2.instance_type and ec2.additional_instance_types mix Graviton (arm64) and x86_64 types; one launch template (one AMI) can only serve one architecture."
  }

  validation {
    condition     = var.ec2 == null ? true : (var.ec2.architecture == null || contains(["x86_64", "arm64"], coalesce(var.ec2.architecture, "x86_64")))
    error_message = "ec2.architecture must be \"x86_64\", \"arm64\" or null (detected from the instance type)."
  }

  validation {
    condition     = var.ec2 == null ? true : (var.ec2.ami_id == null || can(regex("^ami-[0-9a-f]{8,17}$", coalesce(var.ec2.ami_id, "ami-00000000"))))
    error_message = "ec2.ami_id must be an AMI id (ami-0123456789abcdef0) or null to use the latest ECS-optimized Amazon Linux 2023 AMI."
  }

  validation {
    condition = var.ec2 == null ? true : (
      var.ec2.min_size >= 0 && floor(var.ec2.min_size) == var.ec2.min_size &&
      var.ec2.max_size >= 1 && floor(var.ec2.max_size) == var.ec2.max_size &&
      var.ec2.min_size <= var.ec2.max_size &&
      coalesce(var.ec2.desired_capacity, var.ec2.min_size) >= var.ec2.min_size &&
      coalesce(var.ec2.desired_capacity, var.ec2.min_size) <= var.ec2.max_size
    )
    error_message = "ec2 sizes must be whole numbers with 0 <= min_size <= desired_capacity <= max_size and max_size >= 1."
  }

  validation {
    condition     = var.ec2 == null ? true : contains(["price-capacity-optimized", "capacity-optimized", "capacity-optimized-prioritized", "lowest-price"], var.ec2.spot_allocation_strategy)
    error_message = "ec2.spot_allocation_strategy must be one of price-capacity-optimized, capacity-optimized, capacity-optimized-prioritized, lowest-price."
  }

  validation {
    condition     = var.ec2 == null ? true : (var.ec2.on_demand_base_capacity >= 0 && floor(var.ec2.on_demand_base_capacity) == var.ec2.on_demand_base_capacity)
    error_message = "ec2.on_demand_base_capacity must be a whole number >= 0."
  }

  validation {
    condition     = var.ec2 == null ? true : (var.ec2.root_volume_gb >= 30 && var.ec2.root_volume_gb <= 16384 && floor(var.ec2.root_volume_gb) == var.ec2.root_volume_gb)
    error_message = "ec2.root_volume_gb must be a whole number 30-16384 (the ECS-optimized AL2023 AMI snapshot is 30 GiB)."
  }

  validation {
    condition     = var.ec2 == null ? true : (var.ec2.root_volume_kms_key_arn == null || can(regex("^arn:aws[a-zA-Z-]*:kms:[a-z0-9-]+:[0-9]{12}:(key|alias)/[a-zA-Z0-9/_-]+$", coalesce(var.ec2.root_volume_kms_key_arn, "x"))))
    error_message = "ec2.root_volume_kms_key_arn must be a KMS key or alias ARN, or null for the account's default EBS key."
  }

  validation {
    condition     = var.ec2 == null ? true : (var.ec2.metadata_hop_limit >= 1 && var.ec2.metadata_hop_limit <= 64 && floor(var.ec2.metadata_hop_limit) == var.ec2.metadata_hop_limit)
    error_message = "ec2.metadata_hop_limit must be a whole number 1-64 (1 is right for awsvpc tasks; 2 only for bridge-mode containers that must reach IMDS)."
  }

  validation {
    condition     = var.ec2 == null ? true : alltrue([for k, v in var.ec2.ecs_config : can(regex("^ECS_[A-Z0-9_]+$", k)) && !contains(["ECS_CLUSTER"], k) && !strcontains(v, "\n")])
    error_message = "ec2.ecs_config keys must be ECS agent settings (ECS_[A-Z0-9_]+), not ECS_CLUSTER (set by the module), and values must be single-line."
  }

  validation {
    condition = var.ec2 == null ? true : (
      alltrue([for c in var.ec2.egress_cidr_blocks : can(cidrnetmask(c))]) &&
      alltrue([for c in var.ec2.egress_ipv6_cidr_blocks : can(cidrhost(c, 0)) && strcontains(c, ":")])
    )
    error_message = "ec2.egress_cidr_blocks must be IPv4 CIDRs (e.g. 0.0.0.0/0) and ec2.egress_ipv6_cidr_blocks IPv6 CIDRs (e.g. ::/0)."
  }

  validation {
    condition = var.ec2 == null ? true : (
      var.ec2.capacity_provider_name == null || (
        can(regex("^[a-zA-Z0-9_-]{1,255}$", coalesce(var.ec2.capacity_provider_name, "x"))) &&
        !can(regex("^(?i)(aws|ecs|fargate)", coalesce(var.ec2.capacity_provider_name, "x")))
      )
    )
    error_message = "ec2.capacity_provider_name must be 1-255 letters, digits, - or _, and must not start with \"aws\", \"ecs\" or \"fargate\"."
  }

  validation {
    condition = var.ec2 == null ? true : (
      var.ec2.weight >= 0 && var.ec2.weight <= 1000 && floor(var.ec2.weight) == var.ec2.weight &&
      var.ec2.base >= 0 && var.ec2.base <= 100000 && floor(var.ec2.base) == var.ec2.base
    )
    error_message = "ec2.weight must be a whole number 0-1000 and ec2.base a whole number 0-100000."
  }

  validation {
    condition     = var.ec2 == null ? true : (var.ec2.target_capacity_percent >= 1 && var.ec2.target_capacity_percent <= 100 && floor(var.ec2.target_capacity_percent) == var.ec2.target_capacity_percent)
    error_message = "ec2.target_capacity_percent must be a whole number 1-100 (100 = no spare instances; lower keeps headroom for faster task starts)."
  }

  validation {
    condition = var.ec2 == null ? true : (
      var.ec2.instance_warmup >= 0 && var.ec2.instance_warmup <= 10000 &&
      var.ec2.maximum_scaling_step_size >= 1 && var.ec2.maximum_scaling_step_size <= 10000
    )
    error_message = "ec2.instance_warmup must be 0-10000 seconds and ec2.maximum_scaling_step_size 1-10000."
  }

  validation {
    # Not coalesce(): it skips "", so an empty name used to pass and fail in CreateLaunchTemplate.
    condition     = var.ec2 == null ? true : (var.ec2.key_name == null ? true : can(regex("^[ -~]{1,255}$", var.ec2.key_name)) && trimspace(var.ec2.key_name) == var.ec2.key_name)
    error_message = "ec2.key_name must be null (no SSH key) or the name of an EC2 key pair: 1-255 ASCII characters without leading or trailing spaces, never \"\" (prefer SSM Session Manager over SSH keys: leave it null)."
  }
}

variable "tags" {
  description = "Tags applied to every taggable resource (and propagated to EC2 instances and volumes)."
  type        = map(string)
  default     = {}
  nullable    = false

  validation {
    condition     = alltrue([for k, v in var.tags : length(k) >= 1 && length(k) <= 128 && length(v) <= 256 && !startswith(lower(k), "aws:")])
    error_message = "tags keys must be 1-128 characters, values at most 256, and keys must not start with \"aws:\"."
  }

  validation {
    condition     = length(merge(var.tags, { Name = "", AmazonECSManaged = "" })) <= 50
    error_message = "tags must leave room for the Name and AmazonECSManaged tags this module adds to the Auto Scaling group and its instances: AWS allows 50 tags per resource."
  }
}
