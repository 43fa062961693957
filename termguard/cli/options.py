"""Options shared by several commands (termbase selection)."""

from __future__ import annotations

from pathlib import Path

import typer

from termguard.config import Config, load_config
from termguard.errors import TermguardError

TermbaseOption = typer.Option(
    None, "--termbase", "-t", help="Extra termbase file or directory (repeatable); extends or overrides.",
)
NoDefaultOption = typer.Option(False, "--no-default-termbase", help="Use only the --termbase files.")
ConfigOption = typer.Option(None, "--config", help="Configuration file (default: termguard.toml or "
                            "pyproject.toml [tool.termguard] found upwards).")


def open_termbase(termbase: list[Path] | None, no_default: bool, config: Config | None = None):  # type: ignore[no-untyped-def]
    """The termbase for a command: configuration files first, then --termbase files."""
    from termguard.glossary import load_termbase

    config = config if config is not None else load_config()
    paths = [*config.termbase, *(termbase or [])]
    include_default = not (no_default or config.no_default_termbase)
    if not include_default and not paths:
        raise TermguardError("--no-default-termbase needs at least one --termbase file")
    return load_termbase(paths, include_default=include_default)
