"""`edit DIR` when DIR's terraform.tfvars was edited by hand: import the edits into the
answers first, ignore them, or cancel (ecs_wizard.rendering.hand_edits finds and reads them)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ecs_wizard.screens.dialogs import ChoiceDialog

if TYPE_CHECKING:
    from ecs_wizard.app import WizardApp
    from ecs_wizard.rendering.hand_edits import TfvarsEdits

#: how many changed answers the dialog names (the rest is counted)
LISTED = 6


def tfvars_dialog(edits: TfvarsEdits, where: str) -> ChoiceDialog:
    if edits.error:
        return ChoiceDialog(
            "terraform.tfvars was edited by hand",
            f"{where}/terraform.tfvars changed since the last render but cannot be read "
            f"back:\n{edits.error}\n\nIgnore the edits (the next export overwrites them, "
            "keeping a backup), or cancel and fix the file.",
            [("ignore", "Ignore hand edits"), ("cancel", "Cancel")],
        )
    listing = "\n".join(f"  - {p}" for p in edits.changed[:LISTED]) or "  (formatting only)"
    if len(edits.changed) > LISTED:
        listing += f"\n  … and {len(edits.changed) - LISTED} more"
    return ChoiceDialog(
        "terraform.tfvars was edited by hand",
        f"{where}/terraform.tfvars changed since the last render:\n{listing}\n\n"
        "Import these edits into the answers before editing? If you ignore them, the next "
        "export overwrites them (keeping a backup).",
        [("import", "Import hand edits"), ("ignore", "Ignore them"), ("cancel", "Cancel")],
    )


def offer_tfvars_import(app: WizardApp, edits: TfvarsEdits, where: str) -> None:
    """Ask, then apply the choice: the imported answers become the draft; cancel quits."""

    def chosen(choice: str | None) -> None:
        if choice == "import":
            app.draft = edits.data
            app.dirty = True
            app.revalidate()
            app.goto(app.step)
            app.notify(f"Imported {len(edits.changed)} hand edit(s) from terraform.tfvars.")
        elif choice == "cancel":
            app.exit(return_code=1)

    app.push_screen(tfvars_dialog(edits, where), chosen)
