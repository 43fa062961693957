"""The wheel users install holds every module and data file of the tree, and its command runs.

The expected file list is derived from pyproject.toml's ``package-dir`` mapping (each mapped
folder's tracked files, under the namespace it maps to), so a new subsystem folder, module or
data file is checked without editing this test. The wheel is built from the sdist, as ``python
-m build`` and PyPI users get it, from a copy of the tree (no build/ or egg-info in the clone).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib  # type: ignore[no-redef]

REPO = Path(__file__).resolve().parents[1]
#: Never shipped: interpreter caches.
_NOT_SHIPPED = ("__pycache__", ".pyc")


def package_dirs() -> dict[str, str]:
    with open(REPO / "pyproject.toml", "rb") as fh:
        return dict(tomllib.load(fh)["tool"]["setuptools"]["package-dir"])


def _tracked(folder: str) -> list[str]:
    """Files of ``folder`` (relative to it): what git tracks or would add in a clone, else every file."""
    if (REPO / ".git").exists() and shutil.which("git"):
        command = ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard", "--", folder]
        out = subprocess.run(command, cwd=REPO, capture_output=True, check=True)
        names = [n for n in out.stdout.decode("utf-8").split("\0") if n]
        return [n[len(folder.rstrip("/")) + 1:] for n in names if (REPO / n).is_file()]
    base = REPO / folder
    return [p.relative_to(base).as_posix() for p in base.rglob("*") if p.is_file()]


def expected_files() -> set[str]:
    """Wheel paths of every module and data file in the mapped folders."""
    mapping = package_dirs()
    expected = set()
    for namespace, folder in mapping.items():
        # A folder mapped on its own (termguard.lint = "lint") is not part of its parent's folder.
        inner = {f.rstrip("/") for n, f in mapping.items() if n != namespace and n.startswith(namespace + ".")}
        for rel in _tracked(folder):
            if any(part in _NOT_SHIPPED for part in rel.split("/")) or rel.endswith(".pyc"):
                continue
            if any((Path(folder) / rel).as_posix().startswith(f + "/") for f in inner):
                continue
            expected.add(f"{namespace.replace('.', '/')}/{rel}")
    return expected


def _copy_tree(target: Path) -> Path:
    def ignore(directory: str, names: list[str]) -> set[str]:
        # editions/ is `make editions`' output at the top only (locales/editions/ is a package)
        top = Path(directory) == REPO
        return {n for n in names if n in {".git", ".venv", ".venv-latest", "build", "dist", "bench",
                                          "__pycache__", ".pytest_cache", ".mypy_cache", ".ruff_cache"}
                or (top and n == "editions") or n.endswith(".egg-info")}

    shutil.copytree(REPO, target, ignore=ignore)
    return target


def _build(backend_call: str, source: Path, out: Path) -> Path:
    """Run a setuptools PEP 517 hook in a subprocess (no network: no build isolation)."""
    out.mkdir(parents=True, exist_ok=True)
    code = f"from setuptools import build_meta; print(build_meta.{backend_call}({str(out)!r}))"
    result = subprocess.run([sys.executable, "-c", code], cwd=source, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-2000:]
    return out / result.stdout.strip().splitlines()[-1]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(sdist, wheel built from the unpacked sdist)."""
    base = tmp_path_factory.mktemp("dist")
    source = _copy_tree(base / "src")
    sdist = _build("build_sdist", source, base / "sdist")
    with tarfile.open(sdist) as archive:
        archive.extractall(base / "unpacked", filter="data")
    (unpacked,) = (base / "unpacked").iterdir()
    wheel = _build("build_wheel", unpacked, base / "wheel")
    return sdist, wheel


def test_mapping_covers_the_subsystem_folders() -> None:
    mapping = package_dirs()
    assert mapping["termguard"] == "termguard"
    for namespace, folder in mapping.items():
        assert (REPO / folder).is_dir(), f"{namespace} maps to missing folder {folder}"
        assert (REPO / folder / "__init__.py").is_file(), f"{folder} has no __init__.py"


def test_wheel_holds_every_module_and_data_file(built: tuple[Path, Path]) -> None:
    _, wheel = built
    with zipfile.ZipFile(wheel) as archive:
        shipped = {n for n in archive.namelist() if ".dist-info/" not in n}
    expected = expected_files()
    # the subsystems' data this test exists for, each found through the mapping
    assert any(p.startswith("termguard/glossary/data/") and p.endswith(".yaml") for p in expected)
    assert any(p.endswith(".schema.json") for p in expected)
    assert any(p.endswith("rules.yaml") for p in expected)
    assert any(p.startswith("termguard/locales/editions/") and p.endswith(".yaml") for p in expected)
    assert any("sarif" in p and p.endswith(".json") for p in expected)
    assert "termguard/cli/__init__.py" in expected and "termguard/__main__.py" in expected
    assert sorted(expected - shipped) == [], "in the tree but not in the wheel"
    assert sorted(shipped - expected) == [], "in the wheel but not in the tree"


def test_wheel_metadata(built: tuple[Path, Path]) -> None:
    from termguard import __version__

    sdist, wheel = built
    assert wheel.name.startswith(f"termguard-{__version__}-") and sdist.name == f"termguard-{__version__}.tar.gz"
    with zipfile.ZipFile(wheel) as archive:
        metadata = archive.read(f"termguard-{__version__}.dist-info/METADATA").decode()
        entry_points = archive.read(f"termguard-{__version__}.dist-info/entry_points.txt").decode()
    assert f"Version: {__version__}" in metadata
    assert "Provides-Extra: translate" in metadata
    assert "termguard = termguard.cli:main" in entry_points


def test_installed_wheel_runs_outside_the_tree(built: tuple[Path, Path], tmp_path: Path) -> None:
    """The wheel's files alone (installed into a target directory, dependencies from this
    environment) run the command from a directory outside the repository."""
    _, wheel = built
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--no-index", "--target",
                    str(target), str(wheel)], check=True, capture_output=True)
    work = tmp_path / "work"
    work.mkdir()
    env = {**os.environ, "PYTHONPATH": str(target)}

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, *args], cwd=work, env=env, capture_output=True, text=True)

    where = run("-c", "import termguard.cli, termguard.glossary; print(termguard.cli.__file__)")
    assert where.returncode == 0, where.stderr
    assert where.stdout.strip().startswith(str(target))
    from termguard import __version__

    version = run("-m", "termguard", "--version")
    assert (version.returncode, version.stdout.strip()) == (0, f"termguard {__version__}")
    found = run("-m", "termguard", "lookup", "Paschinjan")
    assert found.returncode == 0 and "Pashinyan" in found.stdout, found.stderr
    (work / "article.txt").write_text("Der Sangesur-Korridor verbindet Aserbaidschan mit Nachitschewan.\n")
    linted = run("-m", "termguard", "lint", "article.txt", "--lang", "de")
    assert linted.returncode == 1 and "article.txt:1:" in linted.stdout, linted.stdout + linted.stderr


def test_installed_wheel_speaks_german(built: tuple[Path, Path], tmp_path: Path) -> None:
    """A fresh install of the wheel carries the compiled German catalog and uses it under a German locale."""
    _, wheel = built
    with zipfile.ZipFile(wheel) as archive:
        assert "termguard/locales/de/LC_MESSAGES/termguard.mo" in archive.namelist()
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--no-index", "--target",
                    str(target), str(wheel)], check=True, capture_output=True)
    env = {k: v for k, v in os.environ.items() if k not in ("LANGUAGE", "LC_ALL", "LC_MESSAGES")}
    env.update(PYTHONPATH=str(target), LANG="de_DE.UTF-8")
    result = subprocess.run([sys.executable, "-m", "termguard", "lookup", "Niemandsname"], cwd=tmp_path, env=env,
                            capture_output=True, text=True)
    assert result.returncode == 1
    assert "keine Benennung passt zu 'Niemandsname'" in result.stdout, result.stdout + result.stderr
