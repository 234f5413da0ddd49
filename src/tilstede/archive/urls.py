"""URLs of the archive (mounted under /archive/)."""

from __future__ import annotations

urlpatterns: list = []
