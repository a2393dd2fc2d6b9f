"""The wizard's widgets, one per module: fields bound to draft paths, the optional-block
toggle, the step footer."""
