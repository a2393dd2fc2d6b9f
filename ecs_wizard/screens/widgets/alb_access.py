"""The ALB step's DNS records and WAF fields (issue 10 section 3). DNS records are edited as
one line, ``shop.example.com=Z0123…, api.example.com=Z0123…`` (name=zone id)."""

from __future__ import annotations

from typing import Any

from ecs_wizard.model.paths import get_path
from ecs_wizard.screens.widgets.field import Field, text_field
from ecs_wizard.screens.widgets.service_access import SyntaxInput


def parse_dns_records(text: str) -> Any:
    records = []
    for item in (p.strip() for p in text.split(",")):
        if not item:
            continue
        name, sep, zone = item.partition("=")
        if not sep:
            return text
        records.append({"name": name.strip(), "zone_id": zone.strip()})
    return records or None


def format_dns_records(records: Any) -> str:
    if isinstance(records, str):
        return records
    if not isinstance(records, list):
        return ""
    return ", ".join(
        f"{r.get('name', '')}={r.get('zone_id', '')}" for r in records if isinstance(r, dict)
    )


def alb_access_fields(draft: dict[str, Any]) -> list[Any]:
    from textual.widgets import Static

    return [
        Static("DNS & WAF", classes="section", markup=False),
        Field(
            "Alias records",
            SyntaxInput(
                "alb.dns_records",
                get_path(draft, "alb.dns_records"),
                parse_dns_records,
                format_dns_records,
                "shop.example.com=Z0123…",
            ),
        ),
        text_field("WAF web ACL ARN", draft, "alb.waf_web_acl_arn", hint="off"),
    ]
