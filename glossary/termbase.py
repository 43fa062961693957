"""Loading and validating termbase files (YAML or TOML) into :class:`Termbase`."""

from __future__ import annotations

import datetime
import re
import sys
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from termguard.errors import TermbaseError
from termguard.model import Concept, Term

__all__ = [
    "Termbase",
    "load_termbase",
    "validate_termbase_files",
    "default_termbase_files",
    "surface_key",
    "is_checkable_source",
    "unsourced_concepts",
]

#: Version of the cache file's layout (6: marshal data with the matcher's compiled tables;
#: 5 and 4 were JSON, 3 and earlier pickles, never read).
_CACHE_FORMAT = 6
#: Spaces, hyphens and apostrophes do not make two forms different terms ("Trump-Route" = "Trump Route").
_IGNORED_IN_KEY = frozenset(" \t\u00a0-\u2010\u2011\u2012\u2013\u2014'\u2019")


def default_termbase_files() -> list[Path]:
    """The YAML files of the termbase shipped with termguard, in a stable order."""
    data = Path(__file__).parent / "data"  # (package data beside the module; importlib.resources costs start-up)
    return sorted(p for p in data.iterdir() if p.name.endswith((".yaml", ".yml", ".toml")))


_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
#: A URL, or a date a reader can look the piece up by: 2026-01-24, 2026-01, 24 January 2026,
#: January 24, 2026 or January 2026 (a bare year is too vague to find an article by).
_CHECKABLE = re.compile(rf"https?://\S+|\b\d{{4}}-\d{{2}}(?:-\d{{2}})?\b"
                        rf"|\b(?:\d{{1,2}} )?{_MONTH} (?:\d{{1,2}}, )?\d{{4}}\b")


def is_checkable_source(source: str) -> bool:
    """True if a reader can find the source again: it holds a URL or a publication date.

    >>> is_checkable_source("Hürriyet Daily News, 24 January 2026")
    True
    >>> is_checkable_source("https://en.wikipedia.org/wiki/Syunik_Province")
    True
    >>> is_checkable_source("Reuters style (wire usage)")
    False
    """
    return _CHECKABLE.search(source) is not None


def _source_text(raw: str | dict[str, str]) -> str:
    """A structured source as one line: 'Publication, "Title", 2026-01-24, URL'."""
    if isinstance(raw, str):
        return raw.strip()
    parts = [raw["publication"]] + [f'"{raw["title"]}"' if k == "title" else raw[k]
                                     for k in ("title", "date", "url") if raw.get(k)]
    return ", ".join(parts)


def unsourced_concepts(concepts: Iterable[Concept]) -> list[TermbaseError]:
    """A problem for each concept none of whose sources is checkable (see :func:`is_checkable_source`).

    A warning in ``glossary validate``, an error with ``--strict``.
    """
    return [TermbaseError(f"concept {c.id}: no checkable source (give a URL, or a publication with a date)",
                          c.path, c.line)
            for c in concepts if not any(is_checkable_source(s) for s in c.sources)]


def _schema() -> dict[str, Any]:
    import json

    text = (Path(__file__).parent / "schema" / "termbase.schema.json").read_text("utf-8")
    return json.loads(text)


def surface_key(text: str) -> str:
    """The form under which two surface forms count as the same term.

    >>> surface_key("Sangesur–Korridor") == surface_key("sangesur korridor")
    True
    >>> surface_key("Straße") == surface_key("STRASSE")
    True
    """
    text = unicodedata.normalize("NFC", text).casefold()
    return "".join(ch for ch in text if ch not in _IGNORED_IN_KEY)


@dataclass
class Termbase:
    """All concepts of the loaded termbase files, with a compiled matcher."""

    concepts: dict[str, Concept]
    files: tuple[str, ...] = ()
    digest: str = ""
    #: The matcher's compiled tables as the cache keeps them (Matcher.to_data), if loaded from it.
    compiled: object = field(default=None, repr=False, compare=False)

    def __len__(self) -> int:
        return len(self.concepts)

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self.concepts.values())

    def __getitem__(self, concept_id: str) -> Concept:
        return self.concepts[concept_id]

    def term_for(self, surface: str) -> Term | None:
        """The term whose surface form is ``surface`` (case, hyphen and ß/ss insensitive)."""
        return self._surface_index.get(surface_key(surface))

    @cached_property
    def _surface_index(self) -> dict[str, Term]:
        # Built on first look-up: lint never needs it, and it cost a quarter of a cached load.
        return {surface_key(t.text): t for c in self.concepts.values() for t in c.terms}

    @property
    def terms(self) -> list[Term]:
        return [t for c in self.concepts.values() for t in c.terms]

    @cached_property
    def folded_forms(self) -> dict[str, Term]:
        """Every term by its folded form (what typo-tolerant look-up compares against)."""
        from termguard.glossary.normalize import fold_term

        return {fold_term(t.text): t for t in self.terms}

    @cached_property
    def lookup_keys(self) -> dict[str, Term]:
        """Every term by its phonetic key (what typo-tolerant look-up scores against)."""
        from termguard.glossary.lookup import phonetic_key

        return {phonetic_key(folded): t for folded, t in reversed(self.folded_forms.items())}

    @cached_property
    def matcher(self):  # type: ignore[no-untyped-def]
        """The compiled :class:`~termguard.glossary.match.Matcher` (built once per termbase;
        from the cached tables when the termbase came from the cache)."""
        from termguard.glossary.match import Matcher

        if self.compiled is not None:
            try:
                return Matcher.from_data(self.compiled, self.terms, self.concepts)
            except (ValueError, TypeError, IndexError):
                pass  # not what termguard writes: compiled afresh
            finally:
                self.compiled = None
        return Matcher(self.terms, self.concepts)


def _read_text(path: Path) -> str:
    from termguard.limits import MAX_TERMBASE_BYTES, read_limited

    try:
        data = read_limited(path, MAX_TERMBASE_BYTES, TermbaseError, "termbase file")
    except FileNotFoundError:
        raise TermbaseError("no such termbase file", path) from None
    except OSError as exc:
        raise TermbaseError(f"cannot read termbase file: {exc.strerror}", path) from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise TermbaseError("termbase file is not valid UTF-8", path, line) from None


# --- parsing with line numbers -------------------------------------------------------------

Lines = dict[tuple[Any, ...], int]


def _parse_yaml(text: str, path: Path) -> tuple[Any, Lines]:
    import yaml

    from termguard.limits import check_yaml_events

    loader_cls = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    check_yaml_events(text, path, TermbaseError, loader_cls)
    try:
        node = yaml.compose(text, Loader=loader_cls)
    except yaml.YAMLError as exc:
        raise _yaml_error(exc, path) from None
    lines: Lines = {}
    if node is None:
        return None, lines

    def build(n: Any, where: tuple[Any, ...]) -> Any:
        lines[where] = n.start_mark.line + 1
        if isinstance(n, yaml.MappingNode):
            out: dict[str, Any] = {}
            for key_node, value_node in n.value:
                if not isinstance(key_node, yaml.ScalarNode):  # "? [a, b]: ..." is valid YAML, not a termbase
                    raise TermbaseError("a mapping key must be a plain name, not a list or mapping", path,
                                        key_node.start_mark.line + 1, key_node.start_mark.column + 1)
                key = key_node.value
                if key in out:
                    raise TermbaseError(f"duplicate key {key!r}", path, key_node.start_mark.line + 1,
                                        key_node.start_mark.column + 1)
                lines[(*where, key, "__key__")] = key_node.start_mark.line + 1
                out[key] = build(value_node, (*where, key))
            return out
        if isinstance(n, yaml.SequenceNode):
            return [build(item, (*where, i)) for i, item in enumerate(n.value)]
        loader = loader_cls("")
        try:
            value = loader.construct_object(n, deep=True)
        finally:
            loader.dispose()
        # No field holds a timestamp: an unquoted date (a source's 2026-01-24) stays the text it is.
        return n.value if isinstance(value, (datetime.date, datetime.datetime)) else value

    try:
        return build(node, ()), lines
    except yaml.YAMLError as exc:  # a tag no safe constructor knows (!!python/object...)
        raise _yaml_error(exc, path) from None


def _yaml_error(exc: Exception, path: Path) -> TermbaseError:
    """A PyYAML error as one TermbaseError at the position it names."""
    import yaml

    if isinstance(exc, yaml.MarkedYAMLError):
        mark = exc.problem_mark or exc.context_mark
        return TermbaseError(f"invalid YAML: {exc.problem or exc.context}", path, mark.line + 1 if mark else None,
                             mark.column + 1 if mark else None)
    return TermbaseError(f"invalid YAML: {exc}", path)


def _parse_toml(text: str, path: Path) -> tuple[Any, Lines]:
    from termguard.limits import TOMLDecodeError, parse_toml

    try:
        data = parse_toml(text, path, TermbaseError)
    except TOMLDecodeError as exc:
        # tomllib puts "(at line N, column M)" in the message; keep it as the location.
        m = re.search(r"\(at line (\d+), column (\d+)\)", str(exc))
        msg = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(exc))
        raise TermbaseError(f"invalid TOML: {msg}", path, int(m.group(1)) if m else None,
                            int(m.group(2)) if m else None) from None
    # tomllib keeps no positions: each [[concepts]] table is located by its header line,
    # which is close enough for a reader to find the entry.
    lines: Lines = {(): 1}
    headers = [i + 1 for i, ln in enumerate(text.splitlines()) if ln.strip().startswith("[[concepts]]")]
    for index, line in enumerate(headers):
        lines[("concepts", index)] = line
    return data, lines


def _line_of(lines: Lines, where: Sequence[Any]) -> int | None:
    where = tuple(where)
    while True:
        if where in lines:
            return lines[where]
        if not where:
            return None
        where = where[:-1]


# --- validation ---------------------------------------------------------------------------

def _schema_errors(data: Any, lines: Lines, path: Path) -> list[TermbaseError]:
    from jsonschema import Draft202012Validator

    validator = Draft202012Validator(_schema())
    errors = []
    for err in sorted(validator.iter_errors(data), key=lambda e: list(map(str, e.absolute_path))):
        where = tuple(err.absolute_path)
        message = err.message
        if err.validator == "additionalProperties":
            known = set(err.schema.get("properties", {}))
            patterns = list(err.schema.get("patternProperties", {}))
            extra = sorted(k for k in err.instance
                           if k not in known and not any(re.fullmatch(p, k) for p in patterns))
            if extra:
                where = (*where, extra[0], "__key__")
                allowed = f" (allowed: {', '.join(sorted(known))})" if known else ""
                message = f"unknown field {extra[0]!r}{allowed}"
        elif err.validator == "required":
            message = f"missing required field: {err.message.split(' is a required')[0]}"
        elif err.validator == "oneOf" and err.context:
            from jsonschema.exceptions import best_match

            # The branch of the instance's own type says what is wrong (a dict's bad date, not "not a string").
            detail = best_match([e for e in err.context if e.validator != "type"] or err.context)
            where = tuple(detail.absolute_path) or where
            message = f"invalid source: {detail.message}" if "sources" in where else detail.message
        elif err.validator == "propertyNames":
            message = f"unknown language {err.instance!r}" if isinstance(err.instance, str) else message
        label = _describe(data, tuple(err.absolute_path))
        errors.append(TermbaseError(f"{label}{message}", path, _line_of(lines, where)))
    return errors


def _describe(data: Any, where: tuple[Any, ...]) -> str:
    """'concept nikol-pashinyan: ' prefix for an error inside a concept."""
    if len(where) >= 2 and where[0] == "concepts" and isinstance(where[1], int):
        try:
            cid = data["concepts"][where[1]].get("id")
        except (KeyError, IndexError, TypeError, AttributeError):
            cid = None
        if cid:
            return f"concept {cid}: "
    return ""


def _default_case_sensitive(text: str, term_type: str | None) -> bool:
    letters = [c for c in text if c.isalpha()]
    return term_type == "acronym" or (len(letters) >= 2 and all(c.isupper() for c in letters))


def _build_concepts(data: dict[str, Any], lines: Lines, path: Path) -> list[Concept]:
    concepts = []
    for ci, raw in enumerate(data.get("concepts", [])):
        terms = []
        for lang, items in raw["terms"].items():
            for ti, item in enumerate(items):
                text = unicodedata.normalize("NFC", item["term"].strip())
                terms.append(Term(
                    text=text,
                    lang=lang,
                    status=item["status"],
                    type=item.get("type"),
                    render=item.get("render"),
                    case_sensitive=item.get("case_sensitive", _default_case_sensitive(text, item.get("type"))),
                    inflects=item.get("inflects", True),
                    note=item.get("note"),
                    styles=tuple(item.get("styles", ())),
                    concept_id=raw["id"],
                    path=str(path),
                    line=_line_of(lines, ("concepts", ci, "terms", lang, ti)),
                ))
        concepts.append(Concept(
            id=raw["id"],
            kind=raw["kind"],
            terms=tuple(terms),
            note=raw.get("note", "").strip(),
            sources=tuple(_source_text(s) for s in raw.get("sources", ())),
            see_also=tuple(raw.get("see_also", ())),
            explicitly_contested=bool(raw.get("contested", False)),
            advice=raw.get("advice", "").strip(),
            translation_note=raw.get("translation_note", "").strip(),
            path=str(path),
            line=_line_of(lines, ("concepts", ci)),
        ))
    return concepts


def _check_concept(concept: Concept) -> list[TermbaseError]:
    errors = []
    if concept.preferred("en") is None and not concept.advice:
        errors.append(TermbaseError(f"concept {concept.id}: no preferred English (en) term (a loaded name with "
                                    "no neutral English equivalent needs 'advice' instead)", concept.path,
                                    concept.line))
    if concept.advice and not concept.loaded_terms:
        errors.append(TermbaseError(f"concept {concept.id}: 'advice' is for loaded names, but no term is loaded",
                                    concept.path, concept.line))
    from termguard.locales.editions import available_styles

    known_styles = set(available_styles())
    for term in concept.terms:
        unknown = [s for s in term.styles if s not in known_styles]
        if unknown:
            errors.append(TermbaseError(f"concept {concept.id}: style {unknown[0]!r} of {term.text!r} is not an "
                                        f"edition style (available: {', '.join(sorted(known_styles))})",
                                        term.path, term.line))
    en_texts = {t.text for t in concept.terms_in("en")}
    for term in concept.terms:
        if term.render and term.render not in en_texts:
            errors.append(TermbaseError(
                f"concept {concept.id}: render {term.render!r} of {term.text!r} is not one of its en terms",
                term.path, term.line))
    return errors


def _read_file(path: Path) -> tuple[list[Concept], list[TermbaseError]]:
    text = _read_text(path)
    if path.suffix.lower() == ".toml":
        data, lines = _parse_toml(text, path)
    else:
        data, lines = _parse_yaml(text, path)
    if data is None:
        return [], [TermbaseError("termbase file is empty (expected a 'concepts' list)", path, 1)]
    schema_errors = _schema_errors(data, lines, path)
    if schema_errors:
        return [], schema_errors
    concepts = _build_concepts(data, lines, path)
    errors = [e for c in concepts for e in _check_concept(c)]
    return concepts, errors


def _merge_layer(layer: Iterable[Concept]) -> tuple[dict[str, Concept], list[TermbaseError]]:
    """Concepts of one layer (the shipped files, or the user's) with duplicates reported."""
    concepts: dict[str, Concept] = {}
    claimed: dict[str, Term] = {}
    errors: list[TermbaseError] = []
    for concept in layer:
        if concept.id in concepts:
            first = concepts[concept.id]
            errors.append(TermbaseError(f"duplicate concept id {concept.id!r} (first defined at "
                                        f"{first.path}:{first.line})", concept.path, concept.line))
            continue
        concepts[concept.id] = concept
        for term in concept.terms:
            key = surface_key(term.text)
            other = claimed.get(key)
            if other is not None:
                where = "twice in this concept" if other.concept_id == term.concept_id else \
                    f"already claimed by concept {other.concept_id} at {other.path}:{other.line}"
                errors.append(TermbaseError(f"surface form {term.text!r} of concept {concept.id} is {where}",
                                            term.path, term.line))
            else:
                claimed[key] = term
    return concepts, errors


def _overlay(base: dict[str, Concept], user: dict[str, Concept]) -> dict[str, Concept]:
    """User concepts replace shipped ones with the same id and take over the forms they claim."""
    from dataclasses import replace

    taken = {surface_key(t.text) for c in user.values() for t in c.terms}
    merged: dict[str, Concept] = {}
    for cid, concept in base.items():
        if cid in user:
            continue
        kept = tuple(t for t in concept.terms if surface_key(t.text) not in taken)
        merged[cid] = concept if len(kept) == len(concept.terms) else replace(concept, terms=kept)
    merged.update(user)
    return merged


def _check_links(concepts: dict[str, Concept]) -> list[TermbaseError]:
    errors = []
    for concept in concepts.values():
        for target in concept.see_also:
            if target not in concepts:
                errors.append(TermbaseError(f"concept {concept.id}: see_also {target!r} is not a concept id",
                                            concept.path, concept.line))
    return errors


def validate_termbase_files(paths: Sequence[str | Path], include_default: bool = False,
                            strict: bool = False) -> list[TermbaseError]:
    """Every problem in the given termbase files, each located at ``file:line``.

    An empty list means the files load cleanly. ``strict`` also counts a concept without a
    checkable source as a problem (:func:`unsourced_concepts`; otherwise only a warning).
    """
    try:
        termbase = _load(list(paths), include_default, collect=True)
    except _Collected as collected:
        return collected.errors
    return unsourced_concepts(termbase) if strict else []


class _Collected(Exception):
    def __init__(self, errors: list[TermbaseError]) -> None:
        super().__init__(f"{len(errors)} termbase errors")
        self.errors = errors


def _load(user_paths: list[str | Path], include_default: bool, collect: bool = False) -> Termbase:
    layers: list[list[Path]] = []
    errors: list[TermbaseError] = []
    if include_default:
        layers.append(default_termbase_files())
    if user_paths:
        files: list[Path] = []
        for p in map(Path, user_paths):
            if p.is_dir():
                inside = sorted(q for q in p.iterdir() if q.suffix.lower() in (".yaml", ".yml", ".toml"))
                if not inside:
                    errors.append(TermbaseError("directory holds no termbase files (*.yaml, *.yml, *.toml)", p))
                files.extend(inside)
            else:
                files.append(p)
        layers.append(files)
    merged: dict[str, Concept] = {}
    for layer in layers:
        concepts: list[Concept] = []
        for path in layer:
            try:
                found, errs = _read_file(path)
            except TermbaseError as exc:
                found, errs = [], [exc]
            concepts.extend(found)
            errors.extend(errs)
        layer_concepts, errs = _merge_layer(concepts)
        errors.extend(errs)
        merged = _overlay(merged, layer_concepts) if merged else layer_concepts
    errors.extend(_check_links(merged))
    if errors:
        if collect:
            raise _Collected(errors)
        raise errors[0] if len(errors) == 1 else _first_with_count(errors)
    return Termbase(merged, files=tuple(str(p) for layer in layers for p in layer))


def _first_with_count(errors: list[TermbaseError]) -> TermbaseError:
    first = errors[0]
    return TermbaseError(f"{first.message} (and {len(errors) - 1} more errors; run "
                         "'termguard glossary validate' to see them all)", first.path, first.line, first.col)


def _compiled_by() -> tuple[str, ...]:
    from termguard import model
    from termguard.glossary import match, normalize

    return tuple(m.__file__ or "" for m in (model, normalize, match)) + (__file__,)


def _digest(paths: Sequence[Path]) -> str:
    from termguard import __version__
    from termguard.cache import key_hash

    h = key_hash()
    h.update(f"{_CACHE_FORMAT}:{__version__}:{sys.version_info[:2]}".encode())
    # The cache holds concepts as this code built them: any change to that code (an
    # editable install, a patch) must invalidate it, not only a new version.
    for module in _compiled_by():
        h.update(Path(module).read_bytes())
    # The matcher's compound heads come from the system's word list, compiled into the cache.
    from termguard.glossary.match import compound_heads_source

    h.update(compound_heads_source().encode() + b"\0")
    from termguard.limits import MAX_TERMBASE_BYTES, read_limited

    for p in paths:
        h.update(str(p).encode() + b"\0")
        try:
            h.update(read_limited(p, MAX_TERMBASE_BYTES, TermbaseError, "termbase file"))
        except (OSError, TermbaseError):
            h.update(b"<unreadable>")  # the load reports it
    return str(h.hexdigest())


def load_termbase(paths: Sequence[str | Path] = (), include_default: bool = True, use_cache: bool = True,
                  compile_matcher: bool = True) -> Termbase:
    """Load the shipped termbase and/or the given files, validated, with the matcher compiled.

    Validation and the matcher's tables are cached on disk, keyed on the files' contents (and
    the code and word list that compiled them), so an unchanged termbase loads from one file
    without being parsed, validated or compiled again. The cache holds data only (marshal of
    str, int, bool, bytes and tuples, checked field by field; never code: a tampered cache file
    cannot run anything), is used only in a directory that
    belongs to the user and nobody else may write, and any file that does not read back as
    exactly what termguard writes is ignored and rebuilt. Raises :class:`TermbaseError` on any
    problem with the termbase itself.

    >>> load_termbase(["no/such/file.yaml"], include_default=False)
    Traceback (most recent call last):
    ...
    termguard.errors.TermbaseError: no/such/file.yaml: no such termbase file
    """
    all_paths = (default_termbase_files() if include_default else []) + [Path(p) for p in paths]
    for p in all_paths:
        if not p.exists():
            raise TermbaseError("no such termbase file", p)
    digest = _digest(all_paths)
    from termguard.cache import cache_dir, private_dir

    cache_file = cache_dir() / f"termbase-{digest}.marshal"
    use_cache = use_cache and private_dir(cache_file.parent)
    termbase = _read_cache(cache_file, digest) if use_cache else None
    if termbase is None:
        termbase = _load(list(paths), include_default)
        termbase.digest = digest
        if use_cache:
            _write_cache(cache_file, termbase)  # with the matcher: the next load compiles nothing
    if compile_matcher:
        _ = termbase.matcher
    return termbase


#: The fields of a cached term/concept (in the dataclasses' order) and the types each may hold.
_TERM_FIELDS: dict[str, tuple[type, ...]] = {
    "text": (str,), "lang": (str,), "status": (str,), "type": (str, type(None)), "render": (str, type(None)),
    "case_sensitive": (bool,), "inflects": (bool,), "note": (str, type(None)), "styles": (tuple,),
    "concept_id": (str,), "path": (str, type(None)), "line": (int, type(None)),
}
_CONCEPT_FIELDS: dict[str, tuple[type, ...]] = {
    "id": (str,), "kind": (str,), "terms": (tuple,), "note": (str,), "sources": (tuple,), "see_also": (tuple,),
    "explicitly_contested": (bool,), "advice": (str,), "translation_note": (str,), "path": (str, type(None)),
    "line": (int, type(None)),
}


def _shapes(spec: dict[str, tuple[type, ...]]) -> frozenset[tuple[type, ...]]:
    """Every tuple of exact types a record of ``spec`` may have (bool is not an int here)."""
    import itertools

    return frozenset(itertools.product(*spec.values()))


_TERM_SHAPES, _CONCEPT_SHAPES = _shapes(_TERM_FIELDS), _shapes(_CONCEPT_FIELDS)


def _all_str(items: tuple[object, ...]) -> bool:
    return all(type(x) is str for x in items)


def _read_cache(cache_file: Path, digest: str) -> Termbase | None:
    """The termbase in ``cache_file``, or None if it is missing or not exactly what we write."""
    from termguard.cache import read_entry

    raw = read_entry(cache_file)
    try:
        if not (type(raw) is tuple and len(raw) == 5 and raw[0] == _CACHE_FORMAT and raw[1] == digest):
            return None
        _, _, files, raw_concepts, compiled = raw
        if type(files) is not tuple or not _all_str(files) or type(raw_concepts) is not tuple:
            return None
        concepts: dict[str, Concept] = {}
        for c in raw_concepts:
            if type(c) is not tuple or tuple(map(type, c)) not in _CONCEPT_SHAPES:
                return None
            if not (_all_str(c[4]) and _all_str(c[5])):
                return None
            terms = []
            for t in c[2]:
                if type(t) is not tuple or tuple(map(type, t)) not in _TERM_SHAPES or (t[8] and not _all_str(t[8])):
                    return None
                terms.append(Term(*t))
            concepts[c[0]] = Concept(c[0], c[1], tuple(terms), *c[3:])
    except (ValueError, TypeError):
        return None  # stale, truncated or foreign: rebuilt, never fatal
    return Termbase(concepts, files=files, digest=digest, compiled=compiled)


def _write_cache(cache_file: Path, termbase: Termbase) -> None:
    from termguard.cache import write_entry

    concepts = tuple(tuple(getattr(c, f) if f != "terms" else tuple(tuple(getattr(t, g) for g in _TERM_FIELDS)
                                                                     for t in c.terms)
                           for f in _CONCEPT_FIELDS)
                     for c in termbase.concepts.values())
    write_entry(cache_file, (_CACHE_FORMAT, termbase.digest, tuple(termbase.files), concepts,
                             termbase.matcher.to_data(termbase.terms)))
