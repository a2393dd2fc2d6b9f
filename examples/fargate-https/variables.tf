variable "region" {
  description = "AWS region to deploy into."
  type        = string
  default     = "eu-west-1"
}

variable "name" {
  description = "Name prefix for the cluster, load balancer and services (letters, digits, hyphens; at most 20 characters so derived names stay within AWS limits)."
  type        = string
  default     = "demo"

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{0,18}[a-z0-9]$", var.name))
    error_message = "name must be 2-20 lowercase letters, digits and hyphens, starting with a letter."
  }
}

variable "vpc_id" {
  description = "ID of an existing VPC."
  type        = string
}

variable "public_subnet_ids" {
  description = "Public subnets (at least two, in different Availability Zones) for the load balancer."
  type        = list(string)
}

variable "private_subnet_ids" {
  description = "Private subnets (with a NAT gateway or VPC endpoints for ECR, CloudWatch Logs and SSM) for the tasks."
  type        = list(string)
}

variable "domain" {
  description = "Domain served by the web service (e.g. example.com). The API is served on api.<domain>. A new ACM certificate covers both."
  type        = string
}

variable "route53_zone_id" {
  description = "Route 53 hosted zone of `domain`: receives the certificate's DNS validation records and the alias records pointing at the load balancer."
  type        = string
}

variable "web_image" {
  description = "Container image of the web service. It must listen on port 8080 and not write to its root filesystem (it is mounted read-only)."
  type        = string
}

variable "api_image" {
  description = "Container image of the API service. It must listen on port 8080, answer GET /healthz and not write to its root filesystem."
  type        = string
}

variable "api_secrets" {
  description = "Secrets injected into the API container: environment variable name => ARN of an SSM SecureString parameter or a Secrets Manager secret. Only the task execution role can read them."
  type        = map(string)
  default     = {}
}

variable "ingress_cidrs" {
  description = "IPv4 CIDRs allowed to reach the load balancer on ports 80 and 443."
  type        = list(string)
  default     = ["0.0.0.0/0"]
}

variable "access_logs_bucket" {
  description = "Existing S3 bucket for load balancer access logs (its policy must allow ELB log delivery); null disables access logs."
  type        = string
  default     = null
}

variable "deletion_protection" {
  description = "Deletion protection on the load balancer. Set false before `terraform destroy`."
  type        = bool
  default     = true
}

variable "tags" {
  description = "Tags applied to every resource (through the provider's default_tags)."
  type        = map(string)
  default = {
    Project   = "ecs-wizard-example"
    ManagedBy = "terraform"
  }
}
