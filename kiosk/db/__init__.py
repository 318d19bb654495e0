"""Storage: connection by URL, models, schema versions and the demo database."""
