"""Rendering and import without Terraform: determinism, safety, round trips, the CLI."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from ecs_wizard import render
from ecs_wizard.aws import naming
from ecs_wizard.cli import main
from ecs_wizard.model.answers import Answers
from ecs_wizard.model.yamlio import dump_answers, load_answers_file
from ecs_wizard.rendering import hcl, tfimport

from .strategies import valid_answers

EXAMPLES = Path(render.PACKAGE_DIR / "examples")


def load_example(name: str) -> Answers:
    return Answers.model_validate(load_answers_file(EXAMPLES / f"{name}.yaml"))


def in_tfvars(a: Answers) -> dict:
    """What terraform.tfvars carries of `a`: everything but `validation` (render.tfvars_data)."""
    data = a.to_data(resolved=True)
    data.pop("validation", None)
    return data


@pytest.mark.parametrize("name", ["full", "minimal", "ec2"])
def test_render_is_deterministic_and_complete(name: str) -> None:
    a = load_example(name)
    files = render.render_files(a)
    assert files == render.render_files(load_example(name))
    for required in ("versions.tf", "main.tf", "wiring.tf", "variables.tf", "outputs.tf"):
        assert required in files
    assert files["answers.yaml"] == dump_answers(a)
    for module in render.MODULE_NAMES:
        assert f"modules/{module}/main.tf" in files
        assert f"modules/{module}/variables.tf" in files
    assert not any("/tests/" in p or p.startswith(".terraform/") for p in files)


@pytest.mark.parametrize("name", ["full", "minimal", "ec2"])
def test_every_tf_file_parses(name: str) -> None:
    import hcl2

    for path, text in render.render_files(load_example(name)).items():
        if path.endswith(".tf"):
            hcl2.loads(text)  # raises on a syntax error


def test_wiring_lists_literal_keys_for_lb_services_and_rules() -> None:
    a = load_example("full")
    wiring = render.wiring_tf(a)
    for s in a.lb_services():
        assert f'module.service["{s.name}"].target_group_arn' in wiring
    assert 'module.service["worker"]' not in wiring  # the worker has no target group
    for r in a.routing:
        assert f'module.rule["{r.name}"].arn' in wiring


@pytest.mark.parametrize("name", ["full", "minimal", "ec2"])
def test_import_round_trip(name: str, tmp_path: Path) -> None:
    a = load_example(name)
    render.write_project(a, tmp_path)
    data = tfimport.import_tfvars(tmp_path)
    assert Answers.model_validate(data).to_data() == in_tfvars(a)


@given(valid_answers())
@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])  # count: profile
def test_random_answers_round_trip_through_tfvars(data: dict) -> None:
    a = Answers.model_validate(data)
    text = render.render_files(a)[render.TFVARS_FILE]
    back = Answers.model_validate(tfimport.tfvars_to_data(text))
    assert back.to_data(resolved=True) == a.to_data(resolved=True)  # tfvars: values resolved


def test_hand_edit_of_tfvars_comes_back_in_the_answers(tmp_path: Path) -> None:
    render.write_project(load_example("full"), tmp_path)
    tfvars = tmp_path / render.TFVARS_FILE
    values = hcl.loads_tfvars(tfvars.read_text())
    values["services"][1]["desired_count"] = 7
    tfvars.write_text(hcl.dumps(values))
    imported = Answers.model_validate(tfimport.import_tfvars(tfvars))
    assert imported.services[1].desired_count == 7


def test_import_rejects_expressions_with_a_clear_message(tmp_path: Path) -> None:
    (tmp_path / "terraform.tfvars").write_text("project = { name = var.x }\n")
    with pytest.raises(tfimport.ImportError_, match="literal"):
        tfimport.import_tfvars(tmp_path)
    (tmp_path / "terraform.tfvars").write_text("project = {\n")
    with pytest.raises(tfimport.ImportError_, match="not valid HCL"):
        tfimport.import_tfvars(tmp_path)
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(tfimport.ImportError_, match=r"has no terraform\.tfvars"):
        tfimport.import_tfvars(empty)
    with pytest.raises(tfimport.ImportError_, match="does not exist"):
        tfimport.import_tfvars(tmp_path / "missing.tfvars")


def test_hcl_names_match_python_naming() -> None:
    """main.tf recomputes ALB / target-group names; its formula must mirror naming.py."""
    main_tf = (render.ROOT_TEMPLATE_DIR / "main.tf").read_text()
    assert "substr(local.alb_name_full, 0, 25)" in main_tf  # 32 - 6 hex - 1 hyphen
    assert f"length(full) <= {naming.TARGET_GROUP_BASE_MAX}" in main_tf
    assert "substr(full, 0, 20)" in main_tf  # 27 - 6 - 1
    assert naming.HASH_LEN == 6


# -- CLI ------------------------------------------------------------------------------------


def write_answers(path: Path, data: dict) -> Path:
    path.write_text(dump_answers(data))
    return path


def test_cli_render_writes_and_rerender_protects_edits(tmp_path: Path, capsys) -> None:
    out = tmp_path / "infra"
    answers = EXAMPLES / "minimal.yaml"
    assert main(["render", str(answers), "-o", str(out), "-q"]) == 0
    assert (out / "terraform.tfvars").is_file()

    (out / "main.tf").write_text((out / "main.tf").read_text() + "# my change\n")
    assert main(["render", str(answers), "-o", str(out), "-q"]) == 1
    err = capsys.readouterr().err
    assert "main.tf" in err and "--force" in err
    assert (out / "main.tf").read_text().endswith("# my change\n")

    assert main(["render", str(answers), "-o", str(out), "-q", "--force"]) == 0
    backups = list((out / ".ecs-wizard" / "backups").rglob("main.tf"))
    assert len(backups) == 1 and backups[0].read_text().endswith("# my change\n")
    assert not (out / "main.tf").read_text().endswith("# my change\n")


def test_cli_render_invalid_answers_writes_nothing(tmp_path: Path, capsys) -> None:
    data = load_answers_file(EXAMPLES / "minimal.yaml")
    data["services"][0]["containers"][0]["port"] = 70000
    answers = write_answers(tmp_path / "a.yaml", data)
    out = tmp_path / "infra"
    assert main(["render", str(answers), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert "services[0].containers[0].port" in err and "Nothing was written" in err
    assert not out.exists()


def test_names_from_answers_never_become_paths(tmp_path: Path, capsys) -> None:
    data = load_answers_file(EXAMPLES / "minimal.yaml")
    data["services"][0]["name"] = "../../escape"
    data["project"]["name"] = "../x"
    answers = write_answers(tmp_path / "a.yaml", data)
    assert main(["render", str(answers), "-o", str(tmp_path / "out")]) == 1
    assert not (tmp_path / "out").exists() and not (tmp_path.parent / "escape").exists()
    # And a valid render only ever writes the fixed set of paths, whatever the names are.
    a = load_example("full")
    fixed = set(render.render_files(a))
    renamed = copy.deepcopy(a.to_data())
    renamed["services"][2]["name"] = "other-worker"
    assert set(render.render_files(Answers.model_validate(renamed))) == fixed


def test_cli_import_refuses_to_overwrite(tmp_path: Path, capsys) -> None:
    render.write_project(load_example("full"), tmp_path / "infra")
    target = tmp_path / "answers.yaml"
    target.write_text("mine\n")
    assert main(["import", str(tmp_path / "infra"), "-o", str(target)]) == 1
    assert target.read_text() == "mine\n"
    assert main(["import", str(tmp_path / "infra"), "-o", str(target), "--force"]) == 0
    assert Answers.model_validate(load_answers_file(target)).to_data() == in_tfvars(
        load_example("full")
    )


def test_cli_import_reports_invalid_tfvars(tmp_path: Path, capsys) -> None:
    render.write_project(load_example("minimal"), tmp_path)
    tfvars = tmp_path / "terraform.tfvars"
    values = hcl.loads_tfvars(tfvars.read_text())
    values["services"][0]["cpu"] = 300
    values["services"][0]["desird_count"] = 2
    tfvars.write_text(hcl.dumps(values))
    assert main(["import", str(tmp_path), "-o", str(tmp_path / "a.yaml")]) == 1
    err = capsys.readouterr().err
    assert "desird_count" in err and "desired_count" in err  # did-you-mean
    assert not (tmp_path / "a.yaml").exists()


def test_rerender_moves_a_service_whose_module_address_changes(tmp_path: Path) -> None:
    """Turning on autoscaling must move the live service, not destroy and re-create it."""
    a = load_example("minimal")
    render.write_project(a, tmp_path)
    assert not (tmp_path / render.MOVED_FILE).exists()

    data = a.to_data()
    data["services"][0]["autoscaling"] = {"min": 2, "max": 4}
    scaled = Answers.model_validate(data)
    render.write_project(scaled, tmp_path)
    moved = (tmp_path / render.MOVED_FILE).read_text()
    name = a.services[0].name
    assert f'from = module.service["{name}"].aws_ecs_service.this[0]' in moved
    assert f'to   = module.service["{name}"].aws_ecs_service.autoscaled[0]' in moved

    # Rendering the same answers again (e.g. before the apply) keeps the move ...
    render.write_project(scaled, tmp_path)
    assert (tmp_path / render.MOVED_FILE).read_text() == moved
    # ... and a further change replaces it with the new hop.
    data["services"][0]["deployment"] = {"ignore_image_changes": True}
    render.write_project(Answers.model_validate(data), tmp_path)
    moved = (tmp_path / render.MOVED_FILE).read_text()
    assert "aws_ecs_service.autoscaled[0]" in moved
    assert "aws_ecs_service.autoscaled_ignore_task_definition[0]" in moved
    assert ".aws_ecs_service.this[0]" not in moved


def test_service_variant_names_match_the_module() -> None:
    main_tf = (render.MODULES_DIR / "ecs-service" / "main.tf").read_text()
    for autoscaled in (False, True):
        for ignore in (False, True):
            variant = render.service_variant(autoscaled, ignore)
            assert f'resource "aws_ecs_service" "{variant}"' in main_tf
            assert f'"{str(autoscaled).lower()}/{str(ignore).lower()}" = "{variant}"' in " ".join(
                main_tf.split()
            ).replace('" = "', '" = "')


def test_rendering_the_answers_file_inside_the_project_keeps_it(tmp_path: Path) -> None:
    """The generated README says: edit DIR/answers.yaml and render again."""
    render.write_project(load_example("minimal"), tmp_path)
    answers_file = tmp_path / render.ANSWERS_FILE
    edited = answers_file.read_text().replace("desired_count: 2", "desired_count: 3")
    edited = "# my notes stay\n" + edited
    answers_file.write_text(edited)
    assert main(["render", str(answers_file), "-o", str(tmp_path), "-q"]) == 0
    assert answers_file.read_text() == edited  # comments kept, not a conflict
    assert "desired_count = 3" in (tmp_path / render.TFVARS_FILE).read_text()
    # A later hand edit of a generated file is still protected.
    (tmp_path / "main.tf").write_text("# mine\n")
    assert main(["render", str(answers_file), "-o", str(tmp_path), "-q"]) == 1


def test_cli_render_success_path_loads_no_terminal_ui_library(tmp_path: Path) -> None:
    """`ecs-wizard render` is what CI runs: rich is only needed to draw problems, so a clean
    render must not pay for importing it (nor Textual). Keeps the render benchmark honest."""
    import subprocess
    import sys

    example = Path(render.PACKAGE_DIR) / "examples" / "minimal.yaml"
    code = (
        "import sys\n"
        "from ecs_wizard.cli import main\n"
        f"rc = main(['render', {str(example)!r}, '-o', {str(tmp_path / 'out')!r}, '-q'])\n"
        "loaded = sorted({m.split('.')[0] for m in sys.modules} & {'rich', 'textual'})\n"
        "print(rc, loaded)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "0 []", out.stdout + out.stderr
