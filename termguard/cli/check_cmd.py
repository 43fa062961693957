"""``termguard check``: parse options, call termguard.qa, render with lint's renderers, exit."""

from __future__ import annotations

from pathlib import Path

import typer

from termguard.cli import app, fail
from termguard.cli.lint_cmds import _FORMATS, _choice, lint_settings, use_colour, write_report
from termguard.cli.options import (
    ColorOption,
    ConfigOption,
    ExtendSelectOption,
    FailOnOption,
    IgnoreOption,
    NoDefaultOption,
    OutputOption,
    SelectOption,
    SeverityOption,
    ShowNotesOption,
    TermbaseOption,
    open_termbase,
)
from termguard.errors import TermguardError
from termguard.locales import _


@app.command(help=_(
    "Check an English edition against its German source: terms, numbers, dates, amounts, missing or German "
    "text, quotation marks and markup (rules TG3xx), and lint --lang en on the edition.\n\n"
    "Uses the [tool.termguard.lint] configuration. Exit codes: 0 no finding at or above --fail-on, 1 findings, "
    "2 usage or input error (a malformed PO/XLIFF file, files that do not pair up)."))
def check(
    paths: list[str] = typer.Argument(..., help=_("SOURCE TARGET (German source and English edition, plain text "
                                      "or Markdown), or one or more PO/XLIFF files (msgid/source against "
                                      "msgstr/target).")),
    output_format: str = typer.Option("text", "--format", "-f", help=_("Output format: text, json, sarif, github, "
                                      "html (a side-by-side review page, see 'termguard review').")),
    output: Path | None = OutputOption,
    fail_on: str | None = FailOnOption,
    select: list[str] | None = SelectOption,
    extend_select: list[str] | None = ExtendSelectOption,
    ignore: list[str] | None = IgnoreOption,
    severity: list[str] | None = SeverityOption,
    color: str = ColorOption,
    show_notes: bool = ShowNotesOption,
    termbase: list[Path] | None = TermbaseOption,
    no_default_termbase: bool = NoDefaultOption,
    config: Path | None = ConfigOption,
) -> None:
    from termguard.lint import LintStats, RenderContext
    from termguard.qa import check_pairings, engine_for

    _choice(output_format, _FORMATS, "--format")
    _choice(color, ("auto", "always", "never"), "--color")
    try:
        settings, cfg = lint_settings(config, select, extend_select, ignore, severity, fail_on=fail_on)
        tb = open_termbase([*settings.termbase, *(termbase or [])], no_default_termbase, cfg)
        engine = engine_for(tb, settings)
    except (TermguardError, ValueError) as exc:
        raise fail(exc) from None
    stats = LintStats()
    ctx = RenderContext(stats=stats, rules=settings.rules, color=use_colour(color, output), show_notes=show_notes,
                        by_rule=True)
    try:
        # Every input is read and checked before the first line is written: an input error
        # leaves no half report behind.
        checked = list(check_pairings(paths, settings=settings, stats=stats, engine=engine))
    except TermguardError as exc:
        raise fail(exc) from None
    ctx.pairings = checked
    write_report(output, list(paths), output_format, lambda: [f for _, found in checked for f in found], ctx,
                 settings.fail_on)
