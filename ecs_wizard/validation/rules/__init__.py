"""The cross-field checks, one module per concern. Importing this package registers them all,
in the order they run (issues at the same path keep that order), so the imports below are in
that order rather than sorted."""

# isort: skip_file
from ecs_wizard.validation.rules import names  # noqa: F401
from ecs_wizard.validation.rules import network  # noqa: F401
from ecs_wizard.validation.rules import capacity  # noqa: F401
from ecs_wizard.validation.rules import cpu_arch  # noqa: F401
from ecs_wizard.validation.rules import services  # noqa: F401
from ecs_wizard.validation.rules import access  # noqa: F401
from ecs_wizard.validation.rules import alb  # noqa: F401
from ecs_wizard.validation.rules import certificates  # noqa: F401
from ecs_wizard.validation.rules import routing  # noqa: F401
from ecs_wizard.validation.rules import shadowing  # noqa: F401
from ecs_wizard.validation.rules import settings  # noqa: F401
from ecs_wizard.validation.rules import teams  # noqa: F401
from ecs_wizard.validation.rules import aws_quotas  # noqa: F401
