# Secrets: container definitions reference the ARNs as valueFrom, and the execution role may
# read exactly those ARNs (and decrypt with exactly the given KMS keys).

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
  name        = "shop-prod-api"
  cluster_arn = "arn:aws:ecs:eu-west-1:123456789012:cluster/shop-prod"
  # ECS copies the cluster default onto a service created without one: the module needs one.
  capacity_provider_strategy = [{ capacity_provider = "FARGATE", weight = 1, base = 0 }]
  vpc_id                     = "vpc-0a1b2c3d4e5f60718"
  subnet_ids                 = ["subnet-0bbbbbbbbbbbbbbb1"]
  containers = [
    {
      name          = "api"
      image         = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/api:1.4.2"
      port_mappings = [{ container_port = 8080 }]
      environment   = { LOG_LEVEL = "info" }
      secrets = {
        SESSION_KEY = "arn:aws:ssm:eu-west-1:123456789012:parameter/shop/session-key"
        DB_PASSWORD = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:shop/db-AbCdEf:password::"
      }
    },
    {
      name      = "sidecar"
      image     = "public.ecr.aws/aws-observability/aws-otel-collector:v0.40.0"
      essential = false
      secrets = {
        OTEL_TOKEN  = "arn:aws:ssm:eu-west-1:123456789012:parameter/shop/otel-token"
        SESSION_KEY = "arn:aws:ssm:eu-west-1:123456789012:parameter/shop/session-key"
      }
      command = ["--config", "/etc/otel.yaml"]
    },
  ]
}

run "secrets_wiring" {
  command = plan

  assert {
    condition     = [for c in jsondecode(aws_ecs_task_definition.this.container_definitions) : c.name] == ["api", "sidecar"]
    error_message = "Containers must be sorted by name."
  }

  assert {
    condition = jsondecode(aws_ecs_task_definition.this.container_definitions)[0].secrets == [
      { name = "DB_PASSWORD", valueFrom = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:shop/db-AbCdEf:password::" },
      { name = "SESSION_KEY", valueFrom = "arn:aws:ssm:eu-west-1:123456789012:parameter/shop/session-key" },
    ]
    error_message = "The api container must get its secrets as valueFrom ARNs, sorted by name."
  }

  assert {
    condition = jsondecode(aws_ecs_task_definition.this.container_definitions)[1].secrets == [
      { name = "OTEL_TOKEN", valueFrom = "arn:aws:ssm:eu-west-1:123456789012:parameter/shop/otel-token" },
      { name = "SESSION_KEY", valueFrom = "arn:aws:ssm:eu-west-1:123456789012:parameter/shop/session-key" },
    ]
    error_message = "The sidecar container must get its secrets as valueFrom ARNs."
  }

  assert {
    condition     = !strcontains(aws_ecs_task_definition.this.container_definitions, "\"value\":\"arn:")
    error_message = "Secrets must never be passed as plain environment values."
  }

  assert {
    condition = (
      jsondecode(aws_ecs_task_definition.this.container_definitions)[1].essential == false &&
      jsondecode(aws_ecs_task_definition.this.container_definitions)[1].command == ["--config", "/etc/otel.yaml"] &&
      !can(jsondecode(aws_ecs_task_definition.this.container_definitions)[1].portMappings[0])
    )
    error_message = "Sidecar must be non-essential with its command and no ports."
  }

  assert {
    condition = jsondecode(aws_iam_role_policy.execution_secrets[0].policy).Statement == [
      {
        Sid      = "ReadSsmParameters"
        Effect   = "Allow"
        Action   = ["ssm:GetParameters"]
        Resource = ["arn:aws:ssm:eu-west-1:123456789012:parameter/shop/otel-token", "arn:aws:ssm:eu-west-1:123456789012:parameter/shop/session-key"]
      },
      {
        Sid      = "ReadSecretsManagerSecrets"
        Effect   = "Allow"
        Action   = ["secretsmanager:GetSecretValue"]
        Resource = ["arn:aws:secretsmanager:eu-west-1:123456789012:secret:shop/db-AbCdEf"]
      },
    ]
    error_message = "The execution role must read exactly the listed parameters and secret (JSON key suffix stripped), with no kms:Decrypt."
  }

  assert {
    condition     = length(aws_iam_role_policy_attachment.task) == 0 && length(aws_iam_role_policy.task) == 0
    error_message = "Secrets are read by the execution role, never the task role."
  }

  assert {
    condition     = length(aws_lb_target_group.this) == 0 && length(aws_vpc_security_group_ingress_rule.from_alb) == 0
    error_message = "No load balancer configured: no target group and no ingress."
  }
}

run "kms_decrypt_only_for_given_keys" {
  command = plan

  variables {
    secrets_kms_key_arns = ["arn:aws:kms:eu-west-1:123456789012:key/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b"]
  }

  assert {
    condition = jsondecode(aws_iam_role_policy.execution_secrets[0].policy).Statement[2] == {
      Sid      = "DecryptSecrets"
      Effect   = "Allow"
      Action   = ["kms:Decrypt"]
      Resource = ["arn:aws:kms:eu-west-1:123456789012:key/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b"]
    }
    error_message = "kms:Decrypt must be granted on exactly the given key."
  }
}

run "no_secrets_no_policy" {
  command = plan

  variables {
    containers = [{ name = "api", image = "nginx:1.27" }]
  }

  assert {
    condition     = length(aws_iam_role_policy.execution_secrets) == 0
    error_message = "Without secrets the execution role gets no inline policy."
  }
}

run "secret_arn_must_be_ssm_or_secretsmanager" {
  command = plan

  variables {
    containers = [{
      name    = "api"
      image   = "nginx:1.27"
      secrets = { TOKEN = "arn:aws:s3:::my-bucket/token" }
    }]
  }

  expect_failures = [var.containers]
}

run "secret_must_not_also_be_environment" {
  command = plan

  variables {
    containers = [{
      name        = "api"
      image       = "nginx:1.27"
      environment = { TOKEN = "plain" }
      secrets     = { TOKEN = "arn:aws:ssm:eu-west-1:123456789012:parameter/token" }
    }]
  }

  expect_failures = [var.containers]
}

# Issue 10: a Secrets Manager ARN without the 6-character suffix (a partial ARN) was granted
# verbatim, which matches no secret: tasks failed with AccessDenied. It is granted as
# `<arn>-??????`; complete ARNs stay exact.
run "partial_secretsmanager_arn_is_granted_with_the_suffix_wildcard" {
  command = plan

  variables {
    containers = [{
      name  = "api"
      image = "nginx:1.27"
      secrets = {
        DB_PASSWORD = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:shop/db:password::"
        API_KEY     = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:shop/api-key"
        TOKEN       = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:shop/token-AbC123"
      }
    }]
  }

  assert {
    condition = jsondecode(aws_iam_role_policy.execution_secrets[0].policy).Statement[0].Resource == [
      "arn:aws:secretsmanager:eu-west-1:123456789012:secret:shop/api-key-??????",
      "arn:aws:secretsmanager:eu-west-1:123456789012:secret:shop/db-??????",
      "arn:aws:secretsmanager:eu-west-1:123456789012:secret:shop/token-AbC123",
    ]
    error_message = "Partial Secrets Manager ARNs must be granted as <arn>-??????, complete ones exactly."
  }

  assert {
    condition     = jsondecode(aws_ecs_task_definition.this.container_definitions)[0].secrets[0].valueFrom == "arn:aws:secretsmanager:eu-west-1:123456789012:secret:shop/api-key"
    error_message = "valueFrom keeps the ARN as given (ECS accepts partial ARNs)."
  }
}

run "secretsmanager_arn_with_too_many_fields_is_refused" {
  command = plan

  variables {
    containers = [{
      name    = "api"
      image   = "nginx:1.27"
      secrets = { TOKEN = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:shop/db-AbCdEf:password:AWSCURRENT:id:extra" }
    }]
  }

  expect_failures = [var.containers]
}
