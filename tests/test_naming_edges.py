"""naming.py at its edges: where a name is cut, what the cut keeps, and the reserved prefixes.

The expected names are built from the rule stated in naming.py's docstring (truncate, drop
trailing hyphens, append "-" and the first 6 hex characters of the SHA-256 of the full name),
with hashlib as the independent statement of the hash; root/main.tf applies the same rule in
Terraform, so the Python and Terraform names only agree if every detail holds.
"""

from __future__ import annotations

import hashlib
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ecs_wizard.aws import naming

# The FIPS 180-2 test vector: SHA-256("abc").
ABC_SHA256 = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"


def sha6(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:6]


def test_short_hash_is_the_start_of_the_sha256_hex_digest() -> None:
    assert naming.short_hash("abc") == ABC_SHA256[:6]
    assert naming.short_hash("abc", 10) == ABC_SHA256[:10]
    assert naming.short_hash("é") == hashlib.sha256("é".encode()).hexdigest()[:6]


def test_a_name_of_exactly_the_limit_is_kept_whole() -> None:
    name = "a" * 32
    assert naming.shorten(name, 32) == name
    assert naming.shorten(name, 31) == "a" * 24 + "-" + sha6(name)


def test_the_cut_keeps_as_much_as_fits_and_drops_only_trailing_hyphens() -> None:
    name = "abcdefghijklmnopqrstuvwxy-z" + "q" * 10  # the 25-character cut ends in "y"
    assert naming.shorten(name, 32) == "abcdefghijklmnopqrstuvwxy-" + sha6(name)
    cut_on_hyphens = "abcdefghijklmnopqrstuv---" + "q" * 10  # the cut ends in "---"
    assert naming.shorten(cut_on_hyphens, 32) == "abcdefghijklmnopqrstuv-" + sha6(cut_on_hyphens)


def test_a_cut_of_nothing_but_hyphens_leaves_the_hash_alone() -> None:
    name = "-" * 30 + "abc"
    assert naming.shorten(name, 32) == sha6(name)


@given(
    name=st.text(alphabet="abX-", min_size=1, max_size=60),
    limit=st.integers(min_value=8, max_value=40),
)
def test_shorten_contract(name: str, limit: int) -> None:
    out = naming.shorten(name, limit)
    assert len(out) <= limit
    if len(name) <= limit:
        assert out == name
        return
    suffix = sha6(name)
    if out == suffix:
        head = ""
    else:
        assert out.endswith("-" + suffix), out
        head = out[: -len(suffix) - 1]
    room = limit - len(suffix) - 1
    # the head is the longest prefix that fits, without the hyphens at its end
    assert name.startswith(head)
    assert not head.endswith("-")
    assert set(name[len(head) : room]) <= {"-"}


def test_prefix_cluster_and_service_names() -> None:
    assert naming.resource_prefix("shop", "prod") == "shop-prod"
    assert naming.cluster_name("shop", "prod") == "shop-prod"
    assert naming.service_name("shop", "prod", "web") == "shop-prod-web"


def test_alb_name_of_a_short_project_is_the_prefix() -> None:
    assert naming.alb_name("shop", "prod") == "shop-prod"


@pytest.mark.parametrize(
    ("project", "env", "expected_full"),
    [
        ("internal", "x", "lb-internal-x"),
        ("internal-app", "prod", "lb-internal-app-prod"),
        ("internalapp", "prod", "internalapp-prod"),  # no hyphen after "internal": allowed
        ("my-internal", "prod", "my-internal-prod"),
    ],
)
def test_alb_name_never_starts_with_internal(project: str, env: str, expected_full: str) -> None:
    assert naming.alb_name(project, env) == expected_full


def test_long_alb_name_is_cut_to_32_with_the_hash_of_the_full_name() -> None:
    project, env = "averyveryverylongprojectname", "production"
    full = f"{project}-{env}"
    assert naming.alb_name(project, env) == full[:25] + "-" + sha6(full)
    internal = naming.alb_name("internal-" + "p" * 30, "prod")
    full = "lb-internal-" + "p" * 30 + "-prod"
    assert internal == full[:25] + "-" + sha6(full)


def test_target_group_name_prefixes_internal_and_fits_27() -> None:
    assert naming.target_group_name("internal", "x", "web") == "tg-internal-x-web"
    assert naming.target_group_name("internalapp", "x", "web") == "internalapp-x-web"
    full = "tg-internal-" + "p" * 20 + "-prod-web"
    long = naming.target_group_name("internal-" + "p" * 20, "prod", "web")
    assert long == full[:20] + "-" + sha6(full)
    assert len(long) == naming.TARGET_GROUP_BASE_MAX


def test_generated_names_are_aws_labels() -> None:
    """ALB and target group names: letters, digits and hyphens, no hyphen at either end."""
    label = re.compile(r"^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$")
    for project, env in [("a" * 40, "prod"), ("ab-" * 12, "x"), ("internal", "e" * 40)]:
        alb = naming.alb_name(project, env)
        assert label.match(alb) and len(alb) <= naming.ALB_NAME_MAX, alb
        tg = naming.target_group_name(project, env, "svc")
        assert label.match(tg) and len(tg) <= naming.TARGET_GROUP_BASE_MAX, tg
