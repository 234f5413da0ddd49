"""Browser tests: fixtures live in tests/browser_support.py (shared by every directory)."""

from __future__ import annotations

import pytest

from tests.browser_support import (  # noqa: F401  (re-exported for the tests)
    AXE,
    CHROMIUM,
    CHROMIUM_ARGS,
    SCREENSHOTS,
    assert_accessible,
    axe_violations,
    screenshot,
)
from tests.oidc.local_provider import oidc, oidc_server  # noqa: F401  (fixtures)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)
