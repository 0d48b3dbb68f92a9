"""Tests marked slow (tens of CPU seconds, such as the huge-lab formation) run only when
PEERCIRCLE_SLOW_TESTS is set, so that the CI stays short; the benchmarks cover the same
ground at full size."""

import os

import pytest


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    if os.environ.get("PEERCIRCLE_SLOW_TESTS"):
        return
    skip = pytest.mark.skip(reason="slow: set PEERCIRCLE_SLOW_TESTS=1 to run")
    for item in items:
        if item.get_closest_marker("slow"):
            item.add_marker(skip)
