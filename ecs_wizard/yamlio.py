"""Reading and writing answers files.

* Duplicate keys are errors (PyYAML silently keeps the last one).
* Malformed YAML raises :class:`AnswersFileError` with line and column (1-based).
* Output is deterministic: ``version: 1`` first, model field order, block style.
* Writes are atomic: temp file in the same directory + fsync + os.replace.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import yaml

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


class _StrictLoader(_BaseLoader):  # type: ignore[misc, valid-type]
    """Safe loader that refuses duplicate mapping keys."""


def _construct_mapping(loader: Any, node: yaml.MappingNode, deep: bool = False) -> dict:
    explicit = sum(1 for k, _ in node.value if k.tag != "tag:yaml.org,2002:merge")
    loader.flatten_mapping(node)
    merged = len(node.value) - explicit  # `<<: *anchor` entries come first; explicit keys win
    result: dict[Any, Any] = {}
    seen: dict[Any, yaml.Node] = {}
    for index, (key_node, value_node) in enumerate(node.value):
        if index == merged:
            seen = {}
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


def load_answers_text(text: str, source: str = "<string>") -> Any:
    """Parse YAML text into plain data; raises AnswersFileError on bad YAML/duplicate keys."""
    try:
        return yaml.load(text, Loader=_StrictLoader)
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
        text = p.read_text(encoding="utf-8")
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


def _str_representer(dumper: Any, data: str) -> Any:
    style = "|" if "\n" in data else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", data, style=style)


_Dumper.add_representer(str, _str_representer)

HEADER = (
    "# ecs-wizard answers file (format version 1).\n"
    "# Check it with `ecs-wizard validate FILE`; render with `ecs-wizard render FILE -o DIR`.\n"
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
    """Write `text` to `path` atomically, keeping its mode (see writer.write_atomic)."""
    from ecs_wizard.writer import write_atomic

    write_atomic(Path(path), text)
