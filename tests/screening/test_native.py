"""The compiled build of the detectors (mypyc, see setup.py and screening/native.py) runs
only while it matches its sources, and finds exactly what the Python sources find."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import tilstede.screening as screening
from tilstede.screening import native

ROOT = Path(__file__).resolve().parent.parent.parent
PACKAGE_DIR = Path(screening.__file__).resolve().parent
compiled_here = pytest.mark.skipif(
    not native.compiled_modules(), reason="the detectors are not compiled in this checkout"
)


def _run(code: str, pythonpath: Path | None = None, **env: str) -> subprocess.CompletedProcess:
    environ = {k: v for k, v in os.environ.items() if k != native.SWITCH}
    environ.update(env)
    if pythonpath is not None:
        environ["PYTHONPATH"] = str(pythonpath)
    return subprocess.run(  # noqa: S603 - this interpreter on the test's own code
        [sys.executable, "-W", "default", "-c", code],
        capture_output=True,
        text=True,
        env=environ,
        cwd=ROOT,
        timeout=120,
    )


_REPORT = (
    "import tilstede.screening as s, tilstede.screening.names as n; "
    "print(s.BUILD, n.__file__.rsplit('.', 1)[-1]); "
    "print(s.screen('Ring Kari Hansen på 912 34 567').redacted)"
)


def _copy_of_the_package(tmp_path: Path) -> Path:
    """The tilstede package with its screening subpackage and the compiled modules' shared
    library, in a folder of its own (the rest of tilstede is not needed to screen)."""
    src = tmp_path / "src"
    (src / "tilstede").mkdir(parents=True)
    shutil.copy(PACKAGE_DIR.parent / "__init__.py", src / "tilstede" / "__init__.py")
    shutil.copytree(
        PACKAGE_DIR, src / "tilstede" / "screening", ignore=shutil.ignore_patterns("__pycache__")
    )
    for shared in PACKAGE_DIR.parent.parent.glob("*__mypyc*"):
        shutil.copy(shared, src / shared.name)
    return src


@compiled_here
def test_the_compiled_build_runs_while_it_matches_its_sources(tmp_path: Path) -> None:
    src = _copy_of_the_package(tmp_path)
    done = _run(_REPORT, src)
    assert done.returncode == 0, done.stderr
    build, ending = done.stdout.splitlines()[0].split()
    assert (build, ending) == ("compiled", "so")
    assert "Python sources" not in done.stderr


@compiled_here
def test_an_edited_source_runs_from_python_with_a_warning(tmp_path: Path) -> None:
    src = _copy_of_the_package(tmp_path)
    names = src / "tilstede" / "screening" / "names.py"
    names.write_text(names.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    done = _run(_REPORT, src)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["python py", "Ring [navn] på [telefonnummer]"]
    assert "sources have changed since they were compiled" in done.stderr


@compiled_here
def test_a_build_without_its_digest_is_not_used(tmp_path: Path) -> None:
    src = _copy_of_the_package(tmp_path)
    (src / "tilstede" / "screening" / native.MANIFEST).unlink()
    done = _run(_REPORT, src)
    assert done.stdout.splitlines()[0] == "python py"
    assert f"no {native.MANIFEST}" in done.stderr


@compiled_here
def test_an_incomplete_build_is_not_used(tmp_path: Path) -> None:
    src = _copy_of_the_package(tmp_path)
    for path in (src / "tilstede" / "screening").glob("tagger.*"):
        if path.suffix != ".py":
            path.unlink()
    done = _run(_REPORT, src)
    assert done.stdout.splitlines()[0] == "python py"
    assert "some of the compiled modules are missing" in done.stderr


def test_a_wrong_switch_value_is_refused_naming_the_variable() -> None:
    done = _run("import tilstede.screening", **{native.SWITCH: "maybe"})
    assert done.returncode != 0
    assert f"{native.SWITCH} must be 1 or 0 (true or false), not 'maybe'" in done.stderr


@pytest.mark.parametrize("off", ["0", "false", "Off"])
def test_the_switch_runs_the_python_sources_without_a_warning(off: str) -> None:
    done = _run(_REPORT, **{native.SWITCH: off})
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["python py", "Ring [navn] på [telefonnummer]"]
    assert "RuntimeWarning" not in done.stderr


def test_the_python_sources_give_the_golden_findings_too() -> None:
    """test_golden checks the build this suite imports (compiled under `make test`); this
    checks the Python sources, which run where no compiler is at hand."""
    done = subprocess.run(
        [sys.executable, "tests/data/screening_golden.py"],
        capture_output=True,
        text=True,
        env={**os.environ, native.SWITCH: "0", "PYTHONPATH": str(ROOT / "src")},
        cwd=ROOT,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]


@pytest.mark.skipif(
    os.environ.get("TILSTEDE_EXPECT_COMPILED") != "1",
    reason="only `make test` promises a compiled build (it sets TILSTEDE_EXPECT_COMPILED=1)",
)
def test_make_test_checks_the_compiled_build() -> None:
    assert screening.BUILD == "compiled", native.stale_reason() or "no compiled modules built"
    assert native.active() == "compiled"


def test_the_digest_changes_with_any_compiled_source(tmp_path: Path) -> None:
    for name in native.COMPILED:
        shutil.copy(PACKAGE_DIR / f"{name}.py", tmp_path / f"{name}.py")
    before = native.sources_digest(tmp_path)
    assert before == native.sources_digest(PACKAGE_DIR)
    last = tmp_path / f"{native.COMPILED[-1]}.py"
    last.write_bytes(last.read_bytes() + b" ")
    assert native.sources_digest(tmp_path) != before
