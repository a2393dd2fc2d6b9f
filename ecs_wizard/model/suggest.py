""" "Did you mean" for every message that names a misspelt key, choice or name.

A leaf module (standard library only) so that the answers layer, the environment merge and the
commands can share one notion of "close enough" without importing `validation` (which imports
them: a cycle).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

#: difflib's ratio below which two words are not offered as a correction. 0.6 is difflib's own
#: default: "prot" → "port", "webb" → "web", but "db" is not offered for "web".
CUTOFF = 0.6


def suggest(word: str, options: Iterable[str]) -> str | None:
    """The closest of `options` to `word`, or None when none is close enough."""
    matches = difflib.get_close_matches(str(word), [str(o) for o in options], n=1, cutoff=CUTOFF)
    return matches[0] if matches else None
