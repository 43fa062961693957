"""One error hierarchy for termguard: every error knows where it happened."""

from __future__ import annotations

from pathlib import Path

__all__ = [
    "TermguardError",
    "TermbaseError",
    "InputError",
    "ConfigError",
    "OutputRefusedError",
    "EngineUnavailableError",
]


class TermguardError(Exception):
    """Base class of every error termguard raises on purpose.

    ``str(error)`` is the one line the CLI prints: ``path:line:col: message``
    where the location is known.
    """

    def __init__(self, message: str, path: str | Path | None = None, line: int | None = None,
                 col: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = str(path) if path is not None else None
        self.line = line
        self.col = col

    @property
    def location(self) -> str:
        parts = [p for p in (self.path, self.line, self.col) if p is not None]
        return ":".join(str(p) for p in parts)

    def __str__(self) -> str:
        return f"{self.location}: {self.message}" if self.location else self.message


class TermbaseError(TermguardError):
    """A termbase file that cannot be loaded or fails validation."""


class InputError(TermguardError):
    """An input document that cannot be read (missing, binary, bad encoding...)."""


class OutputRefusedError(InputError):
    """An output path termguard will not write: an input, a link to one, a directory
    (see :func:`termguard.io.check_writable`). An InputError: the command line named it."""


class ConfigError(TermguardError):
    """A bad configuration value in pyproject.toml or termguard.toml."""


class EngineUnavailableError(TermguardError):
    """No translation model (or no argostranslate) is installed for a language pair."""
