# A certificate whose names live in several Route 53 zones (`zones`). Applies against a mock
# provider; ACM's validation options are overridden (a SAN in another domain, example.org).

mock_provider "aws" {}

override_resource {
  target = aws_acm_certificate.this
  values = {
    arn = "arn:aws:acm:eu-west-1:123456789012:certificate/cccccccc-0000-0000-0000-000000000002"
    domain_validation_options = [
      {
        domain_name           = "example.com"
        resource_record_name  = "_a1.example.com."
        resource_record_type  = "CNAME"
        resource_record_value = "_v1.acm-validations.aws."
      },
      {
        domain_name           = "www.example.org"
        resource_record_name  = "_a3.www.example.org."
        resource_record_type  = "CNAME"
        resource_record_value = "_v3.acm-validations.aws."
      },
    ]
  }
}

override_resource {
  target = aws_lb.this
  values = {
    arn = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/demo/0123456789abcdef"
  }
}

override_resource {
  target = aws_lb_listener.https
  values = {
    arn = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:listener/app/demo/0123456789abcdef/0000000000000443"
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
}

# A SAN in another domain used to get its validation record in the certificate's one zone,
# which Route 53 refuses (the name is not in that zone). `zones` gives such a name its own zone.
run "san_in_another_domain_gets_its_own_zone" {
  command = apply


  variables {
    https = {
      certificates = [{
        domain                    = "example.com"
        subject_alternative_names = ["www.example.org"]
        route53_zone_id           = "Z0123456789ABCDEFGHIJ"
        zones                     = { "WWW.example.org" = "Z9876543210ZYXWVUTSRQ" }
      }]
    }
  }

  assert {
    condition = (
      aws_route53_record.validation["example.com"].zone_id == "Z0123456789ABCDEFGHIJ" &&
      aws_route53_record.validation["www.example.org"].zone_id == "Z9876543210ZYXWVUTSRQ" &&
      aws_route53_record.validation["www.example.org"].name == "_a3.www.example.org."
    )
    error_message = "Each validation record must go into the zone of its name: route53_zone_id by default, the `zones` entry for www.example.org."
  }
  assert {
    condition     = length(aws_acm_certificate_validation.this["example.com"].validation_record_fqdns) == 2
    error_message = "With a zone for every name, the validation must wait for both records."
  }
}

# Only some names have a zone: their records are created, and the validation waits without a
# record list (a partial list would make the provider fail on the others).
run "name_without_zone_is_left_to_you" {
  command = apply


  variables {
    https = {
      certificates = [{
        domain                    = "example.com"
        subject_alternative_names = ["www.example.org"]
        zones                     = { "example.com" = "Z0123456789ABCDEFGHIJ" }
      }]
    }
  }

  assert {
    condition     = keys(aws_route53_record.validation) == ["example.com"]
    error_message = "Only the name with a zone gets a Route 53 record."
  }
  assert {
    condition     = aws_acm_certificate_validation.this["example.com"].validation_record_fqdns == null
    error_message = "Without a zone for every name, the validation must not list records."
  }
}

run "rejects_zones_entry_for_a_name_not_on_the_certificate" {
  command = plan

  variables {
    https = {
      certificates = [{
        domain = "example.com"
        zones  = { "other.example.net" = "Z0123456789ABCDEFGHIJ" }
      }]
    }
  }

  expect_failures = [var.https]
}
