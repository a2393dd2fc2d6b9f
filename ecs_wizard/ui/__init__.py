"""Pieces both front ends (the Textual wizard and the prompt) and the CLI draw with:
`fields.py` (typed text ⇄ values), `present.py` (any error as rich Text), `field_labels.py`
(answers paths in the wizard's words). None of them imports Textual, so the prompt mode and
the CLI never load it (`tests/tui/test_layers.py`)."""
