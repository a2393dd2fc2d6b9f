variable "listener_arn" {
  description = "ARN of the Application Load Balancer listener the rule belongs to (the `listener_arn` output of the alb module)."
  type        = string

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:elasticloadbalancing:[a-z0-9-]+:[0-9]{12}:listener/app/[A-Za-z0-9-]{1,32}/[0-9a-f]{16}/[0-9a-f]{16}$", var.listener_arn))
    error_message = "listener_arn must be an Application Load Balancer listener ARN (arn:aws:elasticloadbalancing:<region>:<account>:listener/app/<alb-name>/<id>/<id>)."
  }
}

variable "priority" {
  description = "Rule priority, 1-50000, unique per listener. Lower numbers are evaluated first; the listener's default action applies when no rule matches."
  type        = number

  validation {
    condition     = var.priority >= 1 && var.priority <= 50000 && floor(var.priority) == var.priority
    error_message = "priority must be a whole number between 1 and 50000."
  }
}

variable "conditions" {
  description = <<-EOT
    When the rule matches. Every non-empty field is one condition and all conditions must match
    (AND); the values inside one condition are alternatives (OR).
    - path_patterns: URL paths, e.g. ["/api/*"] (case-sensitive; * and ? wildcards).
    - host_headers: host names, e.g. ["api.example.com", "*.example.org"].
    - http_request_methods: e.g. ["GET", "HEAD"] (upper case).
    - source_ips: client CIDR blocks (IPv4 or IPv6), e.g. ["203.0.113.0/24"].
    - http_headers: one condition per entry: { name = "X-Env", values = ["beta"] }.
    - query_strings: one condition per entry, each a list of { key (optional), value } pairs,
      e.g. [[{ key = "version", value = "2" }]].
    AWS limits enforced here: at least one condition; at most 3 values per condition; at most 5
    values (match evaluations) per rule in total; at most 5 wildcard characters (* or ?) per rule.
  EOT
  type = object({
    path_patterns        = optional(list(string), [])
    host_headers         = optional(list(string), [])
    http_request_methods = optional(list(string), [])
    source_ips           = optional(list(string), [])
    http_headers = optional(list(object({
      name   = string
      values = list(string)
    })), [])
    query_strings = optional(list(list(object({
      key   = optional(string)
      value = string
    }))), [])
  })

  validation {
    condition = (
      length(var.conditions.path_patterns) + length(var.conditions.host_headers) +
      length(var.conditions.http_request_methods) + length(var.conditions.source_ips) +
      length(var.conditions.http_headers) + length(var.conditions.query_strings)
    ) > 0
    error_message = "conditions needs at least one condition (path_patterns, host_headers, http_request_methods, source_ips, http_headers or query_strings); use the listener's default action for catch-all traffic."
  }

  validation {
    condition = alltrue(concat(
      [for l in [var.conditions.path_patterns, var.conditions.host_headers, var.conditions.http_request_methods, var.conditions.source_ips] : length(l) <= 3],
      [for h in var.conditions.http_headers : length(h.values) >= 1 && length(h.values) <= 3],
      [for q in var.conditions.query_strings : length(q) >= 1 && length(q) <= 3],
    ))
    error_message = "Each condition takes 1 to 3 values (AWS allows at most three match evaluations per condition); to require several values to match together, add separate conditions."
  }

  validation {
    condition = (
      length(var.conditions.path_patterns) + length(var.conditions.host_headers) +
      length(var.conditions.http_request_methods) + length(var.conditions.source_ips) +
      sum(concat([0], [for h in var.conditions.http_headers : length(h.values)])) +
      sum(concat([0], [for q in var.conditions.query_strings : length(q)]))
    ) <= 5
    error_message = "A listener rule allows at most 5 condition values (match evaluations) in total across all its conditions; split the rule into several rules."
  }

  validation {
    condition = sum(concat([0], [
      for s in concat(
        var.conditions.path_patterns,
        var.conditions.host_headers,
        flatten([for h in var.conditions.http_headers : h.values]),
        flatten([for q in var.conditions.query_strings : [for p in q : "${p.key == null ? "" : p.key}${p.value}"]]),
      ) : length(regexall("[*?]", s))
    ])) <= 5
    error_message = "A listener rule allows at most 5 wildcard characters (* or ?) across its path, host, HTTP header and query string values."
  }

  validation {
    condition     = alltrue([for p in var.conditions.path_patterns : can(regex("^[A-Za-z0-9_.$/~\"'@:+&*?-]{1,128}$", p))])
    error_message = "Every path pattern must be 1-128 characters from A-Z a-z 0-9 _ - . $ / ~ \" ' @ : + & * ? (e.g. \"/api/*\")."
  }

  validation {
    condition     = alltrue([for h in var.conditions.host_headers : can(regex("^[A-Za-z0-9*?.-]{1,128}$", h)) && strcontains(h, ".")])
    error_message = "Every host header must be 1-128 characters from A-Z a-z 0-9 - . * ? and contain at least one dot (e.g. \"api.example.com\" or \"*.example.com\")."
  }

  validation {
    condition     = alltrue([for m in var.conditions.http_request_methods : can(regex("^[A-Z_-]{1,40}$", m))])
    error_message = "Every HTTP request method must be upper case, 1-40 characters of A-Z, _ and - (e.g. \"GET\"); matching is case-sensitive."
  }

  validation {
    condition     = alltrue([for c in var.conditions.source_ips : can(cidrhost(c, 0))])
    error_message = "Every source_ips entry must be an IPv4 or IPv6 CIDR block such as 203.0.113.0/24 or 2001:db8::/32."
  }

  validation {
    # An IPv4-mapped IPv6 range (::ffff:0:0/96) has an IPv4 network address; AWS refuses it.
    condition     = alltrue([for c in var.conditions.source_ips : !strcontains(c, ":") || strcontains(try(cidrhost(c, 0), ":"), ":")])
    error_message = "source_ips must not hold IPv4-mapped IPv6 ranges such as ::ffff:10.0.0.0/104 (AWS refuses them): write the IPv4 block, e.g. 10.0.0.0/8."
  }

  validation {
    condition     = alltrue([for h in var.conditions.http_headers : can(regex("^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,40}$", h.name)) && alltrue([for v in h.values : length(v) >= 1 && length(v) <= 128])])
    error_message = "Every http_headers entry needs a header name of 1-40 token characters (e.g. \"X-Env\") and values of 1-128 characters."
  }

  validation {
    condition = alltrue(flatten([
      for q in var.conditions.query_strings : [
        for p in q : length(p.value) >= 1 && length(p.value) <= 128 && (p.key == null ? true : length(coalesce(p.key, "x")) <= 128)
      ]
    ]))
    error_message = "Every query string pair needs a value of 1-128 characters and an optional key of at most 128 characters."
  }
}

variable "action" {
  description = <<-EOT
    What the rule does with a matching request. `type` is one of:
    - "forward": send to `target_group_arn`.
    - "weighted_forward": split traffic across 1-5 `target_groups` ({ arn, weight 0-999 }),
      with optional `stickiness` ({ enabled, duration 1-604800 s }) to keep a client on one group.
    - "redirect": `redirect` ({ protocol, host, port, path, query, status_code HTTP_301|HTTP_302 });
      unset parts keep the request's value (#{protocol}, #{host}, #{port}, /#{path}, #{query}).
    - "fixed_response": `fixed_response` ({ content_type, message_body, status_code }).
  EOT
  type = object({
    type             = string
    target_group_arn = optional(string)
    target_groups = optional(list(object({
      arn    = string
      weight = optional(number, 1)
    })), [])
    stickiness = optional(object({
      enabled  = optional(bool, true)
      duration = optional(number, 3600)
    }))
    redirect = optional(object({
      protocol    = optional(string, "#{protocol}")
      host        = optional(string, "#{host}")
      port        = optional(string, "#{port}")
      path        = optional(string, "/#{path}")
      query       = optional(string, "#{query}")
      status_code = optional(string, "HTTP_301")
    }))
    fixed_response = optional(object({
      content_type = optional(string, "text/plain")
      message_body = optional(string)
      status_code  = optional(string, "200")
    }))
  })

  validation {
    condition     = contains(["forward", "weighted_forward", "redirect", "fixed_response"], var.action.type)
    error_message = "action.type must be one of \"forward\", \"weighted_forward\", \"redirect\" or \"fixed_response\"."
  }

  validation {
    condition     = var.action.type != "forward" || var.action.target_group_arn != null
    error_message = "action.type = \"forward\" needs action.target_group_arn."
  }

  validation {
    condition = alltrue([
      for a in concat(var.action.target_group_arn == null ? [] : [var.action.target_group_arn], [for t in var.action.target_groups : t.arn]) :
      can(regex("^arn:aws[a-z-]*:elasticloadbalancing:[a-z0-9-]+:[0-9]{12}:targetgroup/[A-Za-z0-9-]{1,32}/[0-9a-f]{16}$", a))
    ])
    error_message = "Target group ARNs must look like arn:aws:elasticloadbalancing:<region>:<account>:targetgroup/<name>/<16 hex digits>."
  }

  validation {
    condition     = var.action.type != "weighted_forward" || (length(var.action.target_groups) >= 1 && length(var.action.target_groups) <= 5)
    error_message = "action.type = \"weighted_forward\" needs 1 to 5 action.target_groups."
  }

  validation {
    condition = (
      alltrue([for t in var.action.target_groups : t.weight >= 0 && t.weight <= 999 && floor(t.weight) == t.weight]) &&
      (length(var.action.target_groups) == 0 || sum(concat([0], [for t in var.action.target_groups : t.weight])) > 0) &&
      length(distinct([for t in var.action.target_groups : t.arn])) == length(var.action.target_groups)
    )
    error_message = "action.target_groups weights must be whole numbers 0-999, at least one weight must be above 0, and each target group may appear only once."
  }

  validation {
    condition     = var.action.stickiness == null ? true : (var.action.stickiness.duration >= 1 && var.action.stickiness.duration <= 604800)
    error_message = "action.stickiness.duration must be between 1 and 604800 seconds (7 days)."
  }

  validation {
    condition     = var.action.type != "redirect" || var.action.redirect != null
    error_message = "action.type = \"redirect\" needs action.redirect."
  }

  validation {
    condition = var.action.redirect == null ? true : (
      contains(["HTTP", "HTTPS", "#{protocol}"], var.action.redirect.protocol) &&
      contains(["HTTP_301", "HTTP_302"], var.action.redirect.status_code) &&
      (var.action.redirect.port == "#{port}" || can(tonumber(var.action.redirect.port) >= 1 && tonumber(var.action.redirect.port) <= 65535 && tonumber(var.action.redirect.port) == floor(tonumber(var.action.redirect.port)))) &&
      length(var.action.redirect.host) >= 1 && length(var.action.redirect.host) <= 128 &&
      startswith(var.action.redirect.path, "/") && length(var.action.redirect.path) <= 128 &&
      !startswith(var.action.redirect.query, "?") && length(var.action.redirect.query) <= 128
    )
    error_message = "action.redirect: protocol must be HTTP, HTTPS or #{protocol}; status_code HTTP_301 or HTTP_302; port 1-65535 or #{port}; host 1-128 characters; path must start with / (max 128); query max 128 characters without the leading ?."
  }

  validation {
    condition = var.action.redirect == null ? true : !(
      var.action.redirect.protocol == "#{protocol}" && var.action.redirect.host == "#{host}" &&
      var.action.redirect.port == "#{port}" && var.action.redirect.path == "/#{path}"
    )
    error_message = "action.redirect must change at least one of protocol, host, port or path, otherwise it redirects to itself in a loop."
  }

  validation {
    condition     = var.action.type != "fixed_response" || var.action.fixed_response != null
    error_message = "action.type = \"fixed_response\" needs action.fixed_response."
  }

  validation {
    condition = var.action.fixed_response == null ? true : (
      contains(["text/plain", "text/css", "text/html", "application/javascript", "application/json"], var.action.fixed_response.content_type) &&
      can(regex("^[245][0-9][0-9]$", var.action.fixed_response.status_code)) &&
      length(coalesce(var.action.fixed_response.message_body, " ")) <= 1024
    )
    error_message = "action.fixed_response: content_type must be text/plain, text/css, text/html, application/javascript or application/json; status_code a 2XX, 4XX or 5XX code; message_body at most 1024 characters."
  }
}

variable "tags" {
  description = "Tags added to the listener rule."
  type        = map(string)
  default     = {}
}
