"""Benchmarks at sub-district scale.

One command builds a synthetic sub-district (街道) and measures what residents and staff feel:

    python -m benchmarks [--scale 1.0] [--quick] [--out benchmarks/out/results.json]

It prints one table (figure, target, pass/fail) with the machine's details; docs/benchmarks.md
explains each row. Everything it writes goes under benchmarks/out/ (kept out of git).
"""
