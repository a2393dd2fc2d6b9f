"""How plan values read: display text, masks for sensitive parts, and secret redaction.

A leaf of the plan package (imports none of its modules): the model, the attribute diff and
the renderers all mask and display values the same way through it.

Terraform marks sensitive values, but copies of them (a `terraform_data` echoing an input, a
secret inside a JSON policy, a PEM key in user data) are often left unmarked. Every value the
plan marks sensitive is therefore a *known secret*, and every text the view shows is scanned
for it in each encoding it can appear in (raw, JSON-escaped once, twice or three times, with
Go's `\\u003c` escapes). Redaction happens on whole values, before any truncation or split
into lines, so a copy can never be cut into pieces that no longer match.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from typing import Any

import ahocorasick_rs

SENSITIVE = "(sensitive value)"
UNKNOWN = "(known after apply)"
NULL = "null"

#: Compact displays of containers are cut at this length.
MAX_INLINE = 120

#: Shorter sensitive values are not used for defensive redaction (too many false hits).
MIN_SECRET_LEN = 4

#: How many times a copy may be JSON-encoded and still be found (a JSON document inside a
#: JSON string inside the plan's JSON is three).
ESCAPE_LEVELS = 3

_GO_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028"}
_GO_ESCAPES["\u2029"] = "\\u2029"


def _json_unicode(s: str) -> str:
    return json.dumps(s, ensure_ascii=False)[1:-1]


def _json_ascii(s: str) -> str:
    return json.dumps(s)[1:-1]


def _json_go(s: str) -> str:
    """Go's encoding/json (terraform's jsonencode): also escapes <, >, & and U+2028/9."""
    out = _json_unicode(s)
    for ch, esc in _GO_ESCAPES.items():
        out = out.replace(ch, esc)
    return out


_ENCODERS = (_json_unicode, _json_ascii, _json_go)

#: An ASCII character one of the encoders escapes: JSON's quote, backslash and control
#: characters, DEL (ensure_ascii), and Go's <, >, &. Anything past ASCII is escaped too (by
#: ensure_ascii), which `str.isascii` tells faster than a range up to U+10FFFF, whose pattern
#: cost 6 ms to compile at every start.
_ESCAPED_ASCII = re.compile(r'["\\\x00-\x1f<>&\x7f]')


def secret_forms(secrets: frozenset[str] | list[str]) -> list[str]:
    """Every form a secret can take in a displayed text: raw, and JSON-escaped up to
    ESCAPE_LEVELS times with each escaping style; longest first."""
    forms: set[str] = set()
    for secret in secrets:
        if secret and secret.isascii() and not _ESCAPED_ASCII.search(secret):
            forms.add(secret)  # every encoder writes it as it is: no need to ask them
            continue
        level = {secret} if secret else set()
        for _ in range(ESCAPE_LEVELS + 1):
            forms |= level
            level = {enc(f) for f in level for enc in _ENCODERS} - forms
            if not level:
                break
    return sorted(forms, key=lambda f: (-len(f), f))


class Redactor:
    """Finds every form of every known secret in one pass (Aho-Corasick, leftmost-longest).

    Built once per plan (see `redactor_for`): a scan costs the length of the text, whatever
    the number of secrets, where a loop over the forms costs their number for every string.
    """

    def __init__(self, secrets: frozenset[str] | list[str]) -> None:
        self.forms = secret_forms(secrets)
        self._matcher = (
            ahocorasick_rs.AhoCorasick(
                self.forms, matchkind=ahocorasick_rs.MatchKind.LeftmostLongest
            )
            if self.forms
            else None
        )
        #: Attribute paths as the diff shows them (redacted, made safe) and whether a secret
        #: was in one: the same few paths recur in every resource of a plan.
        self.paths: dict[str, tuple[str, bool]] = {}

    def __bool__(self) -> bool:
        return self._matcher is not None

    def text(self, text: str) -> tuple[str, bool]:
        """`text` with every secret form replaced by the marker, and whether any was."""
        if self._matcher is None or not text:
            return text, False
        matches = self._matcher.find_matches_as_indexes(text)
        if not matches:
            return text, False
        return _replaced(text, matches), True

    def __call__(self, text: str) -> str:
        return self.text(text)[0]


def _replaced(text: str, matches: list[tuple[int, int, int]]) -> str:
    """`text` with each matched span (start, end) replaced by the marker."""
    out, last = [], 0
    for _, start, end in matches:
        out.append(text[last:start])
        out.append(SENSITIVE)
        last = end
    out.append(text[last:])
    return "".join(out)


NO_SECRETS = Redactor(())


class CountingRedactor(Redactor):
    """A view of a plan's Redactor that remembers whether it has redacted anything since
    `take_hit` was last called (the diff marks such rows sensitive)."""

    def __init__(self, base: Redactor) -> None:  # shares the matcher; builds nothing
        self.forms = base.forms
        self._matcher = base._matcher
        self.paths = base.paths
        self.hit = False

    def text(self, text: str) -> tuple[str, bool]:
        # Redactor.text's checks inlined (one call less per scan of a row with no secret, the
        # common case: the diff scans every row twice); a match is replaced by the same helper.
        if self._matcher is None or not text:
            return text, False
        matches = self._matcher.find_matches_as_indexes(text)
        if not matches:
            return text, False
        self.hit = True
        return _replaced(text, matches), True

    def take_hit(self) -> bool:
        hit, self.hit = self.hit, False
        return hit


@lru_cache(maxsize=8)
def redactor_for(secrets: frozenset[str]) -> Redactor:
    """The plan's one Redactor (cached: every resource of a plan shares the same set)."""
    return Redactor(secrets) if secrets else NO_SECRETS


_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_UNSAFE_WITH_NEWLINES = re.compile(
    "[\x00-\x08\x0a-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]"
)


def safe(text: str, *, newlines: bool = False) -> str:
    """`text` with terminal control characters (ESC, C1, bidi overrides) made visible as
    `\\u001b`-style escapes, so plan data cannot move the cursor or recolour a terminal.
    Tabs stay; newlines stay only when `newlines` is true."""
    if text.isprintable():
        # Every character both patterns match is unprintable (Cc or Cf): nothing to escape,
        # told without a regex (a plan view makes this call for every row and line).
        return text
    pattern = _UNSAFE if newlines else _UNSAFE_WITH_NEWLINES
    return pattern.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


#: `json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(", ", ": "))`, built
#: once: `json.dumps` with options makes a new encoder per call, a tenth of a plan view's time.
_COMPACT = json.JSONEncoder(sort_keys=True, ensure_ascii=False, separators=(", ", ": "))


def display(value: Any, redactor: Redactor = NO_SECRETS) -> str:
    """Compact, single-line display of a (non-sensitive) value, secrets redacted first."""
    if value is None:
        return NULL
    # JSON escaping is per character, so a copy inside any string of `value` is in the text
    # as one of the secret's forms: one scan of the whole text, before the cut, finds it.
    # a string (most values) straight to the C encoder `_COMPACT.encode` calls
    text = _encode_str(value) if type(value) is str else _COMPACT.encode(value)
    text = safe(redactor(text))
    if len(text) > MAX_INLINE:
        text = text[: MAX_INLINE - 1] + "…"
    return text


_SCALAR = json.JSONEncoder(ensure_ascii=False).encode
#: What `_SCALAR` and `_COMPACT` do with a string (`ensure_ascii=False`), without the call
#: through `JSONEncoder.encode`.
_encode_str = json.encoder.encode_basestring


def indented_json(value: Any, pad: str = "") -> str:
    """`json.dumps(value, indent=2, sort_keys=True, ensure_ascii=False)` of parsed JSON.

    With `indent`, json.dumps leaves its C encoder for a pure-Python one; this writes the
    same text with the C encoder doing every key and scalar, two to three times as fast on
    the policies and container definitions a plan diffs line by line (a test compares the
    two on generated documents)."""
    if isinstance(value, dict):
        if not value:
            return "{}"
        inner = pad + "  "
        items = sorted(value.items())
        body = ",\n".join(
            f"{inner}{_encode_str(k) if type(k) is str else _SCALAR(k)}: "
            f"{_encode_str(v) if type(v) is str else indented_json(v, inner)}"
            for k, v in items
        )
        return f"{{\n{body}\n{pad}}}"
    if isinstance(value, list):
        if not value:
            return "[]"
        inner = pad + "  "
        body = ",\n".join(inner + indented_json(v, inner) for v in value)
        return f"[\n{body}\n{pad}]"
    return _SCALAR(value)


def masked(value: Any, mask: Any) -> Any:
    """A copy of `value` with every part marked sensitive in `mask` replaced by a marker."""
    if mask is True:
        return SENSITIVE
    if isinstance(value, dict) and isinstance(mask, dict) and mask:
        return {k: masked(v, mask.get(k)) for k, v in value.items()}
    if isinstance(value, list) and isinstance(mask, list) and mask:
        return [masked(v, mask[i] if i < len(mask) else None) for i, v in enumerate(value)]
    return value


def redact(text: str, secrets: frozenset[str] | list[str]) -> str:
    """Replace every occurrence of a known secret (in any of its forms) with the marker."""
    return redactor_for(frozenset(secrets))(text)


def _add_secret(value: Any, out: set[str]) -> None:
    if value is not None and not isinstance(value, bool | dict | list):
        text = str(value)
        if len(text) >= MIN_SECRET_LEN:
            out.add(text)


def _collect_secrets(value: Any, mask: Any, out: set[str]) -> None:
    """Add the scalar values of `value` that `mask` marks sensitive to `out` (and the keys
    of a map that is sensitive as a whole: a copy of them names what was hidden)."""
    stack = [(value, mask)]
    while stack:
        value, mask = stack.pop()
        if mask is True:
            if isinstance(value, dict):
                for k, v in value.items():
                    _add_secret(k, out)
                    stack.append((v, True))
            elif isinstance(value, list):
                stack.extend((v, True) for v in value)
            else:
                _add_secret(value, out)
        elif isinstance(mask, dict) and isinstance(value, dict):
            stack.extend((value.get(k), m) for k, m in mask.items() if m)
        elif isinstance(mask, list) and isinstance(value, list):
            stack.extend((value[i], m) for i, m in enumerate(mask) if m and i < len(value))


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def plan_secrets(data: dict[str, Any]) -> frozenset[str]:
    """All values the plan JSON marks sensitive: resource attributes, outputs, variables."""
    out: set[str] = set()
    for key in ("resource_changes", "resource_drift"):
        rcs = data.get(key)
        for rc in rcs if isinstance(rcs, list) else ():
            ch = rc.get("change") if isinstance(rc, dict) else None
            if isinstance(ch, dict):
                _collect_secrets(ch.get("before"), ch.get("before_sensitive"), out)
                _collect_secrets(ch.get("after"), ch.get("after_sensitive"), out)
    for ch in _dict(data.get("output_changes")).values():
        if isinstance(ch, dict):
            _collect_secrets(ch.get("before"), bool(ch.get("before_sensitive")) or None, out)
            _collect_secrets(ch.get("after"), bool(ch.get("after_sensitive")) or None, out)
    declared = _dict(_dict(_dict(data.get("configuration")).get("root_module")).get("variables"))
    for name, var in _dict(data.get("variables")).items():
        if isinstance(var, dict) and _dict(declared.get(name)).get("sensitive"):
            _collect_secrets(var.get("value"), True, out)
    return frozenset(out)
