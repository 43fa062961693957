"""Hostile input: the generated fixtures and a bounded runner for the real console script.

``termguard`` runs here as a subprocess under an address-space limit and a timeout, so a
regression (an alias bomb expanding, a zip bomb unpacking) fails the test instead of the
machine. Nothing here reaches the network: the model tests use the tiny fixture model.
"""

from __future__ import annotations

import importlib.util
import os
import resource
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, settings

# The fuzz suite's budget (tests/security/test_fuzz.py). "ci": a fixed seed and 25 examples
# per target, reported as found (unshrunk), so that CI runs the same inputs every time, in well
# under a minute on two cores. "thorough": random inputs, about twenty times as many, shrunk to
# the smallest failing one, for a night run (HYPOTHESIS_PROFILE=thorough). The example database
# is off: nothing is written into the repository.
_COMMON = {"deadline": None, "database": None, "print_blob": True,
           "suppress_health_check": [HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                     HealthCheck.data_too_large]}
settings.register_profile("ci", max_examples=25, derandomize=True,
                          phases=[Phase.explicit, Phase.generate], **_COMMON)  # no shrinking: report at once
settings.register_profile("thorough", max_examples=200, **_COMMON)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

REPO = Path(__file__).resolve().parents[2]
SCRIPT = Path(sys.executable).parent / "termguard"
TINY_MODEL = REPO / "tests" / "fixtures" / "model" / "translate-de_en-tiny.argosmodel"
#: What one command may use: far above a normal run (about 150 MB for lint, 600 MB to translate
#: with the tiny model), far below the 2.4 GB the alias bomb took.
MEMORY_LIMIT = 1536 * 1024 * 1024
TIME_LIMIT = 60.0


def _load_generator():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("termguard_hostile", REPO / "tests" / "fixtures" / "hostile"
                                                  / "generate.py")
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


@pytest.fixture(scope="session")
def generator():  # type: ignore[no-untyped-def]
    """The module tests/fixtures/hostile/generate.py."""
    return _load_generator()


@pytest.fixture(scope="session")
def hostile(generator, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:  # type: ignore[no-untyped-def]
    """Every hostile fixture (tests/fixtures/hostile/generate.py), generated once per session."""
    return generator.generate(tmp_path_factory.mktemp("hostile"), bomb_mib=256)


@dataclass
class Run:
    returncode: int
    stdout: str
    stderr: str

    @property
    def lines(self) -> list[str]:
        return [line for line in self.stderr.splitlines() if line.strip()]

    def assert_clean_error(self, *needles: str) -> None:
        """Exit 2, no traceback, and a message holding each of ``needles``."""
        assert self.returncode == 2, (self.returncode, self.stderr[-2000:])
        assert "Traceback" not in self.stderr, self.stderr[-2000:]
        for needle in needles:
            assert needle in self.stderr, self.stderr


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def env_for(tmp_path: Path) -> dict[str, str]:
    argos = tmp_path / "argos"
    return {**os.environ, "TERMGUARD_CACHE_DIR": str(tmp_path / "cache"), "NO_COLOR": "1",
            "XDG_DATA_HOME": str(argos / "data"), "XDG_CACHE_HOME": str(argos / "cache"),
            "XDG_CONFIG_HOME": str(argos / "config"), "ARGOS_PACKAGES_DIR": str(argos / "packages"),
            "ARGOS_PACKAGE_INDEX": "http://127.0.0.1:9/", "HOME": str(tmp_path / "home")}


@pytest.fixture
def termguard_env(tmp_path: Path) -> dict[str, str]:
    """The environment of a console-script run in ``tmp_path`` (cache, argos dirs, HOME inside it)."""
    (tmp_path / "home").mkdir(exist_ok=True)
    return env_for(tmp_path)


@pytest.fixture
def bounded(tmp_path: Path, termguard_env: dict[str, str]):  # type: ignore[no-untyped-def]
    """bounded(*args, cwd=tmp_path) -> Run: the console script in a subprocess, bounded in memory and time."""

    def run(*args: str | Path, cwd: Path | None = None, input: str | None = None) -> Run:
        try:
            done = subprocess.run([str(SCRIPT), *map(str, args)], cwd=cwd or tmp_path, env=termguard_env,
                                  capture_output=True, text=True, timeout=TIME_LIMIT, input=input,
                                  preexec_fn=_limit_memory)
        except subprocess.TimeoutExpired:
            pytest.fail(f"termguard {' '.join(map(str, args))} ran longer than {TIME_LIMIT} s")
        return Run(done.returncode, done.stdout, done.stderr)

    return run


@pytest.fixture
def termguard(tmp_path: Path, termguard_env: dict[str, str], monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """termguard(*args, cwd=tmp_path) -> Run: the CLI in this process (fast), with the same
    environment as :func:`bounded`; for inputs that cannot hurt the test process."""
    from typer.testing import CliRunner

    from termguard.cli import _register, app

    _register()
    for key in ("TERMGUARD_CACHE_DIR", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME", "ARGOS_PACKAGES_DIR",
                "ARGOS_PACKAGE_INDEX", "HOME"):
        monkeypatch.setenv(key, termguard_env[key])
    runner = CliRunner()

    def run(*args: str | Path, cwd: Path | None = None, input: str | None = None) -> Run:
        monkeypatch.chdir(cwd or tmp_path)
        result = runner.invoke(app, [str(a) for a in args], input=input)
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            import traceback

            tb = "".join(traceback.format_exception(result.exception))
            return Run(99, result.stdout, result.stderr + "\nTraceback (in process):\n" + tb)
        return Run(result.exit_code, result.stdout, result.stderr)

    return run
