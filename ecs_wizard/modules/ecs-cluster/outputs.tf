# The cluster outputs wait for the capacity provider association: a service that names a
# capacity provider (or relies on the default strategy) must not be created before it exists,
# and must be destroyed before the association is removed.

output "cluster_arn" {
  description = "ARN of the ECS cluster."
  value       = aws_ecs_cluster.this.arn
  depends_on  = [aws_ecs_cluster_capacity_providers.this]
}

output "cluster_name" {
  description = "Name of the ECS cluster."
  value       = aws_ecs_cluster.this.name
  depends_on  = [aws_ecs_cluster_capacity_providers.this]
}

output "cluster_id" {
  description = "ID of the ECS cluster (same as its ARN)."
  value       = aws_ecs_cluster.this.id
  depends_on  = [aws_ecs_cluster_capacity_providers.this]
}

output "log_group_name" {
  description = "Name of the CloudWatch log group that receives ECS Exec session logs."
  value       = aws_cloudwatch_log_group.this.name
}

output "log_group_arn" {
  description = "ARN of the CloudWatch log group that receives ECS Exec session logs."
  value       = aws_cloudwatch_log_group.this.arn
}

output "kms_key_arn" {
  description = "ARN of the KMS key created by `create_kms_key` (grant kms:Decrypt on it to task roles that use ECS Exec); null when not created."
  value       = one(aws_kms_key.this[*].arn)
}

output "capacity_provider_names" {
  description = "Capacity providers associated with the cluster (FARGATE, FARGATE_SPOT and/or the EC2 one)."
  value       = aws_ecs_cluster_capacity_providers.this.capacity_providers
}

output "default_capacity_provider_strategy" {
  description = "The cluster's default capacity provider strategy: list of { capacity_provider, weight, base }."
  value = [
    for s in aws_ecs_cluster_capacity_providers.this.default_capacity_provider_strategy : {
      capacity_provider = s.capacity_provider
      weight            = s.weight
      base              = s.base
    }
  ]
}

output "ec2_capacity_provider_name" {
  description = "Name of the EC2 (Auto Scaling group) capacity provider; null without `ec2`."
  value       = one(aws_ecs_capacity_provider.this[*].name)
}

output "ec2_capacity_provider_arn" {
  description = "ARN of the EC2 capacity provider; null without `ec2`."
  value       = one(aws_ecs_capacity_provider.this[*].arn)
}

output "instance_security_group_id" {
  description = "Security group of the EC2 container instances (no ingress, HTTPS egress); null without `ec2`."
  value       = one(aws_security_group.this[*].id)
}

output "instance_role_arn" {
  description = "ARN of the IAM role of the EC2 container instances; null without `ec2`."
  value       = one(aws_iam_role.this[*].arn)
}

output "instance_role_name" {
  description = "Name of the IAM role of the EC2 container instances (attach extra policies to it); null without `ec2`."
  value       = one(aws_iam_role.this[*].name)
}

output "launch_template_id" {
  description = "ID of the EC2 launch template; null without `ec2`."
  value       = one(aws_launch_template.this[*].id)
}

output "autoscaling_group_name" {
  description = "Name of the EC2 Auto Scaling group; null without `ec2`."
  value       = one(aws_autoscaling_group.this[*].name)
}

output "autoscaling_group_arn" {
  description = "ARN of the EC2 Auto Scaling group; null without `ec2`."
  value       = one(aws_autoscaling_group.this[*].arn)
}

output "ami_id" {
  description = "AMI used by the EC2 container instances (the input, or the looked-up ECS-optimized AL2023 AMI); null without `ec2`."
  value       = local.ami_id
}
