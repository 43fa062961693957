"""House styles: the edition style (locales/editions/) chooses between the termbase's variants; one edition never
mixes them."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from termguard.cli import _register, app
from termguard.translate.document import Segment
from termguard.translate.pipeline import Options, analyse_segment
from termguard.translate.verify import in_house_style

runner = CliRunner()
_register()
REPO = Path(__file__).resolve().parents[2]
US_FORMS = re.compile(r"U\.S\.|\bUSA?\b")


@pytest.mark.parametrize("style, form", [("en_US", "U.S."), ("en_GB", "US")])
def test_the_style_chooses_the_variant_for_german_usa_and_us(termbase, style: str, form: str) -> None:  # type: ignore[no-untyped-def]
    segment = analyse_segment(Segment("Die USA und der US-Kongress."), termbase, Options(edition_locale=style),
                              markdown=False)
    targets = {e["source"]: e["target"] for e in segment.enforced}
    assert targets["USA"] == form
    assert targets["US-Kongress"] == f"{form} Congress"


@pytest.mark.parametrize("style, text, expected", [
    ("en_US", "The US Embassy in Yerevan and US envoys.", "The U.S. Embassy in Yerevan and U.S. envoys."),
    ("en_GB", "The U.S. Congress and the U.S. Department of State.", "The US Congress and the US Department of State."),
    ("en_US", "The U.S. position.", "The U.S. position."),
])
def test_engine_output_in_another_style_is_rewritten(termbase, style: str, text: str, expected: str) -> None:  # type: ignore[no-untyped-def]
    assert in_house_style(text, termbase.matcher, "en", style) == expected


@pytest.mark.parametrize("style, form", [("en_US", "U.S."), ("en_GB", "US")])
def test_an_edition_of_seed_001_uses_one_form(tiny_model: Path, tmp_path: Path, style: str, form: str) -> None:
    article = tmp_path / "src" / "001.txt"
    article.parent.mkdir()
    shutil.copy(REPO / "seeds" / "001_64b6a3730c4cd442.txt", article)
    result = runner.invoke(app, ["translate", str(article), "-o", str(tmp_path / "out"), "--model", str(tiny_model),
                                 "--locale", style, "-q"])
    assert result.exit_code in (0, 1), result.output
    forms = set(US_FORMS.findall((tmp_path / "out" / "001.txt").read_text("utf-8")))
    assert forms == {form}
