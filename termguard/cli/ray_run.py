"""``termguard translate --ray``: the translate command's hand-off to :mod:`termguard.cluster`.

Kept apart from translate_cmds so that Ray stays off every other path: nothing here imports it
until a run on a cluster starts.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer

def translate_on_ray(paths: list[Path], output: Path, termbase: Any, model: Path | None, translate: bool,
                     options: Any, engine_options: Any, address: str | None, actors: int, show: bool) -> list[Any]:
    """Run :func:`termguard.cluster.translate_archive` for the command; a line per article as
    it is written when ``show``."""
    from termguard.cluster import ClusterOptions, translate_archive

    cluster = ClusterOptions(address=address, actors=actors)

    def written(report: Any) -> None:
        if show:
            typer.echo(f"written: {report.source}", err=True)

    return translate_archive(paths, output, termbase, model, translate=translate, options=options,
                             engine_options=engine_options, cluster=cluster, progress=written)
