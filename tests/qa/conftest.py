"""Fixtures for the QA engine's tests: a CLI runner in a temporary directory."""

from __future__ import annotations

import pytest


@pytest.fixture
def cli(monkeypatch, tmp_path):  # type: ignore[no-untyped-def]
    """cli(*args) -> Result, run in tmp_path with the shipped termbase."""
    from typer.testing import CliRunner

    from termguard.cli import _register, app

    _register()
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()

    def run(*args: str):  # type: ignore[no-untyped-def]
        return runner.invoke(app, list(args))

    return run
