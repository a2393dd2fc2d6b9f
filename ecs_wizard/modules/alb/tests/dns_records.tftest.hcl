# Route 53 alias records for the load balancer (dns_records): A per name, AAAA too when the
# ALB is dual-stack; bad names and zone ids are refused.

mock_provider "aws" {}

variables {
  name          = "demo"
  vpc_id        = "vpc-0123456789abcdef0"
  subnet_ids    = ["subnet-0123456789abcdef0", "subnet-0123456789abcdef1"]
  ingress_cidrs = ["0.0.0.0/0"]
  https = {
    certificate_arns = ["arn:aws:acm:eu-west-1:123456789012:certificate/11111111-2222-3333-4444-555555555555"]
  }
}

run "alias_records_ipv4" {
  command = plan
  variables {
    dns_records = [
      { name = "Shop.Example.com.", zone_id = "Z0123456789ABCDEFGHIJ" },
      { name = "api.example.org", zone_id = "Z9876543210ABCDEFGHIJ" },
    ]
  }

  assert {
    condition     = toset(keys(aws_route53_record.alias)) == toset(["shop.example.com A", "api.example.org A"])
    error_message = "An ipv4 ALB gets one A record per name (lower case, no trailing dot)."
  }
  assert {
    condition     = aws_route53_record.alias["api.example.org A"].zone_id == "Z9876543210ABCDEFGHIJ" && aws_route53_record.alias["api.example.org A"].alias[0].evaluate_target_health
    error_message = "Each record goes into its own zone, as an alias that evaluates target health."
  }
}

run "alias_records_dualstack" {
  command = plan
  variables {
    ip_address_type = "dualstack"
    dns_records     = [{ name = "shop.example.com", zone_id = "Z0123456789ABCDEFGHIJ" }]
  }

  assert {
    condition     = toset(keys(aws_route53_record.alias)) == toset(["shop.example.com A", "shop.example.com AAAA"])
    error_message = "A dual-stack ALB gets A and AAAA records."
  }
}

run "rejects_bad_dns_record" {
  command = plan
  variables {
    dns_records = [{ name = "shop.example.com", zone_id = "zone-1" }]
  }
  expect_failures = [var.dns_records]
}
