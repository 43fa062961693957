"""``termguard review``: parse options, build the review with termguard.review, write the page."""

from __future__ import annotations

from pathlib import Path

import typer

from termguard.cli import app, fail
from termguard.cli.options import NoDefaultOption, TermbaseOption, open_termbase
from termguard.errors import TermguardError
from termguard.locales import _


@app.command(help=_(
    "Write a side-by-side HTML review: source left, edition right, every termbase decision, loaded term, name "
    "to verify and problem highlighted. One self-contained file, no network.\n\n"
    "Exit codes: 0 written; 2 usage or input error."))
def review(
    source: Path = typer.Argument(..., metavar="REPORT_OR_CATALOG",
                                  help=_("A translate report (ARTICLE.report.json), or a reviewed PO "
                                  "catalog or XLIFF file.")),
    output: Path | None = typer.Option(None, "--output", "-o", help=_("The HTML page to write (default: the "
                                       "input's name with .review.html, next to it).")),
    termbase: list[Path] | None = TermbaseOption,
    no_default_termbase: bool = NoDefaultOption,
) -> None:
    from termguard.review import review_from_path, write_review

    target = output or _default_output(source)
    if target.resolve() == source.resolve():
        raise fail(_("{path}: the review would overwrite its input").format(path=target))
    try:
        tb = open_termbase(termbase, no_default_termbase) if source.suffix.lower() != ".json" else None
        page = review_from_path(source, tb)
        write_review(page, target)
    except TermguardError as exc:
        raise fail(exc) from None
    except OSError as exc:
        raise fail(_("{path}: cannot write the review: {reason}").format(path=target, reason=exc.strerror)) from None
    counts = page.counts()
    typer.echo(_("{path}: {rows} segments, {needs_review} to review ({problem} problems, {loaded} loaded, "
                 "{verify} to verify)").format(path=target, **counts), err=True)


def _default_output(source: Path) -> Path:
    name = source.name
    for suffix in (".report.json", ".json", ".po", ".xlf", ".xliff"):
        if name.lower().endswith(suffix):
            name = name[: -len(suffix)]
            break
    return source.with_name(f"{name}.review.html")
