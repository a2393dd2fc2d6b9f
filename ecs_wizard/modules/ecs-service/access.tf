################################################################################
# Application access: extra egress rules on the task security group
################################################################################

locals {
  # One rule per destination, keyed by what it allows (so reordering the input changes nothing).
  # Grouped (`...`) so that a repeated rule reaches the precondition below instead of failing
  # as a duplicate object key.
  custom_egress_all = { for r in flatten([for e in var.egress_rules : [for d in e.destinations : {
    key         = "${e.protocol}:${e.protocol == "all" ? "all" : "${e.from_port}-${coalesce(e.to_port, e.from_port)}"}:${d}"
    protocol    = e.protocol
    from_port   = e.protocol == "all" ? null : e.from_port
    to_port     = e.protocol == "all" ? null : coalesce(e.to_port, e.from_port)
    destination = d
    kind        = startswith(d, "sg-") ? "sg" : startswith(d, "pl-") ? "pl" : strcontains(d, ":") ? "ipv6" : "ipv4"
    description = e.description != null ? e.description : "Tasks to ${d} on ${e.protocol == "all" ? "all protocols" : "${e.protocol} ${e.from_port}${coalesce(e.to_port, e.from_port) == e.from_port ? "" : "-${e.to_port}"}"}"
  }]]) : r.key => r... }
  custom_egress = { for k, v in local.custom_egress_all : k => v[0] }

  # Service Connect: the container port behind each port mapping name.
  port_by_name = merge([for c in var.containers : { for p in c.port_mappings : p.name => p.container_port if p.name != null }]...)
  service_connect_server = try(var.service_connect.server, null) == null ? null : {
    port_name      = var.service_connect.server.port_name
    discovery_name = coalesce(var.service_connect.server.discovery_name, var.service_connect.server.port_name)
    port           = coalesce(var.service_connect.server.port, lookup(local.port_by_name, var.service_connect.server.port_name, 0))
    dns_name = coalesce(var.service_connect.server.dns_name,
    coalesce(var.service_connect.server.discovery_name, var.service_connect.server.port_name))
  }
}

resource "aws_vpc_security_group_egress_rule" "custom" {
  for_each = local.custom_egress

  security_group_id            = aws_security_group.this.id
  description                  = each.value.description
  ip_protocol                  = each.value.protocol == "all" ? "-1" : each.value.protocol
  from_port                    = each.value.from_port
  to_port                      = each.value.to_port
  cidr_ipv4                    = each.value.kind == "ipv4" ? each.value.destination : null
  cidr_ipv6                    = each.value.kind == "ipv6" ? each.value.destination : null
  prefix_list_id               = each.value.kind == "pl" ? each.value.destination : null
  referenced_security_group_id = each.value.kind == "sg" ? each.value.destination : null

  tags = var.tags

  lifecycle {
    precondition {
      condition     = length(flatten([for e in var.egress_rules : e.destinations])) == length(local.custom_egress)
      error_message = "egress_rules list the same protocol, ports and destination twice (AWS refuses a duplicate security group rule): remove the repeat."
    }
  }
}

# Service Connect: the server's port name must be one of the task's port mappings. Checked on
# a terraform_data so that the check holds for every service variant.
resource "terraform_data" "service_connect" {
  count = var.service_connect == null ? 0 : 1

  input = var.service_connect.namespace

  lifecycle {
    precondition {
      condition     = local.service_connect_server == null || contains(keys(local.port_by_name), try(local.service_connect_server.port_name, ""))
      error_message = "service_connect.server.port_name (${try(var.service_connect.server.port_name, "")}) must be the name of a port mapping of one of the containers: ${join(", ", keys(local.port_by_name))}."
    }
  }
}
