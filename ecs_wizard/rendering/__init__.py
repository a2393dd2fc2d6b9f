"""The render layer's parts; `ecs_wizard/render.py` (named in the product's layout) is its
entry and composes them.

`hcl.py` writes and reads HCL, `teams.py` renders what a team needs (environment files, the
S3 backend, bootstrap, the CI workflow), `layout.py` names those files, `writer.py` and
`journal.py` put a project on disk without losing edits, `changes.py` reviews a re-render,
`tfimport.py` and `hand_edits.py` read a rendered `terraform.tfvars` back into answers.

Imports nothing on its own: the plan layer reads `layout` and `writer` without loading the
renderer.
"""
