"""Screens of the three apps, one module per screen, grouped by app."""
