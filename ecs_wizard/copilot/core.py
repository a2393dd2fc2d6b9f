"""`import_workspace`: a Copilot workspace -> ecs-wizard answers (with `environments:`) and a
field-by-field report.

Each environment is mapped in full (its environment manifest, and every workload with that
environment's overrides merged in, `${VAR}`s substituted); the first environment without
workload overrides is the base, and each environment's overlay is what differs from it, so a
workload's `environments:` overrides become overlays. The answers are validated before they
are returned: answers the project would refuse stop the import with the Copilot file, field,
value and fix."""

from __future__ import annotations

import copy
import os
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from ecs_wizard.copilot.assemble import env_answers
from ecs_wizard.copilot.containers import Context
from ecs_wizard.copilot.environments import EnvSpec, map_environment
from ecs_wizard.copilot.interpolate import Substituted, interpolate
from ecs_wizard.copilot.load import Workspace, load_workspace
from ecs_wizard.copilot.locate import locate, merged_path
from ecs_wizard.copilot.overlay import namespaces, overlay
from ecs_wizard.copilot.result import CopilotImportError, ImportResult
from ecs_wizard.copilot.walk import Report
from ecs_wizard.copilot.workloads import LBWS, WorkloadResult, map_workload
from ecs_wizard.model.paths import parse_path

_ACCOUNT_RE = re.compile(r"^\d{12}\Z")


def merge_override(base: Any, override: Any) -> Any:
    """Copilot's override merge: maps merge, lists and scalars replace, null keeps the base."""
    if override is None:
        return copy.deepcopy(base)
    if isinstance(base, dict) and isinstance(override, dict):
        out = dict(base)
        for k, v in override.items():
            out[k] = merge_override(base.get(k), v)
        return out
    return copy.deepcopy(override)


def _in_override(override: Any, field: str) -> bool:
    node = override
    for part in parse_path(field) if field and not field.startswith("(") else []:
        if isinstance(node, dict) and part in node:
            node = node[part]
        else:
            return not isinstance(node, dict)
    return node is not override


def _pick_envs(ws: Workspace, envs: Sequence[str] | None) -> list[str | None]:
    known = list(ws.environments)
    if not known:
        for manifest in ws.workloads.values():
            overrides = manifest.get("environments")
            if isinstance(overrides, dict):
                known += [str(k) for k in overrides if str(k) not in known]
    if envs:
        for name in envs:
            if ws.environments and name not in ws.environments:
                raise CopilotImportError(
                    "--env",
                    "--env",
                    name,
                    f"use one of: {', '.join(ws.environments)}",
                    f"no environment manifest copilot/environments/{name}/manifest.yml",
                )
        return list(dict.fromkeys(envs))
    return known or [None]


def _overrides(manifest: dict[str, Any], env: str | None, file: str) -> dict[str, Any]:
    overrides = manifest.get("environments")
    if overrides is None or env is None:
        return {}
    if not isinstance(overrides, dict):
        raise CopilotImportError(
            file,
            "environments",
            None,
            "write `environments: {prod: {count: 2}}`",
            "must map environment names to overrides",
        )
    value = overrides.get(env) or {}
    if not isinstance(value, dict):
        raise CopilotImportError(
            file,
            f"environments.{env}",
            value,
            "write the fields this environment changes, e.g. `count: 2`",
            "must be a map",
        )
    return value


def _workloads(ws, env, spec, ctx, report, variables, environ, substituted, *, with_overrides):
    results: list[WorkloadResult] = []
    for name, manifest in ws.workloads.items():
        file = Workspace.workload_file(name)
        override = _overrides(manifest, env, file) if with_overrides else {}
        merged = merge_override(
            {k: v for k, v in manifest.items() if k != "environments"}, override
        )
        builtins = {"COPILOT_APPLICATION_NAME": ws.app, "COPILOT_ENVIRONMENT_NAME": env or ""}
        own = Report() if with_overrides else report
        try:
            merged = interpolate(
                merged,
                file=file,
                variables=variables,
                builtins=builtins,
                environ=environ,
                substituted=substituted,
            )
            merged["environments"] = manifest.get("environments")
            results.append(map_workload(name, merged, file, ctx, own))
        except CopilotImportError as exc:
            if with_overrides and _in_override(override, exc.field):
                exc = CopilotImportError(
                    exc.file, f"environments.{env}.{exc.field}", exc.value, exc.fix, exc.problem
                )
            raise exc from None
        if with_overrides:
            for row in own.rows():
                if row.file == file and _in_override(override, row.field):
                    report.add(file, f"environments.{env}.{row.field}", row.status, row.detail)
    return results


def _report_only(
    ws: Workspace, env: str, variables, environ, substituted: Substituted, report: Report
) -> None:
    """An environment left out by --env: its rows, so the report still names what it holds."""
    file = Workspace.env_file(env)
    own = Report()
    try:
        builtins = {"COPILOT_APPLICATION_NAME": ws.app, "COPILOT_ENVIRONMENT_NAME": env}
        raw = interpolate(
            ws.environments[env],
            file=file,
            variables=variables,
            builtins=builtins,
            environ=environ,
            substituted=substituted,
        )
        map_environment(env, raw, file, own, environ, strict=False)
    except CopilotImportError:
        pass
    report.add(
        file, "(environment)", "not migrated", f"left out by --env: import it with --env {env}"
    )
    for row in own.rows():
        if row.field not in ("name", "(region)"):
            report.add(
                row.file,
                row.field,
                "not migrated",
                f"environment {env} is not imported; were it imported: {row.detail}",
            )


def import_workspace(
    path: Path,
    *,
    images: Mapping[str, str] = {},
    envs: Sequence[str] | None = None,
    variables: Mapping[str, str] = {},
    account_id: str | None = None,
    environ: Mapping[str, str] | None = None,
    env_vars: Sequence[str] = (),
) -> ImportResult:
    """The answers a workspace stands for. `${NAME}` is filled from `variables` (--var),
    Copilot's own variables, and only those of `environ` named in `env_vars` (--env-var).
    Any CopilotImportError it raises names no value taken from the environment."""
    environ = dict(os.environ) if environ is None else environ
    substituted = Substituted()
    try:
        return _import(
            ws_path=path,
            images=images,
            envs=envs,
            variables=variables,
            account_id=account_id,
            environ=environ,
            env_vars=env_vars,
            substituted=substituted,
        )
    except CopilotImportError as exc:
        if not substituted.values:
            raise
        raise CopilotImportError(
            substituted.redact(exc.file),
            substituted.redact(exc.field),
            None if exc.value is None else substituted.redact(exc.value),
            substituted.redact(exc.fix),
            substituted.redact(exc.problem),
        ) from None


def _import(
    *,
    ws_path: Path,
    images: Mapping[str, str],
    envs: Sequence[str] | None,
    variables: Mapping[str, str],
    account_id: str | None,
    environ: Mapping[str, str],
    env_vars: Sequence[str],
    substituted: Substituted,
) -> ImportResult:
    # Only the variables the user named are read for ${NAME}; the region guess reads AWS_REGION
    # and AWS_DEFAULT_REGION from the whole environment, as the AWS CLI does.
    allowed = {name: environ[name] for name in env_vars if name in environ}
    path = ws_path
    if account_id is not None and not _ACCOUNT_RE.match(account_id):
        raise CopilotImportError(
            "--account-id",
            "--account-id",
            account_id,
            "pass the 12-digit account id, e.g. --account-id 123456789012",
            "is not an AWS account id",
        )
    ws = load_workspace(Path(path))
    report = Report()
    report.add("copilot/.workspace", "application", "migrated", f"project.name: {ws.app}")
    names = _pick_envs(ws, envs)
    specs: dict[str | None, EnvSpec] = {}
    for env in names:
        file = Workspace.env_file(env) if env else "copilot/environments"
        raw = ws.environments.get(env) if env else None
        if raw is not None:
            builtins = {"COPILOT_APPLICATION_NAME": ws.app, "COPILOT_ENVIRONMENT_NAME": env or ""}
            raw = interpolate(
                raw,
                file=file,
                variables=variables,
                builtins=builtins,
                environ=allowed,
                substituted=substituted,
            )
        specs[env] = map_environment(env, raw, file, report, environ)
    for env in ws.environments:
        if env not in names:
            _report_only(ws, env, variables, allowed, substituted, report)
    files = {name: Workspace.workload_file(name) for name in ws.workloads}
    first = names[0]
    used: set[str] = set()
    public_alb = any(
        m.get("type") == LBWS and m.get("http") is not False for m in ws.workloads.values()
    )

    def ctx(env: str | None) -> Context:
        c = Context(env, specs[env].region, account_id, images)
        c.used_images = used
        c.public_alb = public_alb
        return c

    base_results = _workloads(
        ws,
        first,
        specs[first],
        ctx(first),
        report,
        variables,
        allowed,
        substituted,
        with_overrides=False,
    )
    per_env = {
        env: _workloads(
            ws,
            env,
            specs[env],
            ctx(env),
            report,
            variables,
            allowed,
            substituted,
            with_overrides=True,
        )
        for env in names
    }
    # A service that serves `/` through the default action in one environment and through a
    # rule (an alias) in another gets a `/*` rule everywhere: environments keep one rule set.
    root_rules = {
        r.name
        for results in [base_results, *per_env.values()]
        for r in results
        if r.http is not None and any(rule.name == r.name for rule in r.http.rules)
    }
    base = env_answers(ws.app, specs[first], base_results, files, report, root_rules)
    full = {
        env: env_answers(ws.app, specs[env], per_env[env], files, report, root_rules)
        for env in names
    }
    unknown = sorted(set(images) - used)
    if unknown:
        raise CopilotImportError(
            "--image",
            "--image",
            unknown[0],
            f"use a service name ({', '.join(ws.workloads) or 'none'}) or SERVICE/SIDECAR",
            "names no workload or sidecar that builds or uses an image",
        )
    if first is not None:
        base["environments"] = {
            env: overlay(base, full[env], env, files)
            for env in names  # type: ignore[index]
        }
        namespaces(base, full, ws.app)
    for name, manifest in ws.workloads.items():
        overrides = manifest.get("environments")
        for env in overrides if isinstance(overrides, dict) else {}:
            if env not in names:
                report.add(
                    Workspace.workload_file(name),
                    f"environments.{env}",
                    "not migrated",
                    f"overrides for environment {env}, which is not imported"
                    + (
                        " (left out by --env)"
                        if env in ws.environments
                        else " (it has no environment manifest)"
                    ),
                )
    for file in ws.addons:
        report.add(
            file,
            "(addon)",
            "not migrated",
            "a CloudFormation addon (database, bucket, queue...): keep its stack, or "
            "recreate it with Terraform next to the rendered project",
        )
    for link in ws.links_out:
        report.add(
            link,
            "(link)",
            "not migrated",
            "a symbolic link that leads out of the workspace: not followed (copy what it "
            "points to into the workspace if it belongs to it)",
        )
    for file in ws.pipelines:
        report.add(
            file,
            "(pipeline)",
            "not migrated",
            "a Copilot pipeline: ecs-wizard generates a GitHub Actions workflow instead "
            "(`ci: {github: ...}` in the answers, see README, Teams)",
        )
    _validate(base, full, specs, names)
    return ImportResult(answers=base, rows=report.rows())


def _validate(
    base: dict[str, Any],
    full: dict[Any, dict[str, Any]],
    specs: dict[Any, EnvSpec],
    names: list[str | None],
) -> None:
    from ecs_wizard.validation import validate_data_all

    result = validate_data_all(base)
    if result.ok:
        return
    issue = result.errors[0]
    parts = parse_path(issue.path) if issue.path else []
    env = names[0]
    answers = full.get(env, base)
    if parts[:1] == ["environments"] and len(parts) > 1 and parts[1] in full:
        env = parts[1]
        answers = full[env]
        parts = merged_path(answers, env, parts[2:])
    from ecs_wizard.model.paths import format_path

    env_file = Workspace.env_file(env) if env else "copilot/environments"
    file, field = locate(format_path(parts), answers, env_file, len(specs[env].certificates))
    raise CopilotImportError(
        file,
        field,
        issue.value,
        issue.fix or "change the value in the manifest",
        f"{issue.message} (ecs-wizard answers: {issue.path or 'top level'})",
    )
