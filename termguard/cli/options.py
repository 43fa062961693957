"""Options shared by several commands (termbase selection; the report options of lint and check)."""

from __future__ import annotations

from pathlib import Path

import typer

from termguard.config import Config, load_config
from termguard.errors import TermguardError
from termguard.locales import _

TermbaseOption = typer.Option(
    None, "--termbase", "-t", help=_("Extra termbase file or directory (repeatable); extends or overrides."),
)
NoDefaultOption = typer.Option(False, "--no-default-termbase", help=_("Use only the --termbase files."))
ConfigOption = typer.Option(None, "--config", help=_("Configuration file (default: termguard.toml or "
                            "pyproject.toml [tool.termguard] found upwards)."))

# The report options of `lint` and `check`: one definition, so both commands read alike.
OutputOption = typer.Option(None, "--output", "-o", help=_("Write the report to this file."))
FailOnOption = typer.Option(None, "--fail-on", help=_("Lowest severity that makes the exit code 1: "
                            "info, warning (default), error, none."))
SelectOption = typer.Option(None, "--select", help=_("Only these rule codes or prefixes "
                            "(repeatable, comma-separated)."))
ExtendSelectOption = typer.Option(None, "--extend-select", help=_("Enable these codes too."))
IgnoreOption = typer.Option(None, "--ignore", help=_("Skip these rule codes or prefixes."))
SeverityOption = typer.Option(None, "--severity", help=_("Override a severity: CODE=LEVEL "
                              "(repeatable), e.g. TG102=warning."))
ColorOption = typer.Option("auto", "--color", help=_("Colour text output: auto, always, never."))
ShowNotesOption = typer.Option(False, "--show-notes", help=_("Print each concept's note under a finding "
                               "(text format)."))


def open_termbase(termbase: list[Path] | None, no_default: bool, config: Config | None = None):  # type: ignore[no-untyped-def]
    """The termbase for a command: configuration files first, then --termbase files."""
    from termguard.glossary import load_termbase

    config = config if config is not None else load_config()
    paths = [*config.termbase, *(termbase or [])]
    include_default = not (no_default or config.no_default_termbase)
    if not include_default and not paths:
        raise TermguardError(_("--no-default-termbase needs at least one --termbase file"))
    return load_termbase(paths, include_default=include_default)
