"""``termguard glossary ...``: validate, list, export and import termbase files."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from termguard.cli import app, fail
from termguard.cli.options import NoDefaultOption, TermbaseOption, open_termbase
from termguard.errors import TermguardError

glossary_app = typer.Typer(help="Validate, list, export and import termbase files.", no_args_is_help=True)
app.add_typer(glossary_app, name="glossary")


@glossary_app.command("validate")
def validate(
    paths: list[Path] | None = typer.Argument(None, help="Termbase files or directories (default: shipped)."),
    with_default: bool = typer.Option(False, "--with-default", help="Layer PATHs over the shipped termbase."),
) -> None:
    """Check termbase files against the schema and the cross-file rules; errors as file:line."""
    from termguard.glossary import default_termbase_files, load_termbase, validate_termbase_files

    if paths:
        errors = validate_termbase_files(paths, include_default=with_default)
    else:
        errors = validate_termbase_files(default_termbase_files())
    for error in errors:
        typer.echo(str(error), err=True)
    if errors:
        typer.echo(f"termguard: {len(errors)} error(s) in the termbase", err=True)
        raise typer.Exit(2)
    tb = load_termbase(paths or (), include_default=not paths or with_default, use_cache=False,
                       compile_matcher=False)
    typer.echo(f"OK: {len(tb)} concepts, {len(tb.terms)} terms in {len(tb.files)} file(s)")


@glossary_app.command("list")
def list_concepts(
    kind: str | None = typer.Option(None, "--kind", help="Only this kind (person, place, region, ...)."),
    contested: bool = typer.Option(False, "--contested", help="Only contested concepts."),
    as_json: bool = typer.Option(False, "--json", help="JSON lines, one concept per line."),
    termbase: list[Path] | None = TermbaseOption,
    no_default_termbase: bool = NoDefaultOption,
) -> None:
    """List concepts: id, kind, preferred English and German forms."""
    from termguard.model import KINDS

    if kind is not None and kind not in KINDS:
        raise fail(f"unknown kind {kind!r} (choose from {', '.join(KINDS)})")
    try:
        tb = open_termbase(termbase, no_default_termbase)
    except TermguardError as exc:
        raise fail(exc) from None
    shown = 0
    for c in sorted(tb, key=lambda c: c.id):
        if (kind and c.kind != kind) or (contested and not c.contested):
            continue
        en, de = c.preferred("en"), c.preferred("de")
        if as_json:
            typer.echo(json.dumps({"id": c.id, "kind": c.kind, "en": en.text if en else None,
                                   "de": de.text if de else None, "contested": c.contested}, ensure_ascii=False))
        else:
            flag = "  [contested]" if c.contested else ""
            typer.echo(f"{c.id:<38} {c.kind:<12} {en.text if en else '-'}  ({de.text if de else '-'}){flag}")
        shown += 1
    if not as_json:
        typer.echo(f"{shown} concept(s)", err=True)


@glossary_app.command("export")
def export(
    fmt: str = typer.Option(..., "--format", "-f", help="csv, tbx (TBX-Basic 2008 <martif>, what CAT tools import), "
                             "tbx-2019 (ISO 30042:2019 <tbx>) or po."),
    output: Path | None = typer.Option(None, "--output", "-o", help="File to write (default: stdout)."),
    termbase: list[Path] | None = TermbaseOption,
    no_default_termbase: bool = NoDefaultOption,
) -> None:
    """Export the termbase for CAT tools (CSV, TBX-Basic 2008 or TBX 2019) or as a PO glossary."""
    from termguard.glossary.exchange import export_termbase

    try:
        tb = open_termbase(termbase, no_default_termbase)
        text = export_termbase(tb, fmt)
    except TermguardError as exc:
        raise fail(exc) from None
    _write_or_echo(text, output)


@glossary_app.command("import")
def import_(
    path: Path = typer.Argument(..., help="A CSV or TBX file (2008 <martif> or 2019 <tbx>), as "
                              "'glossary export' writes them."),
    fmt: str | None = typer.Option(None, "--format", "-f", help="csv, tbx or tbx-2019 (default: from the "
                                   "suffix; either TBX form is told by its root element)."),
    output: Path | None = typer.Option(None, "--output", "-o", help="YAML termbase file to write (default: stdout)."),
) -> None:
    """Convert a CSV or TBX file into a termbase YAML file (validated before it is written)."""
    import tempfile

    from termguard.glossary import validate_termbase_files
    from termguard.glossary.exchange import import_termbase

    try:
        text = import_termbase(path, fmt)
    except TermguardError as exc:
        raise fail(exc) from None
    with tempfile.TemporaryDirectory() as tmp:
        check = Path(tmp) / (output.name if output else "imported.yaml")
        check.write_text(text, "utf-8")
        errors = validate_termbase_files([check])
    if errors:
        for error in errors:
            typer.echo(f"{path}: {error.message}", err=True)
        raise fail(f"{path}: the imported termbase does not validate ({len(errors)} error(s))")
    _write_or_echo(text, output)


def _write_or_echo(text: str, output: Path | None) -> None:
    if output is None:
        typer.echo(text, nl=False)
        return
    from termguard.io import write_atomic

    try:
        write_atomic(output, text)
    except OSError as exc:
        raise fail(f"{output}: cannot write: {exc.strerror}") from None
    typer.echo(f"wrote {output}", err=True)


