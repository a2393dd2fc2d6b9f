################################################################################
# Load balancer
################################################################################

variable "name" {
  description = "Name of the load balancer (1-32 characters: letters, digits and hyphens; must not start or end with a hyphen nor start with `internal-`). Also used as the prefix of the security group name."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z0-9](?:[A-Za-z0-9-]{0,30}[A-Za-z0-9])?$", var.name))
    error_message = "name must be 1-32 characters of letters, digits and hyphens, and must not start or end with a hyphen."
  }

  validation {
    condition     = !startswith(lower(var.name), "sg-")
    error_message = "name must not start with \"sg-\": it prefixes the security group name, and AWS refuses group names that start with sg-."
  }

  validation {
    condition     = !startswith(lower(var.name), "internal-")
    error_message = "name must not start with \"internal-\" (AWS reserves that prefix for internal load balancer DNS names)."
  }
}

variable "vpc_id" {
  description = "ID of the VPC the load balancer and its security group live in (vpc-xxxxxxxx)."
  type        = string

  validation {
    condition     = can(regex("^vpc-([0-9a-f]{8}|[0-9a-f]{17})$", var.vpc_id))
    error_message = "vpc_id must look like vpc-0123456789abcdef0 (\"vpc-\" followed by 8 or 17 lowercase hex digits)."
  }
}

variable "subnet_ids" {
  description = "Subnets for the load balancer: at least two, in different Availability Zones (public subnets for an internet-facing ALB, private ones for an internal ALB)."
  type        = list(string)

  validation {
    condition     = length(var.subnet_ids) >= 2
    error_message = "subnet_ids needs at least two subnets (in two different Availability Zones): an Application Load Balancer cannot be created in a single subnet."
  }

  validation {
    condition     = alltrue([for s in var.subnet_ids : can(regex("^subnet-([0-9a-f]{8}|[0-9a-f]{17})$", s))])
    error_message = "Every subnet_ids entry must look like subnet-0123456789abcdef0."
  }

  validation {
    condition     = length(distinct(var.subnet_ids)) == length(var.subnet_ids)
    error_message = "subnet_ids must not contain duplicates."
  }
}

variable "region" {
  description = "Region of the load balancer, for the access-log bucket policy (the region's Elastic Load Balancing account). null = the provider's region."
  type        = string
  default     = null

  validation {
    condition     = var.region == null ? true : can(regex("^[a-z]{2}(-[a-z]+)+-[0-9]+$", var.region))
    error_message = "region must be an AWS region code such as eu-west-1 or us-gov-west-1."
  }
}

variable "internal" {
  description = "true for an internal load balancer (private IPs only), false for an internet-facing one."
  type        = bool
  default     = false
}

variable "ip_address_type" {
  description = "IP address type of the load balancer: `ipv4` or `dualstack` (IPv4 + IPv6; the subnets need IPv6 CIDRs). Use `dualstack` when `ingress_ipv6_cidrs` is set."
  type        = string
  default     = "ipv4"

  validation {
    condition     = contains(["ipv4", "dualstack"], var.ip_address_type)
    error_message = "ip_address_type must be \"ipv4\" or \"dualstack\"."
  }
}

variable "idle_timeout" {
  description = "Seconds a connection may be idle before the load balancer closes it (1-4000)."
  type        = number
  default     = 60

  validation {
    condition     = var.idle_timeout >= 1 && var.idle_timeout <= 4000 && floor(var.idle_timeout) == var.idle_timeout
    error_message = "idle_timeout must be a whole number of seconds between 1 and 4000."
  }
}

variable "deletion_protection" {
  description = "Enable deletion protection on the load balancer (it must be turned off, and applied, before `terraform destroy` can delete it)."
  type        = bool
  default     = true
}

variable "drop_invalid_header_fields" {
  description = "Drop HTTP headers with invalid header fields instead of forwarding them to targets (recommended: protects against request smuggling)."
  type        = bool
  default     = true
}

variable "enable_http2" {
  description = "Enable HTTP/2 on the load balancer's HTTPS listeners."
  type        = bool
  default     = true
}

variable "desync_mitigation_mode" {
  description = "How the load balancer handles requests that might pose an HTTP desync risk: `monitor`, `defensive` or `strictest`."
  type        = string
  default     = "defensive"

  validation {
    condition     = contains(["monitor", "defensive", "strictest"], var.desync_mitigation_mode)
    error_message = "desync_mitigation_mode must be one of \"monitor\", \"defensive\" or \"strictest\"."
  }
}

variable "access_logs" {
  description = "Access logs to an S3 bucket in the load balancer's region. With `create_bucket = false` (default) the bucket must exist and its policy must allow Elastic Load Balancing log delivery, or creating the load balancer fails with Access Denied; `create_bucket = true` creates it (SSE-S3, public access blocked, the log-delivery policy for the region, logs expired after `retention_days`, 0 = kept; `force_destroy` lets destroy delete a bucket that holds logs). `prefix` must not start or end with `/` nor contain `AWSLogs`. null disables access logs."
  type = object({
    bucket         = string
    prefix         = optional(string, "")
    enabled        = optional(bool, true)
    create_bucket  = optional(bool, false)
    retention_days = optional(number, 90)
    force_destroy  = optional(bool, false)
  })
  default = null

  validation {
    condition     = var.access_logs == null ? true : (var.access_logs.retention_days >= 0 && floor(var.access_logs.retention_days) == var.access_logs.retention_days)
    error_message = "access_logs.retention_days must be a whole number of days, 0 (keep the logs) or more."
  }

  validation {
    condition     = var.access_logs == null ? true : can(regex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", var.access_logs.bucket))
    error_message = "access_logs.bucket must be an S3 bucket name: 3-63 lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit."
  }

  validation {
    condition = var.access_logs == null ? true : (
      !startswith(coalesce(var.access_logs.prefix, "x"), "/") &&
      !endswith(coalesce(var.access_logs.prefix, "x"), "/") &&
      !strcontains(coalesce(var.access_logs.prefix, "x"), "AWSLogs")
    )
    error_message = "access_logs.prefix must not start or end with \"/\" and must not contain \"AWSLogs\" (ELB appends /AWSLogs/<account-id>/ itself)."
  }
}

variable "additional_security_group_ids" {
  description = "Extra existing security groups to attach to the load balancer, besides the one this module creates."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for s in var.additional_security_group_ids : can(regex("^sg-([0-9a-f]{8}|[0-9a-f]{17})$", s))])
    error_message = "Every additional_security_group_ids entry must look like sg-0123456789abcdef0."
  }
}

variable "waf_web_acl_arn" {
  description = "ARN of an existing AWS WAFv2 web ACL (scope REGIONAL) to associate with the load balancer; null for none. Recommended for internet-facing load balancers."
  type        = string
  default     = null

  validation {
    condition     = var.waf_web_acl_arn == null ? true : can(regex("^arn:aws[a-z-]*:wafv2:[a-z0-9-]+:[0-9]{12}:regional/webacl/.+/.+$", var.waf_web_acl_arn))
    error_message = "waf_web_acl_arn must be a regional WAFv2 web ACL ARN (arn:aws:wafv2:<region>:<account>:regional/webacl/<name>/<id>)."
  }
}

################################################################################
# Security group
################################################################################

variable "ingress_cidrs" {
  description = "IPv4 CIDR blocks allowed to reach the listener ports (e.g. [\"0.0.0.0/0\"] for a public site, your VPC CIDR for an internal ALB). Ingress is opened on the listener ports only. Required on purpose: an explicit empty list means no IPv4 client can connect."
  type        = list(string)

  validation {
    condition     = alltrue([for c in var.ingress_cidrs : can(cidrhost(c, 0)) && !strcontains(c, ":")])
    error_message = "Every ingress_cidrs entry must be an IPv4 CIDR block such as 10.0.0.0/16 or 0.0.0.0/0."
  }

  validation {
    condition     = length(distinct(var.ingress_cidrs)) == length(var.ingress_cidrs)
    error_message = "ingress_cidrs must not contain duplicates."
  }
}

variable "ingress_ipv6_cidrs" {
  description = "IPv6 CIDR blocks allowed to reach the listener ports (e.g. [\"::/0\"]). Only useful with ip_address_type = \"dualstack\"."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for c in var.ingress_ipv6_cidrs : can(cidrhost(c, 0)) && strcontains(c, ":")])
    error_message = "Every ingress_ipv6_cidrs entry must be an IPv6 CIDR block such as ::/0 or 2001:db8::/32."
  }

  validation {
    condition     = length(distinct(var.ingress_ipv6_cidrs)) == length(var.ingress_ipv6_cidrs)
    error_message = "ingress_ipv6_cidrs must not contain duplicates."
  }

  validation {
    # An IPv4-mapped range (::ffff:0:0/96) has an IPv4 network address; AWS refuses it.
    condition     = alltrue([for c in var.ingress_ipv6_cidrs : !can(cidrhost(c, 0)) || strcontains(try(cidrhost(c, 0), ":"), ":")])
    error_message = "ingress_ipv6_cidrs must not hold IPv4-mapped IPv6 ranges such as ::ffff:0.0.0.0/96 (AWS refuses them): list the IPv4 block in ingress_cidrs instead."
  }
}

variable "egress_cidrs" {
  description = "IPv4 CIDR blocks the load balancer may open TCP connections to (all ports). Leave empty (the default): the ecs-service module adds one egress rule per service, from this security group to that service's task security group on its container port only."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for c in var.egress_cidrs : can(cidrhost(c, 0)) && !strcontains(c, ":")])
    error_message = "Every egress_cidrs entry must be an IPv4 CIDR block such as 10.0.0.0/16."
  }
}

################################################################################
# Listeners
################################################################################

variable "http" {
  description = "Plain-HTTP listener. By default it listens on port 80 and answers every request with a permanent (HTTP_301) redirect to the HTTPS listener, which requires `https`. Set redirect_to_https = false to serve the default action over plain HTTP instead, or null for no HTTP listener at all."
  type = object({
    port              = optional(number, 80)
    redirect_to_https = optional(bool, true)
  })
  default = {}

  validation {
    condition     = var.http == null ? true : (try(var.http.port >= 1 && var.http.port <= 65535 && floor(var.http.port) == var.http.port, false))
    error_message = "http.port must be a whole number between 1 and 65535."
  }
}

variable "https" {
  description = <<-EOT
    HTTPS listener (null = none). `certificates` requests new ACM certificates (DNS validation;
    with `route53_zone_id` the validation records are created in that zone, and `zones` (name =>
    zone id) puts a name in another zone, e.g. a SAN in another domain; otherwise you must
    create the records shown in the `certificate_validation_records` output and apply waits for
    them). `certificate_arns` attaches existing certificates. The first certificate (new ones
    first, in order, then the existing ARNs) is the listener's default certificate; the others are
    added for SNI. `ssl_policy` must be an ELB security policy that allows TLS 1.2 and newer only.
  EOT
  type = object({
    port       = optional(number, 443)
    ssl_policy = optional(string, "ELBSecurityPolicy-TLS13-1-2-2021-06")
    certificates = optional(list(object({
      domain                    = string
      subject_alternative_names = optional(list(string), [])
      route53_zone_id           = optional(string)
      zones                     = optional(map(string), {})
      key_algorithm             = optional(string, "RSA_2048")
    })), [])
    certificate_arns   = optional(list(string), [])
    validation_timeout = optional(string, "45m")
  })
  default = null

  validation {
    condition     = var.https == null ? true : try(var.https.port >= 1 && var.https.port <= 65535 && floor(var.https.port) == var.https.port, false)
    error_message = "https.port must be a whole number between 1 and 65535."
  }

  validation {
    condition = var.https == null ? true : contains([
      # TLS 1.3 + 1.2 and TLS 1.3 only
      "ELBSecurityPolicy-TLS13-1-2-2021-06",
      "ELBSecurityPolicy-TLS13-1-2-Res-2021-06",
      "ELBSecurityPolicy-TLS13-1-2-Ext1-2021-06",
      "ELBSecurityPolicy-TLS13-1-2-Ext2-2021-06",
      "ELBSecurityPolicy-TLS13-1-3-2021-06",
      # FIPS, TLS 1.2+
      "ELBSecurityPolicy-TLS13-1-2-FIPS-2023-04",
      "ELBSecurityPolicy-TLS13-1-2-Res-FIPS-2023-04",
      "ELBSecurityPolicy-TLS13-1-2-Ext0-FIPS-2023-04",
      "ELBSecurityPolicy-TLS13-1-2-Ext1-FIPS-2023-04",
      "ELBSecurityPolicy-TLS13-1-2-Ext2-FIPS-2023-04",
      "ELBSecurityPolicy-TLS13-1-3-FIPS-2023-04",
      # Hybrid post-quantum key exchange, TLS 1.2+
      "ELBSecurityPolicy-TLS13-1-2-PQ-2025-09",
      "ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09",
      "ELBSecurityPolicy-TLS13-1-2-Ext1-PQ-2025-09",
      "ELBSecurityPolicy-TLS13-1-2-Ext2-PQ-2025-09",
      "ELBSecurityPolicy-TLS13-1-3-PQ-2025-09",
      "ELBSecurityPolicy-TLS13-1-2-FIPS-PQ-2025-09",
      "ELBSecurityPolicy-TLS13-1-2-Res-FIPS-PQ-2025-09",
      "ELBSecurityPolicy-TLS13-1-2-Ext0-FIPS-PQ-2025-09",
      "ELBSecurityPolicy-TLS13-1-2-Ext1-FIPS-PQ-2025-09",
      "ELBSecurityPolicy-TLS13-1-2-Ext2-FIPS-PQ-2025-09",
      "ELBSecurityPolicy-TLS13-1-3-FIPS-PQ-2025-09",
      # TLS 1.2 only
      "ELBSecurityPolicy-TLS-1-2-2017-01",
      "ELBSecurityPolicy-TLS-1-2-Ext-2018-06",
      "ELBSecurityPolicy-FS-1-2-2019-08",
      "ELBSecurityPolicy-FS-1-2-Res-2019-08",
      "ELBSecurityPolicy-FS-1-2-Res-2020-10",
    ], var.https.ssl_policy)
    error_message = "https.ssl_policy must be an ELB security policy that allows only TLS 1.2 and newer, e.g. ELBSecurityPolicy-TLS13-1-2-2021-06 (default), ELBSecurityPolicy-TLS13-1-2-Res-2021-06 or ELBSecurityPolicy-TLS13-1-3-2021-06. Policies that still allow TLS 1.0/1.1 (such as ELBSecurityPolicy-2016-08) are refused."
  }

  validation {
    condition     = var.https == null ? true : try(length(var.https.certificates) + length(var.https.certificate_arns) >= 1, false)
    error_message = "https needs at least one certificate: add an entry to https.certificates (a new ACM certificate) or https.certificate_arns (an existing one)."
  }

  validation {
    condition     = var.https == null ? true : try(length(var.https.certificates) + length(var.https.certificate_arns) <= 26, false)
    error_message = "An HTTPS listener supports at most 25 certificates besides its default one (26 in total)."
  }

  validation {
    condition = var.https == null ? true : try(alltrue([
      for a in var.https.certificate_arns : can(regex("^arn:aws[a-z-]*:(acm|iam):[a-z0-9-]*:[0-9]{12}:(certificate/[0-9a-f-]+|server-certificate/.+)$", a))
    ]), false)
    error_message = "Every https.certificate_arns entry must be an ACM certificate ARN (arn:aws:acm:<region>:<account>:certificate/<id>) or an IAM server certificate ARN."
  }

  validation {
    condition = var.https == null ? true : try(alltrue(flatten([
      for c in var.https.certificates : [
        for d in concat([c.domain], c.subject_alternative_names) :
        length(d) <= 253 && can(regex("^(\\*\\.)?([a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?\\.)+[a-zA-Z][a-zA-Z0-9-]{0,61}[a-zA-Z0-9]$", d))
      ]
    ])), false)
    error_message = "Every https.certificates domain and subject alternative name must be a fully qualified domain name such as app.example.com or *.example.com (a wildcard only as the whole left-most label)."
  }

  validation {
    condition     = var.https == null ? true : try(length(distinct([for c in var.https.certificates : lower(c.domain)])) == length(var.https.certificates), false)
    error_message = "https.certificates must not request two certificates for the same domain."
  }

  validation {
    condition     = var.https == null ? true : try(alltrue([for c in var.https.certificates : length(c.subject_alternative_names) <= 99]), false)
    error_message = "An ACM certificate can have at most 100 names (the domain plus 99 subject alternative names)."
  }

  validation {
    condition     = var.https == null ? true : try(alltrue([for c in var.https.certificates : length(c.domain) <= 64]), false)
    error_message = "https.certificates[*].domain (the certificate's first name, its common name) must be at most 64 characters (ACM); put a longer name in subject_alternative_names (up to 253)."
  }

  validation {
    condition     = var.https == null ? true : try(alltrue([for c in var.https.certificates : c.route53_zone_id == null || can(regex("^Z[A-Z0-9]{1,31}$", c.route53_zone_id))]), false)
    error_message = "https.certificates[*].route53_zone_id must be a Route 53 hosted zone ID such as Z0123456789ABCDEFGHIJ."
  }

  validation {
    condition = var.https == null ? true : try(alltrue(flatten([
      for c in var.https.certificates : [
        for n, z in c.zones : contains([for d in concat([c.domain], c.subject_alternative_names) : lower(d)], lower(n)) && can(regex("^Z[A-Z0-9]{1,31}$", z))
      ]
    ])), false)
    error_message = "https.certificates[*].zones maps names of the certificate (its domain or one of its subject_alternative_names) to Route 53 hosted zone IDs such as Z0123456789ABCDEFGHIJ."
  }

  validation {
    condition     = var.https == null ? true : try(alltrue([for c in var.https.certificates : contains(["RSA_2048", "EC_prime256v1", "EC_secp384r1"], c.key_algorithm)]), false)
    error_message = "https.certificates[*].key_algorithm must be RSA_2048, EC_prime256v1 or EC_secp384r1 (the algorithms ELB supports for ACM-issued certificates)."
  }

  validation {
    condition     = var.https == null ? true : try(can(regex("^[0-9]+(\\.[0-9]+)?(s|m|h)$", var.https.validation_timeout)), false)
    error_message = "https.validation_timeout must be a duration such as \"45m\", \"2h\" or \"600s\"."
  }
}

variable "default_action" {
  description = "What the listener does with requests no rule matches: `fixed_response` (default: 404 \"Not Found\") or `forward` to `target_group_arn`. Used by the HTTPS listener, and by the HTTP listener when it does not redirect."
  type = object({
    type             = optional(string, "fixed_response")
    target_group_arn = optional(string)
    fixed_response = optional(object({
      content_type = optional(string, "text/plain")
      message_body = optional(string, "Not Found")
      status_code  = optional(string, "404")
    }), {})
  })
  default = {}

  validation {
    condition     = contains(["forward", "fixed_response"], var.default_action.type)
    error_message = "default_action.type must be \"forward\" or \"fixed_response\"."
  }

  validation {
    condition     = var.default_action.type != "forward" || var.default_action.target_group_arn != null
    error_message = "default_action.type = \"forward\" needs default_action.target_group_arn."
  }

  validation {
    condition     = var.default_action.target_group_arn == null || can(regex("^arn:aws[a-z-]*:elasticloadbalancing:[a-z0-9-]+:[0-9]{12}:targetgroup/[A-Za-z0-9-]{1,32}/[0-9a-f]{16}$", var.default_action.target_group_arn))
    error_message = "default_action.target_group_arn must be a target group ARN (arn:aws:elasticloadbalancing:<region>:<account>:targetgroup/<name>/<id>)."
  }

  validation {
    condition     = contains(["text/plain", "text/css", "text/html", "application/javascript", "application/json"], var.default_action.fixed_response.content_type)
    error_message = "default_action.fixed_response.content_type must be one of text/plain, text/css, text/html, application/javascript, application/json."
  }

  validation {
    condition     = can(regex("^[245][0-9][0-9]$", var.default_action.fixed_response.status_code))
    error_message = "default_action.fixed_response.status_code must be a 2XX, 4XX or 5XX HTTP status code such as \"404\" or \"503\"."
  }

  validation {
    condition     = var.default_action.fixed_response.message_body == null || length(coalesce(var.default_action.fixed_response.message_body, " ")) <= 1024
    error_message = "default_action.fixed_response.message_body must be at most 1024 characters."
  }
}

variable "tags" {
  description = "Tags added to every taggable resource."
  type        = map(string)
  default     = {}
}

################################################################################
# DNS: Route 53 alias records for the load balancer
################################################################################

variable "dns_records" {
  description = "Route 53 alias records that point host names at the load balancer: a list of { name, zone_id } (the zone that holds the name). Each name gets an A record, and an AAAA record too when ip_address_type is dualstack."
  type = list(object({
    name    = string
    zone_id = string
  }))
  default = []

  validation {
    condition = alltrue([for r in var.dns_records : (
      can(regex("^Z[A-Z0-9]{1,31}$", r.zone_id)) &&
      can(regex("^(\\*\\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]\\.?$", lower(r.name)))
    )]) && length(distinct([for r in var.dns_records : trimsuffix(lower(r.name), ".")])) == length(var.dns_records)
    error_message = "dns_records: each name must be a host name (e.g. shop.example.com), listed once, with zone_id a Route 53 hosted zone ID such as Z0123456789ABCDEFGHIJ."
  }
}
