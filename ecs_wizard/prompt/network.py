"""Prompt mode: the public subnets, or none for an internal load balancer.

An internal ALB goes in the private subnets (root main.tf), so a private-only VPC needs no
public subnet; the question takes an empty answer and offers that instead of refusing it."""

from __future__ import annotations

from typing import Any

from ecs_wizard.model.paths import get_path, set_path
from ecs_wizard.ui.fields import format_value, parse_value

PATH = "network.public_subnet_ids"


def ask_public_subnets(p: Any) -> None:
    """Ask for the ALB's public subnets (`p`: the Prompter, not imported: prompt.py imports
    this module); an empty answer asks whether the load balancer is internal, and a no asks
    for the subnets again."""
    if p.known(PATH) or get_path(p.draft, "alb.internal") is True:
        return
    while True:
        answer = p.ask_text(
            "Public subnet ids for the ALB (comma-separated; blank for an internal ALB):",
            format_value("list", get_path(p.draft, PATH) or []),
            PATH,
            "list",
            empty_ok=True,
        )
        ids = parse_value("list", answer)
        if ids:
            set_path(p.draft, PATH, ids)
            return
        if p.confirm(
            "No public subnets: make the load balancer internal (reachable only from the VPC "
            "and networks connected to it)?",
            default=True,
        ):
            set_path(p.draft, PATH, [])
            set_path(p.draft, "alb.internal", True)
            # Internal is not private: the ALB still admits 0.0.0.0/0 unless told otherwise
            # (W-ALB-INTERNAL-OPEN), so ask which networks may reach it.
            p.text(
                "alb.ingress_cidrs",
                "Networks allowed to reach the internal load balancer (CIDRs, comma-separated):",
                "list",
                default="10.0.0.0/8",
            )
            return
