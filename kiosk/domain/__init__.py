"""The domain in its own words: estates, households, sources, pledges, reports, ballots.

Functions here validate plain arguments, write in one transaction with an audit entry, and
return plain dataclasses. Screens and the CLI call these; they never build queries themselves.
"""
