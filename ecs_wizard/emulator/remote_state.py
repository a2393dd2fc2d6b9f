"""The S3 backend in an emulator run (`ecs-wizard plan DIR --env NAME --local`).

A project rendered with `state: {backend: s3}` keeps its state in a bucket. In an emulator
run that bucket (and the DynamoDB lock table, with `lock: dynamodb`) is created in the
emulator, and the copy's `.tfbackend` file gets the emulator's endpoints appended, so the
run uses the real S3 backend, its lock files and its keys, against loopback only.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ecs_wizard.emulator.server import Emulator
from ecs_wizard.rendering import hcl

LABEL = """
# EMULATOR COPY made by `ecs-wizard plan --local`: the settings below point the S3 backend at
# the local emulator. Not your project's file.
"""


def backend_overrides(endpoint: str) -> dict[str, Any]:
    """`-backend-config` settings that send the S3 backend to `endpoint` (a loopback URL)."""
    return {
        "endpoints": {"s3": endpoint, "dynamodb": endpoint, "sts": endpoint, "iam": endpoint},
        "use_path_style": True,
        "skip_credentials_validation": True,
        "skip_requesting_account_id": True,
        "skip_metadata_api_check": True,
        "skip_region_validation": True,
        "skip_s3_checksum": True,
        "access_key": "test",
        "secret_key": "test",
    }


def prepare(backend_file: Path, emulator: Emulator) -> str:
    """Create the bucket (and table) named in `backend_file` in the emulator and point the file
    at it. Returns a note for the user."""
    text = backend_file.read_text(encoding="utf-8")
    settings = hcl.loads_tfvars(text)
    bucket = str(settings["bucket"])
    region = str(settings.get("region") or "us-east-1")
    s3 = emulator.client("s3", region)
    kwargs: dict[str, Any] = {"Bucket": bucket}
    if region != "us-east-1":
        kwargs["CreateBucketConfiguration"] = {"LocationConstraint": region}
    existing = {b["Name"] for b in s3.list_buckets().get("Buckets", [])}
    if bucket not in existing:
        s3.create_bucket(**kwargs)
        s3.put_bucket_versioning(Bucket=bucket, VersioningConfiguration={"Status": "Enabled"})
    table = settings.get("dynamodb_table")
    if table:
        ddb = emulator.client("dynamodb", region)
        if table not in ddb.list_tables().get("TableNames", []):
            ddb.create_table(
                TableName=str(table),
                AttributeDefinitions=[{"AttributeName": "LockID", "AttributeType": "S"}],
                KeySchema=[{"AttributeName": "LockID", "KeyType": "HASH"}],
                BillingMode="PAY_PER_REQUEST",
            )
    backend_file.write_text(
        text + LABEL + hcl.dumps(backend_overrides(emulator.endpoint)), encoding="utf-8"
    )
    lock = f"DynamoDB table {table}" if table else "S3 lock files"
    return (
        f"state: S3 backend, bucket {bucket} created in the emulator, key {settings['key']}, "
        f"locking with {lock}"
    )
