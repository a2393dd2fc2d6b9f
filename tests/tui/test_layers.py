"""The front ends stay in their layers: the questionary mode never loads Textual."""

from __future__ import annotations

import subprocess
import sys

CHECK = """
import ecs_wizard.prompt.questions, ecs_wizard.commands.prompt, sys
print(sorted(m for m in sys.modules if m == "textual" or m.startswith("textual.")))
"""


def test_prompt_mode_does_not_import_textual() -> None:
    out = subprocess.run(
        [sys.executable, "-c", CHECK], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]"


def test_build_base_and_finish_do_not_import_textual() -> None:
    # The command's own helpers import lazily; exercising them must not pull Textual in.
    code = (
        "import argparse, sys\n"
        "from ecs_wizard.commands import prompt\n"
        "ns = argparse.Namespace(answers=None, name='shop', environment=None, region=None,\n"
        "    vpc_id=None, public_subnets='subnet-a, subnet-b', private_subnets=None)\n"
        "prompt.build_base(ns)\n"
        "print(any(m == 'textual' or m.startswith('textual.') for m in sys.modules))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "False"
