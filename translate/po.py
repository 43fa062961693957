"""Review catalogs (gettext PO via polib): one entry per segment, updated without losing human work.

Termguard's own notes (enforced names, loaded-term notes, names to verify, failed checks) go
into *extracted* comments (``#.``): they are regenerated on every run, the way ``xgettext``
regenerates source comments, and editors show them as notes for translators. *Translator*
comments (``# ``) belong to the reviewer and are carried over by :func:`update_catalog`.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from termguard.errors import InputError
from termguard.translate.document import Document, Segment

__all__ = ["CatalogStats", "make_catalog", "update_catalog", "read_catalog", "catalog_text", "reference_path",
           "is_reviewed", "segment_notes", "most_similar"]


@dataclass
class CatalogStats:
    """What :func:`update_catalog` kept, added and retired."""

    kept: int = 0
    new: int = 0
    retranslated: int = 0
    obsolete: int = 0
    similar: int = 0  # new entries shown the reviewed translation of the sentence they replace
    kept_msgids: list[str] = field(default_factory=list)


def reference_path(path: Path, base: Path | None = None) -> str:
    """How a source file is named in ``#:`` references: relative to ``base`` (the working
    directory by default) when it lies below it, else absolute; always with ``/``."""
    base = (base or Path.cwd()).resolve()
    resolved = path.resolve()
    try:
        return resolved.relative_to(base).as_posix()
    except ValueError:
        return resolved.as_posix()


def _header(source_lang: str, target_lang: str, project: str):  # type: ignore[no-untyped-def]
    import polib
    from babel.messages.plurals import get_plural

    now = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M+0000")
    catalog = polib.POFile(wrapwidth=78)
    catalog.header = ("Review catalog written by termguard: msgid is the source sentence, msgstr the\n"
                      "English edition. Entries marked fuzzy are unreviewed machine output.")
    try:
        plural_forms = get_plural(target_lang).plural_forms
    except ValueError:
        plural_forms = "nplurals=2; plural=(n != 1);"
    catalog.metadata = {
        "Project-Id-Version": project,
        "Report-Msgid-Bugs-To": "",
        "POT-Creation-Date": now,
        "PO-Revision-Date": now,
        "Last-Translator": "",
        "Language-Team": "",
        "Language": target_lang,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": plural_forms,
        "X-Generator": "termguard",
        "X-Source-Language": source_lang,
    }
    return catalog


def segment_notes(segment: Segment) -> list[str]:
    """Termguard's notes on a segment for a reviewer (the same in PO comments and XLIFF notes)."""
    notes = []
    for e in segment.enforced:
        if e.get("status") != "loaded" and e["source"] != e["target"]:
            notes.append(f"termbase: {e['source']} → {e['target']}")
    for loaded in segment.loaded:
        notes.append(f"LOADED: {loaded['source']} → {loaded['rendering']} (kept as the author wrote it, "
                     f"flagged): {loaded['note']}")
    for name in segment.names:
        notes.append(f"auto-transliterated, verify: {name.source} → {name.transliteration.text}")
    for failure in segment.failures:
        notes.append(f"CHECK: {failure.reason}")
    if segment.repaired:
        notes.append(f"written in by alignment, check: {', '.join(segment.repaired)}")
    for child in segment.children:
        notes.extend(f"link text: {n}" for n in segment_notes(child))
    return notes


def make_catalog(documents: Iterable[Document], machine: bool = True, project: str = "termguard edition",
                 base: Path | None = None):  # type: ignore[no-untyped-def]
    """A catalog with one entry per segment of ``documents``.

    With ``machine`` the msgstr is the machine translation, marked fuzzy; without it (no model)
    the msgstr is empty and the notes carry the English names the termbase prescribes. A
    sentence repeated in the documents is one entry with several references.
    """
    documents = list(documents)
    source_lang = documents[0].source_lang if documents else "de"
    target_lang = documents[0].target_lang if documents else "en"
    catalog = _header(source_lang, target_lang, project)
    import polib

    by_msgid: dict[str, polib.POEntry] = {}
    for doc in documents:
        ref = reference_path(doc.path, base)
        for block in doc.blocks:
            for segment in block.segments:
                occurrence = (ref, str(block.number))
                entry = by_msgid.get(segment.source)
                notes = segment_notes(segment)
                if entry is not None:
                    if occurrence not in entry.occurrences:
                        entry.occurrences.append(occurrence)
                    existing = entry.comment.split("\n") if entry.comment else []
                    entry.comment = "\n".join(existing + [n for n in notes if n not in existing])
                    continue
                output = segment.output if machine and segment.output is not None else ""
                entry = polib.POEntry(msgid=segment.source, msgstr=output, occurrences=[occurrence],
                                      comment="\n".join(notes), flags=["fuzzy"] if output else [])
                by_msgid[segment.source] = entry
                catalog.append(entry)
    return catalog


def is_reviewed(entry) -> bool:  # type: ignore[no-untyped-def]
    """A human-approved entry: translated and not fuzzy."""
    return bool(entry.msgstr) and "fuzzy" not in entry.flags and not entry.obsolete


def update_catalog(new, existing) -> CatalogStats:  # type: ignore[no-untyped-def]
    """Merge ``existing`` (a reviewed catalog) into ``new`` in place.

    Every reviewed msgstr whose msgid is unchanged is kept (fuzzy flag off, translator comments
    kept); unreviewed entries take the new machine output; reviewed entries whose msgid is gone
    are kept as obsolete (``#~``) entries, so no human work is lost.

    A new entry whose sentence is an edit of a reviewed one that is gone (similarity of at least
    :data:`SIMILAR`) gets, as msgmerge does, the old sentence as its previous msgid (``#|``,
    which Poedit, Lokalize and Weblate show as a diff) and the reviewed translation in a comment;
    its msgstr stays the new machine output, so an unreviewed build never prints a translation
    of the old sentence.
    """
    import polib

    stats = CatalogStats()
    old = {(e.msgctxt, e.msgid): e for e in existing if not e.obsolete and e.msgid}
    obsolete_old = {(e.msgctxt, e.msgid): e for e in existing if e.obsolete}
    current = {(e.msgctxt, e.msgid) for e in new if not e.obsolete}
    edited_from = [e for k, e in {**obsolete_old, **old}.items()
                   if k not in current and e.msgstr and "fuzzy" not in e.flags]
    seen: set[tuple] = set()
    for entry in new:
        if entry.obsolete:
            continue
        key = (entry.msgctxt, entry.msgid)
        previous = old.get(key) or obsolete_old.get(key)
        seen.add(key)
        if previous is None:
            stats.new += 1
            similar = _most_similar(entry.msgid, edited_from)
            if similar is not None:
                entry.previous_msgid = similar.msgid
                note = f"reviewed translation of the previous sentence: {similar.msgstr}"
                entry.comment = f"{entry.comment}\n{note}" if entry.comment else note
                stats.similar += 1
            continue
        if previous.tcomment:
            entry.tcomment = previous.tcomment
        if previous.msgstr and ("fuzzy" not in previous.flags):
            entry.msgstr = previous.msgstr
            entry.flags = [f for f in entry.flags if f != "fuzzy"]
            stats.kept += 1
            stats.kept_msgids.append(entry.msgid)
        elif previous.msgstr and not entry.msgstr:
            # Review-only run over a machine-translated catalog: keep the earlier machine output.
            entry.msgstr, entry.flags = previous.msgstr, list(previous.flags)
        else:
            stats.retranslated += 1
    for key, previous in old.items():
        if key in seen or not (previous.msgstr or previous.tcomment):
            continue
        retired = polib.POEntry(msgid=previous.msgid, msgstr=previous.msgstr, msgctxt=previous.msgctxt,
                                tcomment=previous.tcomment, flags=list(previous.flags), obsolete=True)
        new.append(retired)
        stats.obsolete += 1
    for key, previous in obsolete_old.items():
        if key not in seen:
            new.append(previous)
    return stats


#: How alike (rapidfuzz ratio, 0-100) an edited sentence must be to a reviewed one to be shown it.
SIMILAR = 80.0


def _most_similar(msgid: str, candidates: list):  # type: ignore[no-untyped-def]
    """The reviewed entry whose msgid is most like ``msgid``, if it is at least :data:`SIMILAR`."""
    index = most_similar(msgid, [e.msgid for e in candidates])
    return None if index is None else candidates[index]


def most_similar(sentence: str, candidates: list[str]) -> int | None:
    """The index of the candidate most like ``sentence``, if it is at least :data:`SIMILAR`."""
    if not candidates:
        return None
    from rapidfuzz import fuzz, process

    best = process.extractOne(sentence, candidates, scorer=fuzz.ratio, score_cutoff=SIMILAR)
    return best[2] if best else None


def read_catalog(path: str | Path):  # type: ignore[no-untyped-def]
    """Read a PO file; one :class:`InputError` (with the line polib names) if it cannot be parsed."""
    import polib

    path = Path(path)
    if not path.is_file():
        raise InputError("no such catalog", path)
    try:
        return polib.pofile(os.fspath(path), encoding="utf-8", wrapwidth=78)
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read catalog: {exc}", path) from None
    except Exception as exc:  # polib raises IOError/ValueError subclasses with a line in the text
        raise InputError(f"not a valid PO file: {str(exc).splitlines()[0]}", path) from None


def catalog_text(catalog) -> str:  # type: ignore[no-untyped-def]
    """The catalog as PO text (what :func:`termguard.translate.write.write_text` stores)."""
    text = str(catalog)
    return text if text.endswith("\n") else text + "\n"
