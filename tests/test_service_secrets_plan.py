"""Issue 10: a rendered service can read its secrets on real AWS.

- A Secrets Manager ARN without the 6-character suffix (partial ARN) is granted as
  `<arn>-??????` (granting it verbatim matches no secret: AccessDenied at task start).
- `services[].secrets_kms_key_arns` reaches the execution role as kms:Decrypt on exactly those
  keys (secrets encrypted with a customer-managed key are unreadable otherwise).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .conftest import TF
from .test_render_terraform import example_data, render_to

pytestmark = [pytest.mark.terraform, pytest.mark.slow]

SM = "arn:aws:secretsmanager:eu-west-1:123456789012:secret"
KEY = "arn:aws:kms:eu-west-1:123456789012:key/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b"


def test_partial_arns_and_kms_keys_reach_the_execution_role(tf: TF, tmp_path: Path) -> None:
    data = example_data("minimal")
    service = data["services"][0]
    service["containers"][0]["secrets"] = {
        "DB_PASSWORD": f"{SM}:hello/db:password::",
        "API_TOKEN": f"{SM}:hello/api-token-AbC123",
    }
    service["secrets_kms_key_arns"] = [KEY]
    _, root = render_to(tmp_path / "p", data)
    plan = tf.plan_json(root)
    [policy] = [
        rc["change"]["after"]["policy"]
        for rc in plan["resource_changes"]
        if rc["type"] == "aws_iam_role_policy" and rc["name"] == "execution_secrets"
    ]
    statements = {s["Sid"]: s for s in json.loads(policy)["Statement"]}
    assert statements["ReadSecretsManagerSecrets"]["Resource"] == [
        f"{SM}:hello/api-token-AbC123",
        f"{SM}:hello/db-??????",
    ]
    assert statements["DecryptSecrets"] == {
        "Sid": "DecryptSecrets",
        "Effect": "Allow",
        "Action": ["kms:Decrypt"],
        "Resource": [KEY],
    }
