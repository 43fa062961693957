"""The messages of click and typer that termguard's users see, marked for termguard's catalog.

click and typer look their messages up with :func:`gettext.gettext` in the default text domain;
``termguard.cli.main`` points that domain at termguard's catalog when the UI language is not
English, so ``Usage:``, ``Options`` or ``No such option`` come out in German with the rest. This
module is never imported at run time: it exists for ``make catalogs``. The strings must match
click's and typer's exactly (tests/test_i18n.py checks that each one is still in their source).
"""

from __future__ import annotations

from termguard.locales import N_, N_plural

#: (message, the package whose source holds it)
MESSAGES: tuple[tuple[str, str], ...] = (
    (N_("Usage:"), "click"),
    (N_("Options"), "click"),
    (N_("Arguments"), "typer"),
    (N_("Commands"), "click"),
    (N_("Show this message and exit."), "click"),
    (N_("Error: {message}"), "click"),
    (N_("Error"), "typer"),
    (N_("Try '{command} {option}' for help."), "click"),
    (N_("No such option {name!r}."), "click"),
    (N_("No such command {name!r}."), "click"),
    (N_("Missing command."), "click"),
    (N_("Missing argument"), "click"),
    (N_("Missing option"), "click"),
    (N_("Missing parameter"), "click"),
    (N_("Missing {param_type}"), "click"),
    (N_("Missing parameter: {param_name}"), "click"),
    (N_("Invalid value for {param_hint}: {message}"), "click"),
    (N_("Invalid value: {message}"), "click"),
    (N_("Option {name!r} does not take a value."), "click"),
    (N_("{value!r} is not a valid {number_type}."), "click"),
    (N_("{value} is not in the range {range}."), "click"),
    (N_("{name} {filename!r} does not exist."), "click"),
    (N_("{name} {filename!r} is a directory."), "click"),
    (N_("{name} {filename!r} is a file."), "click"),
    (N_("{name} {filename!r} is not readable."), "click"),
    (N_("{name} {filename!r} is not writable."), "click"),
    (N_("file"), "click"),
    (N_("directory"), "click"),
    (N_("path"), "click"),
    (N_("Aborted!"), "click"),
    (N_("default: {default}"), "click"),
    (N_("required"), "click"),
    (N_("env var: {var}"), "click"),
)

#: (singular, plural, package)
PLURAL_MESSAGES: tuple[tuple[str, str, str], ...] = (
    (*N_plural("Got unexpected extra argument ({args})", "Got unexpected extra arguments ({args})"), "click"),
    (*N_plural("Did you mean {possibility}?", "(Did you mean one of: {possibilities}?)"), "click"),
    (*N_plural("Option {name!r} requires an argument.", "Option {name!r} requires {nargs} arguments."), "click"),
    (*N_plural("{value!r} is not {choice}.", "{value!r} is not one of {choices}."), "click"),
)
