"""The run manifest: what an archive run has finished, so that the same command resumes after an interruption.

``OUTPUT/.termguard-run.json`` records the settings that decide the outputs (termbase and model
fingerprints, the options that change a byte of an edition, report or catalog) and, per
document, its input path, the SHA-256 of its bytes and the batch it was translated in. A
document is done when all three still hold and its outputs exist; anything else (a changed
article, termbase, model or option, a deleted output) is translated again. The manifest is
rewritten atomically (termguard.io), so a crash leaves the previous one whole: at worst the
last batches are translated again, into the same bytes.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from termguard.translate.write import write_json

__all__ = ["MANIFEST_NAME", "MANIFEST_VERSION", "RunManifest", "file_digest", "run_settings", "run_timestamp"]

MANIFEST_NAME = ".termguard-run.json"
MANIFEST_VERSION = 1


def file_digest(path: str | Path) -> str:
    """The SHA-256 of a file's bytes, read in blocks (an article of any size in bounded memory).

    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "a.txt"
    >>> _ = p.write_bytes(b"Paschinjan")
    >>> file_digest(p)[:12]
    'cccb77c9bf3e'
    """
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def run_timestamp() -> str:
    """The date a run puts in its catalogs: now, or ``SOURCE_DATE_EPOCH`` when set (reproducible
    builds' convention), as PO writes dates."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    when = datetime.fromtimestamp(int(epoch), timezone.utc) if epoch.isdigit() else datetime.now(timezone.utc)
    return when.strftime("%Y-%m-%d %H:%M+0000")


def _files_digest(paths: Iterable[str | Path]) -> str:
    digest = hashlib.sha256()
    for path in paths:
        digest.update(Path(path).name.encode() + b"\0" + file_digest(path).encode() + b"\0")
    return digest.hexdigest()


def _model_fingerprint(engine: Any) -> dict[str, Any] | None:
    """The model's name and version and a digest of its weights' size and metadata: a model
    swapped for another of the same name is a different model."""
    if engine is None:
        return None
    found: dict[str, Any] = {"name": getattr(engine, "name", type(engine).__name__)}
    package_dir = getattr(engine, "package_dir", None)
    if package_dir is not None:
        package_dir = Path(package_dir)
        weights = package_dir / "model" / "model.bin"
        found["metadata"] = file_digest(package_dir / "metadata.json") if (package_dir / "metadata.json").is_file() \
            else None
        found["weights_bytes"] = weights.stat().st_size if weights.is_file() else None
    options = getattr(engine, "options", None)
    if options is not None:
        # Decoding settings change outputs; thread counts do not (they are left out).
        found["decoding"] = {k: getattr(options, k) for k in (
            "beam_size", "num_hypotheses", "retry_beam_size", "max_batch_size", "batch_type", "length_penalty",
            "max_decoding_length", "max_length_ratio", "compute_type") if hasattr(options, k)}
    return found


def run_settings(termbase: Any, engine: Any, options: Any, batching: Mapping[str, Any]) -> dict[str, Any]:
    """Everything, besides the articles themselves, that decides a run's outputs."""
    from termguard import __version__

    return {
        "termguard": __version__,
        "termbase": _files_digest(getattr(termbase, "files", ())),
        "model": _model_fingerprint(engine),
        "options": {
            "from": options.source_lang, "to": options.target_lang, "format": options.fmt,
            "techniques": list(options.techniques), "adaptive": options.adaptive, "align": options.align,
            "localize": options.localize, "locale": options.edition_locale,
            "transliterate": options.transliterate, "per_document_po": options.per_document_po,
            "base": str(options.base) if options.base else None, "full_report": options.full_report,
        },
        "batching": dict(batching),
    }


@dataclass
class RunManifest:
    """The manifest of one output directory (:data:`MANIFEST_NAME`)."""

    path: Path
    settings: dict[str, Any]
    documents: dict[str, dict[str, Any]] = field(default_factory=dict)  # output name -> record
    #: When the run began (the catalogs' date), kept until the run completes: a resumed run
    #: dates its catalogs like the run it continues; the run after a complete one is a new run.
    started: str = field(default_factory=run_timestamp)
    complete: bool = False

    @classmethod
    def open(cls, out_dir: str | Path, settings: dict[str, Any]) -> RunManifest:
        """The manifest in ``out_dir`` if it was written with the same ``settings``, else an empty one
        (a changed termbase, model or option: every document is translated again)."""
        path = Path(out_dir) / MANIFEST_NAME
        try:
            data = json.loads(path.read_text("utf-8"))
        except (OSError, ValueError):
            return cls(path, settings)
        if not isinstance(data, dict) or data.get("termguard_manifest") != MANIFEST_VERSION \
                or data.get("settings") != settings or not isinstance(data.get("documents"), dict):
            return cls(path, settings)
        if data.get("complete") or not isinstance(data.get("started"), str):
            return cls(path, settings, dict(data["documents"]))
        return cls(path, settings, dict(data["documents"]), started=data["started"])

    def is_done(self, name: str, source: Path, digest: str, batch: str, outputs: Iterable[Path]) -> bool:
        """Whether the document written as ``name`` was finished from these very bytes in this batch,
        and its outputs are still there."""
        record = self.documents.get(name) or {}
        return bool(record) and record.get("sha256") == digest and record.get("batch") == batch \
            and record.get("input") == str(source) and all(p.exists() for p in outputs)

    def record(self, name: str, source: Path, digest: str, batch: str, summary: Mapping[str, Any]) -> None:
        self.documents[name] = {"input": str(source), "sha256": digest, "batch": batch, "summary": dict(summary)}

    def forget(self, name: str) -> None:
        self.documents.pop(name, None)

    def save(self, inputs: Iterable[Path] = ()) -> None:
        """Write the manifest atomically (never over one of ``inputs``)."""
        write_json(self.path, {"termguard_manifest": MANIFEST_VERSION, "started": self.started,
                               "complete": self.complete, "settings": self.settings,
                               "documents": dict(sorted(self.documents.items()))}, inputs)
