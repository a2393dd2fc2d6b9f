"""The wizard's steps: one module per screen, each a thin view over the draft dict."""
