"""The rules table is data: stable codes, complete documentation, selection semantics."""

from __future__ import annotations

import re
import string

import pytest

from termguard.lint.rules import KINDS, SEVERITIES, load_rules


def test_codes_are_stable_and_grouped_by_hundreds() -> None:
    rules = load_rules()
    for rule in rules:
        assert re.fullmatch(r"TG[1239]\d\d", rule.code)
        assert rule.severity in SEVERITIES and rule.kind in KINDS
        assert (rule.code.startswith("TG9")) == rule.is_input
    names = [r.name for r in rules]
    assert len(names) == len(set(names))
    assert not set(rules.redirects) & set(rules.rules), "a redirected code must not be reused"


def test_every_kind_has_a_rule_and_every_rule_is_documented() -> None:
    rules = load_rules()
    assert {r.kind for r in rules} == set(KINDS)
    for rule in rules:
        assert set(rule.doc) == {"what", "why", "example", "instead"}
        assert all(rule.doc[k].strip() for k in rule.doc)


def test_message_templates_use_only_known_fields() -> None:
    known = {"surface", "concept", "term", "lang", "first", "first_line", "detail", "source", "source_line"}
    for rule in load_rules():
        used = {f for _, f, _, _ in string.Formatter().parse(rule.message) if f}
        assert used <= known, rule.code
        assert {f for _, f, _, _ in string.Formatter().parse(rule.fix) if f} <= {"suggestion"}


def test_selection_most_specific_prefix_wins() -> None:
    rules = load_rules().configured(select=["TG1"], ignore=["TG10"], extend_select=["TG101"])
    assert rules.enabled("TG101")
    assert not rules.enabled("TG103")
    assert not rules.enabled("TG201")
    assert load_rules().configured(ignore=["ALL"]).enabled("TG101") is False


def test_severity_overrides_by_code_or_prefix() -> None:
    rules = load_rules().configured(severity={"TG1": "info", "TG101": "warning"})
    assert rules.severity("TG101") == "warning"
    assert rules.severity("TG103") == "info"
    assert rules.severity("TG201") == "warning"


@pytest.mark.parametrize("bad", ["TG7", "XY101", ""])
def test_unknown_codes_are_rejected(bad: str) -> None:
    with pytest.raises(ValueError, match="unknown rule code"):
        load_rules().configured(select=[bad])


def test_unknown_severity_is_rejected() -> None:
    with pytest.raises(ValueError, match="unknown severity"):
        load_rules().configured(severity={"TG101": "fatal"})


def test_rules_command_lists_every_code(cli) -> None:
    result = cli("rules")
    assert result.exit_code == 0
    for rule in load_rules():
        assert re.search(rf"^{rule.code}\s+{rule.name}\s+{rule.severity}", result.stdout, re.M)


def test_rules_command_documents_one_rule(cli) -> None:
    result = cli("rules", "tg101")
    assert result.exit_code == 0
    for section in ("What it does:", "Why:", "Example:", "Use instead:"):
        assert section in result.stdout
    assert cli("rules", "TG777").exit_code == 2


def test_rules_command_json_matches_the_table(cli) -> None:
    import json

    data = json.loads(cli("rules", "--format", "json").stdout)
    assert [r["code"] for r in data] == [r.code for r in load_rules()]
