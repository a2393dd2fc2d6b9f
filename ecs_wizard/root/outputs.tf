output "alb_dns_name" {
  description = "DNS name of the load balancer: point your domain (CNAME or Route 53 alias) here."
  value       = module.alb.dns_name
}

output "alb_zone_id" {
  description = "Route 53 hosted zone id of the load balancer, for alias records."
  value       = module.alb.zone_id
}

output "alb_arn" {
  description = "ARN of the load balancer."
  value       = module.alb.arn
}

output "cluster_name" {
  description = "Name of the ECS cluster."
  value       = module.cluster.cluster_name
}

output "cluster_arn" {
  description = "ARN of the ECS cluster."
  value       = module.cluster.cluster_arn
}

output "service_names" {
  description = "ECS service name per service of the answers."
  value       = { for k, s in module.service : k => s.service_name }
}

output "target_group_arns" {
  description = "Target group ARN per load-balanced service."
  value       = { for k, s in module.service : k => s.target_group_arn if s.target_group_arn != null }
}

output "log_group_names" {
  description = "CloudWatch log group per service."
  value       = { for k, s in module.service : k => s.log_group_name }
}

output "certificate_validation_records" {
  description = "DNS records to create for requested certificates that have no Route 53 zone."
  value       = module.alb.certificate_validation_records
}

output "task_security_group_ids" {
  description = "Task security group id per service: allow it as the source in e.g. a database's security group."
  value       = { for k, s in module.service : k => s.security_group_id }
}

output "task_role_arns" {
  description = "Task role ARN per service (the application's AWS identity), to grant it access in hand-written Terraform."
  value       = { for k, s in module.service : k => s.task_role_arn }
}

output "task_role_names" {
  description = "Task role name per service, to attach further policies (aws_iam_role_policy_attachment)."
  value       = { for k, s in module.service : k => s.task_role_name }
}

output "service_connect_namespace_arn" {
  description = "ARN of the Service Connect (Cloud Map HTTP) namespace; null without service_connect."
  value       = one(aws_service_discovery_http_namespace.this[*].arn)

  # Here, not as a validation of var.services: a variable's validation may refer to another
  # variable only from Terraform 1.9 on, and this root module supports 1.5. An output's
  # precondition is checked at every plan.
  precondition {
    condition     = var.service_connect != null || alltrue([for s in var.services : s.service_connect == null])
    error_message = "services[].service_connect needs the project's Service Connect namespace: add service_connect = { namespace = \"<project>.internal\" }."
  }
}
