"""Platform connectors: one module per platform behind the ``Connector`` protocol.

Plain Python, no Django: ingest calls ``registry.connector_for`` and maps ``RawItem`` to
its models. See ``base`` for the vocabulary and ``http`` for retries and fault handling.
"""

from __future__ import annotations

from .base import (
    AuthError,
    Capability,
    ConfigError,
    Connector,
    ConnectorError,
    FetchResult,
    NotSupported,
    PayloadError,
    RateLimited,
    RawItem,
    TransientError,
)
from .registry import connector_for

__all__ = [
    "AuthError",
    "Capability",
    "ConfigError",
    "Connector",
    "ConnectorError",
    "FetchResult",
    "NotSupported",
    "PayloadError",
    "RateLimited",
    "RawItem",
    "TransientError",
    "connector_for",
]
