# access_logs.create_bucket: the bucket ELB can write to (issue 10: access logs needed an
# existing bucket with the region's log-delivery policy, and nothing said so). Applies against a
# mock provider, so the policy document can be read back.

mock_provider "aws" {}

override_resource {
  target = aws_s3_bucket.access_logs
  values = {
    arn = "arn:aws:s3:::shop-alb-logs"
    id  = "shop-alb-logs"
  }
}

override_resource {
  target = aws_lb.this
  values = {
    arn = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/demo/0123456789abcdef"
  }
}

override_resource {
  target = aws_lb_listener.http
  values = {
    arn = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:listener/app/demo/0123456789abcdef/0000000000000080"
  }
}

variables {
  name          = "demo"
  vpc_id        = "vpc-0123456789abcdef0"
  subnet_ids    = ["subnet-0123456789abcdef0", "subnet-0123456789abcdef1"]
  ingress_cidrs = ["0.0.0.0/0"]
  http          = { redirect_to_https = false }
}

run "bucket_for_a_region_with_an_elb_account" {
  command = apply

  variables {
    region      = "eu-west-1"
    access_logs = { bucket = "shop-alb-logs", prefix = "prod", create_bucket = true }
  }

  assert {
    condition     = aws_s3_bucket.access_logs[0].bucket == "shop-alb-logs" && aws_s3_bucket.access_logs[0].force_destroy == false
    error_message = "The bucket must be created with the given name, and keep its logs on destroy by default."
  }
  assert {
    condition = (
      aws_s3_bucket_public_access_block.access_logs[0].block_public_acls &&
      aws_s3_bucket_public_access_block.access_logs[0].block_public_policy &&
      aws_s3_bucket_public_access_block.access_logs[0].ignore_public_acls &&
      aws_s3_bucket_public_access_block.access_logs[0].restrict_public_buckets
    )
    error_message = "Public access must be blocked on the log bucket."
  }
  assert {
    condition     = one(one(aws_s3_bucket_server_side_encryption_configuration.access_logs[0].rule).apply_server_side_encryption_by_default).sse_algorithm == "AES256"
    error_message = "ELB log delivery supports SSE-S3 only."
  }
  assert {
    condition     = one(one(aws_s3_bucket_lifecycle_configuration.access_logs[0].rule).expiration).days == 90
    error_message = "Logs must expire after retention_days (90 by default)."
  }
  assert {
    condition = contains([
      for s in jsondecode(aws_s3_bucket_policy.access_logs[0].policy).Statement : s.Resource
      if s.Effect == "Allow" && try(s.Principal.Service, "") == "logdelivery.elasticloadbalancing.amazonaws.com" && s.Action == "s3:PutObject"
    ], "arn:aws:s3:::shop-alb-logs/prod/AWSLogs/*")
    error_message = "The policy must let the ELB log-delivery service principal put objects under <prefix>/AWSLogs/."
  }
  assert {
    condition = contains([
      for s in jsondecode(aws_s3_bucket_policy.access_logs[0].policy).Statement : try(s.Principal.AWS, "")
      if s.Effect == "Allow" && s.Resource == "arn:aws:s3:::shop-alb-logs/prod/AWSLogs/*"
    ], "arn:aws:iam::156460612806:root")
    error_message = "In eu-west-1 (opened before August 2022) the policy must also allow the region's Elastic Load Balancing account 156460612806."
  }
  assert {
    condition     = aws_lb.this.access_logs[0].bucket == "shop-alb-logs" && aws_lb.this.access_logs[0].prefix == "prod" && aws_lb.this.access_logs[0].enabled
    error_message = "The load balancer must log into the created bucket."
  }
}

run "bucket_for_a_newer_region_uses_the_service_principal_only" {
  command = apply

  variables {
    region      = "me-central-1"
    access_logs = { bucket = "shop-alb-logs", create_bucket = true, retention_days = 0, force_destroy = true }
  }

  assert {
    condition = (
      length([for s in jsondecode(aws_s3_bucket_policy.access_logs[0].policy).Statement : s if can(s.Principal.AWS)]) == 0 &&
      length([for s in jsondecode(aws_s3_bucket_policy.access_logs[0].policy).Statement : s if try(s.Principal.Service, "") == "logdelivery.elasticloadbalancing.amazonaws.com" && s.Resource == "arn:aws:s3:::shop-alb-logs/AWSLogs/*"]) == 1
    )
    error_message = "A region without an Elastic Load Balancing account is served by the log-delivery service principal alone, without a prefix in the path when none is given."
  }
  assert {
    condition     = length(one(aws_s3_bucket_lifecycle_configuration.access_logs[0].rule).expiration) == 0 && aws_s3_bucket.access_logs[0].force_destroy
    error_message = "retention_days = 0 keeps the logs (no expiration); force_destroy is passed through."
  }
}
