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
