# What a real application needs: extra egress rules (CIDR, prefix list, security group) and
# Service Connect. Each bad input is refused by the one rule that guards it.

mock_provider "aws" {}

variables {
  name                       = "shop-prod-api"
  cluster_arn                = "arn:aws:ecs:eu-west-1:123456789012:cluster/shop-prod"
  capacity_provider_strategy = [{ capacity_provider = "FARGATE", weight = 1, base = 0 }]
  vpc_id                     = "vpc-0a1b2c3d4e5f60718"
  subnet_ids                 = ["subnet-0bbbbbbbbbbbbbbb1"]
  containers = [{
    name          = "api"
    image         = "public.ecr.aws/nginx/nginx:1.27"
    port_mappings = [{ container_port = 8080, name = "http" }]
  }]
}

run "egress_rules_and_service_connect" {
  command = plan
  variables {
    egress_rules = [
      { destinations = ["10.0.0.0/16", "sg-0123456789abcdef0"], from_port = 5432 },
      { destinations = ["pl-0123456789abcdef0"], protocol = "udp", from_port = 8000, to_port = 8100, description = "Stats" },
      { destinations = ["2001:db8::/32"], protocol = "all" },
    ]
    service_connect = {
      namespace = "arn:aws:servicediscovery:eu-west-1:123456789012:namespace/ns-0123456789abcdef"
      server    = { port_name = "http", discovery_name = "api" }
    }
  }

  assert {
    condition = toset(keys(aws_vpc_security_group_egress_rule.custom)) == toset([
      "tcp:5432-5432:10.0.0.0/16", "tcp:5432-5432:sg-0123456789abcdef0",
      "udp:8000-8100:pl-0123456789abcdef0", "all:all:2001:db8::/32",
    ])
    error_message = "One egress rule per destination, keyed by protocol, ports and destination."
  }
  assert {
    condition = (
      aws_vpc_security_group_egress_rule.custom["tcp:5432-5432:sg-0123456789abcdef0"].referenced_security_group_id == "sg-0123456789abcdef0" &&
      aws_vpc_security_group_egress_rule.custom["udp:8000-8100:pl-0123456789abcdef0"].prefix_list_id == "pl-0123456789abcdef0" &&
      aws_vpc_security_group_egress_rule.custom["udp:8000-8100:pl-0123456789abcdef0"].description == "Stats" &&
      aws_vpc_security_group_egress_rule.custom["all:all:2001:db8::/32"].ip_protocol == "-1" &&
      aws_vpc_security_group_egress_rule.custom["all:all:2001:db8::/32"].cidr_ipv6 == "2001:db8::/32" &&
      aws_vpc_security_group_egress_rule.custom["tcp:5432-5432:10.0.0.0/16"].cidr_ipv4 == "10.0.0.0/16"
    )
    error_message = "Each destination kind goes to its own attribute; protocol all is -1."
  }
  assert {
    condition = (
      aws_ecs_service.this[0].service_connect_configuration[0].enabled &&
      aws_ecs_service.this[0].service_connect_configuration[0].service[0].port_name == "http" &&
      aws_ecs_service.this[0].service_connect_configuration[0].service[0].discovery_name == "api" &&
      aws_ecs_service.this[0].service_connect_configuration[0].service[0].client_alias[0].port == 8080 &&
      aws_ecs_service.this[0].service_connect_configuration[0].service[0].client_alias[0].dns_name == "api"
    )
    error_message = "The server is reachable as api:8080 (the container port, the discovery name)."
  }
}

run "service_connect_client_only" {
  command = plan
  variables {
    service_connect = { namespace = "arn:aws:servicediscovery:eu-west-1:123456789012:namespace/ns-0123456789abcdef" }
  }

  assert {
    condition     = length(aws_ecs_service.this[0].service_connect_configuration[0].service) == 0
    error_message = "A client has no service entry."
  }
}

run "rejects_egress_without_port" {
  command = plan
  variables {
    egress_rules = [{ destinations = ["10.0.0.0/16"] }]
  }
  expect_failures = [var.egress_rules]
}

run "rejects_egress_to_a_host_name" {
  command = plan
  variables {
    egress_rules = [{ destinations = ["db.example.com"], from_port = 5432 }]
  }
  expect_failures = [var.egress_rules]
}

run "rejects_duplicate_egress_rule" {
  command = plan
  variables {
    egress_rules = [
      { destinations = ["10.0.0.0/16"], from_port = 5432 },
      { destinations = ["10.0.0.0/16"], from_port = 5432, to_port = 5432 },
    ]
  }
  expect_failures = [aws_vpc_security_group_egress_rule.custom]
}

run "rejects_bad_service_connect_names" {
  command = plan
  variables {
    service_connect = {
      namespace = "arn:aws:servicediscovery:eu-west-1:123456789012:namespace/ns-0123456789abcdef"
      server    = { port_name = "HTTP" }
    }
  }
  expect_failures = [var.service_connect]
}

run "rejects_unknown_port_name" {
  command = plan
  variables {
    service_connect = {
      namespace = "arn:aws:servicediscovery:eu-west-1:123456789012:namespace/ns-0123456789abcdef"
      server    = { port_name = "grpc", port = 9090 }
    }
  }
  expect_failures = [terraform_data.service_connect]
}
