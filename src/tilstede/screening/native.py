"""Which build of the detectors runs: the one mypyc compiled from these sources, or the
Python sources themselves.

``pip install`` (and so ``make run`` and ``make test``) compiles the detector modules with
mypyc (see setup.py): the same code, type-checked and turned into C, screens a comment
in about two thirds of the time. The build records a digest of the sources it compiled
(``MANIFEST``). A compiled module is used only while that digest matches the sources next
to it: after an edit, a checkout or a failed build the Python sources run, with a
warning, until the package is built again, so that what runs is always what the sources
say. ``TILSTEDE_SCREENING_COMPILED=0`` makes the Python sources run whatever is built
(and, when building, builds nothing).

Kept in Python and free of the detectors' imports: it decides how they are imported.
"""

from __future__ import annotations

import hashlib
import importlib.machinery
import importlib.util
import json
import os
import sys
import warnings
from collections.abc import Sequence
from importlib.abc import MetaPathFinder
from importlib.machinery import ModuleSpec
from pathlib import Path
from types import ModuleType
from typing import Final

PACKAGE: Final = __name__.rpartition(".")[0]
HERE: Final = Path(__file__).resolve().parent
#: The modules setup.py compiles: everything ``screen()`` runs. The command line, the
#: tagger's training, NorNE's reader, the language guess and ``cues`` (whose classes
#: subclass frozenset, which mypyc does not compile) stay Python.
COMPILED: Final = (
    "address",
    "casework",
    "checksums",
    "doc",
    "emails",
    "health",
    "lexicon",
    "model",
    "names",
    "normalise",
    "numbers",
    "rules",
    "screen",
    "sensitive",
    "tagger",
)
#: Written by setup.py next to the compiled modules: the digest of the sources compiled.
MANIFEST: Final = "compiled-from.json"
SWITCH: Final = "TILSTEDE_SCREENING_COMPILED"


def sources_digest(directory: Path = HERE) -> str:
    """SHA-256 over the names and bytes of the ``COMPILED`` modules' sources, in order."""
    digest = hashlib.sha256()
    for name in COMPILED:
        digest.update(name.encode() + b"\0")
        digest.update((directory / f"{name}.py").read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()


def compiled_modules(directory: Path = HERE) -> list[Path]:
    """The compiled extension modules of ``COMPILED`` present in ``directory`` (one each;
    they run all together or not at all: they call each other inside one shared library)."""
    found = []
    for name in COMPILED:
        for suffix in importlib.machinery.EXTENSION_SUFFIXES:
            path = directory / f"{name}{suffix}"
            if path.exists():
                found.append(path)
                break
    return found


def compiling_wanted() -> bool:
    """The switch: unset, 1, true, yes or on (the default) or 0, false, no or off."""
    value = os.environ.get(SWITCH, "").strip().lower()
    if value in ("", "1", "true", "yes", "on"):
        return True
    if value in ("0", "false", "no", "off"):
        return False
    raise ValueError(f"{SWITCH} must be 1 or 0 (true or false), not {value!r}")


def stale_reason(directory: Path = HERE) -> str | None:
    """Why the compiled modules in ``directory`` must not run (None: they may)."""
    if not compiling_wanted():
        return f"{SWITCH} is off"
    if len(compiled_modules(directory)) != len(COMPILED):
        return "some of the compiled modules are missing"
    try:
        built = json.loads((directory / MANIFEST).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return f"no {MANIFEST}: the last build did not compile them"
    except (OSError, ValueError) as exc:
        return f"{MANIFEST} unreadable ({exc})"
    if not isinstance(built, dict) or built.get("sources") != sources_digest(directory):
        return "the sources have changed since they were compiled"
    return None


class _PythonSources(MetaPathFinder):
    """Imports the ``COMPILED`` modules from their .py files, past the compiled ones."""

    def find_spec(
        self,
        fullname: str,
        path: Sequence[str] | None,
        target: ModuleType | None = None,
    ) -> ModuleSpec | None:
        package, _, name = fullname.rpartition(".")
        if package != PACKAGE or name not in COMPILED:
            return None
        return importlib.util.spec_from_file_location(fullname, HERE / f"{name}.py")


def choose() -> str:
    """Decide, before any detector module is imported, which build runs: "compiled" or
    "python". Compiled modules that do not match the sources are passed over (a warning
    says why, unless the switch asked for it)."""
    if not compiled_modules():
        compiling_wanted()  # a wrong value is refused whether or not anything is compiled
        return "python"
    reason = stale_reason()
    if reason is None:
        return "compiled"
    if not any(isinstance(f, _PythonSources) for f in sys.meta_path):
        sys.meta_path.insert(0, _PythonSources())
    if not reason.startswith(SWITCH):
        warnings.warn(
            f"tilstede.screening runs from its Python sources, not the compiled build: "
            f"{reason}. Build again (make run, make test or pip install) to compile them.",
            RuntimeWarning,
            stacklevel=2,
        )
    return "python"


def active() -> str:
    """Which build the imported detectors are: "compiled" or "python"."""
    screen = sys.modules.get(f"{PACKAGE}.screen")
    if screen is None or screen.__file__ is None:
        return "python"
    return "python" if screen.__file__.endswith(".py") else "compiled"
