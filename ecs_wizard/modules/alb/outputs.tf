output "arn" {
  description = "ARN of the load balancer."
  value       = aws_lb.this.arn
}

output "id" {
  description = "ID of the load balancer (same as its ARN)."
  value       = aws_lb.this.id
}

output "arn_suffix" {
  description = "ARN suffix of the load balancer (app/<name>/<id>), for CloudWatch metrics and the ALBRequestCountPerTarget scaling metric."
  value       = aws_lb.this.arn_suffix
}

output "name" {
  description = "Name of the load balancer."
  value       = aws_lb.this.name
}

output "dns_name" {
  description = "DNS name of the load balancer (point a CNAME or a Route 53 alias at it)."
  value       = aws_lb.this.dns_name
}

output "zone_id" {
  description = "Canonical hosted zone ID of the load balancer, for Route 53 alias records."
  value       = aws_lb.this.zone_id
}

output "security_group_id" {
  description = "ID of the load balancer's security group. It has no egress rules: add one per target (ecs-service does this) towards the target's security group and port."
  value       = aws_security_group.this.id
}

output "http_listener_arn" {
  description = "ARN of the HTTP listener (null when `http` is null)."
  value       = try(aws_lb_listener.http[0].arn, null)
}

output "https_listener_arn" {
  description = "ARN of the HTTPS listener (null when `https` is null)."
  value       = try(aws_lb_listener.https[0].arn, null)
}

output "listener_arn" {
  description = "ARN of the listener that routing rules should attach to: the HTTPS listener when there is one, otherwise the HTTP listener."
  value       = local.https_enabled ? aws_lb_listener.https[0].arn : try(aws_lb_listener.http[0].arn, null)
}

output "listener_port" {
  description = "Port of the listener behind `listener_arn`."
  value       = local.https_enabled ? var.https.port : try(var.http.port, null)
}

output "certificate_arns" {
  description = "ARNs of every certificate on the HTTPS listener, default certificate first (new, validated certificates in input order, then the existing ARNs). Empty without HTTPS."
  value       = [for c in local.all_certificates : c.arn]
}

output "acm_certificate_arns" {
  description = "Map of requested domain => ARN of the ACM certificate this module requested."
  value       = { for k, c in aws_acm_certificate.this : k => c.arn }
}

output "certificate_validation_records" {
  description = "DNS records that prove domain ownership for each requested certificate (domain => list of {name, type, value}). Create them yourself when no route53_zone_id was given."
  value = {
    for k, c in aws_acm_certificate.this : k => [
      for o in c.domain_validation_options : {
        domain = o.domain_name
        name   = o.resource_record_name
        type   = o.resource_record_type
        value  = o.resource_record_value
      }
    ]
  }
}

output "waf_web_acl_association_id" {
  description = "ID of the WAF web ACL association, or null without waf_web_acl_arn."
  value       = try(aws_wafv2_web_acl_association.this[0].id, null)
}

output "dns_record_names" {
  description = "Host names of the Route 53 alias records that point at the load balancer (fqdn per `name type` key)."
  value       = { for k, r in aws_route53_record.alias : k => r.fqdn }
}
