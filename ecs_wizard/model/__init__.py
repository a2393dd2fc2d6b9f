"""The model layer: the typed answers and everything that reads or reshapes them.

`answers.py` is the single source of truth (with its parts `base.py`, `access.py` and
`team.py`); `environments.py` merges an environment's overlay and `env_view.py` maps the
wizard's view of one environment to overlay paths; `paths.py` is the one path grammar;
`draft.py` is the wizard's in-progress dict of the same shape; `yamlio.py` reads and writes
answers files; `suggest.py` is the one "did you mean".

Nothing here imports a layer above (rendering, plan, front ends): `tests/architecture` checks.
The package imports nothing on its own, so `paths` or `draft` stay cheap for the wizard's
start-up (pydantic is loaded only with `answers`).
"""
