"""validation/patterns.py: the regexes match whole values the way the modules' RE2 does.

Python's `$` also matches before a final line break, and its `\\d` matches any Unicode digit;
Terraform's `regex()` (RE2) does neither. A value such as "Z0123456789ABCDEFGHIJ\\n" (a YAML
block scalar) therefore passed validation and was refused at plan time.
"""

from __future__ import annotations

import re

import pytest

from ecs_wizard.validation import patterns

# One value each anchored pattern accepts.
ACCEPTED = {
    "NAME_RE": "shop",
    "CONTAINER_NAME_RE": "web",
    "AMI_RE": "ami-0123456789abcdef0",
    "VPC_RE": "vpc-0a1b2c3d4e5f60718",
    "SUBNET_RE": "subnet-0aaaaaaaaaaaaaaa1",
    "ENV_NAME_RE": "PORT",
    "SECRET_ARN_RE": "arn:aws:ssm:eu-west-1:123456789012:parameter/app/db",
    "KMS_KEY_ARN_RE": "arn:aws:kms:eu-west-1:123456789012:key/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b",
    "ACM_ARN_RE": "arn:aws:acm:eu-west-1:123456789012:certificate/"
    "0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b",
    "ZONE_RE": "Z0123456789ABCDEFGHIJ",
    "DOMAIN_RE": "example.com",
    "HOST_PATTERN_RE": "api.example.com",
    "PATH_PATTERN_RE": "/api/*",
    "HEADER_NAME_RE": "X-Env",
    "METHOD_RE": "GET",
    "BUCKET_RE": "my-logs",
    "MATCHER_RE": "200-399",
    "INSTANCE_TYPE_RE": "m6i.large",
    "IMAGE_RE": "nginx:1.27",
}


def test_every_anchored_pattern_is_listed():
    anchored = {
        name
        for name, value in vars(patterns).items()
        if isinstance(value, re.Pattern) and value.pattern.startswith("^")
    }
    assert anchored == set(ACCEPTED)


@pytest.mark.parametrize(("name", "value"), ACCEPTED.items(), ids=list(ACCEPTED))
def test_patterns_refuse_a_trailing_line_break(name, value):
    pattern: re.Pattern[str] = getattr(patterns, name)
    assert pattern.match(value)
    assert not pattern.match(value + "\n"), f"{name} accepts {value!r} + a newline"


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("SECRET_ARN_RE", "arn:aws:ssm:eu-west-1:١٢٣٤٥٦٧٨٩٠١٢:parameter/app/db"),
        ("ACM_ARN_RE", "arn:aws:acm:eu-west-1:١٢٣٤٥٦٧٨٩٠١٢:certificate/"
         "0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b"),
        ("MATCHER_RE", "٢٠٠"),
        ("IMAGE_RE", "nginx:١"),
    ],
)  # fmt: skip
def test_digits_are_ascii_digits(name, value):
    """RE2's \\d is [0-9]; Python's matches Arabic-Indic digits too."""
    assert not getattr(patterns, name).match(value)
