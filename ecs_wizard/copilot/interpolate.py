"""`${NAME}` in manifest values, as Copilot substitutes them: from `--var` first, then
Copilot's own variables (COPILOT_APPLICATION_NAME, COPILOT_ENVIRONMENT_NAME), then the process
environment. A variable found nowhere is an error naming the file, the field and the name."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from ecs_wizard.copilot.result import CopilotImportError

_VAR_RE = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")


def dotted(path: list[Any]) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def interpolate(
    data: Any,
    *,
    file: str,
    variables: Mapping[str, str],
    builtins: Mapping[str, str],
    environ: Mapping[str, str],
    path: list[Any] | None = None,
) -> Any:
    path = path or []
    if isinstance(data, dict):
        return {
            k: interpolate(
                v,
                file=file,
                variables=variables,
                builtins=builtins,
                environ=environ,
                path=[*path, k],
            )
            for k, v in data.items()
        }
    if isinstance(data, list):
        return [
            interpolate(
                v,
                file=file,
                variables=variables,
                builtins=builtins,
                environ=environ,
                path=[*path, i],
            )
            for i, v in enumerate(data)
        ]
    if not isinstance(data, str) or "${" not in data:
        return data

    def value(m: re.Match[str]) -> str:
        name = m.group(1)
        for source in (variables, builtins, environ):
            if name in source:
                return str(source[name])
        raise CopilotImportError(
            file,
            dotted(path),
            data,
            f"pass --var {name}=VALUE (or set {name} in the environment)",
            f"uses the variable ${{{name}}}, which is not set",
        )

    return _VAR_RE.sub(value, data)
