from ecs_wizard.model.draft import DraftStore, default_draft, duplicate_service
from ecs_wizard.model.paths import get_path, parse_path, set_path
from ecs_wizard.model.paths import is_under as issue_matches
from tests.answers_fixtures import network


def test_paths_round_trip():
    assert parse_path("services[1].containers[0].port") == ["services", 1, "containers", 0, "port"]
    data = {"services": [{"name": "a", "containers": [{"port": 80}]}]}
    assert get_path(data, "services[0].containers[0].port") == 80
    assert get_path(data, "services[3].name", "x") == "x"
    set_path(data, "services[0].containers[0].port", 8080)
    set_path(data, "services[0].load_balancer.health_check.path", "/h")
    assert data["services"][0]["load_balancer"] == {"health_check": {"path": "/h"}}
    set_path(data, "services[0].load_balancer.health_check.path", None)
    assert "load_balancer" not in data["services"][0]  # empty parents pruned
    set_path(data, "project.name", None)  # deleting something absent is a no-op
    assert "project" not in data


def test_issue_matches():
    assert issue_matches("services[0].cpu", "services")
    assert issue_matches("services", "services")
    assert not issue_matches("services_x", "services")
    assert issue_matches("anything", "")


def test_store_round_trip(tmp_path, monkeypatch):
    monkeypatch.setenv("ECS_WIZARD_STATE_DIR", str(tmp_path / "state"))
    store = DraftStore()
    assert not store.exists() and store.load() is None
    draft = default_draft()
    draft["project"]["name"] = "shop"
    store.save(draft, source="/x/answers.yaml", step=2)
    text = store.slot_path("/x/answers.yaml").read_text()
    assert text.startswith("version: 1\n")
    assert store.load() is None  # the new project's slot is another one
    loaded, meta = store.load("/x/answers.yaml")
    assert loaded == draft
    assert meta["source"] == "/x/answers.yaml" and meta["step"] == 2
    assert meta["project"] == "shop" and meta["saved_at"]
    store.clear("/x/answers.yaml")
    assert not store.exists()


def test_store_ignores_garbage(tmp_path):
    store = DraftStore(tmp_path)
    store.path.parent.mkdir()
    store.path.write_text("- not a mapping\n")
    assert store.load() is None


def test_duplicate_service_gets_unique_name():
    svc = {"name": "web", "containers": [{"name": "web"}]}
    dup = duplicate_service(svc, {"web", "web-copy"})
    assert dup["name"] == "web-copy-2"
    dup["containers"][0]["name"] = "changed"
    assert svc["containers"][0]["name"] == "web"


def test_validate_draft_reports_rule_errors_before_the_draft_parses():
    from ecs_wizard.validation import validate_data, validate_draft

    draft = default_draft()
    draft["project"]["name"] = "Bad_Name"
    assert validate_data(draft).answers is None  # a required field is still missing
    errors, _ = validate_draft(draft)
    paths = [e.path for e in errors]
    assert "network.vpc_id" in paths  # the structural error
    assert "project.name" in paths  # and the rule error, same message as the validator's
    fixed = default_draft()
    fixed["project"]["name"] = "Bad_Name"
    fixed["network"] = network()
    fixed["services"][0]["containers"][0]["image"] = "nginx:1.27"
    direct = {(e.path, e.message) for e in validate_data(fixed).errors}
    assert ("project.name", next(e.message for e in errors if e.path == "project.name")) in direct
    assert not any("placeholder" in e.message for e in errors)
