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
