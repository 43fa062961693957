"""Translating an archive on a Ray cluster: Ray Data over an actor pool (the ``termguard[cluster]`` extra).

Importing this package does not import Ray; :func:`translate_archive` does, when called.
See docs/scale.md.
"""

from termguard.cluster.archive import RAY_MISSING, ArchiveTranslator, ClusterOptions, ray_available, translate_archive

__all__ = ["RAY_MISSING", "ArchiveTranslator", "ClusterOptions", "ray_available", "translate_archive"]
