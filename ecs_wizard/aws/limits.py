"""Numeric limits the Terraform modules enforce (ecs_wizard/modules/*/variables.tf).

Validation reports them before `terraform plan` does; keep them in step with the modules.
"""

from __future__ import annotations

TASK_SUBNETS_MAX = 16  # ecs-service subnet_ids (awsvpc network configuration)
CONTAINERS_PER_TASK_MAX = 10  # ecs-service containers
VALUES_PER_CONDITION_MAX = 3  # alb-rule: values per condition (and per http_headers entry)
TASK_CPU_RANGE = (128, 196608)  # ecs-service cpu (non-Fargate; Fargate uses the size table)
TASK_MEMORY_RANGE = (128, 983040)  # ecs-service memory, MiB

# Values that fail at plan or apply when they are too long or too many (issue 11).
ACM_NAMES_PER_CERTIFICATE = 100  # ACM: the domain plus its subject alternative names, in all
ACM_NAMES_DEFAULT_QUOTA = 10  # ACM: default (adjustable) quota of names per certificate
ACM_FIRST_NAME_MAX = 64  # ACM: the first domain name (the CN) is at most 64 octets
IMAGE_MAX_LEN = 255  # ecs-service containers[*].image (ECS: up to 255 characters)
HEALTH_CHECK_PATH_MAX = 1024  # ecs-service load_balancer.health_check.path
TAGS_PER_RESOURCE_MAX = 50  # user tags per AWS resource (aws: tags do not count)

# What AWS refuses at apply that no module validation can see (issue 19), counted as AWS counts.
IAM_ROLE_INLINE_POLICY_CHARS = 10_240  # IAM: all inline policies of a role, whitespace excluded
# The ecs-service module's own ECS Exec inline policy on the task role (`task_exec`), at most:
# three statements and a log-group ARN; its JSON is 607 characters with a 64-character log
# group name and 1,055 with the longest (512), in the longest partition and region names.
ECS_EXEC_POLICY_CHARS_MAX = 1_100
TASK_DEFINITION_BYTES_MAX = 65_536  # ECS: a task definition's JSON, 64 KiB
SECURITY_GROUP_RULES_PER_DIRECTION = 60  # EC2: per direction, IPv4 and IPv6 counted apart
DNS_NAME_MAX = 255  # Route 53: a record name, dots included
