"""Find and read a Copilot workspace: `copilot/.workspace`, the environment manifests and the
workload manifests, through the project's safe YAML loader (size, depth and alias caps,
duplicate keys refused), so a hostile file is an error naming it, never a traceback."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ecs_wizard.copilot.result import CopilotImportError
from ecs_wizard.model.yamlio import AnswersFileError, load_answers_file

MANIFEST = "manifest.yml"


@dataclass
class Workspace:
    root: Path  # the folder that holds copilot/
    app: str
    environments: dict[str, dict[str, Any]] = field(default_factory=dict)
    workloads: dict[str, dict[str, Any]] = field(default_factory=dict)
    addons: list[str] = field(default_factory=list)  # files under copilot/<workload>/addons/
    pipelines: list[str] = field(default_factory=list)  # files, relative to root
    # Symbolic links under addons/ or pipelines/ that lead out of the workspace: not followed
    # (an `addons -> /usr` link would otherwise walk all of /usr), listed in the report.
    links_out: list[str] = field(default_factory=list)

    def rel(self, path: Path) -> str:
        return path.relative_to(self.root).as_posix()

    def files_under(self, folder: Path) -> list[str]:
        """Files below `folder`, relative to the root, without following a link that leads out
        of the workspace (such a link is recorded in `links_out` instead)."""
        root = self.root.resolve()
        if not folder.resolve().is_relative_to(root):
            self.links_out.append(self.rel(folder))
            return []
        found: list[str] = []
        for here, dirs, files in os.walk(folder, followlinks=False):
            base = Path(here)
            for name in sorted(dirs):
                sub = base / name
                if sub.is_symlink():
                    dirs.remove(name)
                    if sub.resolve().is_relative_to(root):
                        found += self.files_under(sub)
                    else:
                        self.links_out.append(self.rel(sub))
            for name in sorted(files):
                f = base / name
                if f.is_symlink() and not f.resolve().is_relative_to(root):
                    self.links_out.append(self.rel(f))
                elif f.is_file():
                    found.append(self.rel(f))
        return sorted(found)

    @staticmethod
    def env_file(env: str) -> str:
        return f"copilot/environments/{env}/{MANIFEST}"

    @staticmethod
    def workload_file(name: str) -> str:
        return f"copilot/{name}/{MANIFEST}"


def _read(path: Path, rel: str) -> Any:
    try:
        return load_answers_file(path)
    except AnswersFileError as exc:
        where = f"line {exc.line}" + (f", column {exc.column}" if exc.column else "")
        problem = exc.message.replace("not an answers file", "not a Copilot manifest")
        raise CopilotImportError(
            rel,
            where if exc.line is not None else "(file)",
            None,
            "fix the YAML there (Copilot would refuse it too)"
            if exc.line is not None
            else "check the file is a readable UTF-8 YAML manifest",
            problem,
        ) from None


def _mapping(data: Any, rel: str) -> dict[str, Any]:
    if not isinstance(data, dict):
        raise CopilotImportError(
            rel,
            "(file)",
            None if data is None else type(data).__name__,
            "a Copilot manifest is a YAML map (name: ..., type: ...)",
            "is not a map",
        )
    return data


def find_copilot_dir(path: Path) -> Path:
    """The `copilot/` folder of PATH (a project root holding copilot/, or copilot/ itself)."""
    path = Path(path)
    if (path / "copilot").is_dir() and (path / "copilot" / ".workspace").is_file():
        return path / "copilot"
    if path.name == "copilot" and (path / ".workspace").is_file():
        return path
    if (path / ".workspace").is_file():
        return path
    raise CopilotImportError(
        str(path),
        "copilot/.workspace",
        None,
        "pass the folder that holds copilot/ (the one where you ran `copilot init`), or "
        "copilot/ itself",
        "no Copilot workspace here (copilot/.workspace not found)",
    )


def load_workspace(path: Path) -> Workspace:
    copilot = find_copilot_dir(path)
    root = copilot.parent
    ws_data = _mapping(_read(copilot / ".workspace", "copilot/.workspace"), "copilot/.workspace")
    app = ws_data.get("application")
    if not isinstance(app, str) or not app:
        raise CopilotImportError(
            "copilot/.workspace",
            "application",
            app,
            "write `application: NAME` (the name given to `copilot app init`)",
            "has no application name",
        )
    ws = Workspace(root=root, app=app)
    envs_dir = copilot / "environments"
    if envs_dir.is_dir():
        for d in sorted(envs_dir.iterdir()):
            m = d / MANIFEST
            if d.is_dir() and m.is_file():
                rel = Workspace.env_file(d.name)
                ws.environments[d.name] = _mapping(_read(m, rel), rel)
    for d in sorted(copilot.iterdir()):
        if not d.is_dir() or d.name.startswith(".") or d.name == "environments":
            continue
        if d.name == "pipelines":
            ws.pipelines += ws.files_under(d)
            continue
        m = d / MANIFEST
        if m.is_file():
            rel = Workspace.workload_file(d.name)
            ws.workloads[d.name] = _mapping(_read(m, rel), rel)
            if (d / "addons").is_dir():
                before = len(ws.links_out)
                found = ws.files_under(d / "addons")
                if found or len(ws.links_out) == before:
                    ws.addons += found or [ws.rel(d / "addons") + "/"]
    for legacy in ("pipeline.yml", "buildspec.yml"):
        if (copilot / legacy).is_file():
            ws.pipelines.append(f"copilot/{legacy}")
    return ws
