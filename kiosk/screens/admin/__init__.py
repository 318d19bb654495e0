"""Screens of the staff console (`kiosk admin`), one module each."""
