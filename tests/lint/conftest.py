"""Fixtures for the lint tests: a small fixed termbase, a CLI runner, a lint helper."""

from __future__ import annotations

from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parent / "data"
MINI = DATA / "mini.yaml"


@pytest.fixture(scope="session")
def mini_tb():  # type: ignore[no-untyped-def]
    from termguard.glossary import load_termbase

    return load_termbase([MINI], include_default=False)


@pytest.fixture
def lint(mini_tb):  # type: ignore[no-untyped-def]
    """lint(text, lang="auto", fmt=None, **settings) -> findings, with the mini termbase."""
    from termguard.lint import LintSettings, lint_text

    def run(text: str, lang: str = "auto", fmt: str | None = None, path: str = "<text>", **settings):  # type: ignore[no-untyped-def]
        return lint_text(text, path, lang, fmt, termbase=mini_tb, settings=LintSettings(**settings))

    return run


@pytest.fixture
def cli(monkeypatch, tmp_path):  # type: ignore[no-untyped-def]
    """cli(*args, input=None) -> Result, run in tmp_path with the mini termbase only."""
    from typer.testing import CliRunner

    from termguard.cli import _register, app

    _register()
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()

    def run(*args: str, input: str | bytes | None = None, termbase: bool = True):  # type: ignore[no-untyped-def]
        extra = ["--no-default-termbase", "--termbase", str(MINI)] if termbase and args[:1] == ("lint",) else []
        return runner.invoke(app, [*args, *extra], input=input, catch_exceptions=False)

    return run
