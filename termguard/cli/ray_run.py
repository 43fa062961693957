"""``termguard translate --ray``: the translate command's hand-off to :mod:`termguard.cluster`.

Kept apart from translate_cmds so that Ray stays off every other path: nothing here imports it
until a run on a cluster starts.
"""

from __future__ import annotations

from collections.abc import Generator
from pathlib import Path
from typing import Any


def translate_on_ray(paths: list[Path], output: Path, termbase: Any, model: Path | None, translate: bool,
                     options: Any, engine_options: Any, address: str | None, actors: int) -> Generator[Any, None, None]:
    """:func:`termguard.cluster.translate_archive` for the command: each article's report as
    its outputs are written. A generator, like the local run's: nothing starts (and nothing is
    refused) before the command asks for the first report, inside its error handling."""
    from termguard.cluster import ClusterOptions, translate_archive

    yield from translate_archive(paths, output, termbase, model, translate=translate, options=options,
                                 engine_options=engine_options, cluster=ClusterOptions(address=address, actors=actors))
