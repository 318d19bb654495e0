"""Widgets shared by the lobby, admin and display apps. Each carries its own CSS."""
