"""The command-line framework's own words in the UI language: ``Usage:``, the ``--help`` line and
usage errors (``Fehler: Unbekannte Option: --nope``).

typer (0.28 carries its own copy of click) writes these in English without gettext, so termguard
gives them its catalog here: a context class whose help formatter says ``Usage:`` in the UI
language and whose ``--help`` option is described in it, and :func:`format_usage_error`, which
:func:`termguard.cli.main` prints instead of the framework's English. Only the public extension
points of click's design are used (``Command.context_class``, ``Context.formatter_class``) and the
exception classes are found through ``typer.BadParameter``, so no private module is imported.
"""

from __future__ import annotations

from typing import Any

import typer

from termguard.locales import _

__all__ = ["localize", "format_usage_error", "UsageError", "ClickException"]


def _base(name: str) -> Any:
    return next(c for c in typer.BadParameter.__mro__ if c.__name__ == name)


UsageError: Any = _base("UsageError")
ClickException: Any = _base("ClickException")


def _localized_context(base: Any) -> Any:
    formatter_base = base.formatter_class

    class LocalizedFormatter(formatter_base):  # type: ignore[misc, valid-type]
        def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
            super().write_usage(prog, args, prefix if prefix is not None else _("Usage:") + " ")

    class LocalizedContext(base):  # type: ignore[misc, valid-type]
        formatter_class = LocalizedFormatter

        def __init__(self, command: Any, *args: Any, **kwargs: Any) -> None:
            super().__init__(command, *args, **kwargs)
            option = command.get_help_option(self)
            if option is not None:
                option.help = _("Show this message and exit.")

    return LocalizedContext


def localize(command: Any) -> Any:
    """``command`` and every subcommand with the localized context (returns ``command``)."""
    cls = _localized_context(command.context_class)
    stack = [command]
    while stack:
        cmd = stack.pop()
        cmd.context_class = cls
        stack.extend(getattr(cmd, "commands", {}).values())
    return command


def _hint(exc: Any) -> str:
    hint = exc.param_hint if exc.param_hint is not None else (
        exc.param.get_error_hint(exc.ctx) if exc.param is not None else None)
    if isinstance(hint, (list, tuple)):
        return " / ".join(repr(h) for h in hint)
    return str(hint) if hint is not None else ""


def _message(exc: Any) -> str:
    """The framework's error message in the UI language (its known forms; others as they come)."""
    kind = type(exc).__name__
    if kind == "MissingParameter":
        hint = _hint(exc)
        param_type = exc.param_type or (exc.param.param_type_name if exc.param is not None else "parameter")
        missing = {"argument": _("Missing argument"), "option": _("Missing option")}.get(
            param_type, _("Missing parameter"))
        return f"{missing} {hint}.".replace(" .", ".")
    if kind == "NoSuchOption":
        text = _("No such option: {name}").format(name=exc.option_name)
        if exc.possibilities:
            text += " " + _("(Possible options: {options})").format(options=", ".join(sorted(exc.possibilities)))
        return text
    if isinstance(exc, typer.BadParameter):
        hint = _hint(exc)
        if hint:
            return _("Invalid value for {param_hint}: {message}").format(param_hint=hint, message=exc.message)
        return _("Invalid value: {message}").format(message=exc.message)
    return str(exc.format_message())


def format_usage_error(exc: Any) -> str:
    """What the framework prints for a usage error (usage line, help hint, error), in the UI language."""
    lines = []
    ctx = getattr(exc, "ctx", None)
    if ctx is not None:
        lines.append(ctx.get_usage())
        if ctx.command.get_help_option(ctx) is not None:
            lines.append(_("Try '{command} {option}' for help.").format(command=ctx.command_path,
                                                                        option=ctx.help_option_names[0]))
        lines.append("")
    lines.append(_("Error: {message}").format(message=_message(exc)))
    return "\n".join(lines)
