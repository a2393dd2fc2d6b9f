# Inputs that used to pass the module and fail at plan (issue 11).

mock_provider "aws" {}

variables {
  listener_arn = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:listener/app/demo/0123456789abcdef/0123456789abcdef"
  priority     = 100
  conditions = {
    source_ips = ["10.0.0.0/8", "2001:db8::/32"]
  }
  action = {
    type             = "forward"
    target_group_arn = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/api/0123456789abcdef"
  }
}

run "accepts_ipv4_and_ipv6_source_ips" {
  command = plan
}

# The AWS provider refuses an IPv6 CIDR whose address is an IPv4 address.
run "rejects_ipv4_mapped_ipv6_source_ips" {
  command = plan
  variables {
    conditions = {
      source_ips = ["::ffff:10.0.0.0/104"]
    }
  }
  expect_failures = [var.conditions]
}
