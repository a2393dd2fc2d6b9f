# New ACM certificates need values only AWS knows (domain_validation_options, ARNs), so these
# runs apply against a mock provider with those values overridden.

mock_provider "aws" {}

override_resource {
  target = aws_acm_certificate.this
  values = {
    arn = "arn:aws:acm:eu-west-1:123456789012:certificate/cccccccc-0000-0000-0000-000000000001"
    domain_validation_options = [
      {
        domain_name           = "example.com"
        resource_record_name  = "_a1.example.com."
        resource_record_type  = "CNAME"
        resource_record_value = "_v1.acm-validations.aws."
      },
      {
        domain_name           = "*.example.com"
        resource_record_name  = "_a1.example.com."
        resource_record_type  = "CNAME"
        resource_record_value = "_v1.acm-validations.aws."
      },
      {
        domain_name           = "www.example.com"
        resource_record_name  = "_a2.www.example.com."
        resource_record_type  = "CNAME"
        resource_record_value = "_v2.acm-validations.aws."
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

run "new_certificate_with_route53_validation" {
  command = apply

  variables {
    https = {
      certificates = [{
        domain                    = "example.com"
        subject_alternative_names = ["*.example.com", "www.example.com"]
        route53_zone_id           = "Z0123456789ABCDEFGHIJ"
      }]
    }
  }

  assert {
    condition = (
      aws_acm_certificate.this["example.com"].validation_method == "DNS" &&
      toset(aws_acm_certificate.this["example.com"].subject_alternative_names) == toset(["*.example.com", "www.example.com"])
    )
    error_message = "The certificate must be requested with DNS validation and the given SANs."
  }
  assert {
    condition     = length(aws_route53_record.validation) == 2
    error_message = "Wildcard and apex share one validation record: expected 2 records (example.com, www.example.com)."
  }
  assert {
    condition = (
      aws_route53_record.validation["example.com"].name == "_a1.example.com." &&
      aws_route53_record.validation["example.com"].type == "CNAME" &&
      aws_route53_record.validation["example.com"].records == toset(["_v1.acm-validations.aws."]) &&
      aws_route53_record.validation["example.com"].zone_id == "Z0123456789ABCDEFGHIJ" &&
      aws_route53_record.validation["www.example.com"].name == "_a2.www.example.com."
    )
    error_message = "Validation records must be created from the certificate's domain_validation_options in the given zone."
  }
  assert {
    condition     = aws_acm_certificate_validation.this["example.com"].validation_record_fqdns == toset([for r in aws_route53_record.validation : r.fqdn]) && length(aws_acm_certificate_validation.this["example.com"].validation_record_fqdns) == 2
    error_message = "The validation must wait for both Route 53 records."
  }
  assert {
    condition     = aws_lb_listener.https[0].certificate_arn == aws_acm_certificate_validation.this["example.com"].certificate_arn
    error_message = "The HTTPS listener must use the certificate ARN of the *validation* resource, so it waits for issuance."
  }
  assert {
    condition     = aws_lb_listener.https[0].certificate_arn == "arn:aws:acm:eu-west-1:123456789012:certificate/cccccccc-0000-0000-0000-000000000001"
    error_message = "The listener's default certificate must be the new certificate."
  }
  assert {
    condition     = length(output.certificate_validation_records["example.com"]) == 3
    error_message = "certificate_validation_records must expose the DNS records for every name."
  }
}

run "new_certificates_without_zone_plus_existing" {
  command = apply

  variables {
    https = {
      certificates = [
        { domain = "example.com", subject_alternative_names = ["*.example.com"], route53_zone_id = "Z0123456789ABCDEFGHIJ" },
        { domain = "shop.example.net" },
      ]
      certificate_arns = ["arn:aws:acm:eu-west-1:123456789012:certificate/eeeeeeee-0000-0000-0000-000000000001"]
    }
  }

  assert {
    condition     = length(aws_acm_certificate.this) == 2 && length(aws_acm_certificate_validation.this) == 2
    error_message = "Each requested certificate needs its own certificate and validation resource."
  }
  assert {
    condition     = keys(aws_route53_record.validation) == ["example.com"]
    error_message = "Only the certificate with a zone gets records, and the wildcard shares the apex record."
  }
  assert {
    condition     = aws_acm_certificate_validation.this["shop.example.net"].validation_record_fqdns == null
    error_message = "Without a zone the validation waits for records the user creates."
  }
  assert {
    condition     = length(aws_lb_listener_certificate.this) == 2
    error_message = "The second new certificate and the existing ARN must be attached for SNI."
  }
  assert {
    condition     = aws_lb_listener_certificate.this["existing-0"].certificate_arn == "arn:aws:acm:eu-west-1:123456789012:certificate/eeeeeeee-0000-0000-0000-000000000001"
    error_message = "The existing certificate must be attached via aws_lb_listener_certificate."
  }
  assert {
    condition     = aws_lb_listener_certificate.this["shop.example.net"].certificate_arn == aws_acm_certificate_validation.this["shop.example.net"].certificate_arn
    error_message = "SNI certificates must also come from the validation resource."
  }
  assert {
    condition     = output.listener_arn == aws_lb_listener.https[0].arn && output.https_listener_arn == aws_lb_listener.https[0].arn
    error_message = "listener_arn must be the HTTPS listener."
  }
}
