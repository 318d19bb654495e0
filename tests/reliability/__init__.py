"""Reliability and security tests (issue: crash safety, load, backups, hostile input, privacy)."""
