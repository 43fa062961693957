"""The messages of typer that it looks up with gettext, marked for termguard's catalog.

typer asks :func:`gettext.gettext` (the default text domain) for its section titles and a few
errors; ``termguard.cli.main`` points that domain at termguard's catalog when the UI language is
not English, so ``Optionen``, ``Argumente`` and ``Befehle`` come out with the rest. The words typer
writes without gettext (``Usage:``, the ``--help`` line, ``Error:``) are given in
:mod:`termguard.cli.localized`. This module is never imported at run time: it exists for
``make catalogs``. The strings must match typer's exactly: tests/test_i18n.py checks that each one
is still in the installed typer's (or click's) source.
"""

from __future__ import annotations

from termguard.locales import N_

MESSAGES: tuple[str, ...] = (
    N_("Options"),
    N_("Arguments"),
    N_("Commands"),
    N_("default: {default}"),
    N_("required"),
    N_("env var: {var}"),
    N_("(dynamic)"),
    N_("Missing command."),
    N_("No such command {name!r}."),
)
