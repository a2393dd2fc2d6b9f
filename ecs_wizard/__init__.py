"""ecs-wizard: answers in, production-grade ECS-behind-ALB Terraform out."""

__version__ = "0.1.0"
