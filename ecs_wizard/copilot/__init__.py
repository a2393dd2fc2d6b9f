"""Import an AWS Copilot workspace: `import_workspace(path)` -> answers and a migration
report (see ecs_wizard/copilot/core.py; README, "Coming from Copilot")."""

from ecs_wizard.copilot.core import import_workspace
from ecs_wizard.copilot.result import CopilotImportError, ImportResult, ReportRow

__all__ = ["CopilotImportError", "ImportResult", "ReportRow", "import_workspace"]
