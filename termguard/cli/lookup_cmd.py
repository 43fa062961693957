"""``termguard lookup``: one name, any spelling."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from termguard.cli import app, fail
from termguard.cli.options import NoDefaultOption, TermbaseOption, open_termbase
from termguard.errors import TermguardError
from termguard.locales import _


@app.command(help=_(
    "Look a name up: preferred English form, every variant with its status, and the note.\n\n"
    "Exit code 0 when found, 1 when the termbase does not know the name, 2 on a usage error (an empty query) "
    "or a bad termbase."))
def lookup(
    query: str = typer.Argument(..., help=_("A name in any spelling, inflection or script (Paschinjans, Пашинян).")),
    as_json: bool = typer.Option(False, "--json", help=_("Print a JSON object instead of text.")),
    limit: int = typer.Option(5, "--limit", min=1, help=_("Most candidates to show when ambiguous.")),
    termbase: list[Path] | None = TermbaseOption,
    no_default_termbase: bool = NoDefaultOption,
) -> None:
    from termguard.glossary.lookup import lookup as do_lookup

    if not query.strip():
        raise typer.BadParameter(_("give a name to look up (the query is empty)"), param_hint="QUERY")
    try:
        tb = open_termbase(termbase, no_default_termbase)
    except TermguardError as exc:
        raise fail(exc) from None
    answer = do_lookup(query, tb, limit=limit)
    if as_json:
        typer.echo(json.dumps(answer.as_dict(), ensure_ascii=False, indent=2))
    else:
        typer.echo(render_answer(answer))
    if not answer.found:
        raise typer.Exit(1)


def render_answer(answer) -> str:  # type: ignore[no-untyped-def]
    """The text form of a look-up answer."""
    lines: list[str] = []
    if not answer.found:
        lines.append(_("termguard: no term matches {query!r}.").format(query=answer.query))
        if answer.suggestions:
            lines.append(_("Did you mean: {names}?").format(names=", ".join(answer.suggestions)))
        if answer.transliteration is not None:
            lines.append(_("Rule-based English-press spelling: {spelling} (auto-transliterated, unverified)").format(
                spelling=answer.transliteration.text))
        return "\n".join(lines)
    if len(answer.hits) > 1:
        lines.append(_("{n} candidates for {query!r}:").format(n=len(answer.hits), query=answer.query))
        lines.append("")
    for i, hit in enumerate(answer.hits):
        c = hit.concept
        if i:
            lines.append("")
        en = c.preferred("en")
        lines.append(f"{en.text if en else c.id}  [{c.id}, {c.kind}]" + ("  " + _("CONTESTED") if c.contested else ""))
        how = f"{hit.how}" + (_(", score {score:.0f}").format(score=hit.score) if hit.how == "fuzzy" else "")
        lines.append("  " + _("query {query!r} matched {term!r} ({lang}, {status}): {how}").format(
            query=answer.query, term=hit.term.text, lang=hit.term.lang, status=hit.term.status, how=how))
        width = max(len(t.text) for t in c.terms)
        for t in c.terms:
            extra = f"  ({t.type})" if t.type else ""
            lines.append(f"    {t.lang}  {t.text.ljust(width)}  {t.status}{extra}")
        if c.note:
            lines.append("  " + _("note: {note}").format(note=c.note))
        if c.see_also:
            lines.append("  " + _("see also: {ids}").format(ids=", ".join(c.see_also)))
        if c.sources:
            lines.append("  " + _("sources: {sources}").format(sources="; ".join(c.sources)))
    return "\n".join(lines)
