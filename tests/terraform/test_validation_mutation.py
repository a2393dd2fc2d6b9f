"""Every module rule is exercised by a test that fails without it (issue 14).

benchmarks/tf_validation_mutation.py deletes each `validation` / `precondition` /
`postcondition` block of the modules in turn and runs the module's `terraform test` runs that
name the rule's object in `expect_failures`. The full run is a benchmark (a few minutes); CI runs a
deterministic sample, every SAMPLE_EVERY-th rule across the four modules, and requires every
sampled rule to be killed. Fails (never skips) when terraform or the provider mirror is missing
(the `tf` fixture).
"""

from __future__ import annotations

import importlib.util
import sys
import textwrap
from pathlib import Path

import hcl2
import pytest

from ..conftest import MODULE_NAMES, MODULES_DIR, REPO_ROOT, TF

SAMPLE_EVERY = 5
JOBS = 2


def _load_script():
    name = "tf_validation_mutation"
    if name in sys.modules:
        return sys.modules[name]
    path = REPO_ROOT / "benchmarks" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec and spec.loader, f"cannot load {path}"
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module


mut = _load_script()


# --- the block scanner (pure Python, fast) ------------------------------------------------


TRICKY = textwrap.dedent(
    """\
    variable "x" {
      description = <<-EOT
        Braces in a heredoc: { validation { } and "quotes"
      EOT
      type = object({ a = string })
      default = { a = "}" } # a comment with { brace
      /* block comment } { */

      validation {
        condition     = can(regex("^[a-z]{1,3}$", var.x.a)) && "${var.x.a}" != "}{"
        error_message = "Must match [a-z]{1,3}: \\"${var.x.a}\\" does not, nor does $${literal}."
      }

      validation {
        condition = length([
          for k in ["a", "b"] : k if k != "}"
        ]) > 0
        error_message = <<-EOT
          Heredoc message }
        EOT
      }
    }

    resource "null_resource" "r" {
      lifecycle {
        precondition {
          condition     = var.x.a != ""
          error_message = "x"
        }
        postcondition {
          condition     = self.id != ""
          error_message = "y"
        }
      }
    }

    output "o" {
      value = 1
      precondition {
        condition     = true
        error_message = "z"
      }
    }
    """
)


def test_scanner_skips_braces_in_strings_heredocs_and_comments(
    tmp_path: Path,
) -> None:
    (tmp_path / "variables.tf").write_text(TRICKY, encoding="utf-8")
    (tmp_path / "main.tf").write_text(TRICKY, encoding="utf-8")
    rules = mut.find_rules(tmp_path)
    validations = [r for r in rules if r.file == "variables.tf"]
    conditions = [r for r in rules if r.file == "main.tf"]
    assert [(r.kind, r.target, r.line) for r in validations] == [
        ("validation", "var.x", 9),
        ("validation", "var.x", 14),
    ]
    assert validations[0].condition.startswith('can(regex("^[a-z]{1,3}$", var.x.a))')
    assert validations[1].condition == 'length([ for k in ["a", "b"] : k if k != "}" ]) > 0'
    assert [(r.kind, r.target) for r in conditions] == [
        ("precondition", "null_resource.r"),
        ("postcondition", "null_resource.r"),
        ("precondition", "output.o"),
    ]
    for rule in rules:
        mutated = mut.mutate(TRICKY, rule)
        hcl2.loads(mutated)  # still HCL
        kinds = mut.rule_kinds(rule.file)
        assert len(mut.rule_blocks(mutated, kinds)) == len(mut.rule_blocks(TRICKY, kinds)) - 1


@pytest.mark.parametrize("name", MODULE_NAMES)
def test_scanner_agrees_with_python_hcl2(name: str) -> None:
    """Same number of validation blocks per variable as python-hcl2 sees, and every mutant has
    exactly one rule less (the script also parses each mutant with python-hcl2 before running
    it)."""
    module = MODULES_DIR / name
    parsed = hcl2.loads((module / "variables.tf").read_text(encoding="utf-8"))
    expected = {
        "var." + var_name.strip('"'): len(body.get("validation", []))
        for entry in parsed.get("variable", [])
        for var_name, body in entry.items()
    }
    rules = mut.find_rules(module)
    found: dict[str, int] = {}
    for rule in rules:
        if rule.kind == "validation":
            found[rule.target] = found.get(rule.target, 0) + 1
    assert found == {k: v for k, v in expected.items() if v}
    for rule in rules:
        src = (module / rule.file).read_text(encoding="utf-8")
        mutated = mut.mutate(src, rule)
        kinds = mut.rule_kinds(rule.file)
        assert len(mut.rule_blocks(mutated, kinds)) == len(mut.rule_blocks(src, kinds)) - 1
        assert src.splitlines()[rule.line - 1].strip() == f"{rule.kind} {{"


def test_conditions_outside_main_tf_are_mutants() -> None:
    """Preconditions in a module's other .tf files (ecs-service access.tf) are rules too: a
    block there without a run that fails without it would otherwise go unnoticed."""
    targets = {
        (r.file, r.target)
        for r in mut.find_rules(MODULES_DIR / "ecs-service")
        if r.file != "main.tf"
    }
    assert ("access.tf", "aws_vpc_security_group_egress_rule.custom") in targets
    assert ("access.tf", "terraform_data.service_connect") in targets


def test_expect_failures_are_read_from_runs() -> None:
    runs = {
        r.name: r for r in mut.find_runs(MODULES_DIR / "ecs-service/tests/validation.tftest.hcl")
    }
    assert runs["invalid_inputs_4"].expect_failures == ("var.containers", "var.load_balancer")
    assert runs["invalid_inputs_4"].command == "plan"
    assert runs["valid_baseline"].expect_failures == ()


def test_no_run_lists_the_same_object_twice() -> None:
    """`expect_failures = [var.x, var.x]` reads as two checks but is one (issue 14)."""
    doubles = [
        f"{path.relative_to(MODULES_DIR)}: run {run.name}"
        for name in MODULE_NAMES
        for path in mut.test_files(MODULES_DIR / name)
        for run in mut.find_runs(path)
        if len(set(run.expect_failures)) != len(run.expect_failures)
    ]
    assert not doubles, doubles


# --- the mutation sample (terraform) -----------------------------------------------------


@pytest.mark.terraform
@pytest.mark.slow
def test_sampled_rules_are_killed(tf: TF, tmp_path: Path) -> None:
    rules = mut.sample(mut.all_rules(mut.module_names()), SAMPLE_EVERY)
    assert {r.module for r in rules} == set(MODULE_NAMES), "the sample must reach every module"
    results = mut.run(mut.Terraform(tf.binary, tf.env), rules, jobs=JOBS, workroot=tmp_path)
    for module, (_, baseline) in results.items():
        assert baseline.status == "survived", (
            f"{module}: the selected runs fail on the unmodified module:\n{baseline.detail}"
        )
    left = mut.survivors(results)
    lines = []
    for r in left:
        error = r.outcome.detail[-400:] if r.outcome.status == "error" else ""
        lines.append(
            f"  {r.rule.location} {r.rule.kind} on {r.rule.target} [{r.outcome.status}]: "
            f"{r.rule.condition[:160]} {error}"
        )
    assert not left, (
        "rules no test depends on (delete one and every run still passes):\n"
        + "\n".join(lines)
        + "\nAdd a run that starts from a valid baseline, breaks only this rule and names its "
        "object in expect_failures (benchmarks/tf_validation_mutation.py lists them all)."
    )
