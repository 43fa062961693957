"""The limits on what termguard reads: every parser of untrusted input is bounded here.

termguard trusts nothing it reads (docs/security.md): termbases and configuration come with
repositories nobody reviewed, catalogs come back from translators, models from the internet.
Each limit below is far above what a real file needs and far below what hurts a 2-core CI
runner; a file over a limit is refused with one line naming it, never half-read.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from termguard.errors import TermguardError

if TYPE_CHECKING:
    from tomllib import TOMLDecodeError

__all__ = [
    "MAX_TERMBASE_BYTES",
    "MAX_CONFIG_BYTES",
    "MAX_CATALOG_BYTES",
    "MAX_NESTING",
    "MAX_MODEL_UNPACKED_BYTES",
    "MAX_MODEL_MEMBERS",
    "MAX_MODEL_RATIO",
    "read_limited",
    "check_nesting",
    "parse_toml",
    "check_yaml_events",
    "TOMLDecodeError",
]


def _tomllib() -> Any:
    """tomllib (tomli before Python 3.11), imported when TOML is read: a lint without a
    configuration file does not pay for it."""
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib
    return tomllib


def __getattr__(name: str) -> Any:
    # TOMLDecodeError, looked up when a caller names it (an ``except`` clause does so only when
    # an exception reaches it).
    if name == "TOMLDecodeError":
        return _tomllib().TOMLDecodeError
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

#: A termbase file (YAML or TOML). The shipped termbase is about 100 KB in all.
MAX_TERMBASE_BYTES = 16 * 1024 * 1024
#: termguard.toml or pyproject.toml.
MAX_CONFIG_BYTES = 1024 * 1024
#: A PO review catalog (a year of articles is a few MB).
MAX_CATALOG_BYTES = 64 * 1024 * 1024
#: Nesting of tables/lists/mappings in a termbase or configuration (a termbase needs 6).
MAX_NESTING = 32
#: Total unpacked size of a model archive (argos' de→en packages unpack to a few hundred MB).
MAX_MODEL_UNPACKED_BYTES = 2 * 1024 * 1024 * 1024
#: Members of a model archive.
MAX_MODEL_MEMBERS = 10_000
#: Unpacked size over packed size, for the whole archive and for any member above 1 MiB
#: (model weights barely compress; a zip bomb compresses about 1000:1).
MAX_MODEL_RATIO = 100

ErrorFactory = Callable[..., TermguardError]


def read_limited(path: Path, limit: int, error: ErrorFactory, what: str) -> bytes:
    """The bytes of ``path`` if it holds at most ``limit`` bytes; ``error(message, path)`` if not.

    Reads at most ``limit + 1`` bytes, so a huge (or endless, like /dev/zero) file costs nothing.
    OSError is left to the caller, which knows how to word it.
    """
    with open(path, "rb") as fh:
        data = fh.read(limit + 1)
    if len(data) > limit:
        raise error(f"{what} is larger than {_size(limit)} (termguard's limit; see docs/security.md)", path)
    return data


def _size(n: int) -> str:
    for unit in ("GiB", "MiB", "KiB"):
        scale = {"GiB": 1 << 30, "MiB": 1 << 20, "KiB": 1 << 10}[unit]
        if n >= scale and n % scale == 0:
            return f"{n // scale} {unit}"
    return f"{n} bytes"


def check_nesting(data: Any, path: Path | str | None, error: ErrorFactory, limit: int = MAX_NESTING) -> None:
    """``error`` if ``data`` (dicts and lists) nests deeper than ``limit`` levels.

    Iterative, so the check itself cannot overflow the stack.

    >>> check_nesting({"a": [{"b": 1}]}, None, TermguardError, limit=3)
    >>> check_nesting({"a": [{"b": []}]}, "x.toml", TermguardError, limit=3)
    Traceback (most recent call last):
    ...
    termguard.errors.TermguardError: x.toml: nested deeper than 3 levels (termguard's limit)
    """
    stack: list[tuple[Any, int]] = [(data, 0)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            children: Any = item.values()
        elif isinstance(item, list):
            children = item
        else:
            continue
        if depth + 1 > limit:
            raise error(f"nested deeper than {limit} levels (termguard's limit)", path)
        stack.extend((child, depth + 1) for child in children)


def parse_toml(text: str, path: Path | str | None, error: ErrorFactory) -> dict[str, Any]:
    """``tomllib.loads(text)`` bounded by :data:`MAX_NESTING`; TOML errors are left to the caller.

    tomllib parses nested arrays and inline tables recursively: thousands of ``[`` would end in
    a ``RecursionError``. That is caught and reported like any nesting beyond the limit.
    """
    try:
        data = _tomllib().loads(text)
    except RecursionError:
        raise error(f"nested deeper than {MAX_NESTING} levels (termguard's limit)", path) from None
    check_nesting(data, path, error)
    return data


def check_yaml_events(text: str, path: Path | str | None, error: ErrorFactory, loader: Any) -> None:
    """Refuse YAML aliases (``*name``) and nesting beyond :data:`MAX_NESTING`, before composing.

    Aliases let a few hundred bytes expand into gigabytes ("billion laughs"); a termbase has no
    use for them, so none is accepted. The check walks the parser's event stream, which is
    flat, so a hostile file cannot exhaust the stack here either. YAML syntax errors are left
    for the composer to report with their position.
    """
    import yaml

    depth = 0
    parser = loader(text)
    try:
        while parser.check_event():
            event = parser.get_event()
            if isinstance(event, yaml.AliasEvent):
                raise error(f"YAML alias *{event.anchor} is not allowed in a termbase (write the value out)",
                            path, *_position(event))
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_NESTING:
                    raise error(f"nested deeper than {MAX_NESTING} levels (termguard's limit)", path,
                                *_position(event))
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.YAMLError:
        return  # reported with its position by the composer
    finally:
        parser.dispose()


def _position(event: Any) -> tuple[int | None, int | None]:
    mark = event.start_mark
    return (mark.line + 1, mark.column + 1) if mark is not None else (None, None)
