"""The wizard names a field as its form does (#11): "Service web › Desired count", never a
YAML path or key, never "placeholder1", never an empty fix. field_labels.LABELS must say
what the step screens' fields say: every field of every step is compared with it."""

from __future__ import annotations

import copy
import re
from pathlib import Path

import pytest
import yaml
from textual.widgets import Static

from ecs_wizard.app import WizardApp
from ecs_wizard.model.draft import DraftStore
from ecs_wizard.screens.widgets.field import Field
from ecs_wizard.ui.field_labels import label_of, where, wizard_issue_text
from ecs_wizard.validation.issues import Issue
from ecs_wizard.validation.lenient import validate_draft
from tests.tui.helpers import SIZE

EXAMPLES = Path(__file__).resolve().parents[2] / "ecs_wizard" / "examples"
YAML_PATH = re.compile(r"\b(?:services|routing)\[\d+\]|\b(?:alb|network|project|cluster)\.\w+")


@pytest.fixture(autouse=True)
def _state(tmp_path, monkeypatch):
    monkeypatch.setenv("ECS_WIZARD_STATE_DIR", str(tmp_path / "state"))


def _rich_draft() -> dict:
    """Every optional block on, so every field of every step is shown."""
    draft = yaml.safe_load((EXAMPLES / "full.yaml").read_text(encoding="utf-8"))
    capacity = draft.setdefault("cluster", {}).setdefault("capacity", {})
    capacity.setdefault("fargate", {"weight": 1})
    capacity.setdefault("fargate_spot", {"weight": 1})
    capacity.setdefault("ec2", {"instance_type": "m6i.large", "max_size": 2})
    draft["alb"]["default_action"] = {"fixed_response": {"status_code": 404}}
    for svc in draft["services"]:
        svc.setdefault("autoscaling", {"min": 1, "max": 3})
    return draft


@pytest.mark.parametrize("step", [0, 1, 2, 3, 4])
async def test_labels_table_says_what_the_form_says(tmp_path, step):
    app = WizardApp(_rich_draft(), store=DraftStore(tmp_path / "state"), start_step=step)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        checked = 0
        for fld in app.screen.query(Field):
            path = fld.paths[0] if fld.paths else ""
            if not path or path == "-":
                continue
            assert label_of(path) is not None, path
            assert label_of(path).strip() == fld.label.strip(), path
            checked += 1
        assert checked >= 4


def _bad_draft() -> dict:
    draft = yaml.safe_load((EXAMPLES / "minimal.yaml").read_text(encoding="utf-8"))
    del draft["network"]["vpc_id"]
    draft["project"]["name"] = "Bad_Name"
    web = draft["services"][0]
    web["desired_count"] = -1
    web["containers"][0]["port"] = "eighty"
    web["containers"].append({"name": ""})  # a name still to type: no "placeholder1"
    draft["alb"] = {"http": {"redirect_to_https": True}}
    draft["routing"] = [{"name": "api", "priority": 0, "service": "nope", "paths": ["/a"]}]
    return draft


def test_every_wizard_issue_is_in_form_words_with_a_fix():
    draft = _bad_draft()
    errors, warnings = validate_draft(draft)
    assert len(errors) >= 6
    for issue in [*errors, *warnings]:
        text = wizard_issue_text(issue, draft)
        _where, _, rest = text.partition(": ")
        _message, _, fix = rest.rpartition(" — ")
        assert not YAML_PATH.search(text), text
        assert "placeholder" not in text and "`vpc_id" not in text, text
        assert fix.strip(), text
    texts = {i.path: wizard_issue_text(i, draft) for i in errors}
    assert texts["network.vpc_id"].startswith("Network › VPC id: ")
    assert "fill in “VPC id”" in texts["network.vpc_id"]
    assert texts["services[0].desired_count"].startswith("Service web › Desired count: ")
    assert texts["services[0].containers[0].port"].startswith("Service web › Container web › Port")
    assert texts["routing[0].priority"].startswith("Rule api › Priority: ")
    assert "set “Redirect to HTTPS” to no" in texts["alb.http.redirect_to_https"]


def test_an_issue_without_a_fix_says_which_field_to_change():
    issue = Issue("services[0].containers[0].image", "is not an image reference", "")
    draft = {"services": [{"name": "web", "containers": [{"name": "app"}]}]}
    text = wizard_issue_text(issue, draft)
    assert text == (
        "Service web › Container app › Image: is not an image reference — change “Image”"
    )


async def test_panel_fields_and_next_speak_the_forms_words(tmp_path):
    draft = _bad_draft()
    app = WizardApp(copy.deepcopy(draft), store=DraftStore(tmp_path / "state"), start_step=2)
    notes: list[str] = []
    async with app.run_test(size=SIZE) as pilot:
        app.notify = lambda message, **kw: notes.append(str(message))  # type: ignore[method-assign]
        await pilot.pause()
        app.ensure_validated()
        await pilot.pause()
        panel = str(app.screen.query_one("#issues", Static).render())
        assert "Service web › " in panel, panel
        assert not YAML_PATH.search(panel), panel
        inline = [str(s.render()) for s in app.screen.query(".field-error")]
        assert inline and not any(YAML_PATH.search(t) or "`port`" in t for t in inline)
        await pilot.press("ctrl+n")
        await pilot.pause()
    assert notes and "Service web › " in notes[-1], notes
    assert not YAML_PATH.search(notes[-1]), notes[-1]


@pytest.mark.parametrize(
    ("path", "label"),
    [
        ("services[0].secrets_kms_key_arns", "Secrets KMS keys"),
        ("services[1].deployment.wait_for_steady_state", "Wait for steady state"),
        ("alb.access_logs.create_bucket", "create the bucket"),
        ("alb.https.certificates[0].zones", "zones of other names"),
    ],
)
def test_fields_added_by_other_steps_have_their_labels(path, label):
    """Fields that came with the day-2 work, after the label table: an issue on them names
    the field, not only its section."""
    assert label_of(path) == label
    assert where(path).endswith(label)


def test_the_service_connect_namespace_is_placed_under_services():
    assert where("service_connect.namespace") == "Services › Namespace (project)"
