from ecs_wizard.cli import main

raise SystemExit(main())
