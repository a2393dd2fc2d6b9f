"""Sub-commands of the `ecs-wizard` CLI.

Each command module exposes `NAME`, `HELP`, `add_arguments(parser)` and `run(args) -> int`.
Modules import their heavy dependencies inside `run`, so `ecs-wizard --help` and every
command start fast.
"""
