"""Settings of the archive, read once from Django settings with documented defaults.

They live here rather than in ``config/settings.py`` so the archive works before the lead
wires them there; each has an environment variable of the same name.
"""

from __future__ import annotations

import os
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils import translation

PACKAGE_SCHEMAS = Path(__file__).resolve().parent / "schemas"
REPO_ROOT = Path(__file__).resolve().parents[3]

# SHA-256 of the official Noark 5 v5.0 / ADDML 8.3 schemas (shared/noark5/SOURCE.md):
# the current set (2023 maintenance) and the original 2019 release. A package may carry
# either set, byte for byte; anything else is a modified schema, which the standard forbids.
OFFICIAL_SCHEMA_SHA256: dict[str, frozenset[str]] = {
    "arkivstruktur.xsd": frozenset(
        {
            "77acc0f549f4f3856f56429cb30e6b626ddb05d8b8a3d6cae00cb5911b60f58c",
            "85986f7c8fac408cca568a0436b26f5b2837d420877a529962437d21c71fac82",
        }
    ),
    "metadatakatalog.xsd": frozenset(
        {
            "c7c0a7e7996f60b4c28eacd0e34e6af0d6ca2cfb76f58080221e163fb972a305",
            "df9c4bb29a4fc49d452586337c01666f286c7070fe170792b99faf3ef652cf8c",
        }
    ),
    "endringslogg.xsd": frozenset(
        {
            "07cbc86e8b3c4b42ed831cdd5c09aa402a2c4049bbca2d287e184f3138edf1de",
            "9c0aa09d77ce76077f6f65f0a7500f5cf3dadd82410a1ab38cbfd32a76e93d20",
        }
    ),
    "loependeJournal.xsd": frozenset(
        {
            "a631f05eac6496394e78597ac7d20d9e1269fcaccb6d1a8f5c50c75e53384f27",
            "e1c2737159f40e67627329de851d49d841617dddc360ccf3aeea1ffc1ef72e6c",
        }
    ),
    "offentligJournal.xsd": frozenset(
        {
            "e3d9befccf53255be8233d2836ef1de35d9270d95bb3bcbd58ca63544fe170b3",
            "0e8d3b49eeb9eab496bc2ea2f8af9160e6e2526485fe27e377a508b3946bff6e",
        }
    ),
    "addml.xsd": frozenset({"900d238446096154af2d6f066c51ec35bcbb82c4e843079d870b94235b12f24f"}),
}

# dokumentobjekt/format: the standard text asks for a PRONOM id, Arkade's N5.29 compares
# the value with the file extension. "pronom" writes fmt/477 (PDF/A-2b), "extension"
# writes "pdf"; the receiving archive decides.
FORMAT_STYLES = ("pronom", "extension")


def _setting(name: str, default: str) -> str:
    return str(getattr(settings, name, None) or os.environ.get(name) or default)


def schemas_dir() -> Path:
    """The reference schema set: ``TILSTEDE_NOARK5_SCHEMAS``, else ``<repo>/../shared/...``.

    Exports always ship the copies inside this package; this setting names the set that
    ``archive check`` validates against when asked for the reference set.
    """
    default = REPO_ROOT.parent / "shared" / "noark5" / "schemas"
    return Path(_setting("TILSTEDE_NOARK5_SCHEMAS", str(default)))


def reference_schema_sets() -> list[Path]:
    """The reference set and, when present, its ``v5.0-2019-release`` folder (Arkade's
    built-in copies); empty when the folder does not exist."""
    base = schemas_dir()
    return [d for d in (base, base / "v5.0-2019-release") if (d / "arkivstruktur.xsd").is_file()]


def document_format_style() -> str:
    style = _setting("TILSTEDE_ARCHIVE_FORMAT", "pronom")
    if style not in FORMAT_STYLES:
        raise ImproperlyConfigured(
            f"TILSTEDE_ARCHIVE_FORMAT must be one of {', '.join(FORMAT_STYLES)}, not {style!r}"
        )
    return style


def discard_retention_days() -> int:
    """Days a discard-class item is kept after its period ends (``kasseres``)."""
    raw = _setting("TILSTEDE_ARCHIVE_DISCARD_DAYS", "90")
    try:
        days = int(raw)
    except ValueError:
        raise ImproperlyConfigured(
            f"TILSTEDE_ARCHIVE_DISCARD_DAYS must be a whole number of days, not {raw!r}"
        ) from None
    if days < 0:
        raise ImproperlyConfigured("TILSTEDE_ARCHIVE_DISCARD_DAYS must not be negative")
    return days


def export_root() -> Path:
    """Where arkivuttrekk started from the desk are written: ``<VAR_DIR>/exports``."""
    return Path(_setting("TILSTEDE_ARCHIVE_EXPORT_DIR", str(settings.VAR_DIR / "exports")))


def _whole(name: str, default: str, *, minimum: int) -> int:
    raw = _setting(name, default)
    try:
        value = int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}") from None
    if value < minimum:
        raise ImproperlyConfigured(f"{name} must be at least {minimum}")
    return value


def export_workers() -> int:
    """Processes that render an export's documents: ``TILSTEDE_ARCHIVE_WORKERS``, by
    default one per core."""
    return _whole("TILSTEDE_ARCHIVE_WORKERS", str(os.cpu_count() or 1), minimum=1)


def export_pool_threshold() -> int:
    """A window with fewer documents to render than this is rendered in-process: starting
    the pool costs more than it saves (``TILSTEDE_ARCHIVE_POOL_THRESHOLD``)."""
    return _whole("TILSTEDE_ARCHIVE_POOL_THRESHOLD", "8", minimum=1)


def disposal_basis() -> str:
    """The legal basis recorded with every disposal (``TILSTEDE_ARCHIVE_DISPOSAL_BASIS``).

    The default names the act and the agency's own plan without paragraph numbers: the
    archive act of 2025 and its regulation are new; the archivist fills in the exact basis.
    """
    return _setting(
        "TILSTEDE_ARCHIVE_DISPOSAL_BASIS",
        "Arkivlova (LOV-2025-06-20-96) med forskrift; virksomhetens bevarings- og "
        "kassasjonsplan (arkivregel i Tilstede)",
    )


def archive_language() -> translation.override:
    """Write what the archive keeps in the installation's language (``LANGUAGE_CODE``,
    the agency's own), never in the language of whoever happens to start an export or
    close a period: a closed registrering's documents must come out the same each time."""
    return translation.override(settings.LANGUAGE_CODE)
