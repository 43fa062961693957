"""``termguard review``: parse options, build the review with termguard.review, write the page."""

from __future__ import annotations

from pathlib import Path

import typer

from termguard.cli import app, fail
from termguard.cli.options import NoDefaultOption, TermbaseOption, open_termbase
from termguard.errors import TermguardError


@app.command()
def review(
    source: Path = typer.Argument(..., metavar="REPORT_OR_CATALOG",
                                  help="A translate report (ARTICLE.report.json), or a reviewed PO "
                                  "catalog or XLIFF file."),
    output: Path | None = typer.Option(None, "--output", "-o", help="The HTML page to write (default: the "
                                       "input's name with .review.html, next to it)."),
    termbase: list[Path] | None = TermbaseOption,
    no_default_termbase: bool = NoDefaultOption,
) -> None:
    """Write a side-by-side HTML review: source left, edition right, every termbase decision,
    loaded term, name to verify and problem highlighted. One self-contained file, no network.

    Exit codes: 0 written; 2 usage or input error.
    """
    from termguard.review import review_from_path, write_review

    target = output or _default_output(source)
    if target.resolve() == source.resolve():
        raise fail(f"{target}: the review would overwrite its input")
    try:
        tb = open_termbase(termbase, no_default_termbase) if source.suffix.lower() != ".json" else None
        page = review_from_path(source, tb)
        write_review(page, target)
    except TermguardError as exc:
        raise fail(exc) from None
    except OSError as exc:
        raise fail(f"{target}: cannot write the review: {exc.strerror}") from None
    counts = page.counts()
    typer.echo(f"{target}: {counts['rows']} segments, {counts['needs_review']} to review ({counts['problem']} "
               f"problems, {counts['loaded']} loaded, {counts['verify']} to verify)", err=True)


def _default_output(source: Path) -> Path:
    name = source.name
    for suffix in (".report.json", ".json", ".po", ".xlf", ".xliff"):
        if name.lower().endswith(suffix):
            name = name[: -len(suffix)]
            break
    return source.with_name(f"{name}.review.html")
