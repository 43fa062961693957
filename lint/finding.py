"""The one diagnostic type every check produces and every renderer reads."""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

from termguard.model import slots_getstate, slots_setstate

__all__ = ["Finding", "FINDING_KEYS"]


@dataclass(frozen=True, slots=True)
class Finding:
    """A problem at ``path:line:column`` (1-based, in characters).

    ``end_column`` is exclusive: the column just after the last character, as in SARIF
    and ruff, so ``end_column - column`` is the length of ``surface`` on one line.
    """

    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    code: str
    rule: str
    severity: str
    message: str
    surface: str = ""
    concept: str | None = None
    suggestion: str | None = None
    note: str | None = None
    quoted: bool = False
    lang: str | None = None

    # --jobs workers send findings to the parent: pickled by position, several times faster
    # than dataclasses' own slot state.
    __getstate__ = slots_getstate
    __setstate__ = slots_setstate

    def to_dict(self) -> dict[str, Any]:
        """The finding with the documented JSON keys (:data:`FINDING_KEYS`, in that order)."""
        return {key: getattr(self, key) for key in FINDING_KEYS}

    @property
    def location(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"


#: The keys of a finding in JSON output, in order; documented in docs/lint.md.
FINDING_KEYS: tuple[str, ...] = tuple(f.name for f in fields(Finding))
