"""Review files in XLIFF 1.2 and 2.0 for CAT tools: one unit per segment, grouped by paragraph.

The XLIFF counterpart of :mod:`termguard.translate.po`, with the same three steps: :func:`make_xliff`
builds the review file of a run, :func:`update_xliff` carries a reviewed file's human work into
it, :func:`xliff_text` writes it in either version, and :func:`read_xliff` reads one back (through
defusedxml: entity declarations and external references are refused).

What a unit holds:

- the German sentence as ``source`` and, when a model ran, the machine output as ``target``,
  marked unreviewed: ``state="needs-review-translation"`` with ``state-qualifier="mt-suggestion"``
  in 1.2, ``state="translated"`` with ``subState="termguard:machine"`` (review pending) in 2.0;
- termguard's notes (enforced names, loaded-term notes, names to verify, failed checks), the same
  lines the PO catalog has as comments, regenerated on every run (``from="termguard"`` in 1.2,
  ``category="termguard"`` in 2.0); notes by anyone else belong to the reviewer and are kept;
- the termbase terms found in the sentence, in 2.0 as the Glossary module (``gls:glossary``),
  which CAT tools show beside the segment; in 1.2, which has no glossary element, as the notes.

Units sit in one ``group`` per source paragraph (``id="p3"``, units ``p3-s1``, ``p3-s2``), so
the article's structure survives the round trip and :func:`termguard.translate.build.build_edition`
can put each sentence back where it came from.

A unit counts as reviewed when it has a target and its state says a person is done with it
(see :func:`is_reviewed_12` and :func:`is_reviewed_20`): a reviewer who confirms the machine
target in a CAT tool, or types a target where there was none, is reviewed work.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree as ET

from termguard.errors import InputError
from termguard.safexml import local_name, parse_xml
from termguard.translate.document import Document, Segment
from termguard.translate.po import CatalogStats, most_similar, reference_path, segment_notes

__all__ = ["VERSIONS", "SUFFIXES", "GlossaryEntry", "Unit", "XliffFile", "Xliff", "make_xliff", "update_xliff",
           "xliff_text", "read_xliff", "is_xliff_path", "is_reviewed_12", "is_reviewed_20"]

VERSIONS = ("1.2", "2.0")
SUFFIXES = (".xlf", ".xliff")
NS_12 = "urn:oasis:names:tc:xliff:document:1.2"
NS_20 = "urn:oasis:names:tc:xliff:document:2.0"
NS_GLS = "urn:oasis:names:tc:xliff:glossary:2.0"
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
TOOL = "termguard"
#: The 2.0 ``subState`` of a machine target no person has reviewed yet.
MACHINE_SUBSTATE = "termguard:machine"
#: 1.2 target states that say the work is not done (needs-review-translation: a machine target).
PENDING_12 = frozenset({"new", "needs-translation", "needs-adaptation", "needs-l10n", "needs-review-translation",
                        "needs-review-adaptation", "needs-review-l10n"})
_RETIRED_GROUP = "retired"
_UNIT_ID = re.compile(r"^p(\d+)-s(\d+)$")
_HEADER_NOTE = ("Review file written by termguard: one unit per sentence, grouped by source paragraph. "
                "Targets {pending} are unreviewed machine output; confirm or correct them. Notes from "
                "termguard are regenerated on every run; your own notes are kept.")
_PENDING = {"1.2": 'in state "needs-review-translation"', "2.0": 'with subState "termguard:machine"'}
_RETIRED_NOTE = ("retired: this sentence is no longer in the article; its reviewed translation is kept here "
                 "so that no review is lost, and is not used in the edition")


@dataclass
class GlossaryEntry:
    """A termbase term found in a unit's source, with the English form the termbase prescribes."""

    source: str
    target: str
    concept: str
    status: str
    definition: str = ""


@dataclass
class Unit:
    """One segment of an article under review."""

    ref: str  # the source article, as PO references name it
    block: int  # paragraph number (Block.number)
    index: int  # 1-based position of the sentence in its paragraph
    source: str
    target: str = ""
    reviewed: bool = False
    kind: str = "paragraph"  # the paragraph's Block.kind
    notes: list[str] = field(default_factory=list)  # termguard's, regenerated every run
    reviewer_notes: list[tuple[str, str]] = field(default_factory=list)  # (author or category, text)
    glossary: list[GlossaryEntry] = field(default_factory=list)
    state: str | None = None  # the state a reviewed unit was read with (kept when written back)

    @property
    def id(self) -> str:
        return f"p{self.block}-s{self.index}"


@dataclass
class XliffFile:
    """The units of one source article (one XLIFF ``<file>``)."""

    ref: str
    format: str = "text"
    units: list[Unit] = field(default_factory=list)


@dataclass
class Xliff:
    """A review file: the articles' units, and reviewed units whose sentence is gone (``retired``)."""

    version: str = "1.2"
    source_lang: str = "de"
    target_lang: str = "en"
    files: list[XliffFile] = field(default_factory=list)
    retired: list[Unit] = field(default_factory=list)

    @property
    def units(self) -> list[Unit]:
        return [u for f in self.files for u in f.units]


def is_xliff_path(path: Path | None) -> bool:
    """Whether a review file is XLIFF (by its suffix) rather than PO."""
    return path is not None and path.suffix.lower() in SUFFIXES


def is_reviewed_12(target: str, state: str | None, approved: str | None) -> bool:
    """An XLIFF 1.2 target a person is done with: approved, or in a state that is not pending.

    >>> is_reviewed_12("Pashinyan met Aliyev.", "needs-review-translation", "no")
    False
    >>> is_reviewed_12("Pashinyan met Aliyev.", "translated", None)
    True
    >>> is_reviewed_12("", "final", "yes")
    False
    """
    if not target:
        return False
    if approved == "yes":
        return True
    return approved != "no" and (state or "translated") not in PENDING_12


def is_reviewed_20(target: str, state: str | None, sub_state: str | None) -> bool:
    """An XLIFF 2.0 target a person is done with: reviewed or final, or translated by a person
    (a ``translated`` target without termguard's machine ``subState``).

    >>> is_reviewed_20("Pashinyan met Aliyev.", "translated", "termguard:machine")
    False
    >>> is_reviewed_20("Pashinyan met Aliyev.", "translated", None)
    True
    """
    if not target:
        return False
    if state in ("reviewed", "final"):
        return True
    return state == "translated" and sub_state != MACHINE_SUBSTATE


# --- a run's review file ------------------------------------------------------------------------

def _glossary(segment: Segment) -> list[GlossaryEntry]:
    concepts = {m.concept.id: m.concept for m in segment.matches}
    entries = []
    for e in segment.enforced:
        concept = concepts.get(e["concept"])
        entries.append(GlossaryEntry(source=e["source"], target=e["target"], concept=e["concept"],
                                     status=e.get("status", ""), definition=concept.note if concept else ""))
    for child in segment.children:
        entries.extend(_glossary(child))
    unique: dict[tuple[str, str], GlossaryEntry] = {}
    for entry in entries:
        unique.setdefault((entry.source, entry.target), entry)
    return list(unique.values())


def make_xliff(documents: Iterable[Document], machine: bool = True, base: Path | None = None) -> Xliff:
    """The review file of ``documents``: a unit per segment, in document order.

    With ``machine`` the target is the machine output, unreviewed; without it (no model) there is
    no target and the notes carry the English names the termbase prescribes.
    """
    documents = list(documents)
    xliff = Xliff(source_lang=documents[0].source_lang if documents else "de",
                  target_lang=documents[0].target_lang if documents else "en")
    for doc in documents:
        file = XliffFile(ref=reference_path(doc.path, base), format=doc.format)
        for block in doc.blocks:
            for index, segment in enumerate(block.segments, start=1):
                output = segment.output if machine and segment.output is not None else ""
                file.units.append(Unit(ref=file.ref, block=block.number, index=index, source=segment.source,
                                       target=output, kind=block.kind, notes=segment_notes(segment),
                                       glossary=_glossary(segment)))
        xliff.files.append(file)
    return xliff


def update_xliff(new: Xliff, existing: Xliff) -> CatalogStats:
    """Carry the human work of ``existing`` (a reviewed file) into ``new``, in place.

    Every reviewed target whose source sentence is unchanged is kept, with its state, in the same
    article and paragraph where possible, else wherever that sentence now is; reviewer notes go
    with it. Reviewed units whose sentence is gone are kept in a ``retired`` group, and a new
    sentence that is an edit of one of them is shown its reviewed translation in a note. Without
    a model (empty new targets) earlier machine targets are kept too.
    """
    stats = CatalogStats()
    pool = existing.units + existing.retired
    used: set[int] = set()
    by_place: dict[tuple[str, str], list[int]] = {}
    by_source: dict[str, list[int]] = {}
    for i, unit in enumerate(pool):
        by_place.setdefault((unit.ref, unit.source), []).append(i)
        by_source.setdefault(unit.source, []).append(i)

    def take(candidates: list[int]) -> Unit | None:
        free = [i for i in candidates if i not in used]
        # A reviewed unit first: it is the one whose loss would cost someone's work.
        free.sort(key=lambda i: not pool[i].reviewed)
        if not free:
            return None
        used.add(free[0])
        return pool[free[0]]

    # Every sentence first takes a unit from its own article, then what is left from anywhere, so a
    # sentence that also stands in another article cannot take this article's reviewed unit away.
    matches = {id(unit): take(by_place.get((unit.ref, unit.source), [])) for unit in new.units}
    for unit in new.units:
        matches[id(unit)] = matches[id(unit)] or take(by_source.get(unit.source, []))
    unmatched: list[Unit] = []
    for unit in new.units:
        previous = matches[id(unit)]
        if previous is None:
            stats.new += 1
            unmatched.append(unit)
            continue
        unit.reviewer_notes = list(previous.reviewer_notes)
        if previous.reviewed:
            unit.target, unit.reviewed, unit.state = previous.target, True, previous.state
            stats.kept += 1
            stats.kept_msgids.append(unit.source)
        elif previous.target and not unit.target:
            unit.target = previous.target  # a review-only run over machine output: keep that output
        else:
            stats.retranslated += 1
    live = len(existing.units)
    gone = [pool[i] for i in range(len(pool)) if i not in used and (pool[i].reviewed or pool[i].reviewer_notes)]
    stats.obsolete = sum(1 for i in range(live) if i not in used and (pool[i].reviewed or pool[i].reviewer_notes))
    reviewed_gone = [u for u in gone if u.reviewed]
    for unit in unmatched:
        index = most_similar(unit.source, [u.source for u in reviewed_gone])
        if index is not None:
            similar = reviewed_gone[index]
            unit.notes.append(f"reviewed translation of the previous sentence ({similar.source}): {similar.target}")
            stats.similar += 1
    new.retired = gone
    return stats


# --- writing ---------------------------------------------------------------------------------------

def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, tag, {k.replace("_", "-"): v for k, v in attrs.items()})
    element.text = text
    return element


def _priority(note: str) -> str:
    return "1" if note.startswith(("LOADED", "CHECK")) else "5"


def _version() -> str:
    from termguard import __version__

    return str(__version__)


def _unit_12(parent: ET.Element, unit: Unit, unit_id: str, extra_notes: tuple[str, ...] = ()) -> None:
    tu = _sub(parent, "trans-unit", id=unit_id)
    tu.set(_XML_SPACE, "preserve")
    _sub(tu, "source", unit.source)
    if unit.target:
        tu.set("approved", "yes" if unit.reviewed else "no")
        if unit.reviewed:
            state = unit.state if unit.state and unit.state not in PENDING_12 else "translated"
            _sub(tu, "target", unit.target, state=state)
        else:
            _sub(tu, "target", unit.target, state="needs-review-translation", state_qualifier="mt-suggestion")
    for note in (*unit.notes, *extra_notes):
        _sub(tu, "note", note, **{"from": TOOL, "priority": _priority(note)})
    for author, note in unit.reviewer_notes:
        if author:
            _sub(tu, "note", note, **{"from": author})
        else:
            _sub(tu, "note", note)


def _write_12(xliff: Xliff) -> ET.Element:
    root = ET.Element("xliff", {"xmlns": NS_12, "version": "1.2"})
    retired = _retired_by_file(xliff)
    for file in xliff.files:
        el = _sub(root, "file", original=file.ref, source_language=xliff.source_lang,
                  target_language=xliff.target_lang,
                  datatype="x-markdown" if file.format == "markdown" else "plaintext", tool_id=TOOL)
        header = _sub(el, "header")
        _sub(header, "tool", tool_id=TOOL, tool_name="termguard", tool_version=_version())
        _sub(header, "note", _HEADER_NOTE.format(pending=_PENDING["1.2"]), **{"from": TOOL})
        body = _sub(el, "body")
        for block, units in _paragraphs(file.units):
            group = _sub(body, "group", id=f"p{block}", restype=f"x-{units[0].kind.replace('_', '-')}")
            for unit in units:
                _unit_12(group, unit, unit.id)
        if retired.get(file.ref):
            group = _sub(body, "group", id=_RETIRED_GROUP, translate="no")
            for n, unit in enumerate(retired[file.ref], start=1):
                _unit_12(group, unit, f"{_RETIRED_GROUP}-{n}",
                         (f"{_RETIRED_NOTE} (was {unit.ref} paragraph {unit.block})",))
    return root


def _unit_20(parent: ET.Element, unit: Unit, unit_id: str, extra_notes: tuple[str, ...] = ()) -> None:
    el = _sub(parent, "unit", id=unit_id)
    el.set(_XML_SPACE, "preserve")
    if unit.glossary:
        glossary = _sub(el, "gls:glossary")
        for entry in unit.glossary:
            gloss = _sub(glossary, "gls:glossEntry")
            _sub(gloss, "gls:term", entry.source, source=f"termguard:{entry.concept}")
            _sub(gloss, "gls:translation", entry.target,
                 source=f"termguard:{entry.status}" if entry.status else "termguard")
            if entry.definition:
                _sub(gloss, "gls:definition", entry.definition)
    notes = [(TOOL, n) for n in (*unit.notes, *extra_notes)] + unit.reviewer_notes
    if notes:
        notes_el = _sub(el, "notes")
        for category, note in notes:
            attrs = {"category": category} if category else {}
            if category == TOOL:
                attrs["priority"] = _priority(note)
            _sub(notes_el, "note", note, **attrs)
    segment = _sub(el, "segment", id=f"s{unit.index}")
    if not unit.target:
        segment.set("state", "initial")
    elif unit.reviewed:
        segment.set("state", unit.state if unit.state in ("translated", "reviewed", "final") else "reviewed")
    else:
        segment.set("state", "translated")
        segment.set("subState", MACHINE_SUBSTATE)
    _sub(segment, "source", unit.source)
    if unit.target:
        _sub(segment, "target", unit.target)


def _write_20(xliff: Xliff) -> ET.Element:
    root = ET.Element("xliff", {"xmlns": NS_20, "xmlns:gls": NS_GLS, "version": "2.0", "srcLang": xliff.source_lang,
                                "trgLang": xliff.target_lang})
    retired = _retired_by_file(xliff)
    for number, file in enumerate(xliff.files, start=1):
        el = _sub(root, "file", id=f"f{number}", original=file.ref)
        _sub(_sub(el, "notes"), "note", _HEADER_NOTE.format(pending=_PENDING["2.0"]), category=TOOL)
        for block, units in _paragraphs(file.units):
            group = _sub(el, "group", id=f"p{block}", type=f"termguard:{units[0].kind}")
            for unit in units:
                _unit_20(group, unit, unit.id)
        if retired.get(file.ref) or not file.units:
            # A 2.0 <file> needs a unit or a group; an article without prose gets an empty group.
            group = _sub(el, "group", id=_RETIRED_GROUP, translate="no")
            for n, unit in enumerate(retired.get(file.ref, []), start=1):
                _unit_20(group, unit, f"{_RETIRED_GROUP}-{n}",
                         (f"{_RETIRED_NOTE} (was {unit.ref} paragraph {unit.block})",))
    return root


def _paragraphs(units: list[Unit]) -> list[tuple[int, list[Unit]]]:
    groups: dict[int, list[Unit]] = {}
    for unit in units:
        groups.setdefault(unit.block, []).append(unit)
    return list(groups.items())


def _retired_by_file(xliff: Xliff) -> dict[str, list[Unit]]:
    refs = [f.ref for f in xliff.files]
    out: dict[str, list[Unit]] = {}
    for unit in xliff.retired:
        home = unit.ref if unit.ref in refs else (refs[0] if refs else unit.ref)
        out.setdefault(home, []).append(unit)
    if xliff.retired and not refs:
        xliff.files.append(XliffFile(ref=xliff.retired[0].ref))
    return out


def xliff_text(xliff: Xliff, version: str | None = None) -> str:
    """The review file as XLIFF ``version`` (default: the version it was read as, else 1.2)."""
    version = version or xliff.version
    if version not in VERSIONS:
        raise InputError(f"unknown XLIFF version {version!r} (choose from {', '.join(VERSIONS)})")
    # Elements are written unqualified under an xmlns declared on the root (not through
    # ElementTree's process-wide namespace registry). Indenting touches only the whitespace
    # between elements, never a source or target text.
    root = _write_12(xliff) if version == "1.2" else _write_20(xliff)
    ET.indent(root)
    xml = ET.tostring(root, encoding="unicode")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + xml + "\n"


# --- reading ---------------------------------------------------------------------------------------

def _text(element: ET.Element | None) -> str:
    return "".join(element.itertext()) if element is not None else ""


def _place(unit_id: str) -> tuple[int, int]:
    match = _UNIT_ID.match(unit_id or "")
    return (int(match.group(1)), int(match.group(2))) if match else (0, 0)


def _read_12(root: ET.Element, xliff: Xliff, path: Path) -> None:
    def walk(parent: ET.Element, file: XliffFile, kind: str, retired: bool) -> None:
        for child in parent:
            tag = local_name(child.tag)
            if tag == "group":
                restype = child.get("restype") or ""
                walk(child, file, restype[2:].replace("-", "_") if restype.startswith("x-") else kind,
                     retired or child.get("id") == _RETIRED_GROUP)
            elif tag == "trans-unit":
                unit = _unit_from_12(child, file.ref, kind, path)
                (xliff.retired if retired else file.units).append(unit)

    for file_el in (c for c in root if local_name(c.tag) == "file"):
        xliff.source_lang = file_el.get("source-language") or xliff.source_lang
        xliff.target_lang = file_el.get("target-language") or xliff.target_lang
        file = XliffFile(ref=file_el.get("original") or "",
                         format="markdown" if file_el.get("datatype") == "x-markdown" else "text")
        for body in (c for c in file_el if local_name(c.tag) == "body"):
            walk(body, file, "paragraph", False)
        xliff.files.append(file)


def _unit_from_12(tu: ET.Element, ref: str, kind: str, path: Path) -> Unit:
    children = {local_name(c.tag): c for c in reversed(list(tu))}
    if "source" not in children:
        raise InputError(f"trans-unit {tu.get('id')!r} has no <source>", path)
    target_el = children.get("target")
    target = _text(target_el)
    state = target_el.get("state") if target_el is not None else None
    block, index = _place(tu.get("id") or "")
    unit = Unit(ref=ref, block=block, index=index, source=_text(children["source"]), target=target, kind=kind,
                reviewed=is_reviewed_12(target, state, tu.get("approved")), state=state)
    _read_notes(unit, [c for c in tu if local_name(c.tag) == "note"], "from")
    return unit


def _read_notes(unit: Unit, notes: list[ET.Element], author: str) -> None:
    """Keep the reviewer's notes (any not by termguard, whose own are regenerated); a retired
    unit's note says where it came from: "(was REF paragraph N)"."""
    for note in notes:
        text = _text(note)
        if note.get(author) != TOOL:
            unit.reviewer_notes.append((note.get(author) or "", text))
        elif text.startswith("retired:"):
            was = re.search(r"\(was (.+) paragraph (\d+)\)$", text)
            if was:
                unit.ref, unit.block = was.group(1), int(was.group(2))


def _read_20(root: ET.Element, xliff: Xliff, path: Path) -> None:
    xliff.source_lang = root.get("srcLang") or xliff.source_lang
    xliff.target_lang = root.get("trgLang") or xliff.target_lang

    def walk(parent: ET.Element, file: XliffFile, kind: str, retired: bool) -> None:
        for child in parent:
            tag = local_name(child.tag)
            if tag == "group":
                group_type = child.get("type") or ""
                walk(child, file, group_type.split(":", 1)[1] if group_type.startswith("termguard:") else kind,
                     retired or child.get("id") == _RETIRED_GROUP)
            elif tag == "unit":
                unit = _unit_from_20(child, file.ref, kind, path)
                (xliff.retired if retired else file.units).append(unit)

    for file_el in (c for c in root if local_name(c.tag) == "file"):
        file = XliffFile(ref=file_el.get("original") or "")
        walk(file_el, file, "paragraph", False)
        xliff.files.append(file)


def _unit_from_20(unit_el: ET.Element, ref: str, kind: str, path: Path) -> Unit:
    # A CAT tool may have split the sentence into several segments: the unit is their sum.
    sources: list[str] = []
    targets: list[str] = []
    reviewed, complete, state = True, True, None
    parts = [c for c in unit_el if local_name(c.tag) in ("segment", "ignorable")]
    if not any(local_name(p.tag) == "segment" for p in parts):
        raise InputError(f"unit {unit_el.get('id')!r} has no <segment>", path)
    for part in parts:
        source_el = next((c for c in part if local_name(c.tag) == "source"), None)
        target_el = next((c for c in part if local_name(c.tag) == "target"), None)
        if source_el is None:
            raise InputError(f"unit {unit_el.get('id')!r} has a {local_name(part.tag)} without <source>", path)
        sources.append(_text(source_el))
        if local_name(part.tag) == "ignorable":  # whitespace between segments: the same in both languages
            targets.append(_text(target_el) if target_el is not None else _text(source_el))
            continue
        targets.append(_text(target_el))
        complete = complete and bool(targets[-1])
        state = part.get("state") or "initial"
        reviewed = reviewed and is_reviewed_20(targets[-1], state, part.get("subState"))
    target = "".join(targets) if complete else ""
    block, index = _place(unit_el.get("id") or "")
    unit = Unit(ref=ref, block=block, index=index, source="".join(sources), target=target, kind=kind,
                reviewed=reviewed and bool(target), state=state)
    # Notes belong to the unit; Translate Toolkit 3.x puts a translator's note inside the
    # <segment>, which the schema does not allow but which is a person's work all the same.
    containers = [c for c in unit_el if local_name(c.tag) == "notes"]
    containers += [n for p in parts for n in p if local_name(n.tag) == "notes"]
    _read_notes(unit, [note for notes in containers for note in notes], "category")
    return unit


def read_xliff(path: str | Path) -> Xliff:
    """Read an XLIFF 1.2 or 2.0 file; one :class:`InputError` if it is missing, unsafe or malformed."""
    path = Path(path)
    if not path.is_file():
        raise InputError("no such XLIFF file", path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", path) from None
    root = parse_xml(data, path)
    if local_name(root.tag) != "xliff":
        raise InputError(f"not an XLIFF file (the root element is <{local_name(root.tag)}>)", path)
    version = root.get("version") or ""
    xliff = Xliff(version="2.0" if version.startswith("2") else "1.2")
    if version.startswith("2"):
        _read_20(root, xliff, path)
    elif version.startswith("1"):
        _read_12(root, xliff, path)
    else:
        raise InputError(f"unsupported XLIFF version {version!r} (1.2 and 2.0 are read)", path)
    return xliff
