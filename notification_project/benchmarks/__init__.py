"""Benchmarks run against the running system (``python3 manage_all.py up``), never by the test suite."""
