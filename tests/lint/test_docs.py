"""docs/lint.md stays in step with the rules table, the options and the configuration keys."""

from __future__ import annotations

import re
from pathlib import Path

from termguard.lint import format_rules, load_rules
from termguard.lint.settings import CONFIG_KEYS

DOC = Path(__file__).resolve().parents[2] / "docs" / "lint.md"


def test_rules_section_is_generated_from_the_table() -> None:
    text = DOC.read_text("utf-8")
    section = text.split("<!-- rules:start -->\n", 1)[1].split("<!-- rules:end -->", 1)[0]
    assert section == format_rules(load_rules(), "markdown"), "regenerate with `termguard rules --format markdown`"


def test_every_lint_option_is_documented(cli) -> None:
    text = DOC.read_text("utf-8")
    help_text = cli("lint", "--help", termbase=False).stdout
    options = set(re.findall(r"(?<![\w-])(--[a-z][a-z-]+)", help_text)) - {"--help"}
    assert options, help_text
    missing = sorted(o for o in options if o not in text)
    assert not missing


def test_every_configuration_key_is_documented() -> None:
    text = DOC.read_text("utf-8")
    assert not [k for k in CONFIG_KEYS if f"| `{k}` |" not in text]
