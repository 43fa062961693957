"""Edition locales: US and British house styles for dates and quotation marks."""

from __future__ import annotations

import pytest

from termguard.errors import ConfigError
from termguard.locales import available_styles, edition_style
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
