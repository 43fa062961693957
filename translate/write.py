"""Writing outputs atomically, never over an input: the translate stage's face of termguard.io."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from termguard.io import check_all_writable, write_atomic

__all__ = ["write_text", "write_json", "check_not_input"]


def write_text(path: str | Path, text: str, inputs: Iterable[str | Path | None] = ()) -> Path:
    """Write ``text`` (UTF-8, ``\\n`` line ends) so that readers see the old file or the new one;
    refused (:class:`~termguard.io.OutputRefusedError`) if ``path`` is one of ``inputs``."""
    return write_atomic(path, text, inputs=inputs)


def write_json(path: str | Path, data: Any, inputs: Iterable[str | Path | None] = ()) -> Path:
    """Write ``data`` as indented UTF-8 JSON (non-ASCII kept readable), atomically."""
    return write_text(path, json.dumps(data, ensure_ascii=False, indent=2) + "\n", inputs)


def check_not_input(outputs: Iterable[Path], inputs: Iterable[str | Path | None]) -> None:
    """Refuse, before anything is written, to write any of ``outputs`` over an input
    (:func:`termguard.io.check_writable`; the inputs are resolved once, for archives)."""
    check_all_writable(outputs, inputs)
