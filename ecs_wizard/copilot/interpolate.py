"""`${NAME}` in manifest values, as Copilot substitutes them: from `--var` first, then
Copilot's own variables (COPILOT_APPLICATION_NAME, COPILOT_ENVIRONMENT_NAME), then those
variables of the process environment that the user named with `--env-var`. Copilot itself
reads the whole environment; an importer must not: a workspace from someone else could write
`${AWS_SECRET_ACCESS_KEY}` and have the importer copy its credentials into the answers, the
report or an error message. A variable found nowhere is an error naming the file, the field
and the name (never a value). `Substituted` remembers what came from the environment, so
error messages can put the `${NAME}` back in place of the value."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ecs_wizard.copilot.result import CopilotImportError

_VAR_RE = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")


@dataclass
class Substituted:
    """Values taken from the process environment, by variable name."""

    values: dict[str, str] = field(default_factory=dict)

    def redact(self, text: str) -> str:
        # Longest first, so a value that holds another is replaced whole.
        for name, value in sorted(self.values.items(), key=lambda kv: -len(kv[1])):
            if value:
                text = text.replace(value, "${" + name + "}")
        return text


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
    substituted: Substituted | None = None,
) -> Any:
    """`data` with every `${NAME}` filled. `environ` must hold only the variables the user
    allowed (`--env-var`); what it supplies is recorded in `substituted`."""
    path = path or []
    substituted = substituted if substituted is not None else Substituted()
    if isinstance(data, dict):
        return {
            k: interpolate(
                v,
                file=file,
                variables=variables,
                builtins=builtins,
                environ=environ,
                path=[*path, k],
                substituted=substituted,
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
                substituted=substituted,
            )
            for i, v in enumerate(data)
        ]
    if not isinstance(data, str) or "${" not in data:
        return data

    def value(m: re.Match[str]) -> str:
        name = m.group(1)
        for source in (variables, builtins):
            if name in source:
                return str(source[name])
        if name in environ:
            substituted.values[name] = str(environ[name])
            return str(environ[name])
        raise CopilotImportError(
            file,
            dotted(path),
            data,
            f"pass --var {name}=VALUE, or --env-var {name} to take it from the environment "
            "(only variables named so are read from it)",
            f"uses the variable ${{{name}}}, which is not set",
        )

    return _VAR_RE.sub(value, data)
