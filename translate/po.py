"""Review catalogs (gettext PO via polib): one entry per segment, updated without losing human work.

Termguard's own notes (enforced names, loaded-term notes, names to verify, failed checks) go
into *extracted* comments (``#.``): they are regenerated on every run, the way ``xgettext``
regenerates source comments, and editors show them as notes for translators. *Translator*
comments (``# ``) belong to the reviewer and are carried over by :func:`update_catalog`.
"""

from __future__ import annotations

import os
import re
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
    kept_fuzzy: int = 0  # unreviewed entries whose differing msgstr was kept (this run's output in a note)
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


def _header(source_lang: str, target_lang: str, project: str,  # type: ignore[no-untyped-def]
            created: str | None = None):
    import polib
    from babel.messages.plurals import get_plural

    now = created or datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M+0000")
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
    """Termguard's notes on a segment for a reviewer, one short line each (the same in PO comments
    and XLIFF notes; see :func:`_concept_notes`)."""
    return [note for _, note in _concept_notes(segment)]


#: Longest comment line a catalog gets from termguard (a longer note is cut at a word, with "…").
NOTE_WIDTH = 160
_NOTE_ON = "note on "
#: Kinds of concept whose plain English exonym (Armenien → Armenia) every translator knows.
_PLAIN_KINDS = frozenset({"place", "region"})


def _short(text: str, width: int = NOTE_WIDTH) -> str:
    """``text`` on one line, cut at a word to at most ``width`` characters."""
    text = " ".join(text.split())
    if len(text) <= width:
        return text
    return text[: width - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def _trivial(match) -> bool:  # type: ignore[no-untyped-def]
    """A termbase form no translator needs told: an uncontested place's only English spelling."""
    concept = match.concept
    return (concept.kind in _PLAIN_KINDS and not concept.contested and not concept.translation_note
            and not any(t.lang == "en" and t.status == "deprecated" for t in concept.terms))


def _same_word(source: str, target: str) -> bool:
    """``Trumps`` for ``Trump``, ``Nato`` for ``NATO``: only case or a German ending differ."""
    source, target = source.casefold(), target.casefold()
    return source == target or (source.startswith(target) and source[len(target):] in ("s", "es", "n", "en", "ns"))


def _concept_notes(segment: Segment) -> list[tuple[str | None, str]]:
    """(concept id or None, note) for one segment: what a translator needs, each note one short line.

    Termbase forms the machine output already shows, or that are trivial exonyms, are left out;
    a loaded term gets its advice, a concept its ``translation_note`` (the long note stays in
    ``termguard lookup``); number and date localisations are shown as they were written.
    """
    notes: list[tuple[str | None, str]] = []
    output = segment.output or ""
    by_concept = {m.concept.id: m for m in segment.matches}
    names = []
    for e in segment.enforced:
        if e.get("status") == "loaded" or e["target"] in output or _same_word(e["source"], e["target"]):
            continue
        match = by_concept.get(e["concept"])
        if match is not None and _trivial(match):
            continue
        names.append(f"{e['source']} → {e['target']}")
    if names:
        notes.append((None, "termbase: " + "; ".join(dict.fromkeys(names))))
    for loaded in segment.loaded:
        match = by_concept.get(loaded["concept"])
        concept = match.concept if match is not None else None
        advice = (concept.translation_note or concept.advice) if concept is not None else ""
        advice = advice or "keep it faithful, quoted and attributed"
        notes.append((loaded["concept"], _short(f"LOADED {loaded['source']} → “{loaded['rendering']}”: {advice}")))
    shown = {c for c, _ in notes}
    for match in segment.matches:
        concept = match.concept
        if concept.translation_note and concept.id not in shown:
            shown.add(concept.id)
            notes.append((concept.id, _short(f"{_NOTE_ON}{match.surface}: {concept.translation_note}")))
    for loc in segment.localized:
        if loc.source != loc.target:
            notes.append((None, f"localised: {loc.source} → {loc.target}"))
    for name in segment.names:
        notes.append((None, f"auto-transliterated, verify: {name.source} → {name.transliteration.text}"))
    for failure in [*segment.errors, *segment.failures, *segment.warnings]:
        notes.append((None, _short(f"CHECK: {failure}")))
    if segment.repaired:
        notes.append((None, f"written in by alignment, check: {', '.join(segment.repaired)}"))
    for child in segment.children:
        notes.extend((cid, f"link text: {n}") for cid, n in _concept_notes(child))
    return notes




def make_catalog(documents: Iterable[Document], machine: bool = True, project: str = "termguard edition",
                 base: Path | None = None, created: str | None = None):  # type: ignore[no-untyped-def]
    """A catalog with one entry per segment of ``documents``, dated ``created`` (PO's
    ``YYYY-MM-DD HH:MM+ZZZZ``; default: now).

    With ``machine`` the msgstr is the machine translation, marked fuzzy; without it (no model)
    the msgstr is empty and the notes carry the English names the termbase prescribes. A
    sentence repeated in the documents is one entry with several references.
    """
    documents = list(documents)
    source_lang = documents[0].source_lang if documents else "de"
    target_lang = documents[0].target_lang if documents else "en"
    catalog = _header(source_lang, target_lang, project, created)
    import polib

    by_msgid: dict[str, polib.POEntry] = {}
    linked: set[str] = set()  # concepts whose look-up command a note already names
    for doc in documents:
        ref = reference_path(doc.path, base)
        for block in doc.blocks:
            for segment in block.segments:
                occurrence = (ref, str(block.number))
                entry = by_msgid.get(segment.source)
                notes = []
                for concept_id, note in _concept_notes(segment):
                    if concept_id is not None and concept_id not in linked:
                        linked.add(concept_id)  # the link, and a concept's translation note, once per catalog
                        note += f" (termguard lookup {concept_id})"
                    elif concept_id is not None and note.startswith(_NOTE_ON):
                        continue
                    notes.append(note)
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
    kept). An unreviewed (fuzzy) msgstr that differs from this run's machine output is kept too,
    still fuzzy, as msgmerge keeps it (it may be a reviewer's unfinished edit); this run's output
    is added as a ``#.`` note starting with :data:`MACHINE_NOTE`. Reviewed entries whose msgid is
    gone are kept as obsolete (``#~``) entries, so no human work is lost.

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
        elif previous.msgstr and previous.msgstr != entry.msgstr:
            # A fuzzy msgstr that is not this run's output may hold a reviewer's unfinished
            # edit: kept, still fuzzy, as msgmerge keeps it; this run's output goes in a note.
            note = f"{MACHINE_NOTE}{entry.msgstr}"
            entry.comment = f"{entry.comment}\n{note}" if entry.comment else note
            entry.msgstr, entry.flags = previous.msgstr, list(previous.flags)
            stats.kept_fuzzy += 1
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


#: The start of the note that carries this run's machine output beside a kept fuzzy msgstr.
MACHINE_NOTE = "machine translation of this run: "

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


_PO_STRING = r'"(?:[^"\\]|\\.)*"'
_PO_KEYWORD_LINE = re.compile(r"(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s+" + _PO_STRING + r"\s*")
_PO_CONTINUATION = re.compile(_PO_STRING + r"\s*")
_PO_STRING_START = re.compile(r'(?:msgctxt|msgid|msgid_plural|msgstr)\b|"')


def _check_po_lines(text: str, path: Path) -> None:
    """InputError at the first line whose string is not a complete C string.

    polib reads ``msgstr "Hello.`` (no closing quote) as ``Hello`` and carries on; a build
    would then print a translation missing its last character. msgfmt refuses such a file,
    and so does termguard.
    """
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        for prefix in ("#~|", "#~", "#|"):  # obsolete and previous entries hold strings too
            if line.startswith(prefix):
                line = line[len(prefix):].strip()
                break
        if not line or line.startswith("#") or not _PO_STRING_START.match(line):
            continue
        if not (_PO_KEYWORD_LINE.fullmatch(line) or _PO_CONTINUATION.fullmatch(line)):
            raise InputError("not a valid PO file: unterminated or malformed string", path, number)


def _check_duplicates(catalog, path: Path) -> None:  # type: ignore[no-untyped-def]
    """InputError naming a msgid (with its context) that two entries share: msgfmt refuses
    it, and merging or building would keep one of the two translations silently."""
    first: dict[tuple[str | None, str], int] = {}
    for entry in catalog:
        if entry.obsolete:
            continue
        key = (entry.msgctxt, entry.msgid)
        if key in first:
            raise InputError(f"duplicate msgid {entry.msgid[:60]!r} (first at line {first[key]}); "
                             "merge the two entries", path, entry.linenum)
        first[key] = entry.linenum


def read_catalog(path: str | Path):  # type: ignore[no-untyped-def]
    """Read a PO file; one :class:`InputError` (with the line) if it cannot be used.

    Refused: a file larger than :data:`termguard.limits.MAX_CATALOG_BYTES`, text that is not
    UTF-8, an unterminated string, anything polib cannot parse, and a msgid that two entries
    share.
    """
    import polib

    from termguard.limits import MAX_CATALOG_BYTES, read_limited

    path = Path(path)
    if not path.is_file():
        raise InputError("no such catalog", path)
    try:
        data = read_limited(path, MAX_CATALOG_BYTES, InputError, "catalog")
    except OSError as exc:
        raise InputError(f"cannot read catalog: {exc.strerror}", path) from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError("not a valid PO file: not UTF-8 text", path, line) from None
    if "\0" in text:
        raise InputError("not a valid PO file: contains NUL bytes (a binary file?)", path)
    _check_po_lines(text, path)
    try:
        # (polib takes a string without a line break for a file name: give it one)
        catalog = polib.pofile(text + "\n", encoding="utf-8", wrapwidth=78)
    except Exception as exc:  # polib raises IOError/ValueError subclasses with a line in the text
        raise InputError(f"not a valid PO file: {str(exc).splitlines()[0] if str(exc) else type(exc).__name__}",
                         path) from None
    catalog.fpath = os.fspath(path)
    _check_duplicates(catalog, path)
    return catalog


def catalog_text(catalog) -> str:  # type: ignore[no-untyped-def]
    """The catalog as PO text (what :func:`termguard.translate.write.write_text` stores)."""
    text = str(catalog)
    return text if text.endswith("\n") else text + "\n"
