output "arn" {
  description = "ARN of the listener rule."
  value       = aws_lb_listener_rule.this.arn
}

output "id" {
  description = "ID of the listener rule (same as its ARN)."
  value       = aws_lb_listener_rule.this.id
}

output "priority" {
  description = "Priority of the listener rule."
  value       = aws_lb_listener_rule.this.priority
}

output "listener_arn" {
  description = "ARN of the listener the rule belongs to."
  value       = aws_lb_listener_rule.this.listener_arn
}
