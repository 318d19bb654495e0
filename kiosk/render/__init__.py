"""Pure functions from domain data to renderables (Rich Text / Textual Content). No I/O here."""
