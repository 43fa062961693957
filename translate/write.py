"""Writing outputs atomically: a temporary file in the target directory, then ``os.replace``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from termguard.errors import InputError
from termguard.io import write_atomic

__all__ = ["write_text", "write_json", "check_not_input"]


def write_text(path: str | Path, text: str) -> Path:
    """Write ``text`` (UTF-8, ``\\n`` line ends) so that readers see the old file or the new one."""
    return write_atomic(path, text)


def write_json(path: str | Path, data: Any) -> Path:
    """Write ``data`` as indented UTF-8 JSON (non-ASCII kept readable), atomically."""
    return write_text(path, json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def check_not_input(outputs: list[Path], inputs: list[Path]) -> None:
    """Refuse to write over an input document (InputError naming it)."""
    resolved = {p.resolve() for p in inputs}
    for out in outputs:
        if out.resolve() in resolved:
            raise InputError("refusing to overwrite an input file; choose another --output", out)
