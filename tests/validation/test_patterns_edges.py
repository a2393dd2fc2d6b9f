"""patterns.py's functions, edge by edge: image references (registry or path, the 255-character
name), CIDR issues (each message and fix) and control characters (issue 14: the mutation run of
patterns.py)."""

from __future__ import annotations

import pytest

from ecs_wizard.validation.patterns import (
    cidr_issue,
    has_control,
    mapped_cidr_issue,
    parse_image,
)


def image(domain, path, tag=None, digest=None):
    return {"domain": domain, "path": path, "tag": tag, "digest": digest}


@pytest.mark.parametrize(
    ("ref", "parts"),
    [
        ("nginx", image(None, "nginx")),
        ("nginx:1.27", image(None, "nginx", "1.27")),
        ("foo/bar:1", image(None, "foo/bar", "1")),  # `foo` is a path, not a registry
        ("localhost/x", image("localhost", "x")),
        ("localhost:5000/x:1", image("localhost:5000", "x", "1")),
        ("reg:5000/x", image("reg:5000", "x")),
        ("reg.io/a/b", image("reg.io", "a/b")),
        ("reg.io/a@sha256:" + "a" * 64, image("reg.io", "a", None, "sha256:" + "a" * 64)),
        ("Foo/bar", None),  # upper case is only allowed in a registry host name
        ("Reg.io/bar", image("Reg.io", "bar")),
        ("nginx:", None),
        ("a" * 255, image(None, "a" * 255)),
        ("a" * 255 + ":t", image(None, "a" * 255, "t")),
        ("a" * 256, None),
        ("reg.io/" + "a" * 248, image("reg.io", "a" * 248)),
        ("reg.io/" + "a" * 249, None),
    ],
)
def test_parse_image(ref, parts):
    assert parse_image(ref) == parts


@pytest.mark.parametrize(
    ("value", "issue"),
    [
        ("10.0.0.0/8", None),
        ("2001:db8::/32", None),
        ("0.0.0.0/0", None),
        ("10.0.0.1/8", ("has host bits set", "use 10.0.0.0/8")),
        ("2001:db8::1/32", ("has host bits set", "use 2001:db8::/32")),
        ("nonsense", ("is not a valid CIDR block", "write it like 10.0.0.0/8")),
        ("10.0.0.0/33", ("is not a valid CIDR block", "write it like 10.0.0.0/8")),
        ("10.0.0.1", ("needs a prefix length", "write 10.0.0.1/32")),
        (
            "::ffff:0.0.0.0/96",
            (
                "is an IPv4-mapped IPv6 range (::ffff:…), which AWS refuses as an IPv6 CIDR block",
                "write the IPv4 block instead: 0.0.0.0/0",
            ),
        ),
        (
            "::ffff:10.0.0.0/104",
            (
                "is an IPv4-mapped IPv6 range (::ffff:…), which AWS refuses as an IPv6 CIDR block",
                "write the IPv4 block instead: 10.0.0.0/8",
            ),
        ),
    ],
)
def test_cidr_issue(value, issue):
    found = cidr_issue("alb.ingress_cidrs[0]", value)
    if issue is None:
        assert found is None
    else:
        assert (found.path, found.message, found.fix, found.value) == (
            "alb.ingress_cidrs[0]",
            *issue,
            value,
        )


def test_mapped_cidr_issue_reads_host_bits_leniently():
    # called on its own (the ALB's IPv6 list), a host-bits value is read as its network
    found = mapped_cidr_issue("p", "::ffff:10.0.0.1/104")
    assert found is not None and found.fix == "write the IPv4 block instead: 10.0.0.0/8"
    assert mapped_cidr_issue("p", "10.0.0.0/8") is None
    assert mapped_cidr_issue("p", "::/0") is None


def test_has_control():
    assert has_control("a\nb") and has_control("\x1f") and has_control("\x00")
    assert not has_control("a b") and not has_control(" ") and not has_control("")
    assert not has_control("\x7f-é")  # DEL and non-ASCII are not below 0x20
