# Plans the module with the real hashicorp/aws provider, offline (fake credentials, no AWS calls).

provider "aws" {
  region                      = "eu-west-1"
  access_key                  = "test"
  secret_key                  = "test"
  skip_credentials_validation = true
  skip_metadata_api_check     = true
  skip_region_validation      = true
  skip_requesting_account_id  = true
}

variables {
  name          = "demo"
  vpc_id        = "vpc-0123456789abcdef0"
  subnet_ids    = ["subnet-0123456789abcdef0", "subnet-0123456789abcdef1"]
  ingress_cidrs = ["0.0.0.0/0", "10.20.0.0/16"]
  https = {
    certificate_arns = ["arn:aws:acm:eu-west-1:123456789012:certificate/11111111-2222-3333-4444-555555555555"]
  }
}

run "secure_defaults" {
  command = plan

  assert {
    condition     = aws_lb_listener.https[0].ssl_policy == "ELBSecurityPolicy-TLS13-1-2-2021-06"
    error_message = "The HTTPS listener must default to the TLS 1.2+/1.3 policy ELBSecurityPolicy-TLS13-1-2-2021-06."
  }
  assert {
    condition     = aws_lb_listener.https[0].protocol == "HTTPS" && aws_lb_listener.https[0].port == 443
    error_message = "The HTTPS listener must listen on 443 with protocol HTTPS."
  }
  assert {
    condition     = aws_lb_listener.https[0].certificate_arn == "arn:aws:acm:eu-west-1:123456789012:certificate/11111111-2222-3333-4444-555555555555"
    error_message = "The only certificate must be the listener's default certificate."
  }
  assert {
    condition     = length(aws_lb_listener_certificate.this) == 0
    error_message = "A single certificate needs no SNI listener certificate."
  }
  assert {
    condition     = aws_lb_listener.http[0].port == 80 && aws_lb_listener.http[0].protocol == "HTTP"
    error_message = "The HTTP listener must listen on port 80."
  }
  assert {
    condition     = length(aws_lb_listener.http[0].default_action) == 1 && aws_lb_listener.http[0].default_action[0].type == "redirect"
    error_message = "The HTTP listener must redirect by default."
  }
  assert {
    condition = (
      aws_lb_listener.http[0].default_action[0].redirect[0].status_code == "HTTP_301" &&
      aws_lb_listener.http[0].default_action[0].redirect[0].port == "443" &&
      aws_lb_listener.http[0].default_action[0].redirect[0].protocol == "HTTPS"
    )
    error_message = "The redirect must be a permanent HTTP_301 to HTTPS on port 443."
  }
  assert {
    condition     = aws_lb_listener.https[0].default_action[0].type == "fixed-response" && aws_lb_listener.https[0].default_action[0].fixed_response[0].status_code == "404"
    error_message = "Without a target group the default action must be a fixed 404 response."
  }
  assert {
    condition = (
      aws_lb.this.load_balancer_type == "application" &&
      aws_lb.this.internal == false &&
      aws_lb.this.drop_invalid_header_fields == true &&
      aws_lb.this.enable_deletion_protection == true &&
      aws_lb.this.enable_http2 == true &&
      aws_lb.this.desync_mitigation_mode == "defensive" &&
      aws_lb.this.idle_timeout == 60
    )
    error_message = "The load balancer must be an internet-facing ALB with the secure defaults."
  }
  assert {
    condition     = length(aws_lb.this.access_logs) == 0
    error_message = "Access logs must be off unless configured."
  }
  assert {
    condition     = length(aws_acm_certificate.this) == 0 && length(aws_route53_record.validation) == 0 && length(aws_acm_certificate_validation.this) == 0
    error_message = "No certificate may be requested when only existing ARNs are given."
  }
}

run "security_group_only_listener_ports_and_given_cidrs" {
  command = plan

  variables {
    ingress_ipv6_cidrs = ["::/0"]
    ip_address_type    = "dualstack"
  }

  assert {
    condition     = length(aws_vpc_security_group_ingress_rule.ipv4) == 4 && length(aws_vpc_security_group_ingress_rule.ipv6) == 2
    error_message = "Expected one ingress rule per CIDR x listener port (2x2 IPv4, 1x2 IPv6)."
  }
  assert {
    condition = alltrue([
      for r in aws_vpc_security_group_ingress_rule.ipv4 :
      contains([80, 443], r.from_port) && r.from_port == r.to_port && r.ip_protocol == "tcp" && contains(["0.0.0.0/0", "10.20.0.0/16"], r.cidr_ipv4) && r.cidr_ipv6 == null
    ])
    error_message = "IPv4 ingress must be TCP on exactly the listener ports, from the given CIDRs only."
  }
  assert {
    condition     = alltrue([for r in aws_vpc_security_group_ingress_rule.ipv6 : contains([80, 443], r.from_port) && r.from_port == r.to_port && r.cidr_ipv6 == "::/0"])
    error_message = "IPv6 ingress must be on exactly the listener ports, from the given CIDRs only."
  }
  assert {
    condition     = toset([for r in aws_vpc_security_group_ingress_rule.ipv4 : "${r.cidr_ipv4}:${r.from_port}"]) == toset(["0.0.0.0/0:80", "0.0.0.0/0:443", "10.20.0.0/16:80", "10.20.0.0/16:443"])
    error_message = "Every CIDR must be allowed on every listener port."
  }
  assert {
    condition     = length(aws_vpc_security_group_egress_rule.cidr) == 0
    error_message = "The module must not add egress rules unless egress_cidrs is set."
  }
  assert {
    condition     = aws_lb.this.ip_address_type == "dualstack"
    error_message = "ip_address_type must be passed through."
  }
  assert {
    condition     = aws_security_group.this.vpc_id == "vpc-0123456789abcdef0" && startswith(aws_security_group.this.name_prefix, "demo-alb-")
    error_message = "The security group must live in the given VPC and be named after the ALB."
  }
}

run "custom_ports_and_egress_cidrs" {
  command = plan

  variables {
    ingress_cidrs = ["192.0.2.0/24"]
    http          = { port = 8080 }
    https = {
      port             = 8443
      ssl_policy       = "ELBSecurityPolicy-TLS13-1-3-2021-06"
      certificate_arns = ["arn:aws:acm:eu-west-1:123456789012:certificate/11111111-2222-3333-4444-555555555555"]
    }
    egress_cidrs = ["10.0.0.0/16"]
  }

  assert {
    condition     = toset([for r in aws_vpc_security_group_ingress_rule.ipv4 : r.from_port]) == toset([8080, 8443])
    error_message = "Ingress must follow custom listener ports."
  }
  assert {
    condition     = aws_lb_listener.http[0].default_action[0].redirect[0].port == "8443"
    error_message = "The redirect must go to the custom HTTPS port."
  }
  assert {
    condition     = aws_lb_listener.https[0].ssl_policy == "ELBSecurityPolicy-TLS13-1-3-2021-06"
    error_message = "A TLS 1.3-only policy must be accepted and used."
  }
  assert {
    condition     = length(aws_vpc_security_group_egress_rule.cidr) == 1 && aws_vpc_security_group_egress_rule.cidr["10.0.0.0/16"].cidr_ipv4 == "10.0.0.0/16"
    error_message = "egress_cidrs must become egress rules."
  }
}

run "forward_without_https" {
  command = plan

  variables {
    https = null
    http  = { redirect_to_https = false }
    default_action = {
      type             = "forward"
      target_group_arn = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/web/0123456789abcdef"
    }
  }

  assert {
    condition     = length(aws_lb_listener.https) == 0 && output.https_listener_arn == null
    error_message = "No HTTPS listener may exist without `https`."
  }
  assert {
    condition = (
      aws_lb_listener.http[0].default_action[0].type == "forward" &&
      aws_lb_listener.http[0].default_action[0].target_group_arn == "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/web/0123456789abcdef"
    )
    error_message = "The HTTP listener must forward to the target group when it does not redirect."
  }
  assert {
    condition     = toset([for r in aws_vpc_security_group_ingress_rule.ipv4 : r.from_port]) == toset([80])
    error_message = "Only port 80 may be open without HTTPS."
  }
  assert {
    condition     = output.listener_port == 80 && output.certificate_arns == []
    error_message = "Rules must attach to the HTTP listener when there is no HTTPS."
  }
}

run "https_forward_default_action" {
  command = plan

  variables {
    default_action = {
      type             = "forward"
      target_group_arn = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/web/0123456789abcdef"
    }
  }

  assert {
    condition     = aws_lb_listener.https[0].default_action[0].type == "forward" && aws_lb_listener.https[0].default_action[0].target_group_arn == "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/web/0123456789abcdef"
    error_message = "The HTTPS listener must forward to the default target group."
  }
  assert {
    condition     = aws_lb_listener.http[0].default_action[0].type == "redirect"
    error_message = "HTTP must still redirect when HTTPS forwards."
  }
  assert {
    condition     = output.listener_port == 443
    error_message = "Rules must attach to the HTTPS listener."
  }
}

run "fixed_response_default_action" {
  command = plan

  variables {
    default_action = {
      type = "fixed_response"
      fixed_response = {
        content_type = "application/json"
        message_body = "{\"error\":\"maintenance\"}"
        status_code  = "503"
      }
    }
  }

  assert {
    condition = (
      aws_lb_listener.https[0].default_action[0].type == "fixed-response" &&
      aws_lb_listener.https[0].default_action[0].fixed_response[0].content_type == "application/json" &&
      aws_lb_listener.https[0].default_action[0].fixed_response[0].message_body == "{\"error\":\"maintenance\"}" &&
      aws_lb_listener.https[0].default_action[0].fixed_response[0].status_code == "503"
    )
    error_message = "The fixed response must be rendered as given."
  }
}

run "extra_certificates_via_sni" {
  command = plan

  variables {
    https = {
      certificate_arns = [
        "arn:aws:acm:eu-west-1:123456789012:certificate/aaaaaaaa-0000-0000-0000-000000000001",
        "arn:aws:acm:eu-west-1:123456789012:certificate/aaaaaaaa-0000-0000-0000-000000000002",
        "arn:aws:acm:eu-west-1:123456789012:certificate/aaaaaaaa-0000-0000-0000-000000000003",
      ]
    }
  }

  assert {
    condition     = aws_lb_listener.https[0].certificate_arn == "arn:aws:acm:eu-west-1:123456789012:certificate/aaaaaaaa-0000-0000-0000-000000000001"
    error_message = "The first certificate must be the listener's default."
  }
  assert {
    condition = toset([for c in aws_lb_listener_certificate.this : c.certificate_arn]) == toset([
      "arn:aws:acm:eu-west-1:123456789012:certificate/aaaaaaaa-0000-0000-0000-000000000002",
      "arn:aws:acm:eu-west-1:123456789012:certificate/aaaaaaaa-0000-0000-0000-000000000003",
    ])
    error_message = "Every other certificate must be attached via aws_lb_listener_certificate."
  }
  assert {
    condition     = length(output.certificate_arns) == 3 && output.certificate_arns[0] == "arn:aws:acm:eu-west-1:123456789012:certificate/aaaaaaaa-0000-0000-0000-000000000001"
    error_message = "certificate_arns must list all certificates, default first."
  }
}

run "new_certificates_plan_with_real_provider" {
  # for_each keys must be known at plan time although ACM only returns the records on apply.
  command = plan

  variables {
    https = {
      certificates = [
        { domain = "example.com", subject_alternative_names = ["*.example.com", "www.example.com"], route53_zone_id = "Z0123456789ABCDEFGHIJ" },
        { domain = "shop.example.net", key_algorithm = "EC_prime256v1" },
      ]
    }
  }

  assert {
    condition     = length(aws_acm_certificate.this) == 2 && aws_acm_certificate.this["example.com"].validation_method == "DNS" && aws_acm_certificate.this["shop.example.net"].key_algorithm == "EC_prime256v1"
    error_message = "Each requested certificate must be planned with DNS validation."
  }
  assert {
    condition     = toset(keys(aws_route53_record.validation)) == toset(["example.com", "www.example.com"])
    error_message = "One validation record per distinct name (wildcard folded into its apex), only for certificates with a zone."
  }
  assert {
    condition     = alltrue([for r in aws_route53_record.validation : r.zone_id == "Z0123456789ABCDEFGHIJ" && r.ttl == 60 && r.allow_overwrite])
    error_message = "Validation records must go to the given zone."
  }
  assert {
    condition     = length(aws_acm_certificate_validation.this) == 2 && length(aws_lb_listener_certificate.this) == 1
    error_message = "Both certificates must be validated; the second is attached via SNI."
  }
}

run "internal_alb" {
  command = plan

  variables {
    internal      = true
    ingress_cidrs = ["10.0.0.0/8"]
  }

  assert {
    condition     = aws_lb.this.internal == true
    error_message = "internal = true must create an internal load balancer."
  }
  assert {
    condition     = alltrue([for r in aws_vpc_security_group_ingress_rule.ipv4 : r.cidr_ipv4 == "10.0.0.0/8"])
    error_message = "An internal ALB must only admit the given CIDRs."
  }
}

run "access_logs_enabled" {
  command = plan

  variables {
    access_logs = { bucket = "my-alb-logs", prefix = "prod/demo" }
  }

  assert {
    condition = (
      length(aws_lb.this.access_logs) == 1 &&
      aws_lb.this.access_logs[0].bucket == "my-alb-logs" &&
      aws_lb.this.access_logs[0].prefix == "prod/demo" &&
      aws_lb.this.access_logs[0].enabled == true
    )
    error_message = "access_logs must be rendered with bucket, prefix and enabled."
  }
}

run "waf_association" {
  command = plan

  variables {
    waf_web_acl_arn = "arn:aws:wafv2:eu-west-1:123456789012:regional/webacl/shop/a1b2c3d4-5678-90ab-cdef-EXAMPLE11111"
  }

  assert {
    condition     = length(aws_wafv2_web_acl_association.this) == 1 && aws_wafv2_web_acl_association.this[0].web_acl_arn == var.waf_web_acl_arn
    error_message = "waf_web_acl_arn must associate the web ACL with the load balancer."
  }
}

run "no_waf_by_default" {
  command = plan

  assert {
    condition     = length(aws_wafv2_web_acl_association.this) == 0
    error_message = "No WAF association may be created without waf_web_acl_arn."
  }
}

run "rejects_bad_waf_arn" {
  command = plan
  variables {
    waf_web_acl_arn = "arn:aws:wafv2:us-east-1:123456789012:global/webacl/shop/abc"
  }
  expect_failures = [var.waf_web_acl_arn]
}

run "tags_everywhere" {
  command = plan

  variables {
    tags = { Team = "web" }
  }

  assert {
    condition = (
      aws_lb.this.tags["Team"] == "web" &&
      aws_security_group.this.tags["Team"] == "web" &&
      aws_lb_listener.https[0].tags["Team"] == "web" &&
      aws_lb_listener.http[0].tags["Team"] == "web" &&
      alltrue([for r in aws_vpc_security_group_ingress_rule.ipv4 : r.tags["Team"] == "web"])
    )
    error_message = "var.tags must reach every taggable resource."
  }
}

################################################################################
# Validation failures
################################################################################

run "rejects_bad_name" {
  command = plan
  variables {
    name = "this-name-is-far-too-long-for-an-alb"
  }
  expect_failures = [var.name]
}

run "rejects_name_with_trailing_hyphen" {
  command = plan
  variables {
    name = "demo-"
  }
  expect_failures = [var.name]
}

run "rejects_single_subnet" {
  command = plan
  variables {
    subnet_ids = ["subnet-0123456789abcdef0"]
  }
  expect_failures = [var.subnet_ids]
}

run "rejects_idle_timeout_out_of_range" {
  command = plan
  variables {
    idle_timeout = 4001
  }
  expect_failures = [var.idle_timeout]
}

run "rejects_tls_policy_allowing_tls10" {
  command = plan
  variables {
    https = {
      ssl_policy       = "ELBSecurityPolicy-2016-08"
      certificate_arns = ["arn:aws:acm:eu-west-1:123456789012:certificate/11111111-2222-3333-4444-555555555555"]
    }
  }
  expect_failures = [var.https]
}

run "rejects_https_without_certificate" {
  command = plan
  variables {
    https = {}
  }
  expect_failures = [var.https]
}

run "rejects_bad_certificate_arn" {
  command = plan
  variables {
    https = { certificate_arns = ["not-an-arn"] }
  }
  expect_failures = [var.https]
}

run "rejects_bad_certificate_domain" {
  command = plan
  variables {
    https = { certificates = [{ domain = "exa mple.com" }] }
  }
  expect_failures = [var.https]
}

run "rejects_redirect_without_https" {
  command = plan
  variables {
    https = null
  }
  expect_failures = [aws_lb_listener.http]
}

run "rejects_same_port_for_http_and_https" {
  command = plan
  variables {
    http = { port = 443, redirect_to_https = false }
  }
  expect_failures = [aws_lb_listener.https]
}

run "rejects_port_out_of_range" {
  command = plan
  variables {
    http = { port = 70000 }
  }
  expect_failures = [var.http]
}

run "rejects_no_listener" {
  command = plan
  variables {
    http  = null
    https = null
  }
  expect_failures = [aws_lb.this]
}

run "rejects_forward_without_target_group" {
  command = plan
  variables {
    default_action = { type = "forward" }
  }
  expect_failures = [var.default_action]
}

run "rejects_bad_cidr" {
  command = plan
  variables {
    ingress_cidrs = ["0.0.0.0/33"]
  }
  expect_failures = [var.ingress_cidrs]
}

run "rejects_ipv6_cidr_without_dualstack" {
  command = plan
  variables {
    ingress_ipv6_cidrs = ["::/0"]
  }
  expect_failures = [aws_lb.this]
}

run "rejects_access_log_prefix_with_slash" {
  command = plan
  variables {
    access_logs = { bucket = "my-alb-logs", prefix = "/logs/" }
  }
  expect_failures = [var.access_logs]
}

run "rejects_internal_name_prefix" {
  command = plan
  variables {
    name = "internal-demo"
  }
  expect_failures = [var.name]
}

run "rejects_bad_vpc_id" {
  command = plan
  variables {
    vpc_id = "vpc-123"
  }
  expect_failures = [var.vpc_id]
}

run "rejects_bad_subnet_id" {
  command = plan
  variables {
    subnet_ids = ["subnet-0123456789abcdef0", "subnet-xyz"]
  }
  expect_failures = [var.subnet_ids]
}

run "rejects_duplicate_subnets" {
  command = plan
  variables {
    subnet_ids = ["subnet-0123456789abcdef0", "subnet-0123456789abcdef0"]
  }
  expect_failures = [var.subnet_ids]
}

run "rejects_unknown_ip_address_type" {
  command = plan
  variables {
    ip_address_type = "ipv6"
  }
  expect_failures = [var.ip_address_type]
}

run "rejects_unknown_desync_mitigation_mode" {
  command = plan
  variables {
    desync_mitigation_mode = "off"
  }
  expect_failures = [var.desync_mitigation_mode]
}

run "rejects_bad_access_log_bucket" {
  command = plan
  variables {
    access_logs = { bucket = "My_Logs", prefix = "prod" }
  }
  expect_failures = [var.access_logs]
}

run "rejects_bad_additional_security_group" {
  command = plan
  variables {
    additional_security_group_ids = ["sg-123"]
  }
  expect_failures = [var.additional_security_group_ids]
}

run "rejects_duplicate_ingress_cidrs" {
  command = plan
  variables {
    ingress_cidrs = ["10.0.0.0/16", "10.0.0.0/16"]
  }
  expect_failures = [var.ingress_cidrs]
}

run "rejects_ipv4_cidr_in_ingress_ipv6_cidrs" {
  command = plan
  variables {
    ip_address_type    = "dualstack"
    ingress_ipv6_cidrs = ["10.0.0.0/16"]
  }
  expect_failures = [var.ingress_ipv6_cidrs]
}

# Fails only the CIDR-shape validation: the IPv4-mapped check skips what is not a CIDR, so the
# IPv4 block above alone would not prove the shape check is there.
run "rejects_malformed_ipv6_cidr_in_ingress_ipv6_cidrs" {
  command = plan
  variables {
    ip_address_type    = "dualstack"
    ingress_ipv6_cidrs = ["2001:db8::/129"]
  }
  expect_failures = [var.ingress_ipv6_cidrs]
}

run "rejects_duplicate_ingress_ipv6_cidrs" {
  command = plan
  variables {
    ip_address_type    = "dualstack"
    ingress_ipv6_cidrs = ["::/0", "::/0"]
  }
  expect_failures = [var.ingress_ipv6_cidrs]
}

run "rejects_ipv6_egress_cidr" {
  command = plan
  variables {
    egress_cidrs = ["::/0"]
  }
  expect_failures = [var.egress_cidrs]
}

run "rejects_https_port_out_of_range" {
  command = plan
  variables {
    https = {
      port             = 0
      certificate_arns = ["arn:aws:acm:eu-west-1:123456789012:certificate/11111111-2222-3333-4444-555555555555"]
    }
  }
  expect_failures = [var.https]
}

run "rejects_more_than_26_certificates" {
  command = plan
  variables {
    https = {
      certificate_arns = [for i in range(27) : format("arn:aws:acm:eu-west-1:123456789012:certificate/11111111-2222-3333-4444-%012d", i)]
    }
  }
  expect_failures = [var.https]
}

run "rejects_two_certificates_for_one_domain" {
  command = plan
  variables {
    https = { certificates = [{ domain = "example.com" }, { domain = "Example.com" }] }
  }
  expect_failures = [var.https]
}

run "rejects_more_than_99_subject_alternative_names" {
  command = plan
  variables {
    https = { certificates = [{ domain = "example.com", subject_alternative_names = [for i in range(100) : "n${i}.example.com"] }] }
  }
  expect_failures = [var.https]
}

run "rejects_bad_route53_zone_id" {
  command = plan
  variables {
    https = { certificates = [{ domain = "example.com", route53_zone_id = "zone-1" }] }
  }
  expect_failures = [var.https]
}

run "rejects_unsupported_key_algorithm" {
  command = plan
  variables {
    https = { certificates = [{ domain = "example.com", key_algorithm = "RSA_1024" }] }
  }
  expect_failures = [var.https]
}

run "rejects_bad_validation_timeout" {
  command = plan
  variables {
    https = { certificates = [{ domain = "example.com" }], validation_timeout = "45 minutes" }
  }
  expect_failures = [var.https]
}

run "rejects_unknown_default_action_type" {
  command = plan
  variables {
    default_action = { type = "redirect" }
  }
  expect_failures = [var.default_action]
}

run "rejects_bad_default_target_group_arn" {
  command = plan
  variables {
    default_action = { type = "forward", target_group_arn = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/demo/0123456789abcdef" }
  }
  expect_failures = [var.default_action]
}

run "rejects_bad_fixed_response_content_type" {
  command = plan
  variables {
    default_action = { fixed_response = { content_type = "image/png" } }
  }
  expect_failures = [var.default_action]
}

run "rejects_bad_fixed_response_status_code" {
  command = plan
  variables {
    default_action = { fixed_response = { status_code = "302" } }
  }
  expect_failures = [var.default_action]
}

run "rejects_fixed_response_body_over_1024_characters" {
  command = plan
  variables {
    # 205 x 5 = 1025 characters (range() stops at 1024 values)
    default_action = { fixed_response = { message_body = join("", [for i in range(205) : "xxxxx"]) } }
  }
  expect_failures = [var.default_action]
}

run "rejects_sg_name_prefix" {
  command = plan
  variables {
    name = "sg-demo"
  }
  expect_failures = [var.name]
}

run "access_logs_to_an_existing_bucket_create_nothing" {
  command = plan

  variables {
    access_logs = { bucket = "my-alb-logs" }
  }

  assert {
    condition     = length(aws_s3_bucket.access_logs) == 0 && length(aws_s3_bucket_policy.access_logs) == 0
    error_message = "Without create_bucket the bucket is the caller's: nothing may be created."
  }
}

run "rejects_negative_access_log_retention" {
  command = plan
  variables {
    access_logs = { bucket = "my-alb-logs", create_bucket = true, retention_days = -1 }
  }
  expect_failures = [var.access_logs]
}

run "access_log_bucket_policy_uses_the_provider_region" {
  command = plan

  variables {
    access_logs = { bucket = "my-alb-logs", create_bucket = true }
  }

  assert {
    condition     = local.log_region == "eu-west-1" && local.log_elb_account == "156460612806"
    error_message = "Without `region`, the provider's region chooses the Elastic Load Balancing account of the bucket policy."
  }
}

run "rejects_bad_region" {
  command = plan
  variables {
    region = "Ireland"
  }
  expect_failures = [var.region]
}
