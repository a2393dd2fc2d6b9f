# Two Fargate services behind one HTTPS Application Load Balancer:
#   https://<domain>/...      -> web (path-based rule, /*)
#   https://api.<domain>/...  -> api (host-based rule, evaluated first)
# A new ACM certificate (domain + api.<domain>) is validated through Route 53; plain HTTP is
# redirected to HTTPS. Each service's target group is attached by its listener rule before the
# ECS service is created (listener_dependencies), and the HTTPS listener waits for the
# certificate validation.

locals {
  api_host       = "api.${var.domain}"
  container_port = 8080
}

module "cluster" {
  source = "../../ecs_wizard/modules/ecs-cluster"

  name = var.name
  # On-demand Fargate for the first task, then 1:3 with Fargate Spot.
  fargate      = { weight = 1, base = 1 }
  fargate_spot = { weight = 3 }
}

module "alb" {
  source = "../../ecs_wizard/modules/alb"

  name                = var.name
  vpc_id              = var.vpc_id
  subnet_ids          = var.public_subnet_ids
  ingress_cidrs       = var.ingress_cidrs
  deletion_protection = var.deletion_protection
  access_logs         = var.access_logs_bucket == null ? null : { bucket = var.access_logs_bucket, prefix = var.name }

  http = { port = 80, redirect_to_https = true }
  https = {
    certificates = [{
      domain                    = var.domain
      subject_alternative_names = [local.api_host]
      route53_zone_id           = var.route53_zone_id
    }]
  }
  # Requests matching no rule get a 404.
  default_action = { type = "fixed_response" }
}

module "web" {
  source = "../../ecs_wizard/modules/ecs-service"

  name        = "${var.name}-web"
  cluster_arn = module.cluster.cluster_arn
  # The cluster's default strategy, stated explicitly (ECS would copy it onto the service anyway,
  # and an empty strategy in the configuration would then differ on every plan).
  capacity_provider_strategy = module.cluster.default_capacity_provider_strategy
  region                     = var.region
  vpc_id                     = var.vpc_id
  subnet_ids                 = var.private_subnet_ids

  cpu    = 256
  memory = 512
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
  listener_dependencies = [module.web_rule.arn]

  desired_count = 2
  autoscaling = {
    min_capacity        = 2
    max_capacity        = 10
    cpu_target          = 60
    requests_per_target = 1000
  }
}

module "api" {
  source = "../../ecs_wizard/modules/ecs-service"

  name        = "${var.name}-api"
  cluster_arn = module.cluster.cluster_arn
  # The cluster's default strategy, stated explicitly (ECS would copy it onto the service anyway,
  # and an empty strategy in the configuration would then differ on every plan).
  capacity_provider_strategy = module.cluster.default_capacity_provider_strategy
  region                     = var.region
  vpc_id                     = var.vpc_id
  subnet_ids                 = var.private_subnet_ids

  cpu    = 512
  memory = 1024
  containers = [{
    name                     = "api"
    image                    = var.api_image
    readonly_root_filesystem = true
    port_mappings            = [{ container_port = local.container_port, name = "http" }]
    environment              = { PORT = tostring(local.container_port) }
    secrets                  = var.api_secrets
  }]

  load_balancer = {
    container_name        = "api"
    container_port        = local.container_port
    alb_security_group_id = module.alb.security_group_id
    alb_arn_suffix        = module.alb.arn_suffix
    target_group_name     = "${var.name}-api"
    health_check          = { path = "/healthz", matcher = "200" }
  }
  listener_dependencies = [module.api_rule.arn]

  desired_count = 2
}

# Host-based: api.<domain> goes to the API (lower priority number = evaluated first).
module "api_rule" {
  source = "../../ecs_wizard/modules/alb-rule"

  listener_arn = module.alb.https_listener_arn
  priority     = 10
  conditions   = { host_headers = [local.api_host] }
  action       = { type = "forward", target_group_arn = module.api.target_group_arn }
}

# Path-based: everything else on the listener goes to the web service.
module "web_rule" {
  source = "../../ecs_wizard/modules/alb-rule"

  listener_arn = module.alb.https_listener_arn
  priority     = 100
  conditions   = { path_patterns = ["/*"] }
  action       = { type = "forward", target_group_arn = module.web.target_group_arn }
}

# DNS: both names point at the load balancer.
resource "aws_route53_record" "alias" {
  for_each = toset([var.domain, local.api_host])

  zone_id = var.route53_zone_id
  name    = each.value
  type    = "A"

  alias {
    name                   = module.alb.dns_name
    zone_id                = module.alb.zone_id
    evaluate_target_health = true
  }
}
