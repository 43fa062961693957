"""``termguard lint`` and ``termguard rules``: parse options, call termguard.lint, render, exit.

Annotations are evaluated as the module loads (no ``from __future__ import annotations``):
typer reads them at every start, and strings would be compiled and evaluated each time.
"""

import contextlib
import os
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, NoReturn, TextIO, cast

import typer

from termguard.cli import app, fail
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
from termguard.io import open_atomic
from termguard.locales import _

_FORMATS = ("text", "json", "sarif", "github", "html")
_LANGS = ("de", "en", "ru", "auto")


def _choice(value: str | None, allowed: tuple[str, ...], option: str) -> str | None:
    if value is not None and value not in allowed:
        raise typer.BadParameter(_("{value!r} is not one of {allowed}").format(value=value, allowed=", ".join(allowed)),
                                 param_hint=option)
    return value


def lint_settings(config: Path | None, select: list[str] | None, extend_select: list[str] | None,
                  ignore: list[str] | None, severity: list[str] | None, **options: Any) -> tuple[Any, Any]:
    """The lint settings of the configuration file with the command line's overrides, and the
    configuration (``lint`` and ``check`` share them: one rules table, one configuration)."""
    from termguard.config import load_config
    from termguard.lint.settings import parse_codes, settings_from_config

    cfg = load_config(config)
    settings = settings_from_config(cfg)
    overrides = {}
    for item in severity or []:
        code, sep, level = item.partition("=")
        if not sep:
            raise ValueError(_("--severity expects CODE=LEVEL, got {item!r}").format(item=item))
        overrides[code] = level.strip()
    settings = settings.with_options(
        rules=settings.rules.configured(select=parse_codes(select), extend_select=parse_codes(extend_select)
                                        or (), ignore=parse_codes(ignore) or (), severity=overrides),
        **options)
    return settings, cfg


def use_colour(color: str, output: Path | None) -> bool:
    """Whether text output is coloured (``--color auto``: a terminal, no NO_COLOR, no --output)."""
    return color == "always" or (color == "auto" and output is None and sys.stdout.isatty()
                                 and "NO_COLOR" not in os.environ)


@app.command(help=_(
    "Lint German sources and English editions for loaded, deprecated and inconsistent terms.\n\n"
    "Exit codes: 0 no finding at or above --fail-on, 1 findings, 2 usage or input error."))
def lint(
    paths: list[str] | None = typer.Argument(None, help=_("Files and directories to lint; '-' reads stdin. "
                                             "Default: the current directory.")),
    lang: str | None = typer.Option(None, "--lang", "-l", help=_("Language of the texts: de, en, ru or auto "
                                    "(detected per file and per PO side; default auto).")),
    output_format: str = typer.Option("text", "--format", "-f", help=_("Output format: text, json, sarif, github, "
                                      "html (a review page, see 'termguard review').")),
    output: Path | None = OutputOption,
    fail_on: str | None = FailOnOption,
    select: list[str] | None = SelectOption,
    extend_select: list[str] | None = ExtendSelectOption,
    ignore: list[str] | None = IgnoreOption,
    severity: list[str] | None = SeverityOption,
    include: list[str] | None = typer.Option(None, "--include", help=_("Globs of files to lint in directories "
                                             "(replaces the default *.txt *.md *.markdown *.po *.pot).")),
    exclude: list[str] | None = typer.Option(None, "--exclude", help=_("Globs to skip (replaces the defaults).")),
    extend_exclude: list[str] | None = typer.Option(None, "--extend-exclude", help=_("Globs to skip as well.")),
    respect_gitignore: bool | None = typer.Option(None, "--respect-gitignore/--no-respect-gitignore",
                                                  help=_("Skip files that .gitignore ignores (default: yes).")),
    force_exclude: bool | None = typer.Option(None, "--force-exclude/--no-force-exclude",
                                              help=_("Apply excludes to files named on the command line too.")),
    encoding: str | None = typer.Option(None, "--encoding", help=_("Encoding of the inputs (default utf-8).")),
    stdin_filename: str | None = typer.Option(None, "--stdin-filename", help=_("Name shown for stdin; its "
                                              "extension picks the format (.md, .po).")),
    jobs: int = typer.Option(1, "--jobs", "-j", min=1, help=_("Lint files in this many processes.")),
    color: str = ColorOption,
    show_notes: bool = ShowNotesOption,
    termbase: list[Path] | None = TermbaseOption,
    no_default_termbase: bool = NoDefaultOption,
    config: Path | None = ConfigOption,
) -> None:
    from termguard.lint import LintStats, RenderContext, lint_paths

    _choice(output_format, _FORMATS, "--format")
    _choice(lang, _LANGS, "--lang")
    _choice(color, ("auto", "always", "never"), "--color")
    try:
        settings, cfg = lint_settings(config, select, extend_select, ignore, severity, lang=lang, fail_on=fail_on,
                                      encoding=encoding, respect_gitignore=respect_gitignore,
                                      force_exclude=force_exclude, include=tuple(include) if include else None,
                                      exclude=tuple(exclude) if exclude else None)
        if extend_exclude:
            settings = settings.with_options(exclude=settings.exclude + tuple(extend_exclude))
        tb = open_termbase([*settings.termbase, *(termbase or [])], no_default_termbase, cfg)
    except (TermguardError, ValueError) as exc:
        raise fail(exc) from None

    targets = paths or ["."]
    stdin = sys.stdin.buffer if "-" in targets else None
    stats = LintStats()
    ctx = RenderContext(stats=stats, rules=settings.rules, color=use_colour(color, output), show_notes=show_notes)
    try:
        inputs = _inputs_of(targets, output, settings, [*tb.files, cfg.path]) if output else []
    except OSError as exc:
        raise fail(_("{path}: cannot write report: {reason}").format(path=output, reason=exc.strerror)) from None
    except TermguardError as exc:
        raise fail(exc) from None
    write_report(output, inputs, output_format, lambda: lint_paths(targets, tb, settings, stats=stats, jobs=jobs,
                                                                   stdin=stdin, stdin_filename=stdin_filename),
                 ctx, settings.fail_on)


def write_report(output: Path | None, inputs: list[Any], output_format: str,
                 findings: Callable[[], Iterable[Any]], ctx: Any, fail_on: str) -> NoReturn:
    """Render ``findings()`` (streamed as they come) to stdout or ``output`` and exit with lint's
    exit code: the one way ``lint`` and ``check`` write a report. A report file is written
    atomically (a failed run leaves the previous report intact) and never over one of ``inputs``."""
    from termguard.lint import exit_code, render

    try:
        with open_atomic(output, inputs=inputs) if output else contextlib.nullcontext(sys.stdout) as out:
            render(output_format, findings(), cast(TextIO, out), ctx)
            out.flush()
    except BrokenPipeError:
        sys.stderr.close()  # the reader went away (| head): not an error worth a traceback
        raise typer.Exit(exit_code(ctx.stats, fail_on)) from None
    except OSError as exc:
        raise fail(_("{path}: cannot write report: {reason}").format(path=output, reason=exc.strerror)) from None
    except TermguardError as exc:
        raise fail(exc) from None
    raise typer.Exit(exit_code(ctx.stats, fail_on))


def _inputs_of(targets: list[str], output: Path, settings, others: list) -> list:  # type: ignore[no-untyped-def]
    """The files this lint run reads that ``output`` could be: the named files, the termbase and
    configuration, and, when ``output`` already exists inside a linted directory, the files
    the walk picks there."""
    from termguard.lint.read import iter_inputs

    inputs = [Path(t) for t in targets if t != "-" and not os.path.isdir(t)] + [p for p in others if p]
    if output.exists():
        inside = [t for t in targets if t != "-" and os.path.isdir(t)
                  and output.resolve().is_relative_to(Path(t).resolve())]
        inputs += [inp.path for inp in iter_inputs(inside, settings) if inp.path is not None]
    return inputs


@app.command(help=_(
    "List the lint rules: code, name, default severity and what each one finds."))
def rules(
    code: str | None = typer.Argument(None, help=_("Show the full documentation of one rule.")),
    output_format: str = typer.Option("text", "--format", "-f", help=_("text, json or markdown (for the docs).")),
) -> None:
    import json

    from termguard.lint import format_rules, load_rules

    _choice(output_format, ("text", "json", "markdown"), "--format")
    table = load_rules()
    try:
        resolved = table.resolve(code) if code else None
        if resolved is not None and resolved not in table.rules:
            raise ValueError(_("{code!r} is a prefix; give a full code such as {example}").format(
                code=code, example=f"{resolved}1"))
    except ValueError as exc:
        raise fail(str(exc)) from None
    if output_format == "json":
        selected = [table[resolved]] if resolved else list(table)
        typer.echo(json.dumps([{"code": r.code, "name": r.name, "kind": r.kind, "severity": r.severity,
                                "quoted": r.quoted, "message": r.message, "fix": r.fix, "doc": dict(r.doc)}
                               for r in selected], ensure_ascii=False, indent=2))
        return
    typer.echo(format_rules(table, output_format, resolved), nl=False)
