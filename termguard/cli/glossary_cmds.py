"""``termguard glossary ...``: validate, list, export and import termbase files."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from termguard.cli import app, fail
from termguard.cli.options import NoDefaultOption, TermbaseOption, open_termbase
from termguard.errors import TermguardError
from termguard.locales import _, ngettext

glossary_app = typer.Typer(help=_("Validate, list, export and import termbase files."), no_args_is_help=True)
app.add_typer(glossary_app, name="glossary")


@glossary_app.command("validate", help=_(
    "Check termbase files against the schema and the cross-file rules; errors as file:line.\n\n"
    "A concept none of whose sources is checkable (a URL, or a publication with a date) is a warning, and an "
    "error with --strict (exit 2)."))
def validate(
    paths: list[Path] | None = typer.Argument(None, help=_("Termbase files or directories (default: shipped).")),
    with_default: bool = typer.Option(False, "--with-default", help=_("Layer PATHs over the shipped termbase.")),
    strict: bool = typer.Option(False, "--strict", help=_("A concept without a checkable source is an error.")),
) -> None:
    from termguard.glossary import default_termbase_files, load_termbase, unsourced_concepts, validate_termbase_files

    files = list(paths) if paths else default_termbase_files()
    errors = validate_termbase_files(files, include_default=bool(paths) and with_default, strict=strict)
    for error in errors:
        typer.echo(str(error), err=True)
    if errors:
        typer.echo(ngettext("termguard: {n} error in the termbase", "termguard: {n} errors in the termbase",
                            len(errors)).format(n=len(errors)), err=True)
        raise typer.Exit(2)
    tb = load_termbase(paths or (), include_default=not paths or with_default, use_cache=False,
                       compile_matcher=False)
    # Warnings for the files being validated (a user's files are not blamed for the shipped ones).
    checked = set(tb.files) - ({str(f) for f in default_termbase_files()} if paths else set())
    warnings = [] if strict else unsourced_concepts(c for c in tb if c.path in checked)
    for warning in warnings:
        typer.echo(_("warning: {warning}").format(warning=warning), err=True)
    unsourced = _(", {n} without a checkable source").format(n=len(warnings)) if warnings else ""
    typer.echo(_("OK: {concepts} concepts, {terms} terms in {files} file(s){unsourced}").format(
        concepts=len(tb), terms=len(tb.terms), files=len(tb.files), unsourced=unsourced))


@glossary_app.command("list", help=_(
    "List concepts: id, kind, preferred English and German forms."))
def list_concepts(
    kind: str | None = typer.Option(None, "--kind", help=_("Only this kind (person, place, region, ...).")),
    contested: bool = typer.Option(False, "--contested", help=_("Only contested concepts.")),
    as_json: bool = typer.Option(False, "--json", help=_("JSON lines, one concept per line.")),
    termbase: list[Path] | None = TermbaseOption,
    no_default_termbase: bool = NoDefaultOption,
) -> None:
    from termguard.model import KINDS

    if kind is not None and kind not in KINDS:
        raise fail(_("unknown kind {kind!r} (choose from {kinds})").format(kind=kind, kinds=", ".join(KINDS)))
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
            flag = "  [" + _("contested") + "]" if c.contested else ""
            typer.echo(f"{c.id:<38} {c.kind:<12} {en.text if en else '-'}  ({de.text if de else '-'}){flag}")
        shown += 1
    if not as_json:
        typer.echo(ngettext("{n} concept", "{n} concepts", shown).format(n=shown), err=True)


@glossary_app.command("export", help=_(
    "Export the termbase for CAT tools (CSV, TBX-Basic 2008 or TBX 2019) or as a PO glossary.\n\n"
    "CSV cells that a spreadsheet would run as a formula (starting with =, +, -, @, tab or carriage return) "
    "are written with a leading apostrophe, which 'glossary import' removes."))
def export(
    fmt: str = typer.Option(..., "--format", "-f", help=_("csv, tbx (TBX-Basic 2008 <martif>, what CAT tools import), "
                             "tbx-2019 (ISO 30042:2019 <tbx>) or po.")),
    output: Path | None = typer.Option(None, "--output", "-o", help=_("File to write (default: stdout).")),
    bom: bool = typer.Option(False, "--bom", help=_("Start the file with a UTF-8 byte-order mark, so that "
                             "Excel opens a CSV as UTF-8.")),
    termbase: list[Path] | None = TermbaseOption,
    no_default_termbase: bool = NoDefaultOption,
) -> None:
    from termguard.config import load_config
    from termguard.glossary.exchange import export_termbase

    try:
        cfg = load_config()
        tb = open_termbase(termbase, no_default_termbase, cfg)
        text = export_termbase(tb, fmt)
    except TermguardError as exc:
        raise fail(exc) from None
    _write_or_echo(text, output, inputs=[*tb.files, cfg.path], encoding="utf-8-sig" if bom else "utf-8")


@glossary_app.command("import", help=_(
    "Convert a CSV or TBX file into a termbase YAML file (validated before it is written)."))
def import_(
    path: Path = typer.Argument(..., help=_("A CSV or TBX file (2008 <martif> or 2019 <tbx>), as "
                              "'glossary export' writes them.")),
    fmt: str | None = typer.Option(None, "--format", "-f", help=_("csv, tbx or tbx-2019 (default: from the "
                                   "suffix; either TBX form is told by its root element).")),
    output: Path | None = typer.Option(None, "--output", "-o",
                                       help=_("YAML termbase file to write (default: stdout).")),
) -> None:
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
        raise fail(ngettext("{path}: the imported termbase does not validate ({n} error)",
                            "{path}: the imported termbase does not validate ({n} errors)", len(errors)).format(
            path=path, n=len(errors)))
    _write_or_echo(text, output, inputs=[path])


def _write_or_echo(text: str, output: Path | None, inputs: list, encoding: str = "utf-8") -> None:
    if output is None:
        if encoding == "utf-8-sig":
            text = "\ufeff" + text
        typer.echo(text, nl=False)
        return
    from termguard.io import write_atomic

    try:
        write_atomic(output, text, encoding, inputs=inputs)
    except TermguardError as exc:
        raise fail(exc) from None
    except OSError as exc:
        raise fail(_("{path}: cannot write: {reason}").format(path=output, reason=exc.strerror)) from None
    typer.echo(_("wrote {path}").format(path=output), err=True)


