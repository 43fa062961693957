"""termguard's on-disk cache of compiled data (the termbase, the rules table): one place that
decides where it lives, whether it may be used, and how an entry is read and written.

An entry is a ``marshal`` dump of builtins only (str, int, bool, bytes, tuples, dicts), named
by a digest of everything it was built from, so a changed source is a different entry, never
a stale one. marshal loads ten times faster than JSON and, unlike pickle, runs no code: it
builds data, and each reader checks every field's type before using it (a code object, from
a tampered file, fails those checks and is never called; Python 3.13 refuses it outright).
The directory is used only when it belongs to the user and nobody else may write to it: a
directory others can write (a shared /tmp path, a CI cache restored from another job) could
hand termguard someone else's data. Any problem (unwritable, damaged, foreign) only costs
speed: the caller rebuilds from the source.
"""

from __future__ import annotations

import contextlib
import marshal
import os
import sys
from pathlib import Path
from typing import Any

__all__ = ["cache_dir", "private_dir", "key_hash", "read_entry", "write_entry"]


def key_hash() -> Any:
    """A fresh hash object for the digest that names an entry: BLAKE2b of 16 bytes (``hexdigest()``
    gives 32 hex digits), fed with everything the entry is built from.

    From CPython's built-in ``_blake2`` module, the one :mod:`hashlib` itself serves BLAKE2 from:
    importing hashlib loads OpenSSL, 2-3 ms of every ``termguard lint``'s start-up.
    """
    try:
        from _blake2 import blake2b
    except ImportError:  # pragma: no cover - another Python implementation
        from hashlib import blake2b
    return blake2b(digest_size=16)


def cache_dir() -> Path:
    """``$TERMGUARD_CACHE_DIR``, else ``$XDG_CACHE_HOME/termguard`` (``~/.cache/termguard``)."""
    base = os.environ.get("TERMGUARD_CACHE_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"), "termguard")
    return Path(base)


def private_dir(directory: Path) -> bool:
    """True if ``directory`` can hold the cache: ours, and writable by nobody else (created if missing)."""
    try:
        directory.mkdir(parents=True, exist_ok=True, mode=0o700)
        st = directory.stat()
    except OSError:
        return False
    if hasattr(os, "getuid") and st.st_uid != os.getuid():
        return False
    return not st.st_mode & 0o022


def read_entry(path: Path) -> object | None:
    """The data in cache file ``path``, or None if it is missing, a link, or not marshal data.

    The caller checks the data's shape: this only guarantees it is builtins, not code run.
    """
    if not path.is_file() or path.is_symlink():
        return None
    try:
        data = path.read_bytes()
        if sys.version_info >= (3, 13):
            return marshal.loads(data, allow_code=False)  # type: ignore[call-arg,unused-ignore]
        return marshal.loads(data)
    except (OSError, ValueError, EOFError, TypeError):
        return None


def write_entry(path: Path, data: object) -> None:
    """Write ``data`` (builtins only) to cache file ``path`` atomically; a failure only costs speed."""
    from termguard.io import write_atomic

    with contextlib.suppress(OSError, ValueError):
        write_atomic(path, marshal.dumps(data), listed=False)  # type: ignore[arg-type]
