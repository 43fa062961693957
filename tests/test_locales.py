"""Edition locales: US and British house styles for dates and quotation marks."""

from __future__ import annotations

import pytest

from termguard.errors import ConfigError
from termguard.locales.editions import available_styles, edition_style
from termguard.translate.localize import find_localizable, localize_typography


def test_shipped_styles_load_and_name_a_cldr_locale():
    from babel import Locale

    for name in available_styles():
        style = edition_style(name)
        assert Locale.parse(style.cldr)
        assert style.quotes != style.inner_quotes


def test_british_edition_dates_and_quotes():
    style = edition_style("en_GB")
    spans = find_localizable("am 9. Februar 2026 in Eriwan", target_locale=style.cldr)
    assert [s.target for s in spans] == ["9 February 2026"]
    assert localize_typography("Er nannte es „historisch“.", style="en_GB") == "Er nannte es ‘historisch’."


def test_us_edition_dates_and_quotes():
    spans = find_localizable("am 9. Februar 2026 in Eriwan", target_locale=edition_style("en_US").cldr)
    assert [s.target for s in spans] == ["February 9, 2026"]
    assert localize_typography("„historisch“") == "“historisch”"


def test_unknown_style_is_a_clear_error():
    with pytest.raises(ConfigError, match="unknown edition locale 'de_AT'"):
        edition_style("de_AT")


def test_translate_writes_a_british_edition(tmp_path):
    """The --locale option reaches the localisation stages (review mode needs no model)."""
    import json

    from typer.testing import CliRunner

    from termguard.cli import _register, app

    _register()
    article = tmp_path / "a.txt"
    article.write_text("Paschinjan reiste am 9. Februar 2026 nach Eriwan.\n", "utf-8")
    result = CliRunner().invoke(app, ["translate", str(article), "-o", str(tmp_path / "out"), "--locale", "en_GB",
                                      "-q", "--no-default-termbase", "-t", str(_tiny_termbase(tmp_path))])
    assert result.exit_code in (0, 3), result.output
    report = json.loads((tmp_path / "out" / "a.report.json").read_text("utf-8"))
    localized = [loc for seg in report["segments"] for loc in seg["localized"]]
    assert [loc["target"] for loc in localized] == ["9 February 2026"]
    bad = CliRunner().invoke(app, ["translate", str(article), "-o", str(tmp_path / "o2"), "--locale", "xx"])
    assert bad.exit_code == 2 and "unknown edition locale 'xx'" in bad.output


def _tiny_termbase(tmp_path):
    path = tmp_path / "tb.yaml"
    path.write_text("concepts:\n  - id: yerevan\n    kind: place\n    terms:\n"
                    "      en: [{term: Yerevan, status: preferred}]\n"
                    "      de: [{term: Eriwan, status: preferred}]\n    sources: [x]\n", "utf-8")
    return path
