"""A workload is keyed by its folder (copilot/<folder>/manifest.yml): a manifest whose `name:`
says otherwise is refused, whatever its type, as Copilot refuses the whole workspace (`name of
the manifest "..." and directory "..." do not match`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from ecs_wizard.copilot import CopilotImportError

from .core_ws import WEB, imported, workspace

JOB = """\
name: report
type: Scheduled Job
on:
  schedule: "@daily"
image:
  location: nginx:1.27
"""


@pytest.mark.parametrize(
    ("workloads", "folder", "declared"),
    [
        ({"frontend": WEB}, "frontend", "web"),
        ({"web": WEB, "nightly": JOB}, "nightly", "report"),  # the job next to a good service
    ],
    ids=["service", "not-migrated-type"],
)
def test_a_name_that_is_not_the_folder_stops_the_import(
    tmp_path: Path, workloads: dict[str, str], folder: str, declared: str
) -> None:
    # a Scheduled Job is otherwise only reported (not migrated); a mismatch is refused all the
    # same, since Copilot reads every workload manifest of the workspace and refuses it
    with pytest.raises(CopilotImportError) as caught:
        imported(workspace(tmp_path, workloads))
    exc = caught.value
    assert (exc.file, exc.field, exc.value) == (f"copilot/{folder}/manifest.yml", "name", declared)
    message = str(exc)
    assert f"copilot/{folder}/" in message and f"copilot/{declared}/" in message
    assert f"name: {folder}" in message


def test_the_same_manifests_in_the_folders_they_name_import(tmp_path: Path) -> None:
    r = imported(workspace(tmp_path, {"web": WEB, "report": JOB}))
    rows = {(row.file, row.field): row.status for row in r.rows}
    assert rows[("copilot/web/manifest.yml", "name")] == "migrated"
    assert rows[("copilot/report/manifest.yml", "type")] == "not migrated"
