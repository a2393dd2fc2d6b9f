output "alb_dns_name" {
  description = "DNS name of the load balancer."
  value       = module.alb.dns_name
}

output "cluster_name" {
  description = "Name of the ECS cluster."
  value       = module.cluster.cluster_name
}

output "ec2_capacity_provider_name" {
  description = "Name of the EC2 capacity provider."
  value       = module.cluster.ec2_capacity_provider_name
}

output "autoscaling_group_name" {
  description = "Name of the Auto Scaling group of container instances."
  value       = module.cluster.autoscaling_group_name
}

output "service_names" {
  description = "Names of the ECS services."
  value       = { web = module.web.service_name, worker = module.worker.service_name }
}
