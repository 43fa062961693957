"""Writing outputs atomically: a temporary file in the target directory, then ``os.replace``."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

from termguard.errors import InputError

__all__ = ["write_text", "write_json", "check_not_input"]


def write_text(path: str | Path, text: str) -> Path:
    """Write ``text`` (UTF-8, ``\\n`` line ends) so that readers see the old file or the new one."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def write_json(path: str | Path, data: Any) -> Path:
    """Write ``data`` as indented UTF-8 JSON (non-ASCII kept readable), atomically."""
    return write_text(path, json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def check_not_input(outputs: list[Path], inputs: list[Path]) -> None:
    """Refuse to write over an input document (InputError naming it)."""
    resolved = {p.resolve() for p in inputs}
    for out in outputs:
        if out.resolve() in resolved:
            raise InputError("refusing to overwrite an input file; choose another --output", out)
