################################################################################
# DNS: Route 53 alias records (A, and AAAA when dual-stack) for the load balancer
################################################################################

locals {
  dns_record_types = var.ip_address_type == "dualstack" ? ["A", "AAAA"] : ["A"]
  dns_records = { for r in flatten([for rec in var.dns_records : [for t in local.dns_record_types : {
    key     = "${trimsuffix(lower(rec.name), ".")} ${t}"
    name    = trimsuffix(lower(rec.name), ".")
    zone_id = rec.zone_id
    type    = t
  }]]) : r.key => r }
}

resource "aws_route53_record" "alias" {
  for_each = local.dns_records

  zone_id = each.value.zone_id
  name    = each.value.name
  type    = each.value.type

  alias {
    name                   = aws_lb.this.dns_name
    zone_id                = aws_lb.this.zone_id
    evaluate_target_health = true
  }
}
