"""The services step's "Access" section (issue 10 section 3): what a service's tasks may
reach and do. Kept apart from screens/services.py, which only yields `access_fields(...)`.

Lists of objects are edited as one line each, in a short syntax parsed here (pure functions,
tested without Textual):

- egress: ``tcp 5432 10.0.0.0/16 sg-0123…; udp 8000-8100 pl-0123…; all 10.1.0.0/16``
- statements: ``Allow s3:GetObject,s3:PutObject arn:aws:s3:::b/*; Deny * *``

Text that does not parse is passed on as typed, so the model reports it at the field.
"""

from __future__ import annotations

from typing import Any

from textual.widgets import Input, Select

from ecs_wizard.aws.naming import draft_port_names
from ecs_wizard.model.paths import get_path
from ecs_wizard.screens.messages import FieldChanged, FormReshaped
from ecs_wizard.screens.widgets.field import Field, text_field
from ecs_wizard.screens.widgets.ids import path_id
from ecs_wizard.screens.widgets.plain_select import PlainSelect

PROTOCOLS = ("tcp", "udp", "all")


def parse_egress(text: str) -> Any:
    """`proto ports dest dest…; …` → egress rules; None when blank; the text when it does not
    parse (the model then says what is wrong)."""
    rules: list[dict[str, Any]] = []
    for item in (p.strip() for p in text.split(";")):
        if not item:
            continue
        words = item.replace(",", " ").split()
        if words[0] not in PROTOCOLS:
            words.insert(0, "tcp")
        protocol, rest = words[0], words[1:]
        rule: dict[str, Any] = {"protocol": protocol}
        if protocol != "all":
            if not rest:
                return text
            first, _, last = rest[0].partition("-")
            if not first.isdigit() or (last and not last.isdigit()):
                return text
            rule["port"] = int(first)
            if last:
                rule["to_port"] = int(last)
            rest = rest[1:]
        if not rest:
            return text
        rule["to"] = rest
        rules.append(rule)
    return rules or None


def format_egress(rules: Any) -> str:
    if isinstance(rules, str):
        return rules
    if not isinstance(rules, list):
        return ""
    out = []
    for r in rules:
        if not isinstance(r, dict):
            continue
        words = [str(r.get("protocol", "tcp"))]
        if r.get("port") is not None:
            port = str(r["port"])
            if r.get("to_port") is not None and r["to_port"] != r["port"]:
                port += f"-{r['to_port']}"
            words.append(port)
        words += [str(t) for t in r.get("to") or []]
        out.append(" ".join(words))
    return "; ".join(out)


def parse_statements(text: str) -> Any:
    """`Effect actions resources; …` (comma-separated actions and resources)."""
    statements = []
    for item in (p.strip() for p in text.split(";")):
        if not item:
            continue
        words = item.split()
        if len(words) != 3:
            return text
        effect, actions, resources = words
        statements.append(
            {
                "effect": effect,
                "actions": [a for a in actions.split(",") if a],
                "resources": [r for r in resources.split(",") if r],
            }
        )
    return statements or None


def format_statements(statements: Any) -> str:
    if isinstance(statements, str):
        return statements
    if not isinstance(statements, list):
        return ""
    return "; ".join(
        f"{s.get('effect', 'Allow')} {','.join(s.get('actions') or [])} "
        f"{','.join(s.get('resources') or [])}"
        for s in statements
        if isinstance(s, dict)
    )


class SyntaxInput(Input):
    """An input bound to `path` whose text is parsed by `parse` (and shown by `fmt`)."""

    def __init__(self, path: str, value: Any, parse: Any, fmt: Any, placeholder: str) -> None:
        super().__init__(value=fmt(value), placeholder=placeholder, id=path_id(path), compact=True)
        self.path = path
        self.parse = parse

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.post_message(FieldChanged(self.path, self.parse(event.value)))


class ConnectSelect(PlainSelect):
    """Service Connect for one service: off, client, or server on one of its ports."""

    def __init__(self, path: str, value: Any, ports: list[str]) -> None:
        options: list[tuple[str, str]] = [("off", ""), ("client: calls others by name", "client")]
        options += [(f"server on port {p}", f"server:{p}") for p in ports]
        current = ""
        if isinstance(value, dict):
            server = value.get("server")
            if isinstance(server, dict):
                current = f"server:{server.get('port_name')}"
                if current not in [v for _, v in options]:
                    options.append((f"server on {server.get('port_name')} (missing)", current))
            elif value.get("client"):
                current = "client"
        super().__init__(options, value=current, allow_blank=False, id=path_id(path), compact=True)
        self.path = path
        self.current = value if isinstance(value, dict) else None
        self.choice = current

    def on_select_changed(self, event: Select.Changed) -> None:
        event.stop()
        choice = str(event.value) if event.value is not Select.BLANK else ""
        if choice == self.choice:
            return  # Select reports its first value on mount: nothing changed
        self.choice = choice
        value: dict[str, Any] | None
        if not choice:
            value = None
        elif choice == "client":
            value = {"client": True}
        else:
            server = dict((self.current or {}).get("server") or {})
            server["port_name"] = choice.partition(":")[2]
            value = {"client": True, "server": server}
        self.current = value
        self.post_message(FieldChanged(self.path, value))
        self.post_message(FormReshaped(f"#{self.id}"))  # server fields appear or go


def access_fields(draft: dict[str, Any], s: str, svc: dict[str, Any]) -> list[Any]:
    """The Access section of service `s` (a path like ``services[0]``)."""
    from textual.widgets import Static

    fields: list[Any] = [Static("Access", classes="section", markup=False)]
    fields.append(
        Field(
            "Egress (+ tcp 443)",
            SyntaxInput(
                f"{s}.egress",
                get_path(draft, f"{s}.egress"),
                parse_egress,
                format_egress,
                "tcp 5432 10.0.0.0/16 sg-…; udp 53 pl-…",
            ),
        )
    )
    fields.append(text_field("Security groups", draft, f"{s}.security_group_ids", "list", "sg-…"))
    fields.append(
        text_field(
            "Task role policies",
            draft,
            f"{s}.task_role.policy_arns",
            "list",
            "arn:aws:iam::aws:policy/…",
        )
    )
    fields.append(
        Field(
            "Task role statements",
            SyntaxInput(
                f"{s}.task_role.statements",
                get_path(draft, f"{s}.task_role.statements"),
                parse_statements,
                format_statements,
                "Allow sqs:SendMessage arn:aws:sqs:…; Deny s3:* *",
            ),
        )
    )
    connect = get_path(draft, f"{s}.service_connect")
    fields.append(
        Field(
            "Service Connect",
            ConnectSelect(f"{s}.service_connect", connect, draft_port_names(svc)),
            paths=(f"{s}.service_connect",),
        )
    )
    if isinstance(connect, dict) or isinstance(draft.get("service_connect"), dict):
        fields.append(
            text_field(
                "Namespace (project)", draft, "service_connect.namespace", hint="shop.internal"
            )
        )
    if isinstance(connect, dict) and isinstance(connect.get("server"), dict):
        sv = f"{s}.service_connect.server"
        fields.append(
            text_field("Name clients call", draft, f"{sv}.discovery_name", hint="port name")
        )
        fields.append(text_field("Port clients call", draft, f"{sv}.port", "int", "container port"))
    return fields
