# Plans the module with the real hashicorp/aws provider, offline (fake credentials, no AWS calls).

provider "aws" {
  region                      = "eu-west-1"
  access_key                  = "test"
  secret_key                  = "test"
  skip_credentials_validation = true
  skip_metadata_api_check     = true
  skip_region_validation      = true
  skip_requesting_account_id  = true
}

variables {
  listener_arn = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:listener/app/demo/0123456789abcdef/0123456789abcdef"
  priority     = 100
  conditions = {
    path_patterns = ["/api/*"]
  }
  action = {
    type             = "forward"
    target_group_arn = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/api/0123456789abcdef"
  }
}

run "path_rule_forwards_to_target_group" {
  command = plan

  assert {
    condition     = aws_lb_listener_rule.this.priority == 100 && output.priority == 100
    error_message = "The priority must be passed through."
  }
  assert {
    condition     = aws_lb_listener_rule.this.listener_arn == var.listener_arn
    error_message = "The rule must attach to the given listener."
  }
  assert {
    condition     = length(aws_lb_listener_rule.this.condition) == 1 && one(aws_lb_listener_rule.this.condition).path_pattern[0].values == toset(["/api/*"])
    error_message = "The path_pattern condition must be rendered."
  }
  assert {
    condition = (
      length(aws_lb_listener_rule.this.action) == 1 &&
      aws_lb_listener_rule.this.action[0].type == "forward" &&
      aws_lb_listener_rule.this.action[0].target_group_arn == "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/api/0123456789abcdef"
    )
    error_message = "A single forward action to the target group must be rendered."
  }
}

run "every_condition_type" {
  command = plan

  variables {
    priority = 50000
    conditions = {
      path_patterns        = ["/v2/*"]
      host_headers         = ["api.example.com"]
      http_request_methods = ["GET"]
      source_ips           = ["203.0.113.0/24"]
      http_headers         = [{ name = "X-Env", values = ["beta"] }]
    }
  }

  assert {
    condition     = length(aws_lb_listener_rule.this.condition) == 5
    error_message = "Each non-empty condition field must be its own condition block."
  }
  assert {
    condition     = toset(flatten([for c in aws_lb_listener_rule.this.condition : [for h in c.host_header : h.values]])) == toset(["api.example.com"])
    error_message = "host_header must be rendered."
  }
  assert {
    condition     = toset(flatten([for c in aws_lb_listener_rule.this.condition : [for m in c.http_request_method : m.values]])) == toset(["GET"])
    error_message = "http_request_method must be rendered."
  }
  assert {
    condition     = toset(flatten([for c in aws_lb_listener_rule.this.condition : [for s in c.source_ip : s.values]])) == toset(["203.0.113.0/24"])
    error_message = "source_ip must be rendered."
  }
  assert {
    condition     = length([for c in aws_lb_listener_rule.this.condition : c if length(c.http_header) == 1 && try(c.http_header[0].http_header_name == "X-Env" && c.http_header[0].values == toset(["beta"]), false)]) == 1
    error_message = "http_header must be rendered with its name and values."
  }
  assert {
    condition     = aws_lb_listener_rule.this.priority == 50000
    error_message = "The highest priority (50000) must be accepted."
  }
}

run "query_string_conditions" {
  command = plan

  variables {
    priority = 1
    conditions = {
      query_strings = [
        [{ key = "version", value = "2" }, { value = "beta" }],
        [{ key = "lang", value = "en" }],
      ]
    }
  }

  assert {
    condition     = length(aws_lb_listener_rule.this.condition) == 2
    error_message = "Each query_strings entry must be its own condition (ANDed)."
  }
  assert {
    condition = toset(flatten([
      for c in aws_lb_listener_rule.this.condition : [for q in c.query_string : "${q.key == null ? "" : q.key}=${q.value}"]
    ])) == toset(["version=2", "=beta", "lang=en"])
    error_message = "Query string pairs (with and without key) must be rendered."
  }
  assert {
    condition     = aws_lb_listener_rule.this.priority == 1
    error_message = "The lowest priority (1) must be accepted."
  }
}

run "weighted_forward_with_stickiness" {
  command = plan

  variables {
    conditions = { host_headers = ["app.example.com"] }
    action = {
      type = "weighted_forward"
      target_groups = [
        { arn = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/blue/0123456789abcdef", weight = 90 },
        { arn = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/green/fedcba9876543210", weight = 10 },
      ]
      stickiness = { duration = 600 }
    }
  }

  assert {
    condition     = aws_lb_listener_rule.this.action[0].type == "forward" && length(aws_lb_listener_rule.this.action[0].forward) == 1
    error_message = "A weighted forward must render a forward block."
  }
  assert {
    condition = toset([for t in aws_lb_listener_rule.this.action[0].forward[0].target_group : "${t.arn}=${t.weight}"]) == toset([
      "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/blue/0123456789abcdef=90",
      "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/green/fedcba9876543210=10",
    ])
    error_message = "Every target group must be rendered with its weight."
  }
  assert {
    condition     = aws_lb_listener_rule.this.action[0].forward[0].stickiness[0].enabled == true && aws_lb_listener_rule.this.action[0].forward[0].stickiness[0].duration == 600
    error_message = "Group stickiness must be rendered."
  }
}

run "redirect_action" {
  command = plan

  variables {
    conditions = { host_headers = ["old.example.com"] }
    action = {
      type     = "redirect"
      redirect = { host = "new.example.com", protocol = "HTTPS", port = "443" }
    }
  }

  assert {
    condition = (
      aws_lb_listener_rule.this.action[0].type == "redirect" &&
      aws_lb_listener_rule.this.action[0].redirect[0].host == "new.example.com" &&
      aws_lb_listener_rule.this.action[0].redirect[0].protocol == "HTTPS" &&
      aws_lb_listener_rule.this.action[0].redirect[0].port == "443" &&
      aws_lb_listener_rule.this.action[0].redirect[0].path == "/#{path}" &&
      aws_lb_listener_rule.this.action[0].redirect[0].query == "#{query}" &&
      aws_lb_listener_rule.this.action[0].redirect[0].status_code == "HTTP_301"
    )
    error_message = "The redirect must be rendered, keeping path and query by default."
  }
}

run "fixed_response_action" {
  command = plan

  variables {
    conditions = { path_patterns = ["/healthz"] }
    action = {
      type           = "fixed_response"
      fixed_response = { content_type = "application/json", message_body = "{\"ok\":true}", status_code = "200" }
    }
    tags = { Team = "web" }
  }

  assert {
    condition = (
      aws_lb_listener_rule.this.action[0].type == "fixed-response" &&
      aws_lb_listener_rule.this.action[0].fixed_response[0].content_type == "application/json" &&
      aws_lb_listener_rule.this.action[0].fixed_response[0].message_body == "{\"ok\":true}" &&
      aws_lb_listener_rule.this.action[0].fixed_response[0].status_code == "200"
    )
    error_message = "The fixed response must be rendered as given."
  }
  assert {
    condition     = aws_lb_listener_rule.this.tags["Team"] == "web"
    error_message = "var.tags must reach the rule."
  }
}

run "five_values_is_the_limit" {
  command = plan

  variables {
    conditions = {
      path_patterns = ["/a/*", "/b/*", "/c/*"]
      host_headers  = ["a.example.com", "b.example.com"]
    }
  }

  assert {
    condition     = length(aws_lb_listener_rule.this.condition) == 2
    error_message = "Five condition values in total must be accepted."
  }
}

################################################################################
# Validation failures
################################################################################

run "rejects_no_condition" {
  command = plan
  variables {
    conditions = {}
  }
  expect_failures = [var.conditions]
}

run "rejects_more_than_five_values" {
  command = plan
  variables {
    conditions = {
      path_patterns = ["/a", "/b", "/c"]
      host_headers  = ["a.example.com", "b.example.com"]
      http_headers  = [{ name = "X-Env", values = ["beta"] }]
    }
  }
  expect_failures = [var.conditions]
}

run "rejects_more_than_three_values_per_condition" {
  command = plan
  variables {
    conditions = { path_patterns = ["/a", "/b", "/c", "/d"] }
  }
  expect_failures = [var.conditions]
}

run "rejects_more_than_five_wildcards" {
  command = plan
  variables {
    conditions = {
      path_patterns = ["/*/*/*"]
      host_headers  = ["*.*.example.*"]
    }
  }
  expect_failures = [var.conditions]
}

run "rejects_priority_zero" {
  command = plan
  variables {
    priority = 0
  }
  expect_failures = [var.priority]
}

run "rejects_priority_above_50000" {
  command = plan
  variables {
    priority = 50001
  }
  expect_failures = [var.priority]
}

run "rejects_bad_source_ip" {
  command = plan
  variables {
    conditions = { source_ips = ["203.0.113.300/24"] }
  }
  expect_failures = [var.conditions]
}

run "rejects_lowercase_method" {
  command = plan
  variables {
    conditions = { http_request_methods = ["get"] }
  }
  expect_failures = [var.conditions]
}

run "rejects_bad_listener_arn" {
  command = plan
  variables {
    listener_arn = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/demo/0123456789abcdef"
  }
  expect_failures = [var.listener_arn]
}

run "rejects_forward_without_target_group" {
  command = plan
  variables {
    action = { type = "forward" }
  }
  expect_failures = [var.action]
}

run "rejects_too_many_weighted_target_groups" {
  command = plan
  variables {
    action = {
      type = "weighted_forward"
      target_groups = [
        for i in range(6) : { arn = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/tg${i}/0123456789abcde${i}" }
      ]
    }
  }
  expect_failures = [var.action]
}

run "rejects_weight_out_of_range" {
  command = plan
  variables {
    action = {
      type          = "weighted_forward"
      target_groups = [{ arn = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/blue/0123456789abcdef", weight = 1000 }]
    }
  }
  expect_failures = [var.action]
}

run "rejects_redirect_loop" {
  command = plan
  variables {
    action = { type = "redirect", redirect = {} }
  }
  expect_failures = [var.action]
}

run "rejects_bad_redirect_status" {
  command = plan
  variables {
    action = { type = "redirect", redirect = { protocol = "HTTPS", status_code = "HTTP_307" } }
  }
  expect_failures = [var.action]
}

run "rejects_bad_fixed_response" {
  command = plan
  variables {
    action = { type = "fixed_response", fixed_response = { status_code = "302" } }
  }
  expect_failures = [var.action]
}

run "rejects_unknown_action_type" {
  command = plan
  variables {
    action = { type = "authenticate-oidc" }
  }
  expect_failures = [var.action]
}

run "rejects_bad_path_pattern" {
  command = plan
  variables {
    conditions = { path_patterns = ["/api v2"] }
  }
  expect_failures = [var.conditions]
}

run "rejects_host_header_without_dot" {
  command = plan
  variables {
    conditions = { host_headers = ["localhost"] }
  }
  expect_failures = [var.conditions]
}

run "rejects_bad_http_header_name" {
  command = plan
  variables {
    conditions = { http_headers = [{ name = "X Env", values = ["beta"] }] }
  }
  expect_failures = [var.conditions]
}

run "rejects_empty_query_string_value" {
  command = plan
  variables {
    conditions = { query_strings = [[{ key = "version", value = "" }]] }
  }
  expect_failures = [var.conditions]
}

run "rejects_bad_target_group_arn" {
  command = plan
  variables {
    action = {
      type             = "forward"
      target_group_arn = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/demo/0123456789abcdef"
    }
  }
  expect_failures = [var.action]
}

run "rejects_stickiness_duration_out_of_range" {
  command = plan
  variables {
    action = {
      type          = "weighted_forward"
      target_groups = [{ arn = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/blue/0123456789abcdef" }]
      stickiness    = { duration = 0 }
    }
  }
  expect_failures = [var.action]
}

run "rejects_redirect_without_redirect" {
  command = plan
  variables {
    action = { type = "redirect" }
  }
  expect_failures = [var.action]
}

run "rejects_fixed_response_without_fixed_response" {
  command = plan
  variables {
    action = { type = "fixed_response" }
  }
  expect_failures = [var.action]
}
