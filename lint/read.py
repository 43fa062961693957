"""Finding and reading inputs: paths, directory walks (.gitignore aware), stdin, decoding."""

from __future__ import annotations

import codecs
import os
import stat
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import IO, Any

from termguard.lint.document import Document
from termguard.lint.formats import FORMATS, format_for_path, text_document
from termguard.lint.settings import LintSettings
from termguard.locales import _

__all__ = ["Input", "InputProblem", "iter_inputs", "open_document", "CHUNK_SIZE"]

#: Plain text is read and matched in pieces of about this many bytes, cut at line breaks,
#: so memory stays flat however large a file is.
CHUNK_SIZE = 1 << 20
_BINARY_SNIFF = 8192


@dataclass(frozen=True, slots=True)
class Input:
    """One thing to lint: a file (``path``), stdin (``path is None``) or a problem found while walking."""

    display: str
    path: Path | None
    fmt: str
    problem: tuple[str, str] | None = None  # (kind, detail)


class InputProblem(Exception):
    """An input that cannot be linted; ``kind`` names the rule kind (binary, encoding...)."""

    def __init__(self, kind: str, detail: str, line: int = 1, column: int = 1) -> None:
        super().__init__(detail)
        self.kind, self.detail, self.line, self.column = kind, detail, line, column


# --- walking ----------------------------------------------------------------------------------

class _Walker:
    def __init__(self, settings: LintSettings) -> None:
        import pathspec

        self.settings = settings
        self.include = pathspec.GitIgnoreSpec.from_lines(settings.include)
        self.exclude = pathspec.GitIgnoreSpec.from_lines(settings.exclude)

    def excluded(self, full: str, rel_to_top: str, is_dir: bool, top_in_root: str | None = None) -> bool:
        """Whether exclude globs match the path relative to the walk's start or to the settings root."""
        suffix = "/" if is_dir else ""
        if self.exclude.match_file(rel_to_top + suffix):
            return True
        if top_in_root is None:
            top_in_root = self.settings.relative(full)
            rel_root = top_in_root
        else:
            rel_root = f"{top_in_root}/{rel_to_top}" if top_in_root not in ("", ".") else rel_to_top
        return rel_root != rel_to_top and self.exclude.match_file(rel_root + suffix)

    def ignore_specs_above(self, top: str) -> list[tuple[str, Any]]:
        """The .gitignore files between the repository root and ``top`` (exclusive)."""
        specs: list[tuple[str, Any]] = []
        here = Path(top).resolve()
        chain = []
        for parent in here.parents:
            chain.append(parent)
            if (parent / ".git").exists():
                break
        else:
            return specs
        for directory in reversed(chain):
            spec = _gitignore(str(directory))
            if spec is not None:
                specs.append((str(directory), spec))
        return specs

    def walk(self, top: str) -> Iterator[Input]:
        specs = self.ignore_specs_above(top) if self.settings.respect_gitignore else []
        # Where the walk starts, relative to the settings root (computed once, not per file).
        top_in_root = self.settings.relative(top)
        if top_in_root.startswith("/"):
            top_in_root = ""
        yield from self._walk(top, top, specs, top_in_root)

    def _walk(self, top: str, directory: str, specs: list[tuple[str, Any]], top_in_root: str
              ) -> Iterator[Input]:
        if self.settings.respect_gitignore:
            spec = _gitignore(directory)
            if spec is not None:
                specs = [*specs, (directory, spec)]
        try:
            with os.scandir(directory) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as exc:
            yield Input(directory, None, "text", ("unreadable", _os_detail(exc)))
            return
        for entry in entries:
            full = os.path.join(directory, entry.name)
            try:
                is_dir = entry.is_dir(follow_symlinks=False)
                is_file = entry.is_file()
            except OSError:
                is_dir, is_file = False, True
            rel = os.path.relpath(full, top).replace(os.sep, "/")
            if self.excluded(full, rel, is_dir, top_in_root) or _git_ignored(full, is_dir, specs):
                continue
            if is_dir:
                yield from self._walk(top, full, specs, top_in_root)
            elif is_file and self.include.match_file(rel):
                yield Input(full, Path(full), format_for_path(entry.name))


def _gitignore(directory: str) -> Any:
    path = os.path.join(directory, ".gitignore")
    try:
        with open(path, encoding="utf-8", errors="replace") as fh:
            lines = fh.read().splitlines()
    except OSError:
        return None
    import pathspec

    return pathspec.GitIgnoreSpec.from_lines(lines)


def _git_ignored(full: str, is_dir: bool, specs: list[tuple[str, Any]]) -> bool:
    if not specs:
        return False
    resolved = os.path.abspath(full)
    for base, spec in specs:
        rel = os.path.relpath(resolved, os.path.abspath(base)).replace(os.sep, "/")
        if spec.match_file(rel + ("/" if is_dir else "")):
            return True
    return False


def _os_detail(exc: OSError) -> str:
    return (exc.strerror or str(exc)).lower()


def iter_inputs(paths: Sequence[str], settings: LintSettings, stdin_filename: str | None = None
                ) -> Iterator[Input]:
    """Every input named by ``paths`` (``-`` is stdin), directories walked recursively, in order.

    ``stdin_filename`` is the name shown for stdin; its extension picks the format.
    """
    walker: _Walker | None = None  # built on demand: `lint FILE` need not import pathspec

    def get_walker() -> _Walker:
        nonlocal walker
        if walker is None:
            walker = _Walker(settings)
        return walker

    for given in paths:
        if given == "-":
            name = stdin_filename or "<stdin>"
            yield Input(name, None, format_for_path(name))
            continue
        try:
            mode = os.stat(given).st_mode
        except FileNotFoundError:
            detail = _("broken symbolic link") if os.path.islink(given) else _("no such file or directory")
            yield Input(given, None, "text", ("unreadable", detail))
            continue
        except OSError as exc:
            yield Input(given, None, "text", ("unreadable", _os_detail(exc)))
            continue
        if stat.S_ISDIR(mode):
            yield from get_walker().walk(given)
        elif stat.S_ISREG(mode):
            if settings.force_exclude and get_walker().excluded(given, Path(given).name, False):
                continue
            yield Input(given, Path(given), format_for_path(given))
        else:
            yield Input(given, None, "text", ("unreadable", "not a regular file"))


# --- reading ----------------------------------------------------------------------------------

def _encoding_label(encoding: str) -> str:
    name = codecs.lookup(encoding).name
    return {"utf-8": "UTF-8", "utf-8-sig": "UTF-8"}.get(name, name)


def _decoder_name(encoding: str) -> str:
    # A UTF-8 byte-order mark is not part of the text.
    return "utf-8-sig" if codecs.lookup(encoding).name == "utf-8" else encoding


@lru_cache(maxsize=16)
def _incremental_decoder(name: str) -> Any:
    return codecs.getincrementaldecoder(name)


@lru_cache(maxsize=16)
def _may_hold_nul(encoding: str) -> bool:
    return codecs.lookup(encoding).name.startswith(("utf-16", "utf-32"))


@lru_cache(maxsize=1)
def _pin_mmap_threshold() -> None:
    """Keep glibc serving chunk-sized buffers from mmap, as it does before the first is freed.

    glibc raises its mmap threshold each time such a buffer is freed, after which the 1 MB
    chunks (bytes, text, folded copies) come from the heap and fragment it: peak memory grew
    with file size (100 MB for a 12.5 MB file, 124 MB for 50 MB); pinned, it stays flat (94, 95).
    """
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):  # not glibc (musl has no mallopt): nothing to pin
        return
    m_mmap_threshold = -3
    mallopt(m_mmap_threshold, 128 * 1024)  # glibc's default, made fixed


def _chunks(fh: IO[bytes], encoding: str, display: str) -> Iterator[tuple[str, int]]:
    """Decoded text in pieces cut after a line break, each with the number of its first line."""
    decoder = _incremental_decoder(_decoder_name(encoding))(errors="strict")
    sniff = not _may_hold_nul(encoding)
    pending = ""
    line = 1
    seen_text = False
    while True:
        block = fh.read(CHUNK_SIZE)
        if len(block) == CHUNK_SIZE:  # a long file: only then is the allocator worth tuning
            _pin_mmap_threshold()
        if sniff:
            if b"\0" in block[:_BINARY_SNIFF]:
                raise InputProblem("binary", _("contains NUL bytes"))
            sniff = False
        try:
            text = decoder.decode(block, final=not block)
        except UnicodeDecodeError as exc:
            bad_line = line + pending.count("\n") + block[: exc.start].count(b"\n")
            raise InputProblem("encoding", _("{encoding} at line {line}").format(encoding=_encoding_label(encoding),
                                                                        line=bad_line), bad_line) from None
        pending += text
        if not block:
            break
        cut = pending.rfind("\n")
        if len(pending) >= CHUNK_SIZE and cut >= 0:
            piece, pending = pending[: cut + 1], pending[cut + 1:]
            seen_text = seen_text or not piece.isspace()
            yield piece, line
            line += piece.count("\n")
    if not seen_text and (not pending or pending.isspace()):
        raise InputProblem("empty", "empty")
    if pending:
        yield pending, line


def _decode_all(data: bytes, encoding: str) -> str:
    if not _may_hold_nul(encoding) and b"\0" in data[:_BINARY_SNIFF]:
        raise InputProblem("binary", _("contains NUL bytes"))
    try:
        text = data.decode(_decoder_name(encoding))
    except UnicodeDecodeError as exc:
        bad_line = data[: exc.start].count(b"\n") + 1
        raise InputProblem("encoding", _("{encoding} at line {line}").format(encoding=_encoding_label(encoding),
                                                                        line=bad_line), bad_line) from None
    if not text.strip():
        raise InputProblem("empty", "empty")
    return text


def open_document(inp: Input, settings: LintSettings, stdin: IO[bytes] | None = None) -> Document:
    """The document of one input. Raises :class:`InputProblem` (also later, while a long
    plain-text document's segments are read)."""
    if inp.problem is not None:
        raise InputProblem(*inp.problem)
    lang = settings.lang
    if inp.path is None:
        data = stdin.read() if stdin is not None else b""
        return FORMATS[inp.fmt](inp.display, _decode_all(data, settings.encoding), lang)
    try:
        fh = open(inp.path, "rb")  # noqa: SIM115 - closed by the generator below or right here
    except OSError as exc:
        raise InputProblem("unreadable", _os_detail(exc)) from None
    if inp.fmt == "text":
        return text_document(inp.display, _closing(fh, settings.encoding, inp.display), lang)
    try:
        data = fh.read()
    except OSError as exc:
        raise InputProblem("unreadable", _os_detail(exc)) from None
    finally:
        fh.close()
    return FORMATS[inp.fmt](inp.display, _decode_all(data, settings.encoding), lang)


def _closing(fh: IO[bytes], encoding: str, display: str) -> Iterator[tuple[str, int]]:
    try:
        yield from _chunks(fh, encoding, display)
    except OSError as exc:
        raise InputProblem("unreadable", _os_detail(exc)) from None
    finally:
        fh.close()
