locals {
  c = var.conditions
  a = var.action
}

resource "aws_lb_listener_rule" "this" {
  listener_arn = var.listener_arn
  priority     = var.priority

  ##############################################################################
  # Action (exactly one of the four blocks below is rendered)
  ##############################################################################

  dynamic "action" {
    for_each = local.a.type == "forward" ? [local.a.target_group_arn] : []
    content {
      type             = "forward"
      target_group_arn = action.value
    }
  }

  dynamic "action" {
    for_each = local.a.type == "weighted_forward" ? [local.a] : []
    content {
      type = "forward"
      forward {
        dynamic "target_group" {
          for_each = action.value.target_groups
          content {
            arn    = target_group.value.arn
            weight = target_group.value.weight
          }
        }
        dynamic "stickiness" {
          for_each = action.value.stickiness == null ? [] : [action.value.stickiness]
          content {
            enabled  = stickiness.value.enabled
            duration = stickiness.value.duration
          }
        }
      }
    }
  }

  dynamic "action" {
    for_each = local.a.type == "redirect" ? [local.a.redirect] : []
    content {
      type = "redirect"
      redirect {
        protocol    = action.value.protocol
        host        = action.value.host
        port        = action.value.port
        path        = action.value.path
        query       = action.value.query
        status_code = action.value.status_code
      }
    }
  }

  dynamic "action" {
    for_each = local.a.type == "fixed_response" ? [local.a.fixed_response] : []
    content {
      type = "fixed-response"
      fixed_response {
        content_type = action.value.content_type
        message_body = action.value.message_body
        status_code  = action.value.status_code
      }
    }
  }

  ##############################################################################
  # Conditions (all must match; values inside one condition are alternatives)
  ##############################################################################

  dynamic "condition" {
    for_each = length(local.c.path_patterns) > 0 ? [local.c.path_patterns] : []
    content {
      path_pattern {
        values = condition.value
      }
    }
  }

  dynamic "condition" {
    for_each = length(local.c.host_headers) > 0 ? [local.c.host_headers] : []
    content {
      host_header {
        values = condition.value
      }
    }
  }

  dynamic "condition" {
    for_each = length(local.c.http_request_methods) > 0 ? [local.c.http_request_methods] : []
    content {
      http_request_method {
        values = condition.value
      }
    }
  }

  dynamic "condition" {
    for_each = length(local.c.source_ips) > 0 ? [local.c.source_ips] : []
    content {
      source_ip {
        values = condition.value
      }
    }
  }

  dynamic "condition" {
    for_each = local.c.http_headers
    content {
      http_header {
        http_header_name = condition.value.name
        values           = condition.value.values
      }
    }
  }

  dynamic "condition" {
    for_each = local.c.query_strings
    content {
      dynamic "query_string" {
        for_each = condition.value
        content {
          key   = query_string.value.key
          value = query_string.value.value
        }
      }
    }
  }

  tags = var.tags
}
