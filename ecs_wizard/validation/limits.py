"""Numeric limits the Terraform modules enforce (ecs_wizard/modules/*/variables.tf).

Validation reports them before `terraform plan` does; keep them in step with the modules.
"""

from __future__ import annotations

TASK_SUBNETS_MAX = 16  # ecs-service subnet_ids (awsvpc network configuration)
CONTAINERS_PER_TASK_MAX = 10  # ecs-service containers
VALUES_PER_CONDITION_MAX = 3  # alb-rule: values per condition (and per http_headers entry)
TASK_CPU_RANGE = (128, 196608)  # ecs-service cpu (non-Fargate; Fargate uses the size table)
TASK_MEMORY_RANGE = (128, 983040)  # ecs-service memory, MiB
