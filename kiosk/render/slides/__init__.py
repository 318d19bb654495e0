"""Slides of the notice-board display: one module per kind, pure functions data -> Rich renderables."""
