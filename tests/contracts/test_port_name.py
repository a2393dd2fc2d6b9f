"""The default name of a container's port mapping is stated once in Python
(`naming.port_name`, used by the validation, the wizard, the prompt and the Copilot import)
and once in the root module; the two must agree, or a Service Connect server would name a
port the task definition does not have."""

from __future__ import annotations

from pathlib import Path

from ecs_wizard.aws import naming

ROOT_MAIN = Path(__file__).resolve().parents[2] / "ecs_wizard" / "root" / "main.tf"
TF_EXPRESSION = 'coalesce(c.port_name, "${substr(lower(c.name), 0, 50)}-${c.port}")'


def test_the_root_module_names_ports_with_the_same_expression_everywhere():
    text = ROOT_MAIN.read_text(encoding="utf-8")
    # the task definition's port mappings and the Service Connect ingress both use it
    assert text.count(TF_EXPRESSION) == 2


def test_python_follows_the_expression():
    assert naming.port_name("Web", 80) == "web-80"  # lower()
    assert naming.port_name("x" * 60, 8080) == "x" * 50 + "-8080"  # substr(..., 0, 50)
    assert naming.port_name("web", 80, "http") == "http"  # coalesce: the answer wins
    assert naming.port_name("web", 80, "") == "web-80"  # coalesce skips "" too


def test_draft_port_names_skip_what_has_no_port():
    service = {
        "containers": [
            {"name": "Web", "port": 80},
            {"name": "log-router"},
            {"name": "api", "port": 8080, "port_name": "http"},
            {"name": "bad", "port": "80"},  # not yet a number in the draft
            "junk",
        ]
    }
    assert naming.draft_port_names(service) == ["web-80", "http"]
    assert naming.draft_port_names({}) == []
