"""``termguard lint``: a linter for loaded, deprecated and inconsistent terminology.

The library API; the command line (``termguard/cli/lint_cmds.py``) only parses, calls these
functions, renders and exits.
"""

from termguard.lint.finding import FINDING_KEYS, Finding
from termguard.lint.render import RENDERERS, RenderContext, render
from termguard.lint.rules import Rule, RuleSet, format_rules, load_rules
from termguard.lint.run import LintStats, exit_code, lint_paths, lint_text
from termguard.lint.settings import LintSettings, settings_from_config

__all__ = [
    "FINDING_KEYS",
    "Finding",
    "LintSettings",
    "LintStats",
    "RENDERERS",
    "RenderContext",
    "Rule",
    "RuleSet",
    "exit_code",
    "format_rules",
    "lint_paths",
    "lint_text",
    "load_rules",
    "render",
    "settings_from_config",
]
