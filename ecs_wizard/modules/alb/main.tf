locals {
  http_enabled  = var.http != null
  https_enabled = var.https != null

  # The HTTP listener redirects to HTTPS only when asked to; a redirect without an HTTPS listener
  # is refused by a precondition on aws_lb_listener.http.
  http_redirects = local.http_enabled ? var.http.redirect_to_https : false
  https_port     = local.https_enabled ? var.https.port : 443

  listener_ports = distinct(concat(
    local.http_enabled ? [var.http.port] : [],
    local.https_enabled ? [var.https.port] : [],
  ))

  # One ingress rule per CIDR x listener port: nothing else is open.
  ingress_ipv4 = {
    for pair in setproduct(var.ingress_cidrs, local.listener_ports) :
    "${pair[0]}_${pair[1]}" => { cidr = pair[0], port = pair[1] }
  }
  ingress_ipv6 = {
    for pair in setproduct(var.ingress_ipv6_cidrs, local.listener_ports) :
    "${pair[0]}_${pair[1]}" => { cidr = pair[0], port = pair[1] }
  }

  # New ACM certificates, keyed by their (lower-cased) primary domain.
  new_certificates = local.https_enabled ? { for c in var.https.certificates : lower(c.domain) => c } : {}

  # Names to validate per certificate. "*.example.com" and "example.com" share one DNS record, so
  # the wildcard prefix is stripped and the list de-duplicated.
  certificate_validation_names = {
    for k, c in local.new_certificates :
    k => distinct([for n in concat([c.domain], c.subject_alternative_names) : trimprefix(lower(n), "*.")])
  }

  # The Route 53 zone of each name: its entry in `zones` (names normalised like the validation
  # names), else the certificate's route53_zone_id, else none (the record is yours to create).
  # A name in another domain than the zone's (a SAN such as www.example.org on a certificate
  # for example.com) needs its own entry: Route 53 refuses records outside a zone.
  certificate_name_zones = {
    for k, c in local.new_certificates : k => {
      for n in local.certificate_validation_names[k] : n => lookup(
        { for zn, zid in c.zones : trimprefix(lower(zn), "*.") => zid }, n, c.route53_zone_id
      )
    }
  }

  # One Route 53 record per distinct name across all certificates that have a zone for it (ACM
  # uses the same CNAME for the same name in one account, so two certificates never need two).
  validation_records = merge([
    for k, c in local.new_certificates : {
      for n, zone_id in local.certificate_name_zones[k] : n => { certificate = k, zone_id = zone_id } if zone_id != null
    }
  ]...)

  # Every certificate for the HTTPS listener, default first: new (validated) ones in input order,
  # then the existing ARNs. Keys are known at plan time even when the ARNs are not.
  all_certificates = local.https_enabled ? concat(
    [for c in var.https.certificates : {
      key = lower(c.domain)
      arn = aws_acm_certificate_validation.this[lower(c.domain)].certificate_arn
    }],
    [for i, arn in var.https.certificate_arns : { key = "existing-${i}", arn = arn }],
  ) : []
  default_certificate_arn = length(local.all_certificates) > 0 ? local.all_certificates[0].arn : null
  sni_certificates        = { for c in slice(local.all_certificates, min(1, length(local.all_certificates)), length(local.all_certificates)) : c.key => c.arn }

  default_forward = var.default_action.type == "forward"
}

################################################################################
# Security group: ingress on the listener ports only, no egress (see README)
################################################################################

resource "aws_security_group" "this" {
  name_prefix = "${var.name}-alb-"
  description = "Load balancer ${var.name}: ingress on the listener ports only; egress is added per ECS service"
  vpc_id      = var.vpc_id

  tags = merge(var.tags, { Name = "${var.name}-alb" })

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_vpc_security_group_ingress_rule" "ipv4" {
  #checkov:skip=CKV_AWS_260:Port 80 is opened only when an HTTP listener exists, which by default answers every request with a 301 redirect to HTTPS; rules cover exactly the listener ports and only the CIDRs the caller lists.
  for_each = local.ingress_ipv4

  security_group_id = aws_security_group.this.id
  description       = "Clients ${each.value.cidr} to listener port ${each.value.port}"
  ip_protocol       = "tcp"
  from_port         = each.value.port
  to_port           = each.value.port
  cidr_ipv4         = each.value.cidr

  tags = var.tags
}

resource "aws_vpc_security_group_ingress_rule" "ipv6" {
  #checkov:skip=CKV_AWS_260:Port 80 is opened only when an HTTP listener exists, which by default answers every request with a 301 redirect to HTTPS; rules cover exactly the listener ports and only the CIDRs the caller lists.
  for_each = local.ingress_ipv6

  security_group_id = aws_security_group.this.id
  description       = "Clients ${each.value.cidr} to listener port ${each.value.port}"
  ip_protocol       = "tcp"
  from_port         = each.value.port
  to_port           = each.value.port
  cidr_ipv6         = each.value.cidr

  tags = var.tags
}

resource "aws_vpc_security_group_egress_rule" "cidr" {
  for_each = toset(var.egress_cidrs)

  security_group_id = aws_security_group.this.id
  description       = "Load balancer to ${each.value} (explicit egress_cidrs)"
  ip_protocol       = "tcp"
  from_port         = 0
  to_port           = 65535
  cidr_ipv4         = each.value

  tags = var.tags
}

################################################################################
# Load balancer
################################################################################

resource "aws_lb" "this" {
  #checkov:skip=CKV2_AWS_76:The web ACL is the user's (waf_web_acl_arn, associated in main.tf), created and maintained outside this module: its rules (e.g. the AWSManagedRulesKnownBadInputsRuleSet against Log4j) are the owner's choice and cannot be seen here.
  #checkov:skip=CKV2_AWS_28:WAF is opt-in through waf_web_acl_arn (association created below): a web ACL's rules are application-specific and billed per request, so the module cannot pick one by default.
  name               = var.name
  load_balancer_type = "application"
  internal           = var.internal
  ip_address_type    = var.ip_address_type
  subnets            = var.subnet_ids
  security_groups    = concat([aws_security_group.this.id], var.additional_security_group_ids)

  idle_timeout               = var.idle_timeout
  enable_deletion_protection = var.deletion_protection
  drop_invalid_header_fields = var.drop_invalid_header_fields
  enable_http2               = var.enable_http2
  desync_mitigation_mode     = var.desync_mitigation_mode

  dynamic "access_logs" {
    for_each = var.access_logs == null ? [] : [var.access_logs]
    content {
      # A created bucket is referenced through its policy: the load balancer checks that it may
      # write there when logging is enabled.
      bucket  = local.create_log_bucket ? aws_s3_bucket_policy.access_logs[0].bucket : access_logs.value.bucket
      prefix  = access_logs.value.prefix == "" ? null : access_logs.value.prefix
      enabled = access_logs.value.enabled
    }
  }

  tags = var.tags

  lifecycle {
    precondition {
      condition     = local.http_enabled || local.https_enabled
      error_message = "The load balancer needs at least one listener: set `https` (recommended) and/or `http`."
    }
    precondition {
      condition     = length(var.ingress_ipv6_cidrs) == 0 || var.ip_address_type == "dualstack"
      error_message = "ingress_ipv6_cidrs only works with ip_address_type = \"dualstack\": set it, or remove the IPv6 CIDRs."
    }
  }
}

resource "aws_wafv2_web_acl_association" "this" {
  count = var.waf_web_acl_arn == null ? 0 : 1

  resource_arn = aws_lb.this.arn
  web_acl_arn  = var.waf_web_acl_arn
}

################################################################################
# Listeners
################################################################################

resource "aws_lb_listener" "http" {
  count = local.http_enabled ? 1 : 0

  load_balancer_arn = aws_lb.this.arn
  port              = var.http.port
  protocol          = "HTTP"

  dynamic "default_action" {
    for_each = local.http_redirects ? [1] : []
    content {
      type = "redirect"
      redirect {
        protocol    = "HTTPS"
        port        = tostring(local.https_port)
        status_code = "HTTP_301"
      }
    }
  }

  dynamic "default_action" {
    for_each = !local.http_redirects && local.default_forward ? [1] : []
    content {
      type             = "forward"
      target_group_arn = var.default_action.target_group_arn
    }
  }

  dynamic "default_action" {
    for_each = !local.http_redirects && !local.default_forward ? [var.default_action.fixed_response] : []
    content {
      type = "fixed-response"
      fixed_response {
        content_type = default_action.value.content_type
        message_body = default_action.value.message_body
        status_code  = default_action.value.status_code
      }
    }
  }

  tags = var.tags

  lifecycle {
    precondition {
      condition     = !local.http_redirects || local.https_enabled
      error_message = "http.redirect_to_https = true needs an HTTPS listener: set `https` (with a certificate), or set http.redirect_to_https = false to serve plain HTTP."
    }
  }
}

resource "aws_lb_listener" "https" {
  count = local.https_enabled ? 1 : 0

  load_balancer_arn = aws_lb.this.arn
  port              = var.https.port
  protocol          = "HTTPS"
  ssl_policy        = var.https.ssl_policy
  # For a new certificate this is the *validation's* ARN: the listener is only created once
  # ACM has issued the certificate.
  certificate_arn = local.default_certificate_arn

  dynamic "default_action" {
    for_each = local.default_forward ? [1] : []
    content {
      type             = "forward"
      target_group_arn = var.default_action.target_group_arn
    }
  }

  dynamic "default_action" {
    for_each = local.default_forward ? [] : [var.default_action.fixed_response]
    content {
      type = "fixed-response"
      fixed_response {
        content_type = default_action.value.content_type
        message_body = default_action.value.message_body
        status_code  = default_action.value.status_code
      }
    }
  }

  tags = var.tags

  lifecycle {
    precondition {
      condition     = try(var.http.port, -1) != var.https.port
      error_message = "http.port and https.port must differ."
    }
  }
}

# Every certificate but the default one, served by SNI.
resource "aws_lb_listener_certificate" "this" {
  for_each = local.sni_certificates

  listener_arn    = aws_lb_listener.https[0].arn
  certificate_arn = each.value
}

################################################################################
# ACM certificates (DNS validation)
################################################################################

resource "aws_acm_certificate" "this" {
  for_each = local.new_certificates

  domain_name               = each.value.domain
  subject_alternative_names = each.value.subject_alternative_names
  validation_method         = "DNS"
  key_algorithm             = each.value.key_algorithm

  tags = merge(var.tags, { Name = each.value.domain })

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_route53_record" "validation" {
  for_each = local.validation_records

  zone_id         = each.value.zone_id
  allow_overwrite = true
  ttl             = 60

  name = [
    for o in aws_acm_certificate.this[each.value.certificate].domain_validation_options :
    o.resource_record_name if trimprefix(lower(o.domain_name), "*.") == each.key
  ][0]
  type = [
    for o in aws_acm_certificate.this[each.value.certificate].domain_validation_options :
    o.resource_record_type if trimprefix(lower(o.domain_name), "*.") == each.key
  ][0]
  records = [[
    for o in aws_acm_certificate.this[each.value.certificate].domain_validation_options :
    o.resource_record_value if trimprefix(lower(o.domain_name), "*.") == each.key
  ][0]]
}

# Waits until ACM has issued the certificate. With a Route 53 zone for every name the records
# above are created for you; otherwise create the records from the `certificate_validation_records` output
# while `apply` waits (up to https.validation_timeout).
resource "aws_acm_certificate_validation" "this" {
  for_each = local.new_certificates

  certificate_arn = aws_acm_certificate.this[each.key].arn
  # Only when every name has a zone: a partial list would make the provider refuse the others.
  validation_record_fqdns = anytrue([for n, z in local.certificate_name_zones[each.key] : z == null]) ? null : [
    for n in local.certificate_validation_names[each.key] : aws_route53_record.validation[n].fqdn
  ]

  timeouts {
    create = var.https.validation_timeout
  }
}
