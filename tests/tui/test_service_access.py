"""The services step's Access section and the ALB step's DNS & WAF fields (issue 10
section 3): typed lines become the answers' lists, Service Connect as a server shows its
fields, and what the model refuses is shown at the field."""

from __future__ import annotations

import pytest

from ecs_wizard.app import WizardApp
from ecs_wizard.model.draft import DraftStore
from ecs_wizard.screens.alb import AlbScreen
from ecs_wizard.screens.services import ServicesScreen
from ecs_wizard.screens.widgets.alb_access import format_dns_records, parse_dns_records
from ecs_wizard.screens.widgets.field import Field
from ecs_wizard.screens.widgets.ids import path_id
from ecs_wizard.screens.widgets.service_access import (
    format_egress,
    format_statements,
    parse_egress,
    parse_statements,
)
from ecs_wizard.validation import validate_data
from tests.answers_fixtures import base_answers
from tests.tui.helpers import SIZE, choose, type_field

SERVICES, ALB = 2, 3
WAF = (
    "arn:aws:wafv2:eu-west-1:123456789012:regional/webacl/shop/"
    + "0" * 8
    + "-0000-0000-0000-"
    + "0" * 12
)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        (
            "tcp 5432 10.0.0.0/16 sg-0123456789abcdef0",
            [{"protocol": "tcp", "port": 5432, "to": ["10.0.0.0/16", "sg-0123456789abcdef0"]}],
        ),
        (
            "udp 8000-8100 pl-0123456789abcdef0; all 10.1.0.0/16",
            [
                {"protocol": "udp", "port": 8000, "to_port": 8100, "to": ["pl-0123456789abcdef0"]},
                {"protocol": "all", "to": ["10.1.0.0/16"]},
            ],
        ),
        ("", None),
    ],
)
def test_egress_syntax_round_trips(text, value):
    assert parse_egress(text) == value
    assert format_egress(value) == text


@pytest.mark.parametrize("text", ["tcp", "tcp x 10.0.0.0/8", "udp 53"])
def test_egress_text_that_does_not_parse_is_kept(text):
    assert parse_egress(text) == text  # the model reports it at the field


def test_statement_and_dns_syntax_round_trip():
    text = "Allow s3:GetObject,s3:PutObject arn:aws:s3:::b/*; Deny * *"
    assert parse_statements(text) == [
        {
            "effect": "Allow",
            "actions": ["s3:GetObject", "s3:PutObject"],
            "resources": ["arn:aws:s3:::b/*"],
        },
        {"effect": "Deny", "actions": ["*"], "resources": ["*"]},
    ]
    assert format_statements(parse_statements(text)) == text
    assert parse_statements("Allow s3:GetObject") == "Allow s3:GetObject"
    dns = "shop.example.com=Z0123456789ABCDEFGHIJ, api.example.com=Z0123456789ABCDEFGHIJ"
    assert format_dns_records(parse_dns_records(dns)) == dns
    assert parse_dns_records("shop.example.com") == "shop.example.com"


async def test_access_fields_write_the_answers(tmp_path):
    draft = base_answers()
    app = WizardApp(draft, store=DraftStore(tmp_path / "state"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.ui.service = 1  # api
        app.goto(SERVICES)
        await pilot.pause()
        assert isinstance(app.screen, ServicesScreen)
        s = "services[1]"
        await type_field(pilot, f"{s}.egress", "5432 10.0.0.1/16")
        app.ensure_validated()
        await pilot.pause()
        field = next(f for f in app.screen.query(Field) if f.paths == (f"{s}.egress",))
        assert field.has_class("-invalid")  # host bits set: shown at the field
        await type_field(pilot, f"{s}.egress", "5432 10.0.0.0/16; all sg-0123456789abcdef0")
        await type_field(pilot, f"{s}.security_group_ids", "sg-0fedcba9876543210")
        await type_field(
            pilot, f"{s}.task_role.policy_arns", "arn:aws:iam::aws:policy/ReadOnlyAccess"
        )
        await type_field(pilot, f"{s}.task_role.statements", "Allow sqs:SendMessage *")
        await choose(pilot, "#" + path_id(f"{s}.service_connect"), "server:api-8080")
        await pilot.pause()
        # the server's fields and the project's namespace appear
        await type_field(pilot, "service_connect.namespace", "shop.internal")
        await type_field(pilot, f"{s}.service_connect.server.discovery_name", "api")

        app.ui.service = 0  # web: a client
        app.goto(ALB)
        await pilot.pause()
        app.goto(SERVICES)
        await pilot.pause()
        await choose(pilot, "#" + path_id("services[0].service_connect"), "client")

        app.goto(ALB)
        await pilot.pause()
        assert isinstance(app.screen, AlbScreen)
        await type_field(pilot, "alb.dns_records", "shop.example.com=Z0123456789ABCDEFGHIJ")
        await type_field(pilot, "alb.waf_web_acl_arn", WAF)
        await pilot.pause()

        result = validate_data(app.draft)
        assert result.ok, result.errors
        a = result.answers
        api = a.services[1]
        assert [(e.protocol, e.port, e.to) for e in api.egress] == [
            ("tcp", 5432, ["10.0.0.0/16"]),
            ("all", None, ["sg-0123456789abcdef0"]),
        ]
        assert api.security_group_ids == ["sg-0fedcba9876543210"]
        assert api.task_role.policy_arns == ["arn:aws:iam::aws:policy/ReadOnlyAccess"]
        assert api.task_role.statements[0].actions == ["sqs:SendMessage"]
        assert api.service_connect.server.port_name == "api-8080"
        assert api.service_connect.server.discovery_name == "api"
        assert a.services[0].service_connect.client
        assert a.service_connect.namespace == "shop.internal"
        assert [(r.name, r.zone_id) for r in a.alb.dns_records] == [
            ("shop.example.com", "Z0123456789ABCDEFGHIJ")
        ]
        assert a.alb.waf_web_acl_arn == WAF
