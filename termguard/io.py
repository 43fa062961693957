"""Safe file output: the one rule that decides whether termguard may write a path, and how.

Every command that writes a file goes through this module, so the same guarantees hold for
all of them (and for new writers: XLIFF, HTML review pages, a server's downloads):

* **Never over an input.** :func:`check_writable` refuses a path that is, or resolves to (through
  a symlink, a ``..`` or a hard link), one of the files the command reads: the documents, the
  termbase files, the configuration, the catalog a build reads. Pass them as ``inputs``.
* **Atomic.** :func:`open_atomic` writes into a temporary file beside the target and renames it
  over the target only when the block succeeds; a reader sees the old file or the new one,
  never half of one, and a failed run leaves the previous output intact.
* **No litter.** The temporary file is removed on every way out of the block: an exception,
  ``KeyboardInterrupt``, and SIGINT/SIGTERM/SIGHUP once :func:`install_signal_handlers` has
  turned those into :class:`Interrupted` (the CLI does this at start). Temporary files still
  open when the interpreter exits are removed by an ``atexit`` hook. Only SIGKILL (or a power
  cut) can leave one behind: it is a hidden ``.NAME.XXXXXXXX.tmp`` next to the output.
* **Accountable.** :func:`written_files` lists what this process has written so far, and
  :func:`unfinished_files` what it began and did not finish, so an interrupted command can say
  what it did and did not write.

What it does not do: decide *where* outputs go (the command does), or guard against another
process writing the same path at the same moment (the last rename wins, whole).

Typical use::

    from termguard.io import open_atomic, write_atomic

    write_atomic(out, text, inputs=[source, *termbase.files])
    with open_atomic(report_path, inputs=inputs) as fh:
        render(findings, fh)

A writer that updates a file it also read on purpose (a review catalog updated in place) leaves
that file out of ``inputs``; every other file it read belongs in them.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import re
import signal
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from termguard.errors import OutputRefusedError
from termguard.locales import _

__all__ = [
    "OutputRefusedError",
    "Interrupted",
    "check_writable",
    "check_all_writable",
    "open_atomic",
    "write_atomic",
    "install_signal_handlers",
    "written_files",
    "unfinished_files",
    "remove_leftovers",
]

#: Outputs are ordinary files for their readers (mkstemp would leave them 0600).
_MODE = 0o644

_LOCK = threading.Lock()
_TEMPORARY: set[str] = set()  # temporary files open right now (removed at exit if still there)
_UNFINISHED: list[Path] = []  # targets of blocks open now or left by an exception (not written)
# Targets renamed into place by this process, each once, as text: an archive run writes tens of
# thousands of files (and rewrites its manifest), and this must not grow like the archive's reports.
_WRITTEN: dict[str, None] = {}


class Interrupted(BaseException):  # noqa: N818 - like KeyboardInterrupt, which it stands beside
    """Raised in the main thread on SIGINT, SIGTERM or SIGHUP (see :func:`install_signal_handlers`).

    A ``BaseException``, like ``KeyboardInterrupt``, so that ``except Exception`` does not
    swallow it while every ``finally`` (and :func:`open_atomic`'s clean-up) still runs.
    """

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_dev, st.st_ino


def check_writable(path: str | Path, inputs: Iterable[str | Path | None] = ()) -> Path:
    """``path`` if termguard may write it; :class:`OutputRefusedError` naming it if not.

    Refused: a path that is one of ``inputs`` (compared by resolved path and by device and
    inode, so a symlink or a hard link to an input is caught as well), a symlink that points
    at an input, an existing directory, and a path below an existing file.

    >>> import tempfile, pathlib
    >>> src = pathlib.Path(tempfile.mkdtemp()) / "article.txt"
    >>> _ = src.write_text("Paschinjan")
    >>> check_writable(src.with_suffix(".md"), inputs=[src]).name
    'article.md'
    >>> check_writable(src, inputs=[src])
    Traceback (most recent call last):
    ...
    termguard.errors.OutputRefusedError: ...article.txt: refusing to overwrite an input file; choose another output
    """
    check_all_writable([path], inputs)
    return Path(path)


def check_all_writable(paths: Iterable[str | Path], inputs: Iterable[str | Path | None] = ()) -> None:
    """:func:`check_writable` for each of ``paths`` against the same ``inputs``, which are
    resolved once (an archive checks n outputs against n inputs: not n² look-ups)."""
    sources = [Path(raw) for raw in inputs if raw is not None]
    resolved = {source.resolve() for source in sources}
    identities = {i for i in map(_identity, sources) if i is not None}
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            raise OutputRefusedError(_("is a directory; give a file name"), path)
        existing = next((p for p in path.parents if p.exists()), None)
        if existing is not None and not existing.is_dir():
            raise OutputRefusedError(_("cannot create it: {path} is a file, not a directory").format(path=existing),
                                     path)
        if path.resolve() in resolved or _identity(path) in identities:
            message = _("refusing to overwrite a link to an input file; choose another output") \
                if path.is_symlink() else _("refusing to overwrite an input file; choose another output")
            raise OutputRefusedError(message, path)


@contextlib.contextmanager
def open_atomic(path: str | Path, encoding: str = "utf-8", *, inputs: Iterable[str | Path | None] = (),
                binary: bool = False, newline: str | None = "\n", listed: bool = True) -> Iterator[IO[Any]]:
    """A file handle whose contents replace ``path`` only when the block succeeds.

    ``path`` is first checked with :func:`check_writable` against ``inputs``. The data goes to
    a temporary file in the same directory, which is renamed over ``path`` at the end; on any
    way out of the block without success (exception, interrupt) the temporary file is removed
    and ``path`` is left as it was. ``encoding="utf-8-sig"`` writes a byte-order mark (for
    spreadsheets); ``binary=True`` yields a bytes handle. ``listed=False`` keeps the file out of
    :func:`written_files` and :func:`unfinished_files` (a cache is not one of the outputs).
    """
    import tempfile  # here: its import (random, hashing) is a millisecond of every lint's start-up

    path = check_writable(path, inputs)
    path.parent.mkdir(parents=True, exist_ok=True)
    # A signal between creating the temporary file and registering it would leave it behind and
    # the output unaccounted for ("no file was written"): the signals wait until both are done.
    _defer_signals()
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        with _LOCK:
            _TEMPORARY.add(tmp)
            if listed:
                _UNFINISHED.append(path)
    except BaseException:
        _restore_signals()  # (a signal held back meanwhile wins over the error)
        raise
    try:
        _restore_signals()  # a signal held back is raised here, inside the clean-up below
        fh: IO[Any] = os.fdopen(fd, "wb") if binary else os.fdopen(fd, "w", encoding=encoding, newline=newline)
        with fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, _MODE)
        os.replace(tmp, path)
        if listed:
            with _LOCK:
                _WRITTEN[str(path)] = None
                _UNFINISHED[:] = [p for p in _UNFINISHED if p != path]  # earlier failed attempts too
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    finally:
        with _LOCK:
            _TEMPORARY.discard(tmp)


#: A signal that arrived while the main thread was between creating a temporary file and
#: registering it: raised when that section ends. (A signal mask cannot do this: the kernel
#: hands a process signal to any thread that does not block it, e.g. a CTranslate2 worker,
#: and Python then runs the handler in the main thread at once.)
_held = threading.local()


def _defer_signals() -> None:
    """Hold :class:`Interrupted` back in this thread until :func:`_restore_signals`."""
    _held.depth = getattr(_held, "depth", 0) + 1


def _restore_signals() -> None:
    """End a section begun by :func:`_defer_signals`; a signal held back meanwhile is raised now."""
    _held.depth -= 1
    signum = getattr(_held, "signum", None)
    if _held.depth == 0 and signum is not None:
        _held.signum = None
        raise Interrupted(signum)


def write_atomic(path: str | Path, data: str | bytes, encoding: str = "utf-8", *,
                 inputs: Iterable[str | Path | None] = (), listed: bool = True) -> Path:
    """Write ``data`` (text or bytes) to ``path`` atomically (see :func:`open_atomic`); returns ``path``."""
    with open_atomic(path, encoding, inputs=inputs, binary=isinstance(data, bytes), listed=listed) as fh:
        fh.write(data)
    return Path(path)


#: The temporary name :func:`open_atomic` gives an output (``tempfile.mkstemp``'s 8 random characters).
_LEFTOVER = re.compile(r"^\..+\.[a-z0-9_]{8}\.tmp$")


def remove_leftovers(directory: str | Path) -> int:
    """Remove the temporary files that a killed run (SIGKILL, a power cut) left below
    ``directory`` (only termguard's own ``.NAME.XXXXXXXX.tmp``); returns how many. A run that
    writes into a directory again calls it first, so what was cut off leaves no litter."""
    removed = 0
    for root, _dirs, files in os.walk(directory):
        for name in files:
            if _LEFTOVER.match(name):
                with contextlib.suppress(OSError):
                    os.unlink(os.path.join(root, name))
                    removed += 1
    return removed


def written_files() -> list[Path]:
    """The outputs this process has written (renamed into place), oldest first."""
    with _LOCK:
        return [Path(p) for p in _WRITTEN]


def unfinished_files() -> list[Path]:
    """The outputs this process began but did not write (open now, or abandoned by an error or
    an interrupt); each keeps its previous version, if it had one."""
    with _LOCK:
        return list(_UNFINISHED)


_HANDLER_PID: int | None = None


def _raise_interrupted(signum: int, frame: Any) -> None:
    if os.getpid() != _HANDLER_PID:
        # A forked process: die as the signal would have it, quietly; the parent unwinds
        # and reports. (lint --jobs' workers ignore these signals once started, since one that
        # dies may hold its pool's queue lock; this covers the moment before.)
        signal.signal(signum, signal.SIG_DFL)
        os.kill(os.getpid(), signum)
        return
    if getattr(_held, "depth", 0):  # between creating a temporary file and registering it
        _held.signum = signum
        return
    raise Interrupted(signum)


def install_signal_handlers(signals: Iterable[str] = ("SIGINT", "SIGTERM", "SIGHUP")) -> None:
    """Turn ``signals`` into :class:`Interrupted` in the main thread.

    Then an interrupted write unwinds like an exception: the temporary file is removed and the
    previous output is kept, and the caller can say what was written (:func:`written_files`)
    and what was not (:func:`unfinished_files`). Call it once at program start (the CLI does);
    it does nothing outside the main thread. Processes forked afterwards die quietly on these
    signals instead of raising.
    """
    global _HANDLER_PID
    if threading.current_thread() is not threading.main_thread():
        return
    _HANDLER_PID = os.getpid()
    for name in signals:
        signum = getattr(signal, name, None)
        if signum is not None:
            signal.signal(signum, _raise_interrupted)


@atexit.register
def _remove_leftovers() -> None:
    with _LOCK:
        leftovers = list(_TEMPORARY)
        _TEMPORARY.clear()
    for tmp in leftovers:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
