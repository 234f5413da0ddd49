"""Builds Tilstede; pyproject.toml holds everything but the screening's compiled modules.

The detectors (``tilstede.screening``, the modules ``native.COMPILED`` names) are compiled
with mypyc, mypy's compiler for type-annotated Python: the same sources, turned into C,
screen a comment in about two thirds of the time (bench/screening_speed.py). The build
writes the digest of the sources it compiled next to them (``native.MANIFEST``); at import,
the compiled modules run only while that digest matches, so an edit or a checkout never
runs old code. Compiling is optional: without a C compiler, with
``TILSTEDE_SCREENING_COMPILED=0`` in the build's environment, or when mypyc fails, the
package is built from its Python sources alone, with a warning.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

from setuptools import setup
from setuptools.command.build_ext import build_ext

ROOT = Path(__file__).resolve().parent
SCREENING = ROOT / "src" / "tilstede" / "screening"
# The list of compiled modules and the digest, in one place: the package's own module,
# loaded by path (importing the package would import the detectors).
_spec = importlib.util.spec_from_file_location("_screening_native", SCREENING / "native.py")
assert _spec is not None and _spec.loader is not None
native = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(native)


# pip runs this file three times per install (requirements, metadata, the build); only
# the build needs the compiled modules, and mypyc's type analysis takes seconds each time.
_BUILDS = {"build", "build_ext", "bdist_wheel", "editable_wheel", "develop", "install"}


def _extensions() -> list:
    if _BUILDS.isdisjoint(sys.argv[1:]):
        return []
    if not native.compiling_wanted():
        print(f"{native.SWITCH} is off: screening built from its Python sources", file=sys.stderr)
        return []
    try:
        from mypyc.build import mypycify
    except ImportError:
        print("mypyc missing: screening built from its Python sources", file=sys.stderr)
        return []
    sources = [f"src/tilstede/screening/{name}.py" for name in native.COMPILED]
    try:
        # Not the project's mypy settings (their Django plugin is not in the build's
        # environment); the detectors import no Django, and other packages they import
        # (phonenumbers) are typed Any here.
        extensions = mypycify(
            ["--config-file=", "--ignore-missing-imports", *sources], opt_level="3"
        )
    except BaseException as exc:  # mypyc reports type errors by SystemExit
        print(f"mypyc failed ({exc!r}): screening built from its Python sources", file=sys.stderr)
        return []
    for extension in extensions:
        extension.optional = True  # no C compiler: build the Python sources alone
    return extensions


class BuildExt(build_ext):
    """Records the digest of the compiled sources once every module has compiled."""

    def run(self) -> None:
        self._failed = False
        super().run()
        targets = [Path(self.build_lib) / "tilstede" / "screening"]
        if self.inplace or getattr(self, "editable_mode", False):
            targets.append(SCREENING)
        for target in targets:
            manifest = target / native.MANIFEST
            if self._failed or not self.extensions:
                manifest.unlink(missing_ok=True)
                continue
            target.mkdir(parents=True, exist_ok=True)
            manifest.write_text(
                json.dumps({"sources": native.sources_digest(SCREENING)}) + "\n",
                encoding="utf-8",
            )

    def build_extension(self, ext) -> None:
        try:
            super().build_extension(ext)
        except BaseException:
            self._failed = True
            print("screening: compiling failed; the Python sources will run", file=sys.stderr)
            raise


setup(ext_modules=_extensions(), cmdclass={"build_ext": BuildExt})
