"""Safe file output: every write is atomic, so a reader never sees half a file."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

__all__ = ["write_atomic", "open_atomic"]

#: Outputs are ordinary files for their readers (mkstemp would leave them 0600).
_MODE = 0o644


@contextlib.contextmanager
def open_atomic(path: str | Path, encoding: str = "utf-8") -> Iterator[TextIO]:
    """A text file handle whose contents replace ``path`` only when the block succeeds.

    The data goes to a temporary file in the same directory, which is renamed over
    ``path`` at the end; on an exception the temporary file is removed and ``path`` is
    left as it was.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding=encoding, newline="\n") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, _MODE)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def write_atomic(path: str | Path, data: str, encoding: str = "utf-8") -> Path:
    """Write ``data`` to ``path`` atomically (see :func:`open_atomic`); returns ``path``."""
    with open_atomic(path, encoding) as fh:
        fh.write(data)
    return Path(path)
