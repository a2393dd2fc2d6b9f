"""Reading and writing answers files.

* Duplicate keys are errors (PyYAML silently keeps the last one).
* Malformed YAML raises :class:`AnswersFileError` with line and column (1-based).
* Input means what it says: numbers, booleans and null come only from their canonical forms
  (YAML 1.2 core: `true`/`false`, `12`, `1.5`, `null`/`~`); YAML 1.1's `yes`, `on`, `off`,
  `01234` (octal), `12:30:00` (base 60) and dates stay text. Mapping keys are text as
  written (`1` and `true` are two keys). In string maps (environment, secrets, tags, query
  strings, headers) every scalar is kept exactly as written (`1.10` stays "1.10").
* Hostile files fail fast: a size cap on the text, a nesting cap, a cap on the size after
  aliases are expanded (billion laughs), and `!!set` (unordered: renders would differ) refused.
* Output is deterministic: ``version: 1`` first, model field order, block style.
* Writes are atomic: temp file in the same directory + fsync + os.replace.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_BaseDumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


class AnswersFileError(Exception):
    """A problem reading an answers file; line/column are 1-based (None when unknown)."""

    def __init__(
        self,
        message: str,
        line: int | None = None,
        column: int | None = None,
        source: str = "<string>",
    ) -> None:
        self.message = message
        self.line = line
        self.column = column
        self.source = source
        super().__init__(str(self))

    def __str__(self) -> str:
        where = self.source
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return f"{where}: {self.message}"


class _DuplicateKey(yaml.MarkedYAMLError):
    pass


#: An answers file is a few kilobytes; anything this large is not one (or is /dev/zero).
MAX_BYTES = 4 * 1024 * 1024
#: Answers nest about eight levels deep.
MAX_DEPTH = 64
#: Values after anchors/aliases are expanded (a real file has a few hundred).
MAX_NODES = 200_000

_STR_MAPS: tuple[tuple[str, ...], ...] = (
    ("project", "tags", "*"),
    ("services", "*", "containers", "*", "environment", "*"),
    ("services", "*", "containers", "*", "secrets", "*"),
    ("routing", "*", "query_strings", "*"),
    ("routing", "*", "http_headers", "*"),
    ("alb", "https", "certificates", "*", "zones", "*"),
)
"""Where the answers hold maps of text (checked against the model by tests/test_yamlio.py)."""


def _in_overlays(pattern: tuple[str, ...]) -> tuple[str, ...]:
    """The same map inside an environment's overlay (services and rules keyed by name there,
    project tags as `tags`; see ecs_wizard.model.environments)."""
    if pattern[:2] == ("project", "tags"):
        return ("environments", "*", "tags", *pattern[2:])
    if pattern[0] in ("services", "routing"):
        return ("environments", "*", pattern[0], "*", *pattern[2:])
    return ("environments", "*", *pattern)


_ALL_STR_MAPS = _STR_MAPS + tuple(_in_overlays(p) for p in _STR_MAPS)


class _StrictLoader(_BaseLoader):  # type: ignore[misc, valid-type]
    """Safe loader that refuses duplicate mapping keys and resolves only canonical scalars."""


_SCALAR_RESOLVERS: tuple[tuple[str, str, Any], ...] = (
    ("bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    ("int", r"^[-+]?(?:0|[1-9][0-9]*)$", "-+0123456789"),
    (
        "float",
        r"^[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$|^[-+]?[0-9]+[eE][-+]?[0-9]+$",
        "-+0123456789.",
    ),
    ("null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
    ("merge", r"^(?:<<)$", "<"),
)
_StrictLoader.yaml_implicit_resolvers = {}
for _tag, _regexp, _first in _SCALAR_RESOLVERS:
    _StrictLoader.add_implicit_resolver(f"tag:yaml.org,2002:{_tag}", re.compile(_regexp), _first)


def _construct_mapping(loader: Any, node: yaml.MappingNode, deep: bool = False) -> dict:
    explicit = sum(1 for k, _ in node.value if k.tag != "tag:yaml.org,2002:merge")
    loader.flatten_mapping(node)
    merged = len(node.value) - explicit  # `<<: *anchor` entries come first; explicit keys win
    result: dict[Any, Any] = {}
    seen: dict[Any, yaml.Node] = {}
    for index, (key_node, value_node) in enumerate(node.value):
        if index == merged:
            seen = {}
        # Keys are text as written: `1:` and `true:` are different keys (YAML would make them
        # 1 and True, which are equal in Python), and no answers key is a number.
        if isinstance(key_node, ScalarNode):
            key = key_node.value
        else:
            key = loader.construct_object(key_node, deep=True)
        try:
            hash(key)
        except TypeError as exc:
            raise yaml.constructor.ConstructorError(
                "while constructing a mapping",
                node.start_mark,
                "found an unhashable key",
                key_node.start_mark,
            ) from exc
        if key in seen:
            first = seen[key].start_mark
            raise _DuplicateKey(
                None,
                None,
                f"duplicate key {key!r} (first defined on line {first.line + 1}); "
                "remove one of them",
                key_node.start_mark,
            )
        seen[key] = key_node
        result[key] = loader.construct_object(value_node, deep=deep)
    return result


_StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def _refuse_set(loader: Any, node: yaml.Node) -> Any:
    raise yaml.constructor.ConstructorError(
        None,
        None,
        "`!!set` is not supported (a set has no order, so renders would differ from run to "
        "run); write a list instead",
        node.start_mark,
    )


_StrictLoader.add_constructor("tag:yaml.org,2002:set", _refuse_set)


def _check_events(text: str) -> None:
    """Refuse nesting deeper than MAX_DEPTH before anything recursive sees the document."""
    depth = 0
    for event in yaml.parse(text, Loader=_StrictLoader):
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                raise yaml.MarkedYAMLError(
                    None,
                    None,
                    f"nested more than {MAX_DEPTH} levels deep; an answers file nests about 8",
                    event.start_mark,
                )
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


def _check_expansion(root: Node) -> None:
    """Refuse documents whose aliases expand past MAX_NODES values (billion laughs) or refer
    to a node that contains them."""
    sizes: dict[int, int] = {}
    active: set[int] = set()
    stack: list[tuple[Node, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        key = id(node)
        if done:
            active.discard(key)
            children = _children(node)
            sizes[key] = 1 + sum(sizes[id(c)] for c in children)
            if sizes[key] > MAX_NODES:
                raise yaml.MarkedYAMLError(
                    None,
                    None,
                    f"expands to more than {MAX_NODES:,} values through anchors and aliases; "
                    "an answers file has a few hundred",
                    node.start_mark,
                )
            continue
        if key in sizes:
            continue
        if key in active:
            raise yaml.MarkedYAMLError(
                None, None, "an alias refers to a node that contains it", node.start_mark
            )
        active.add(key)
        stack.append((node, True))
        stack.extend((c, False) for c in _children(node) if id(c) not in sizes)


def _children(node: Node) -> list[Node]:
    if isinstance(node, SequenceNode):
        return list(node.value)
    if isinstance(node, MappingNode):
        return [n for pair in node.value for n in pair]
    return []


def _keep_as_written(data: Any, node: Node | None, pattern: tuple[str, ...]) -> None:
    """In the string map at `pattern`, replace values YAML typed (1.10 -> 1.1, True) with the
    text written in the file."""
    if not pattern or node is None:
        return
    part, rest = pattern[0], pattern[1:]
    if isinstance(data, list) and isinstance(node, SequenceNode) and part == "*":
        pairs = list(zip(range(len(data)), node.value, strict=False))
    elif isinstance(data, dict) and isinstance(node, MappingNode):
        by_key = {k.value: v for k, v in node.value if isinstance(k, ScalarNode)}  # last wins
        keys = list(data) if part == "*" else [part] if part in data else []
        pairs = [(k, by_key.get(k)) for k in keys if isinstance(k, str)]
    else:
        return
    for key, child in pairs:
        if rest:
            _keep_as_written(data[key], child, rest)
        else:
            data[key] = _as_written(data[key], child)


def _as_written(value: Any, node: Node | None) -> Any:
    if isinstance(value, list) and isinstance(node, SequenceNode):
        return [_as_written(v, n) for v, n in zip(value, node.value, strict=False)]
    if isinstance(node, ScalarNode) and isinstance(value, bool | int | float):
        return node.value
    return value


def _load(text: str) -> Any:
    if len(text) > MAX_BYTES:
        raise AnswersFileError(f"larger than {MAX_BYTES // (1024 * 1024)} MiB; not an answers file")
    _check_events(text)
    loader = _StrictLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        _check_expansion(node)
        data = loader.construct_document(node)
    finally:
        loader.dispose()
    for pattern in _ALL_STR_MAPS:
        _keep_as_written(data, node, pattern)
    return data


def load_answers_text(text: str, source: str = "<string>") -> Any:
    """Parse YAML text into plain data; raises AnswersFileError on bad YAML/duplicate keys."""
    try:
        return _load(text)
    except AnswersFileError as exc:
        exc.source = source
        raise
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "invalid YAML"
        if exc.context and exc.problem and not isinstance(exc, _DuplicateKey):
            problem = f"{exc.problem} ({exc.context})"
        line = mark.line + 1 if mark is not None else None
        column = mark.column + 1 if mark is not None else None
        raise AnswersFileError(problem, line, column, source) from None
    except yaml.YAMLError as exc:
        raise AnswersFileError(f"invalid YAML: {exc}", None, None, source) from None


def load_answers_file(path: str | os.PathLike[str]) -> Any:
    """Read and parse an answers file; AnswersFileError for missing/unreadable/bad files."""
    p = Path(path)
    try:
        with p.open("rb") as f:
            raw = f.read(MAX_BYTES + 1)
        if len(raw) > MAX_BYTES:
            raise AnswersFileError(
                f"larger than {MAX_BYTES // (1024 * 1024)} MiB; not an answers file",
                source=str(p),
            )
        text = raw.decode("utf-8")
    except FileNotFoundError:
        raise AnswersFileError("file not found", source=str(p)) from None
    except IsADirectoryError:
        raise AnswersFileError("is a directory, expected a YAML file", source=str(p)) from None
    except PermissionError:
        raise AnswersFileError("permission denied", source=str(p)) from None
    except UnicodeDecodeError as exc:
        raise AnswersFileError(f"not UTF-8 text (byte {exc.start})", source=str(p)) from None
    except OSError as exc:
        raise AnswersFileError(f"cannot read: {exc.strerror or exc}", source=str(p)) from None
    return load_answers_text(text, source=str(p))


class _Dumper(_BaseDumper):  # type: ignore[misc, valid-type]
    def ignore_aliases(self, data: Any) -> bool:
        return True


# A string is quoted when either YAML 1.1 (other readers) or the loader above would read it
# as something else: `1e3` and `1.5e3` are floats to the loader, not to YAML 1.1.
for _tag, _regexp, _first in _SCALAR_RESOLVERS:
    _Dumper.add_implicit_resolver(f"tag:yaml.org,2002:{_tag}", re.compile(_regexp), _first)


def _str_representer(dumper: Any, data: str) -> Any:
    style = "|" if "\n" in data else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", data, style=style)


_Dumper.add_representer(str, _str_representer)

HEADER = (
    "# ecs-wizard answers file (format version 1).\n"
    "# Check it with `ecs-wizard validate FILE`; render with `ecs-wizard render FILE -o DIR`.\n"
)


def dump_data(data: Any) -> str:
    """Plain YAML (block style, key order kept) that the answers loader reads back equal."""
    return yaml.dump(
        data, Dumper=_Dumper, sort_keys=False, default_flow_style=False, allow_unicode=True
    )


def dump_answers(answers_or_data: Any, *, header: bool = True) -> str:
    """Deterministic YAML for an Answers model or plain data (``version`` key first)."""
    data = answers_or_data.to_data() if hasattr(answers_or_data, "to_data") else answers_or_data
    if isinstance(data, dict) and "version" in data:
        data = {"version": data["version"], **{k: v for k, v in data.items() if k != "version"}}
    text = yaml.dump(
        data,
        Dumper=_Dumper,
        sort_keys=False,
        default_flow_style=False,
        allow_unicode=True,
        width=100,
        indent=2,
    )
    return (HEADER if header else "") + text


def write_text_atomic(path: str | os.PathLike[str], text: str) -> None:
    """Write `text` to `path` atomically, keeping its mode (see fileio.write_atomic)."""
    from ecs_wizard.model.fileio import write_atomic

    write_atomic(Path(path), text)
