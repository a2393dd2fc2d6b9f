variable "region" {
  description = "AWS region to deploy into."
  type        = string
  default     = "eu-west-1"
}

variable "name" {
  description = "Name prefix for the cluster, load balancer and services (2-20 lowercase letters, digits and hyphens)."
  type        = string
  default     = "ec2demo"

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
  description = "Private subnets for the EC2 instances and the tasks (with a NAT gateway or VPC endpoints for ECR, CloudWatch Logs, SSM and ECS)."
  type        = list(string)
}

variable "ami_id" {
  description = "ECS-optimized Amazon Linux 2023 AMI for the instances, e.g. from `aws ssm get-parameter --name /aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id`. null = the ecs-cluster module looks the recommended AMI up in SSM at plan time (needs AWS credentials)."
  type        = string
  default     = null
}

variable "instance_type" {
  description = "EC2 instance type of the container instances."
  type        = string
  default     = "t3.medium"
}

variable "certificate_arn" {
  description = "ARN of an existing, issued ACM certificate for the HTTPS listener."
  type        = string
}

variable "web_image" {
  description = "Container image of the web service (port 8080, read-only root filesystem)."
  type        = string
}

variable "worker_image" {
  description = "Container image of the queue worker (no inbound traffic, read-only root filesystem)."
  type        = string
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
