output "service_name" {
  description = "Name of the ECS service."
  value       = local.service_resource.name
}

output "service_arn" {
  description = "ARN of the ECS service."
  value       = local.service_resource.id
}

output "service_resource_address" {
  description = "Which aws_ecs_service resource holds the service (this, ignore_task_definition, autoscaled or autoscaled_ignore_task_definition); see README before switching."
  value       = "aws_ecs_service.${local.service_variant}[0]"
}

output "task_definition_arn" {
  description = "ARN (with revision) of the task definition Terraform registered. With ignore_task_definition_changes the service may run a newer revision deployed by CI."
  value       = aws_ecs_task_definition.this.arn
}

output "task_definition_family" {
  description = "Family of the task definition (= name); CI pipelines register new revisions in it."
  value       = aws_ecs_task_definition.this.family
}

output "task_definition_revision" {
  description = "Revision of the task definition Terraform registered."
  value       = aws_ecs_task_definition.this.revision
}

output "container_definitions" {
  description = "The container definitions JSON of the task definition (containers sorted by name)."
  value       = aws_ecs_task_definition.this.container_definitions
}

output "target_group_arn" {
  description = "ARN of the target group; null for a worker (no load_balancer). Point the listener default action or an alb-rule at it."
  value       = local.load_balanced ? aws_lb_target_group.this[0].arn : null
}

output "target_group_arn_suffix" {
  description = "ARN suffix of the target group (for CloudWatch metrics); null for a worker."
  value       = local.load_balanced ? aws_lb_target_group.this[0].arn_suffix : null
}

output "target_group_name" {
  description = "Name of the target group (target_group_name plus the 4-character hash when name_suffix is on); null for a worker."
  value       = local.target_group_name
}

output "security_group_id" {
  description = "ID of the task security group (use it as the source in e.g. a database security group)."
  value       = aws_security_group.this.id
}

output "task_role_arn" {
  description = "ARN of the task role (the application's AWS identity)."
  value       = aws_iam_role.task.arn
}

output "task_role_name" {
  description = "Name of the task role, to attach further policies."
  value       = aws_iam_role.task.name
}

output "execution_role_arn" {
  description = "ARN of the task execution role (used by the ECS agent)."
  value       = aws_iam_role.execution.arn
}

output "execution_role_name" {
  description = "Name of the task execution role."
  value       = aws_iam_role.execution.name
}

output "log_group_name" {
  description = "Name of the CloudWatch log group of the containers."
  value       = aws_cloudwatch_log_group.this.name
}

output "log_group_arn" {
  description = "ARN of the CloudWatch log group of the containers."
  value       = aws_cloudwatch_log_group.this.arn
}

output "autoscaling_policy_arns" {
  description = "ARNs of the target-tracking policies by key (cpu, memory, requests); empty without autoscaling."
  value       = { for k, p in aws_appautoscaling_policy.this : k => p.arn }
}
