"""Keyboard-driven journeys through the whole wizard (Pilot, 80x24)."""

from __future__ import annotations

import base64
import copy
import json
import subprocess
from pathlib import Path

import pytest
import yaml

from ecs_wizard.app import WizardApp
from ecs_wizard.model.draft import DraftStore
from ecs_wizard.screens.alb import AlbScreen
from ecs_wizard.screens.cluster import ClusterScreen
from ecs_wizard.screens.project import ProjectScreen
from ecs_wizard.screens.review import ReviewScreen
from ecs_wizard.screens.routing import RoutingScreen
from ecs_wizard.screens.services import ServicesScreen
from ecs_wizard.screens.widgets.field import Field
from ecs_wizard.screens.widgets.ids import path_id
from ecs_wizard.validation import validate_data
from tests.answers_fixtures import PRIVATE_SUBNETS, PUBLIC_SUBNETS, VPC_ID, network
from tests.conftest import write_offline_override
from tests.tui.helpers import SIZE, choose, focus, next_step, toggle, type_field, type_input

VPC = VPC_ID
PUBLIC = ", ".join(PUBLIC_SUBNETS)  # typed as a comma-separated list
PRIVATE = ", ".join(PRIVATE_SUBNETS)


@pytest.fixture(autouse=True)
def state_dir(tmp_path, monkeypatch):
    path = tmp_path / "state"
    monkeypatch.setenv("ECS_WIZARD_STATE_DIR", str(path))
    return path


async def fill_project(pilot, name="shop"):
    assert isinstance(pilot.app.screen, ProjectScreen)
    await type_field(pilot, "project.name", name)
    await type_field(pilot, "project.region", "eu-west-1")
    await type_field(pilot, "project.tags", "team=platform")
    await type_field(pilot, "network.vpc_id", VPC)
    await type_field(pilot, "network.public_subnet_ids", PUBLIC)
    await type_field(pilot, "network.private_subnet_ids", PRIVATE)
    await next_step(pilot)


async def export(pilot, out: Path) -> None:
    app = pilot.app
    assert isinstance(app.screen, ReviewScreen)
    await app.workers.wait_for_complete()
    await pilot.pause()
    await type_input(pilot, "#export-dir", str(out))
    await pilot.press("f5")
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()


def terraform_validate(tf, out: Path, tmp_path: Path) -> dict:
    """`terraform validate` on a copy of the export; returns the root variables as Terraform
    reads them from the exported terraform.tfvars (through `terraform console`)."""
    import shutil

    work = tmp_path / "tfcheck"
    shutil.copytree(out, work)
    write_offline_override(work)
    tf.init(work)
    tf.run(work, "validate", "-no-color")
    return tfvars_seen_by_terraform(tf, work)


ROOT_VARIABLES = ("project", "network", "cluster", "services", "alb", "routing")


def tfvars_seen_by_terraform(tf, work: Path) -> dict:
    # base64 keeps the JSON clear of the console's HCL string escaping
    pairs = ", ".join(f"{v} = var.{v}" for v in ROOT_VARIABLES)
    expr = f"base64encode(jsonencode({{{pairs}}}))"
    proc = subprocess.run(
        [str(tf.binary), "console"],
        cwd=work,
        env=tf.env,
        input=expr + "\n",
        capture_output=True,
        text=True,
        timeout=300,
    )
    out = proc.stdout.strip()
    assert proc.returncode == 0 and out.startswith('"'), f"terraform console: {out}{proc.stderr}"
    return json.loads(base64.b64decode(out.strip('"')))


@pytest.mark.terraform
async def test_fargate_two_services_https_with_host_and_path_rules(tmp_path, tf):
    app = WizardApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await fill_project(pilot)

        # cluster: add Fargate Spot next to Fargate
        assert isinstance(app.screen, ClusterScreen)
        await toggle(pilot, "#f-cluster-capacity-fargate_spot", True)
        await type_field(pilot, "cluster.capacity.fargate_spot.weight", "3")
        await next_step(pilot)

        # services: web (already there) + api
        assert isinstance(app.screen, ServicesScreen)
        await type_field(
            pilot, "services[0].containers[0].image", "public.ecr.aws/nginx/nginx:1.27"
        )
        await type_field(pilot, "services[0].load_balancer.health_check.path", "/healthz")
        await pilot.press("f2")
        await pilot.pause()
        await type_field(pilot, "services[1].name", "api")
        await choose(pilot, "#f-services-1--cpu", "512/1024")
        await type_field(pilot, "services[1].containers[0].name", "api")
        await type_field(
            pilot,
            "services[1].containers[0].image",
            "123456789012.dkr.ecr.eu-west-1.amazonaws.com/api:1.4.2",
        )
        await type_field(pilot, "services[1].containers[0].port", "8080")
        await next_step(pilot)

        # ALB: HTTPS with a new certificate, redirect
        assert isinstance(app.screen, AlbScreen), app.errors
        await toggle(pilot, "#f-alb-https", True)
        await type_input(pilot, "#cert-domain", "example.com")
        await type_input(pilot, "#cert-sans", "*.example.com")
        await choose(pilot, "#f-alb-http-redirect_to_https", True)
        await next_step(pilot)

        # routing: host rule for api, path rule for web
        assert isinstance(app.screen, RoutingScreen), app.errors
        await pilot.press("f2")
        await pilot.pause()
        await type_field(pilot, "routing[0].name", "api")
        await choose(pilot, "#f-routing-0--service", "api")
        await type_field(pilot, "routing[0].hosts", "api.example.com")
        await type_field(pilot, "routing[0].paths", "/v1/*")
        await pilot.press("f2")
        await pilot.pause()
        await type_field(pilot, "routing[1].name", "admin")
        await type_field(pilot, "routing[1].paths", "/admin/*")
        await next_step(pilot)

        out = tmp_path / "out"
        await export(pilot, out)
        draft = app.draft

    result = validate_data(draft)
    assert result.ok, result.errors
    a = result.answers
    assert [s.name for s in a.services] == ["web", "api"]
    assert (a.services[1].cpu, a.services[1].memory) == (512, 1024)
    assert a.services[1].load_balancer.container == "api"
    assert a.services[0].load_balancer.health_check.path == "/healthz"
    assert a.cluster.capacity.fargate_spot.weight == 3
    assert a.alb.https.certificates[0].domain == "example.com"
    assert a.alb.https.certificates[0].subject_alternative_names == ["*.example.com"]
    assert a.alb.http.redirect_to_https is True
    rules = [(r.name, r.priority, r.service, r.hosts, r.paths) for r in a.routing]
    assert rules == [
        ("api", 10, "api", ["api.example.com"], ["/v1/*"]),
        ("admin", 20, "web", [], ["/admin/*"]),
    ]
    assert a.project.tags == {"team": "platform"}
    # exported, valid Terraform; the autosave is gone once exported
    assert (out / "main.tf").is_file() and (out / "terraform.tfvars").is_file()
    assert yaml.safe_load((out / "answers.yaml").read_text())["project"]["name"] == "shop"
    assert not DraftStore().exists()
    tfvars = terraform_validate(tf, out, tmp_path)
    # what was typed reaches terraform.tfvars, as terraform reads it
    assert tfvars["project"] == {
        "name": "shop",
        "environment": "prod",
        "region": "eu-west-1",
        "tags": {"team": "platform"},
        "account_id": None,  # optional in the root variable: Terraform fills in null
    }
    assert tfvars["network"] == {
        "vpc_id": VPC,
        "public_subnet_ids": list(PUBLIC_SUBNETS),
        "private_subnet_ids": list(PRIVATE_SUBNETS),
    }
    capacity = tfvars["cluster"]["capacity"]
    assert capacity["fargate_spot"]["weight"] == 3 and capacity["ec2"] is None
    web, api = tfvars["services"]
    assert web["name"] == "web"
    assert web["containers"][0]["image"] == "public.ecr.aws/nginx/nginx:1.27"
    assert web["load_balancer"]["health_check"]["path"] == "/healthz"
    assert (api["name"], api["cpu"], api["memory"]) == ("api", 512, 1024)
    [api_container] = api["containers"]
    assert (api_container["name"], api_container["port"]) == ("api", 8080)
    assert api_container["image"] == "123456789012.dkr.ecr.eu-west-1.amazonaws.com/api:1.4.2"
    assert api["load_balancer"]["container"] == "api"
    [cert] = tfvars["alb"]["https"]["certificates"]
    assert (cert["domain"], cert["subject_alternative_names"]) == (
        "example.com",
        ["*.example.com"],
    )
    assert cert["arn"] is None and cert["route53_zone_id"] is None
    assert tfvars["alb"]["http"]["redirect_to_https"] is True
    assert tfvars["alb"]["default_action"]["forward"] == "web"
    keys = ("name", "priority", "service", "hosts", "paths")
    assert [tuple(r[k] for k in keys) for r in tfvars["routing"]] == [
        ("api", 10, "api", ["api.example.com"], ["/v1/*"]),
        ("admin", 20, "web", [], ["/admin/*"]),
    ]


@pytest.mark.terraform
async def test_ec2_capacity_setup(tmp_path, tf):
    app = WizardApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await fill_project(pilot, "batch")
        assert isinstance(app.screen, ClusterScreen)
        await toggle(pilot, "#f-cluster-capacity-fargate", False)
        await toggle(pilot, "#f-cluster-capacity-ec2", True)
        await choose(pilot, "#f-cluster-capacity-ec2-instance_type", "m6i.xlarge")
        await type_field(pilot, "cluster.capacity.ec2.max_size", "1")
        await next_step(pilot)
        assert isinstance(app.screen, ServicesScreen)
        await type_field(
            pilot, "services[0].containers[0].image", "public.ecr.aws/nginx/nginx:1.27"
        )
        await choose(pilot, "#f-services-0--cpu", "2048/8192")
        await type_field(pilot, "services[0].desired_count", "3")
        await pilot.press("ctrl+b")
        await pilot.pause()
        # sizing: 3 tasks of 2 vCPU / 8 GiB: one per m6i.xlarge (memory-bound); max 1 is too small
        sizing = str(app.screen.query_one("#sizing").render())
        assert "need 3 m6i.xlarge" in sizing and "max_size is 1" in sizing
        await type_field(pilot, "cluster.capacity.ec2.max_size", "4")
        assert "max_size is" not in str(app.screen.query_one("#sizing").render())
        await next_step(pilot)
        await next_step(pilot)
        await next_step(pilot)
        await next_step(pilot)
        out = tmp_path / "ec2"
        await export(pilot, out)
        draft = app.draft
    result = validate_data(draft)
    assert result.ok, result.errors
    ec2 = result.answers.cluster.capacity.ec2
    assert (ec2.instance_type, ec2.max_size) == ("m6i.xlarge", 4)
    assert result.answers.cluster.capacity.fargate is None
    assert (out / "main.tf").is_file()
    tfvars = terraform_validate(tf, out, tmp_path)
    capacity = tfvars["cluster"]["capacity"]
    assert capacity["fargate"] is None
    assert capacity["ec2"]["instance_type"] == "m6i.xlarge"
    assert capacity["ec2"]["max_size"] == 4
    [svc] = tfvars["services"]
    assert (svc["cpu"], svc["memory"], svc["desired_count"]) == (2048, 8192, 3)
    assert svc["containers"][0]["image"] == "public.ecr.aws/nginx/nginx:1.27"
    assert tfvars["project"]["name"] == "batch"


async def test_errors_block_the_step_but_back_is_allowed():
    app = WizardApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await type_field(pilot, "project.name", "Bad_Name")
        await next_step(pilot)
        assert isinstance(app.screen, ProjectScreen)  # blocked
        name_input = app.screen.query_one("#f-project-name")
        field = next(f for f in app.screen.query(Field) if f.widget is name_input)
        assert field.has_class("-invalid")
        shown = str(field.query_one(".field-error").render())
        expected = next(e for e in app.errors if e.path == "project.name")
        assert expected.message in shown  # the same message `ecs-wizard validate` prints
        assert app.focused.id == "f-project-name"
        await type_field(pilot, "project.name", "shop")
        assert not field.has_class("-invalid")
        await type_field(pilot, "network.vpc_id", VPC)
        await type_field(pilot, "network.public_subnet_ids", PUBLIC)
        await type_field(pilot, "network.private_subnet_ids", PRIVATE)
        await next_step(pilot)
        assert isinstance(app.screen, ClusterScreen)
        await next_step(pilot)
        assert isinstance(app.screen, ServicesScreen)
        await next_step(pilot)  # the image is still missing
        assert isinstance(app.screen, ServicesScreen)
        await type_field(pilot, "services[0].containers[0].port", "99999")
        await pilot.press("ctrl+b")  # back always works, even with errors
        await pilot.pause()
        assert isinstance(app.screen, ClusterScreen)
        await pilot.press("ctrl+n")
        await pilot.pause()
        # nothing typed was lost
        assert app.screen.query_one("#f-services-0--containers-0--port").value == "99999"
        assert app.draft["services"][0]["containers"][0]["port"] == 99999


async def test_edit_existing_answers_file(tmp_path):
    from ecs_wizard.commands._common import load_for_edit

    answers = tmp_path / "answers.yaml"
    answers.write_text(
        yaml.safe_dump(
            {
                "version": 1,
                "project": {"name": "shop", "environment": "staging", "region": "eu-west-1"},
                "network": network(),
                "services": [
                    {
                        "name": "web",
                        "containers": [{"name": "web", "image": "nginx:1.27", "port": 80}],
                        "load_balancer": {"container": "web"},
                    }
                ],
            },
            sort_keys=False,
        )
    )
    data, source = load_for_edit(str(tmp_path))  # a directory holding answers.yaml works too
    assert source == tmp_path
    data, source = load_for_edit(str(answers))
    app = WizardApp(data, source=source)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.screen.query_one("#f-project-environment").value == "staging"
        await type_field(pilot, "project.environment", "prod")
        await next_step(pilot)
        await next_step(pilot)
        assert isinstance(app.screen, ServicesScreen)
        await type_field(pilot, "services[0].name", "frontend")
        await pilot.press("ctrl+s")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert not app.dirty
    saved = yaml.safe_load(answers.read_text())
    assert saved["project"]["environment"] == "prod"
    assert saved["services"][0]["name"] == "frontend"
    # the default action followed the rename
    assert validate_data(saved).ok


async def test_edit_rejects_malformed_yaml(tmp_path):
    from ecs_wizard.commands._common import load_for_edit

    bad = tmp_path / "a.yaml"
    bad.write_text("project:\n  name: a\n  name: b\n")
    with pytest.raises(ValueError, match=r"a\.yaml"):
        load_for_edit(str(bad))


async def test_resume_from_autosave(state_dir):
    app = WizardApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await type_field(pilot, "project.name", "resumed")
        await type_field(pilot, "network.vpc_id", VPC)
        await app.workers.wait_for_complete()
    assert DraftStore().exists()

    app = WizardApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "Resume" in str(app.screen.query_one("#dialog-title").render())
        await pilot.press("enter")  # "Resume" has the focus
        await pilot.pause()
        await pilot.pause()
        assert app.draft["project"]["name"] == "resumed"
        assert app.screen.query_one("#f-project-name").value == "resumed"
        assert app.screen.query_one("#f-network-vpc_id").value == VPC


async def test_quit_asks_before_discarding(state_dir):
    app = WizardApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await type_field(pilot, "project.name", "x")
        await pilot.press("ctrl+c")
        await pilot.pause()
        assert "Quit" in str(app.screen.query_one("#dialog-title").render())
        await pilot.press("escape")  # cancel
        await pilot.pause()
        assert isinstance(app.screen, ProjectScreen)
        await pilot.press("ctrl+q")
        await pilot.pause()
        await focus(pilot, "#choice-discard")
        await pilot.press("enter")
        await pilot.pause()
    assert app.return_code == 0
    assert not DraftStore().exists()


async def test_help_screen_and_resize():
    app = WizardApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("f1")
        await pilot.pause()
        assert type(app.screen).__name__ == "HelpScreen"
        await pilot.press("escape")
        await pilot.pause()
        await pilot.resize_terminal(60, 20)
        await pilot.pause()
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        assert isinstance(app.screen, ProjectScreen)


def exported_tfvars(out: Path) -> dict:
    """The exported terraform.tfvars, read as Terraform reads literal values (python-hcl2)."""
    from ecs_wizard.rendering import hcl

    return hcl.loads_tfvars((out / "terraform.tfvars").read_text(encoding="utf-8"))


def assert_tfvars_carry_draft(tfvars: dict) -> None:
    """What the journey started from (test_snapshots.DRAFT) reaches terraform.tfvars, stated
    value by value, not by rendering the draft again."""
    assert tfvars["project"]["name"] == "shop"
    assert tfvars["project"]["environment"] == "prod"
    assert tfvars["project"]["region"] == "eu-west-1"
    assert tfvars["project"]["tags"] == {"team": "platform"}
    assert tfvars["network"]["vpc_id"] == VPC
    assert tfvars["network"]["public_subnet_ids"] == list(PUBLIC_SUBNETS)
    assert tfvars["network"]["private_subnet_ids"] == list(PRIVATE_SUBNETS)
    capacity = tfvars["cluster"]["capacity"]
    assert capacity["fargate"]["weight"] == 1 and capacity["fargate"]["base"] == 1
    assert capacity["ec2"]["instance_type"] == "m6i.large"
    assert (capacity["ec2"]["min_size"], capacity["ec2"]["max_size"]) == (1, 2)
    web, api = tfvars["services"]
    assert (web["name"], web["cpu"], web["memory"]) == ("web", 512, 1024)
    autoscaling = web["autoscaling"]  # with the cooldowns' defaults
    assert (autoscaling["min"], autoscaling["max"], autoscaling["cpu_percent"]) == (2, 6, 60)
    [web_c] = web["containers"]
    assert web_c["image"] == "public.ecr.aws/nginx/nginx:1.27" and web_c["port"] == 80
    assert web_c["environment"] == {"LOG_LEVEL": "info"}
    assert web["load_balancer"]["health_check"]["path"] == "/healthz"
    assert (api["name"], api["cpu"], api["memory"], api["capacity"]) == (
        "api", 1024, 2048, ["ec2"]
    )  # fmt: skip
    assert api["containers"][0]["port"] == 8080
    assert tfvars["alb"]["http"]["redirect_to_https"] is True
    [cert] = tfvars["alb"]["https"]["certificates"]
    assert cert["domain"] == "example.com"
    assert cert["subject_alternative_names"] == ["*.example.com"]
    assert tfvars["alb"]["default_action"]["forward"] == "web"
    keys = ("name", "priority", "service", "hosts", "paths", "source_ips")
    assert [tuple(r[k] for k in keys) for r in tfvars["routing"]] == [
        ("api", 10, "api", ["api.example.com"], ["/v1/*"], []),
        ("admin", 20, "web", [], ["/admin/*"], ["10.0.0.0/8"]),
    ]


async def test_export_conflict_asks_then_overwrites_with_backup(tmp_path):
    """Overwrite replaces the hand-edited files the render changes (with a backup and a diff
    shown first) and keeps a hand edit in a file whose rendered content did not change."""
    from tests.tui.test_snapshots import DRAFT

    out = tmp_path / "proj"
    app = WizardApp(copy.deepcopy(DRAFT), start_step=5)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await export(pilot, out)
        assert app.exported_to == out and not app.dirty
        first = exported_tfvars(out)
        assert_tfvars_carry_draft(first)
        assert first["services"][0]["desired_count"] == 2
        main_tf, tfvars = out / "main.tf", out / "terraform.tfvars"
        main_tf.write_text(main_tf.read_text() + "\n# my hand edit\n")
        tfvars.write_text(tfvars.read_text() + "\n# my tfvars edit\n")
        app.update_draft("services[0].desired_count", 5)  # the tfvars render changes
        await pilot.press("f5")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.pause()
        dialog_title = str(app.screen.query_one("#dialog-title").render())
        assert "edited" in dialog_title
        body = str(app.screen.query_one("#dialog-body").render())
        assert "terraform.tfvars" in body
        assert "- main.tf" not in body and "main.tf are kept" in body
        diff = "".join(w.diff_text for w in app.screen.query("DiffView"))
        assert "-# my tfvars edit" in diff and "desired_count" in diff
        await pilot.press("enter")  # "Cancel" has the focus: nothing is written
        await pilot.pause()
        assert "# my tfvars edit" in tfvars.read_text()
        assert exported_tfvars(out)["services"][0]["desired_count"] == 2  # the old answers
        await pilot.press("f5")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.pause()
        await focus(pilot, "#choice-overwrite")
        await pilot.press("enter")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
    assert "# my tfvars edit" not in tfvars.read_text()
    assert "# my hand edit" in main_tf.read_text()  # the render did not change main.tf
    backups = [p for p in out.rglob("terraform.tfvars") if p != tfvars]
    assert any("# my tfvars edit" in p.read_text() for p in backups)
    # the overwrite wrote the current answers: the change, and everything else as entered
    second = exported_tfvars(out)
    assert second["services"][0]["desired_count"] == 5
    assert_tfvars_carry_draft(second)
    assert {k: v for k, v in second.items() if k != "services"} == {
        k: v for k, v in first.items() if k != "services"
    }


async def test_a_private_only_vpc_passes_the_network_step_with_an_internal_alb():
    """No public subnets: the step is blocked until the load balancer is made internal, which
    the network step offers itself (the ALB step, where the same box is, cannot be reached
    while this step has errors)."""
    app = WizardApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await type_field(pilot, "project.name", "shop")
        await type_field(pilot, "network.vpc_id", VPC)
        await type_field(pilot, "network.private_subnet_ids", PRIVATE)
        await next_step(pilot)
        assert isinstance(app.screen, ProjectScreen)  # two public subnets are still asked for
        assert any(e.path == "network.public_subnet_ids" for e in app.errors)
        await toggle(pilot, "#" + path_id("alb.internal"), True)
        await next_step(pilot)
        assert isinstance(app.screen, ClusterScreen)
        assert app.draft["alb"]["internal"] is True
        assert not app.draft["network"].get("public_subnet_ids")
