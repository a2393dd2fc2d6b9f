output "url" {
  description = "URL of the web service."
  value       = "https://${var.domain}/"
}

output "api_url" {
  description = "URL of the API service."
  value       = "https://${local.api_host}/"
}

output "alb_dns_name" {
  description = "DNS name of the load balancer."
  value       = module.alb.dns_name
}

output "cluster_name" {
  description = "Name of the ECS cluster."
  value       = module.cluster.cluster_name
}

output "service_names" {
  description = "Names of the ECS services."
  value       = { web = module.web.service_name, api = module.api.service_name }
}

output "certificate_arns" {
  description = "Certificates on the HTTPS listener (the new, validated one first)."
  value       = module.alb.certificate_arns
}
