"""Small Copilot workspaces written from inline YAML, for the importer's unit tests."""

from __future__ import annotations

import textwrap
from pathlib import Path

from ecs_wizard.copilot import import_workspace

ACCOUNT = "123456789012"
CERT = "arn:aws:acm:eu-west-1:123456789012:certificate/12345678-1234-1234-1234-123456789012"

ENV = """\
name: {name}
type: Environment
network:
  vpc:
    id: vpc-0123456789abcdef0
    subnets:
      public: [{{id: subnet-0123456789abcdef1}}, {{id: subnet-0123456789abcdef2}}]
      private: [{{id: subnet-0123456789abcdef3}}, {{id: subnet-0123456789abcdef4}}]
http:
  public:
    certificates: [{cert}]
"""

WEB = """\
name: web
type: Load Balanced Web Service
image:
  location: nginx:1.27
  port: 8080
http:
  path: /
count: 2
"""


def workspace(
    root: Path, workloads: dict[str, str], envs: dict[str, str] | None = None, app: str = "shop"
) -> Path:
    """Write copilot/.workspace, environments (default: `prod` with ids and a certificate) and
    workload manifests (name -> YAML text); returns the project root."""
    copilot = root / "copilot"
    copilot.mkdir(parents=True, exist_ok=True)
    (copilot / ".workspace").write_text(f"application: {app}\n", encoding="utf-8")
    if envs is None:
        envs = {"prod": ENV.format(name="prod", cert=CERT)}
    for name, text in envs.items():
        d = copilot / "environments" / name
        d.mkdir(parents=True, exist_ok=True)
        (d / "manifest.yml").write_text(textwrap.dedent(text), encoding="utf-8")
    for name, text in workloads.items():
        d = copilot / name
        d.mkdir(parents=True, exist_ok=True)
        (d / "manifest.yml").write_text(textwrap.dedent(text), encoding="utf-8")
    return root


def imported(root: Path, **kwargs):
    kwargs.setdefault("environ", {})
    kwargs.setdefault("account_id", ACCOUNT)
    return import_workspace(root, **kwargs)


def service(result, name: str = "web", env: str | None = None) -> dict:
    data = result.answers
    if env is not None:
        from ecs_wizard.model.environments import merge

        data = merge(data, env).data
    return next(s for s in data["services"] if s["name"] == name)


def row(result, field: str, file_part: str = ""):
    hits = [r for r in result.rows if r.field == field and file_part in r.file]
    assert hits, f"no row {field}: {[(r.file, r.field) for r in result.rows]}"
    return hits[0]
