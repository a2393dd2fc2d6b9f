"""Every form a secret can take in a view: the shortcut for a secret no encoder changes gives
the same forms as applying the encoders level by level."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from ecs_wizard.plan import values


def _by_encoding(secret: str) -> set[str]:
    forms: set[str] = set()
    level = {secret} if secret else set()
    for _ in range(values.ESCAPE_LEVELS + 1):
        forms |= level
        level = {enc(f) for f in level for enc in values._ENCODERS} - forms
    return forms


@given(st.text(max_size=12))
def test_forms_are_every_encoding_of_the_secret(secret: str) -> None:
    assert set(values.secret_forms([secret])) == _by_encoding(secret)


def test_each_character_an_encoder_escapes_takes_the_long_way() -> None:
    for cp in [*range(0x00, 0x20), 0x22, 0x26, 0x3C, 0x3E, 0x5C, 0x7F, 0x80, 0x2028, 0x10FFFF]:
        secret = f"pw{chr(cp)}pw"
        assert set(values.secret_forms([secret])) == _by_encoding(secret), hex(cp)
        assert len(_by_encoding(secret)) > 1, hex(cp)
    assert values.secret_forms(["plain-secret-1"]) == ["plain-secret-1"]
