"""Step 4: the Application Load Balancer, its listeners and certificates."""

from __future__ import annotations

import copy
from typing import Any

from textual.app import ComposeResult
from textual.widgets import Input, Select, Static

from ecs_wizard.model.draft import lb_service_names
from ecs_wizard.model.paths import get_path
from ecs_wizard.screens.base import StepScreen
from ecs_wizard.screens.steps import step
from ecs_wizard.screens.widgets.alb_access import alb_access_fields
from ecs_wizard.screens.widgets.block_toggle import BlockToggle
from ecs_wizard.screens.widgets.bound_select import BoundSelect
from ecs_wizard.screens.widgets.field import Field, check_field, select_field, text_field
from ecs_wizard.screens.widgets.plain_select import PlainSelect
from ecs_wizard.ui.fields import format_value, parse_value

FIXED_RESPONSE = "alb.default_action.fixed_response"


def _new_https() -> dict[str, Any]:
    return {"certificates": []}


class CertInput(Input):
    """One of the certificate inputs; the screen rebuilds `alb.https.certificates`."""

    def __init__(self, key: str, value: str, placeholder: str) -> None:
        super().__init__(value=value, placeholder=placeholder, id=f"cert-{key}", compact=True)
        self.key = key


class ActionSelect(PlainSelect):
    def __init__(self, options: list[tuple[str, str]], value: str) -> None:
        super().__init__(options, value=value, allow_blank=False, id="default-action", compact=True)


class AlbScreen(StepScreen):
    STEP_TITLE = step("alb").title
    PREFIXES = step("alb").prefixes

    def compose_form(self) -> ComposeResult:
        from ecs_wizard.aws.catalog import FIXED_RESPONSE_CONTENT_TYPES, TLS_POLICIES

        d = self.draft
        yield Static("Load balancer", classes="section", markup=False)
        yield check_field("Internal (no internet)", d, "alb.internal", False)
        yield text_field("Allowed CIDRs", d, "alb.ingress_cidrs", "list", "0.0.0.0/0")
        yield text_field("Idle timeout (s)", d, "alb.idle_timeout", "int", "60")
        yield check_field("Deletion protection", d, "alb.deletion_protection", True)
        yield text_field("Access logs bucket", d, "alb.access_logs.bucket", hint="off")
        yield text_field("Access logs prefix", d, "alb.access_logs.prefix", hint="")
        yield check_field("  create the bucket", d, "alb.access_logs.create_bucket", False)

        yield Static("HTTP listener", classes="section", markup=False)
        yield text_field("HTTP port", d, "alb.http.port", "int", "80")
        redirect_opts = [("auto (yes when HTTPS)", "auto"), ("yes", True), ("no", False)]
        yield Field(
            "Redirect to HTTPS",
            BoundSelect(
                "alb.http.redirect_to_https",
                redirect_opts,
                get_path(d, "alb.http.redirect_to_https"),
                none_token="auto",
            ),
        )

        yield Static("HTTPS listener", classes="section", markup=False)
        https = get_path(d, "alb.https")
        yield Field(
            "HTTPS", BlockToggle("alb.https", isinstance(https, dict), "Enable HTTPS", _new_https)
        )
        if isinstance(https, dict):
            yield text_field("HTTPS port", d, "alb.https.port", "int", "443")
            yield select_field(
                "TLS policy",
                d,
                "alb.https.ssl_policy",
                [(p, p) for p in TLS_POLICIES],
                default=TLS_POLICIES[0],
            )
            certs = https.get("certificates") if isinstance(https.get("certificates"), list) else []
            new = [(k, c) for k, c in enumerate(certs) if isinstance(c, dict) and "arn" not in c]
            arns = [(k, c) for k, c in enumerate(certs) if isinstance(c, dict) and "arn" in c]
            first_k, first = new[0] if new else (len(certs), {})
            base = f"alb.https.certificates[{first_k}]"
            yield Field(
                "New cert domain",
                CertInput("domain", first.get("domain") or "", "example.com (ACM, DNS validated)"),
                paths=(base if new else f"{base}.domain",),
            )
            yield Field(
                "  alternative names",
                CertInput(
                    "sans",
                    format_value("list", first.get("subject_alternative_names")),
                    "*.example.com, www.example.com",
                ),
                paths=(f"{base}.subject_alternative_names",),
            )
            yield Field(
                "  Route 53 zone id",
                CertInput("zone", first.get("route53_zone_id") or "", "optional: Z0123…"),
                paths=(f"{base}.route53_zone_id",),
            )
            yield Field(
                "  zones of other names",
                CertInput(
                    "zones",
                    format_value("dict", first.get("zones")),
                    "www.example.org=Z0987… (names outside that zone)",
                ),
                paths=(f"{base}.zones",),
            )
            yield Field(
                "Existing cert ARNs",
                CertInput(
                    "arns",
                    ", ".join(str(c.get("arn")) for _, c in arns),
                    "arn:aws:acm:…",
                ),
                paths=(
                    "alb.https.certificates",
                    *[f"alb.https.certificates[{k}]" for k, _ in arns],
                ),
            )
            if len(new) > 1:
                yield Static(
                    f"+ {len(new) - 1} more requested certificate(s), kept as in the file.",
                    classes="hint",
                    markup=False,
                )

        yield Static("Default action", classes="section", markup=False)
        services = lb_service_names(d)
        action = get_path(d, "alb.default_action") or {}
        options = [(f"forward to {n}", f"forward:{n}") for n in services]
        options.append(("fixed response", "fixed"))
        if isinstance(action.get("fixed_response"), dict):
            value = "fixed"
        elif action.get("forward"):
            value = f"forward:{action['forward']}"
            if value not in [v for _, v in options]:
                options.insert(0, (f"forward to {action['forward']} (missing)", value))
        else:
            value = options[0][1]
        yield Field(
            "Unmatched requests", ActionSelect(options, value), paths=("alb.default_action",)
        )
        if value == "fixed":
            f = "alb.default_action.fixed_response"
            yield text_field("Status code", d, f"{f}.status_code", "int", "404")
            yield select_field(
                "Content type",
                d,
                f"{f}.content_type",
                [(c, c) for c in FIXED_RESPONSE_CONTENT_TYPES],
                default="text/plain",
            )
            yield text_field("Body", d, f"{f}.message_body", hint="Not found")

        yield from alb_access_fields(d)

    # -- certificates --------------------------------------------------------------------
    def on_input_changed(self, event: Input.Changed) -> None:
        if not isinstance(event.input, CertInput):
            return
        event.stop()
        values = {w.key: w.value for w in self.query(CertInput)}
        certs = get_path(self.draft, "alb.https.certificates") or []
        extra_new = [c for c in certs if isinstance(c, dict) and "arn" not in c][1:]
        out: list[dict[str, Any]] = []
        if values.get("domain", "").strip():
            cert: dict[str, Any] = {"domain": values["domain"].strip()}
            sans = parse_value("list", values.get("sans", ""))
            if sans:
                cert["subject_alternative_names"] = sans
            if values.get("zone", "").strip():
                cert["route53_zone_id"] = values["zone"].strip()
            zones = parse_value("dict", values.get("zones", ""))
            if zones:
                cert["zones"] = zones
            out.append(cert)
        out.extend(copy.deepcopy(extra_new))
        out.extend({"arn": a} for a in parse_value("list", values.get("arns", "")) or [])
        self.wizard.update_draft("alb.https.certificates", out)

    # -- the default action ---------------------------------------------------------------
    async def on_select_changed(self, event: Select.Changed) -> None:
        if not isinstance(event.select, ActionSelect):
            return
        event.stop()
        value = str(event.value)
        wizard = self.wizard
        action = get_path(self.draft, "alb.default_action") or {}
        if value == "fixed":
            if isinstance(action.get("fixed_response"), dict):
                return
            fixed = wizard.stash.take(FIXED_RESPONSE, {"status_code": 404})
            wizard.update_draft("alb.default_action", {"fixed_response": fixed})
            await self._rebuild("#default-action")
        else:
            name = value.removeprefix("forward:")
            if isinstance(action.get("fixed_response"), dict):
                wizard.stash.keep(FIXED_RESPONSE, action["fixed_response"])
            if action == {"forward": name}:
                return
            wizard.update_draft("alb.default_action", {"forward": name})
            await self._rebuild("#default-action")
