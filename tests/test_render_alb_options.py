"""Rendered projects with the ALB options of issue 10 (a Route 53 zone per certificate name, a
created access-log bucket), through the real terraform plan (offline).

The full example, asking for a created access-log bucket, and one certificate with a SAN in
another domain with its own zone. The plan shows what the root module passes to the alb module.
"""

from __future__ import annotations

import json
from pathlib import Path

from .conftest import TF
from .test_render_terraform import example_data, planned, render_to

OTHER_ZONE = "Z9876543210ZYXWVUTSRQ"


def test_full_example_plans_its_log_bucket_and_a_zone_per_name(tf: TF, tmp_path: Path) -> None:
    data = example_data("full")
    data["alb"]["access_logs"]["create_bucket"] = True
    cert = data["alb"]["https"]["certificates"][0]
    cert["subject_alternative_names"] = [*cert["subject_alternative_names"], "www.example.org"]
    cert["zones"] = {"www.example.org": OTHER_ZONE}
    a, root = render_to(tmp_path / "full", data)
    assert a.alb.access_logs is not None and a.alb.access_logs.create_bucket
    plan = tf.plan_json(root)

    [bucket] = planned(plan, "aws_s3_bucket")
    assert bucket["change"]["after"]["bucket"] == a.alb.access_logs.bucket
    [policy] = planned(plan, "aws_s3_bucket_policy")
    assert "policy" in policy["change"]["after_unknown"]  # the bucket ARN is known after apply
    [sse] = planned(plan, "aws_s3_bucket_server_side_encryption_configuration")
    rule = sse["change"]["after"]["rule"][0]["apply_server_side_encryption_by_default"][0]
    assert rule["sse_algorithm"] == "AES256"
    [pab] = planned(plan, "aws_s3_bucket_public_access_block")
    assert all(pab["change"]["after"][k] for k in ("block_public_acls", "block_public_policy"))
    [lb] = planned(plan, "aws_lb")
    assert lb["change"]["after"]["access_logs"][0]["prefix"] == a.alb.access_logs.prefix

    records = {  # the certificate validation records (alb.dns_records adds alias records)
        rc["index"]: rc["change"]["after"]["zone_id"]
        for rc in planned(plan, "aws_route53_record")
        if rc["name"] == "validation"
    }
    assert records == {"example.com": cert["route53_zone_id"], "www.example.org": OTHER_ZONE}
    # The region reaches the module, so the bucket policy names eu-west-1's ELB account.
    alb_call = plan["configuration"]["root_module"]["module_calls"]["alb"]
    assert "region" in alb_call["expressions"], json.dumps(alb_call["expressions"])[:400]
