# Inputs that used to pass the module and fail at plan or apply (issue 11): each run sets one
# bad value and must be refused by the validation that guards it.

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

run "accepts_ipv6_ingress" {
  command = plan
  variables {
    ip_address_type    = "dualstack"
    ingress_ipv6_cidrs = ["::/0", "2001:db8::/32"]
  }
}

# The AWS provider refuses an IPv6 CIDR whose address is an IPv4 address.
run "rejects_ipv4_mapped_ipv6_ingress" {
  command = plan
  variables {
    ip_address_type    = "dualstack"
    ingress_ipv6_cidrs = ["::ffff:0.0.0.0/96"]
  }
  expect_failures = [var.ingress_ipv6_cidrs]
}

run "rejects_ipv4_mapped_ipv6_ingress_in_hex_form" {
  command = plan
  variables {
    ip_address_type    = "dualstack"
    ingress_ipv6_cidrs = ["::ffff:a00:0/104"]
  }
  expect_failures = [var.ingress_ipv6_cidrs]
}

run "accepts_first_certificate_name_of_64_characters" {
  command = plan
  variables {
    https = {
      certificates = [{
        domain                    = "${join("", [for i in range(52) : "a"])}.example.com"
        subject_alternative_names = ["${join("", [for i in range(60) : "b"])}.${join("", [for i in range(60) : "c"])}.example.com"]
      }]
    }
  }
}

# ACM: the first name (the common name) is at most 64 characters; SANs may be longer.
run "rejects_first_certificate_name_over_64_characters" {
  command = plan
  variables {
    https = {
      certificates = [{ domain = "${join("", [for i in range(53) : "a"])}.example.com" }]
    }
  }
  expect_failures = [var.https]
}
