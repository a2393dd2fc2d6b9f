"""Fixtures for the Terraform verification harness (modules and examples, all offline).

Discovery is from disk, but the expected module/example names are always included, so a module
that has not landed yet shows up as a failing test with a clear message instead of vanishing.
"""

from __future__ import annotations

import json
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from ..conftest import (
    EXAMPLES_DIR,
    MODULE_NAMES,
    MODULES_DIR,
    TF,
    copy_tree,
    write_offline_override,
)
from ..tools import aws_schema

EXAMPLE_NAMES = ("fargate-https", "ec2-capacity")


def _tf_dirs(parent: Path) -> set[str]:
    if not parent.is_dir():
        return set()
    return {p.name for p in parent.iterdir() if p.is_dir() and any(p.glob("*.tf"))}


def module_params() -> list[str]:
    return sorted(set(MODULE_NAMES) | _tf_dirs(MODULES_DIR))


def example_params() -> list[str]:
    return sorted(set(EXAMPLE_NAMES) | _tf_dirs(EXAMPLES_DIR))


def require_module(name: str) -> Path:
    path = MODULES_DIR / name
    if not any(path.glob("*.tf")):
        pytest.fail(
            f"module {name!r} is missing: expected Terraform files in {path} "
            f"(the four modules are {', '.join(MODULE_NAMES)})",
            pytrace=False,
        )
    return path


def require_example(name: str) -> Path:
    path = EXAMPLES_DIR / name
    if not any(path.glob("*.tf")):
        pytest.fail(f"example {name!r} is missing: expected Terraform files in {path}", False)
    return path


def copy_module(name: str, dst_parent: Path) -> Path:
    return copy_tree(require_module(name), dst_parent / name)


def copy_example(name: str, dst_root: Path) -> Path:
    """Copy the example plus every module (it calls them as ../../ecs_wizard/modules/<name>)."""
    require_example(name)
    copy_tree(MODULES_DIR, dst_root / "ecs_wizard" / "modules")
    dst = copy_tree(EXAMPLES_DIR / name, dst_root / "examples" / name)
    write_offline_override(dst)
    # Plan with exactly the values the example documents for its users.
    sample = dst / "terraform.tfvars.example"
    if sample.is_file():
        (dst / "terraform.tfvars").write_text(sample.read_text(encoding="utf-8"), encoding="utf-8")
    return dst


_EDGE = re.compile(r'^\s*"([^"]+)"\s*->\s*"([^"]+)"', re.MULTILINE)


@dataclass
class Graph:
    """`terraform graph` (resource nodes, edges = "depends on")."""

    edges: dict[str, set[str]] = field(default_factory=dict)

    @classmethod
    def from_dot(cls, dot: str) -> Graph:
        graph = cls()
        for src, dst in _EDGE.findall(dot):
            graph.edges.setdefault(src, set()).add(dst)
            graph.edges.setdefault(dst, set())
        for node in re.findall(r'^\s*"([^"]+)"\s*\[label=', dot, re.MULTILINE):
            graph.edges.setdefault(node, set())
        return graph

    @property
    def nodes(self) -> set[str]:
        return set(self.edges)

    def depends_on(self, node: str) -> set[str]:
        """Everything `node` depends on, transitively."""
        seen: set[str] = set()
        stack = [node]
        while stack:
            for nxt in self.edges.get(stack.pop(), ()):
                if nxt not in seen:
                    seen.add(nxt)
                    stack.append(nxt)
        return seen

    def of_type(self, rtype: str) -> list[str]:
        return sorted(n for n in self.edges if resource_type(n) == rtype)


def resource_type(address: str) -> str:
    """`module.a.aws_lb.this[0]` -> `aws_lb` (data sources -> `data.aws_x`)."""
    parts = re.sub(r"\[[^\]]*\]", "", address).split(".")
    while parts[:1] == ["module"]:
        parts = parts[2:]
    return ".".join(parts[:2]) if parts[0] == "data" else parts[0]


def module_of(address: str) -> str:
    """`module.a.aws_lb.this` -> `module.a` (root -> "")."""
    parts = re.sub(r"\[[^\]]*\]", "", address).split(".")
    mods: list[str] = []
    while parts[:1] == ["module"]:
        mods += parts[:2]
        parts = parts[2:]
    return ".".join(mods)


def config_address(address: str) -> str:
    """Drop instance keys: `module.a.aws_lb.this[0]` -> `module.a.aws_lb.this`."""
    return re.sub(r"\[[^\]]*\]", "", address)


@dataclass
class PlannedExample:
    name: str
    root: Path  # the copied repo root (modules + examples)
    directory: Path  # the example inside it
    plan: dict
    graph: Graph

    @property
    def plan_file(self) -> Path:
        return self.directory / "plan.json"


@pytest.fixture(scope="session")
def planned_example(tf: TF, tmp_path_factory: pytest.TempPathFactory):
    """Plan an example offline once per test run: init, plan -refresh=false, show -json, graph.

    Under pytest-xdist every worker has its own session, so the result is shared through the
    common parent of the workers' temp dirs, under a file lock: the first worker plans, the
    others read plan.json and graph.dot.
    """
    cache: dict[str, PlannedExample] = {}
    shared = tmp_path_factory.getbasetemp().parent / "planned-examples"

    def _plan(name: str) -> PlannedExample:
        if name in cache:
            return cache[name]
        root = shared / name
        directory = root / "examples" / name
        done = root / ".done"
        with aws_schema.file_lock(shared / f".{name}.lock"):
            if not done.is_file():
                if root.exists():
                    shutil.rmtree(root)
                copy_example(name, root)
                plan = tf.plan_json(directory)
                (directory / "plan.json").write_text(json.dumps(plan), encoding="utf-8")
                (directory / "graph.dot").write_text(tf.run(directory, "graph").stdout, "utf-8")
                done.touch()
        plan = json.loads((directory / "plan.json").read_text(encoding="utf-8"))
        graph = Graph.from_dot((directory / "graph.dot").read_text(encoding="utf-8"))
        cache[name] = PlannedExample(name, root, directory, plan, graph)
        return cache[name]

    return _plan


@pytest.fixture(
    scope="session",
    params=aws_schema.SOURCES,
    ids=[f"aws-{source.provider_version}" for source in aws_schema.SOURCES],
)
def schema(request: pytest.FixtureRequest) -> aws_schema.Schema:
    """A hashicorp/aws 6.x schema (6.25.0 from cdktf, 6.62.0 from cdktn): every test that takes
    it runs against both. Fails (never skips) when a wheel is missing."""
    try:
        return aws_schema.load_schema(source=request.param)
    except aws_schema.SchemaUnavailable as exc:
        pytest.fail(str(exc), pytrace=False)
