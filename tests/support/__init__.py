"""Helpers shared by the test suite and the benchmarks: the stand-in Bot API server, the dev data."""
