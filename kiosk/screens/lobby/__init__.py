"""The resident's screens at the lobby kiosk. Each module holds one screen; `base` holds the frame
they share (title, keys, digits, back, live reload, error guard)."""
