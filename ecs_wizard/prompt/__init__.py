"""The questionary front end (`ecs-wizard prompt`): `questions.py` asks the wizard's
questions one by one, `access.py` the application-access ones, `network.py` the public
subnets, `prefill.py` makes a pre-filled default replaceable by typing. It never loads
Textual (`tests/tui/test_layers.py`)."""

from ecs_wizard.prompt.questions import Aborted, run_prompt

__all__ = ["Aborted", "run_prompt"]
