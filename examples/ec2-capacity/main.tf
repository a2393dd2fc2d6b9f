# An ECS cluster with two kinds of capacity:
#   - EC2: an Auto Scaling group of ECS-optimized Amazon Linux 2023 instances, registered as a
#     capacity provider with managed scaling (the cluster's default strategy), runs "web";
#   - Fargate Spot: associated with the cluster, used by the interruption-tolerant "worker".
# AWS does not allow Fargate and Auto Scaling group providers in one strategy, so each service
# names its own. "web" sits behind an HTTPS load balancer whose default action forwards to it
# (an existing ACM certificate); the ECS service waits for that listener.

locals {
  container_port = 8080
}

module "cluster" {
  source = "../../ecs_wizard/modules/ecs-cluster"

  name         = var.name
  fargate      = null
  fargate_spot = { weight = 0 }

  ec2 = {
    vpc_id                  = var.vpc_id
    subnet_ids              = var.private_subnet_ids
    instance_type           = var.instance_type
    ami_id                  = var.ami_id
    min_size                = 1
    max_size                = 4
    target_capacity_percent = 90
    weight                  = 1
    base                    = 1
  }
}

module "alb" {
  source = "../../ecs_wizard/modules/alb"

  name                = var.name
  vpc_id              = var.vpc_id
  subnet_ids          = var.public_subnet_ids
  ingress_cidrs       = var.ingress_cidrs
  deletion_protection = var.deletion_protection
  access_logs         = var.access_logs_bucket == null ? null : { bucket = var.access_logs_bucket, prefix = var.name }

  http  = { port = 80, redirect_to_https = true }
  https = { certificate_arns = [var.certificate_arn] }

  default_action = {
    type             = "forward"
    target_group_arn = module.web.target_group_arn
  }
}

module "web" {
  source = "../../ecs_wizard/modules/ecs-service"

  name        = "${var.name}-web"
  cluster_arn = module.cluster.cluster_arn
  region      = var.region
  vpc_id      = var.vpc_id
  subnet_ids  = var.private_subnet_ids

  requires_compatibilities = ["EC2"]
  capacity_provider_strategy = [{
    capacity_provider = module.cluster.ec2_capacity_provider_name
    weight            = 1
    base              = 1
  }]

  cpu    = 512
  memory = 1024
  containers = [{
    name                     = "web"
    image                    = var.web_image
    readonly_root_filesystem = true
    port_mappings            = [{ container_port = local.container_port, name = "http" }]
  }]

  load_balancer = {
    container_name        = "web"
    container_port        = local.container_port
    alb_security_group_id = module.alb.security_group_id
    alb_arn_suffix        = module.alb.arn_suffix
    target_group_name     = "${var.name}-web"
    health_check          = { path = "/" }
  }
  # The HTTPS listener's default action is what attaches the target group.
  listener_dependencies = [module.alb.https_listener_arn]

  desired_count = 2
}

module "worker" {
  source = "../../ecs_wizard/modules/ecs-service"

  name        = "${var.name}-worker"
  cluster_arn = module.cluster.cluster_arn
  region      = var.region
  vpc_id      = var.vpc_id
  subnet_ids  = var.private_subnet_ids

  capacity_provider_strategy = [{ capacity_provider = "FARGATE_SPOT", weight = 1 }]

  cpu    = 256
  memory = 512
  containers = [{
    name                     = "worker"
    image                    = var.worker_image
    readonly_root_filesystem = true
  }]

  desired_count = 1
  autoscaling = {
    min_capacity = 1
    max_capacity = 5
    cpu_target   = 70
  }
}
