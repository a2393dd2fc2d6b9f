################################################################################
# Access-log bucket (optional: access_logs.create_bucket)
#
# ELB writes access logs only into a bucket in the load balancer's region, encrypted with
# SSE-S3 (not KMS), whose policy lets Elastic Load Balancing put objects under
# <prefix>/AWSLogs/. Regions opened since August 2022 grant that to the log-delivery service
# principal; older regions grant it to the region's Elastic Load Balancing account. The policy
# names the service principal everywhere and adds the account where the region has one, so it
# is right in both kinds of region.
# https://docs.aws.amazon.com/elasticloadbalancing/latest/application/enable-access-logging.html
################################################################################

data "aws_region" "current" {
  count = local.create_log_bucket && var.region == null ? 1 : 0
}

locals {
  create_log_bucket = var.access_logs == null ? false : var.access_logs.create_bucket

  # Elastic Load Balancing's log-delivery account per region opened before August 2022 (the
  # list of the AWS documentation above, and of the provider's aws_elb_service_account).
  elb_log_delivery_accounts = {
    "af-south-1"     = "098369216593"
    "ap-east-1"      = "754344448648"
    "ap-northeast-1" = "582318560864"
    "ap-northeast-2" = "600734575887"
    "ap-northeast-3" = "383597477331"
    "ap-south-1"     = "718504428378"
    "ap-southeast-1" = "114774131450"
    "ap-southeast-2" = "783225319266"
    "ap-southeast-3" = "589379963580"
    "ca-central-1"   = "985666609251"
    "cn-north-1"     = "638102146993"
    "cn-northwest-1" = "037604701340"
    "eu-central-1"   = "054676820928"
    "eu-north-1"     = "897822967062"
    "eu-south-1"     = "635631232127"
    "eu-west-1"      = "156460612806"
    "eu-west-2"      = "652711504416"
    "eu-west-3"      = "009996457667"
    "me-south-1"     = "076674570225"
    "sa-east-1"      = "507241528517"
    "us-east-1"      = "127311923021"
    "us-east-2"      = "033677994240"
    "us-gov-east-1"  = "190560391635"
    "us-gov-west-1"  = "048591011584"
    "us-west-1"      = "027434742980"
    "us-west-2"      = "797873946194"
  }
  log_region      = local.create_log_bucket ? coalesce(var.region, try(data.aws_region.current[0].name, null)) : null
  log_elb_account = local.create_log_bucket ? lookup(local.elb_log_delivery_accounts, local.log_region, null) : null

  log_bucket_arn = try(aws_s3_bucket.access_logs[0].arn, "")
  log_partition  = try(split(":", local.log_bucket_arn)[1], "aws")
  log_objects    = "${local.log_bucket_arn}/${try(var.access_logs.prefix, "") == "" ? "" : "${var.access_logs.prefix}/"}AWSLogs/*"
  log_bucket_statements = concat(
    [{
      Sid       = "ElbLogDelivery"
      Effect    = "Allow"
      Principal = { Service = "logdelivery.elasticloadbalancing.amazonaws.com" }
      Action    = "s3:PutObject"
      Resource  = local.log_objects
    }],
    local.log_elb_account == null ? [] : [{
      Sid       = "ElbLogDeliveryRegionAccount"
      Effect    = "Allow"
      Principal = { AWS = "arn:${local.log_partition}:iam::${local.log_elb_account}:root" }
      Action    = "s3:PutObject"
      Resource  = local.log_objects
    }],
    [{
      Sid       = "DenyInsecureTransport"
      Effect    = "Deny"
      Principal = "*"
      Action    = "s3:*"
      Resource  = [local.log_bucket_arn, "${local.log_bucket_arn}/*"]
      Condition = { Bool = { "aws:SecureTransport" = "false" } }
    }],
  )
}

resource "aws_s3_bucket" "access_logs" {
  #checkov:skip=CKV_AWS_18:This bucket receives the load balancer's access logs; logging the log bucket's own accesses into another bucket is left to the account's central logging.
  #checkov:skip=CKV_AWS_21:Access logs are written once and never overwritten, so versioning would only add cost; the lifecycle rule expires them.
  #checkov:skip=CKV_AWS_144:Cross-region replication of access logs is an account-level choice (it needs a second bucket and a role).
  #checkov:skip=CKV_AWS_145:ELB access logs support only SSE-S3 (AES256), not KMS keys.
  #checkov:skip=CKV2_AWS_62:Nothing needs to react to each new log object; event notifications are opt-in.
  count = local.create_log_bucket ? 1 : 0

  bucket        = var.access_logs.bucket
  force_destroy = var.access_logs.force_destroy

  tags = merge(var.tags, { Name = var.access_logs.bucket })
}

resource "aws_s3_bucket_public_access_block" "access_logs" {
  count = local.create_log_bucket ? 1 : 0

  bucket                  = aws_s3_bucket.access_logs[0].id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_server_side_encryption_configuration" "access_logs" {
  count = local.create_log_bucket ? 1 : 0

  bucket = aws_s3_bucket.access_logs[0].id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256" # SSE-S3: the only encryption ELB log delivery supports
    }
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "access_logs" {
  count = local.create_log_bucket ? 1 : 0

  bucket = aws_s3_bucket.access_logs[0].id
  rule {
    id     = "expire-access-logs"
    status = "Enabled"
    filter {}
    dynamic "expiration" {
      for_each = var.access_logs.retention_days > 0 ? [var.access_logs.retention_days] : []
      content {
        days = expiration.value
      }
    }
    abort_incomplete_multipart_upload {
      days_after_initiation = 1
    }
  }
}

resource "aws_s3_bucket_policy" "access_logs" {
  count = local.create_log_bucket ? 1 : 0

  bucket = aws_s3_bucket.access_logs[0].id
  policy = jsonencode({ Version = "2012-10-17", Statement = local.log_bucket_statements })

  # S3 refuses concurrent changes of a bucket's policy and public access block.
  depends_on = [aws_s3_bucket_public_access_block.access_logs]
}
