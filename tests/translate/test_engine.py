"""End to end on a genuine argos package: the tiny fixture model (and a real one when present).

Nothing here mocks argostranslate, CTranslate2 or SentencePiece: the package is installed or
unpacked from its .argosmodel and translated through CTranslate2. Where a test needs the engine
to misbehave, a wrapper damages the real model's output on purpose (fault injection).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from termguard.cli import _register, app
from termguard.translate.engine import ArgosEngine, EngineOptions, load_engine
from termguard.translate.pipeline import Options, translate_documents
from termguard.translate.verify import contains_form

DATA = Path(__file__).parent / "data"
runner = CliRunner()
_register()

DOMAIN = [
    "Paschinjan traf Alijew in Eriwan.",
    "Am Montag reiste Lawrow nach Tiflis.",
    "Paschinjans Regierung kritisierte das Abkommen.",
    "Kobachidse sprach mit Mirzojan über den Sangesur-Korridor.",
    "Alijew besuchte Nachitschewan und Paschinjan reiste nach Moskau.",
]


class Counting:
    """The real engine, counting how often the pipeline calls it."""

    def __init__(self, engine: ArgosEngine) -> None:
        self.engine = engine
        self.from_code, self.to_code = engine.from_code, engine.to_code
        self.calls: list[int] = []

    def translate_batch(self, sentences: list[str]) -> list[list[str]]:
        self.calls.append(len(sentences))
        return self.engine.translate_batch(sentences)


class DropsPlaceholders(Counting):
    """The real engine, with every [N] token removed from its output in the first call."""

    def translate_batch(self, sentences: list[str]) -> list[list[str]]:
        out = super().translate_batch(sentences)
        if len(self.calls) == 1:
            import re

            out = [[re.sub(r"\[\d+\]", "", h) for h in hyps] for hyps in out]
        return out


def _write(tmp_path: Path, lines: list[str], name: str = "a.txt") -> Path:
    path = tmp_path / "src" / name
    path.parent.mkdir(exist_ok=True)
    path.write_text("\n\n".join(lines) + "\n", "utf-8")
    return path


def _assert_nothing_silently_dropped(report: dict) -> None:
    """Every enforced concept is in the output in its English form, or listed as a failure."""
    for s in report["segments"]:
        failed = {f["concept"] for f in s["failures"]}
        for e in s["enforced"]:
            base = e["target"].removesuffix("'s")
            assert contains_form(s["output"], base) or e["concept"] in failed, (s, e)


def test_engine_returns_n_best_for_each_sentence(tiny_engine: ArgosEngine) -> None:
    sentences = ["Paschinjan traf Alijew in Eriwan.", "[3] traf [1] in [2]."]
    first_pass = tiny_engine.translate_batch(sentences)
    assert len(first_pass) == 2 and all(len(h) == 2 for h in first_pass)  # beam 2, 2-best
    assert first_pass[0][0] == "Pashinyan met Aliyev in Yerevan."
    assert "[3] met [1] in [2]." in first_pass[1]
    retry = tiny_engine.retry.translate_batch(sentences)  # beam 4, 4-best, same loaded model
    assert all(len(h) == 4 for h in retry) and retry[0][0] == first_pass[0][0]
    assert tiny_engine.retry._load() is tiny_engine._load()


def test_aligned_translation_points_each_output_piece_at_its_source(tiny_engine: ArgosEngine) -> None:
    sentence = "Am Montag reiste Paschinjan nach Eriwan."
    best = tiny_engine.translate_aligned([sentence])[0][0]
    assert best.text == tiny_engine.translate_batch([sentence])[0][0]
    assert len(best.alignment) == len(best.pieces)
    # the output word "Yerevan" comes from the source word "Eriwan" (one of its pieces)
    yerevan = best.pieces.index("\u2581Yerevan")
    start, end = best.source_spans[best.alignment[yerevan]]
    text_start = start + len(sentence[start:end]) - len(sentence[start:end].lstrip())  # SentencePiece: " Eriwan"
    assert sentence.index("Eriwan") <= text_start and end <= sentence.index("Eriwan") + len("Eriwan")


def test_model_is_loaded_once_per_process(tiny_engine: ArgosEngine) -> None:
    other = ArgosEngine(tiny_engine.package_dir, EngineOptions(beam_size=2))
    assert other._load() is tiny_engine._load()


def test_sentences_of_all_documents_share_engine_calls(tiny_engine: ArgosEngine, tmp_path: Path, termbase) -> None:  # type: ignore[no-untyped-def]
    paths = [_write(tmp_path, DOMAIN[:3], "a.txt"), _write(tmp_path, DOMAIN[3:] + DOMAIN[:1], "b.txt")]
    engine = Counting(tiny_engine)
    translate_documents(paths, tmp_path / "out", termbase, engine)
    # one call for both documents' sentences; the sentence in both is translated once
    assert engine.calls[0] == len(DOMAIN)


def test_end_to_end_text_with_the_installed_model(installed_tiny, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    article = _write(tmp_path, DOMAIN)
    result = runner.invoke(app, ["translate", str(article), "-o", str(tmp_path / "out"), "-q", "--full-report"])
    assert result.exit_code in (0, 1), result.output
    edition = (tmp_path / "out" / "a.txt").read_text("utf-8").split("\n")
    assert len(edition) == len(article.read_text("utf-8").split("\n"))
    assert edition[0] == "Pashinyan met Aliyev in Yerevan."
    assert "Pashinyan's government" in edition[4]
    report = json.loads((tmp_path / "out" / "a.report.json").read_text("utf-8"))
    assert report["model"].startswith("translate-de_en")
    _assert_nothing_silently_dropped(report)
    assert result.exit_code == (1 if report["summary"]["failed_segments"] else 0)
    loaded = [x for s in report["segments"] for x in s["loaded"]]
    assert [x["rendering"] for x in loaded] == ["Zangezur corridor"]


def test_end_to_end_markdown_keeps_structure(tiny_model: Path, tmp_path: Path) -> None:
    article = tmp_path / "src" / "a.md"
    article.parent.mkdir()
    shutil.copy(DATA / "article.md", article)
    result = runner.invoke(app, ["translate", str(article), "-o", str(tmp_path / "out"), "--model",
                                 str(tiny_model), "-q"])
    assert result.exit_code in (0, 1), result.output
    source_lines = article.read_text("utf-8").replace("Regierung\nsprach", "Regierung sprach").split("\n")
    edition_lines = (tmp_path / "out" / "a.md").read_text("utf-8").split("\n")
    assert len(edition_lines) == len(source_lines)
    for src, out in zip(source_lines, edition_lines, strict=True):
        for prefix in ("# ", "## ", "- ", "1. ", "> ", "```", "|"):
            if src.startswith(prefix):
                assert out.startswith(prefix), (src, out)
    assert "termguard translate seeds/ -o editions/   # Paschinjan bleibt hier unverändert" in edition_lines
    # table cells are translated, the pipes and the delimiter row kept
    assert "| Pashinyan | Pashinyan |" in edition_lines and "|------|------|" in edition_lines
    assert any("](https://www.reuters.com/world/armenia-azerbaijan)" in line for line in edition_lines)
    assert any("`termguard lookup Paschinjan`" in line for line in edition_lines)
    assert edition_lines[0].startswith("# Pashinyan")


def test_failed_placeholders_are_retried_with_inline_substitution(tiny_engine: ArgosEngine, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                                  termbase) -> None:
    engine = DropsPlaceholders(tiny_engine)
    options = Options()
    reports = translate_documents([_write(tmp_path, DOMAIN[:2])], tmp_path / "out", termbase, engine, options)
    rounds = options.results["enforce"].rounds
    assert [r["technique"] for r in rounds] == ["placeholder", "inline"]
    assert rounds[0]["failed"] == 2 and len(engine.calls) == 2
    segments = reports[0].data["segments"]
    assert [s["attempts"] for s in segments] == [["placeholder", "inline"]] * 2
    assert segments[0]["output"] == "Pashinyan met Aliyev in Yerevan."
    assert segments[0]["technique"] == "inline" and segments[0]["failures"] == []


def test_what_still_fails_is_reported_not_dropped(tiny_engine: ArgosEngine, tmp_path: Path, termbase) -> None:  # type: ignore[no-untyped-def]
    engine = DropsPlaceholders(tiny_engine)
    options = Options(techniques=["placeholder"])  # no second technique to fall back on
    reports = translate_documents([_write(tmp_path, DOMAIN[:1])], tmp_path / "out", termbase, engine, options)
    segment = reports[0].data["segments"][0]
    assert reports[0].failures == 1
    assert {f["expected"] for f in segment["failures"]} == {"Pashinyan", "Aliyev", "Yerevan"}
    assert all(f["code"] == "TG301" for f in segment["failures"])  # term-missing
    assert reports[0].data["needs_review"][0]["kind"] == "verification failed"


def test_po_round_trip_on_the_model(tiny_model: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    article = _write(tmp_path, DOMAIN[:3])
    result = runner.invoke(app, ["translate", str(article), "-o", "out", "--model", str(tiny_model),
                                 "--po", "review.po", "-q"])
    assert result.exit_code in (0, 1), result.output
    import polib

    catalog = polib.pofile("review.po")
    assert [e.msgid for e in catalog] == DOMAIN[:3] and all(e.fuzzy for e in catalog)
    catalog[0].msgstr, catalog[0].flags = "Pashinyan and Aliyev met in Yerevan.", []
    catalog.save("review.po")
    result = runner.invoke(app, ["build", "review.po", "-o", "final.txt"])
    assert result.exit_code == 0, result.output
    final = Path("final.txt").read_text("utf-8").split("\n")
    machine = Path("out/a.txt").read_text("utf-8").split("\n")
    assert final[0] == "Pashinyan and Aliyev met in Yerevan."
    assert final[2:] == machine[2:]


def test_model_install_file_then_status_then_translate(tiny_model: Path, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                       offline_argos) -> None:
    result = runner.invoke(app, ["model", "install", str(tiny_model)])
    assert result.exit_code == 0, result.output
    status = runner.invoke(app, ["model", "status"])
    assert "de→en  translate-de_en" in status.stdout
    assert offline_argos["ARGOS_PACKAGES_DIR"] in status.stdout
    assert load_engine(None, "de", "en").package_dir.parent == Path(offline_argos["ARGOS_PACKAGES_DIR"])


def test_argostranslate_itself_reads_the_package_we_installed(installed_tiny) -> None:  # type: ignore[no-untyped-def]
    import argostranslate.package

    codes = {(p.from_code, p.to_code) for p in argostranslate.package.get_installed_packages(
        [installed_tiny.path.parent])}
    assert ("de", "en") in codes


def test_pairs_are_not_hard_wired(tiny_model: Path, tmp_path: Path) -> None:
    article = _write(tmp_path, ["Пашинян встретился с Алиевым."])
    result = runner.invoke(app, ["translate", str(article), "-o", str(tmp_path / "out"), "--from", "ru", "-q"])
    assert result.exit_code == 3
    assert "no ru→en model installed" in result.stderr
    result = runner.invoke(app, ["translate", str(article), "-o", str(tmp_path / "out"), "--from", "ru",
                                 "--model", str(tiny_model)])
    assert result.exit_code == 2
    assert "model translates de→en, not ru→en" in result.stderr


@pytest.mark.real_model
def test_real_model_end_to_end(real_model: Path, tmp_path: Path, seed_texts: dict[str, str]) -> None:
    article = tmp_path / "src" / "seed.txt"
    article.parent.mkdir()
    article.write_text(next(iter(seed_texts.values())), "utf-8")
    result = runner.invoke(app, ["translate", str(article), "-o", str(tmp_path / "out"), "--model",
                                 str(real_model), "-q"])
    assert result.exit_code in (0, 1), result.output
    report = json.loads((tmp_path / "out" / "seed.report.json").read_text("utf-8"))
    _assert_nothing_silently_dropped(report)
    assert len((tmp_path / "out" / "seed.txt").read_text("utf-8").split("\n")) == \
        len(article.read_text("utf-8").split("\n"))


def test_parallel_workers_give_the_same_translations_in_input_order(tiny_engine: ArgosEngine) -> None:
    sentences = [s for s in DOMAIN for _ in range(12)][::-1]  # several batches of mixed lengths
    parallel = ArgosEngine(tiny_engine.package_dir, EngineOptions(inter_threads=2, intra_threads=1,
                                                                  max_batch_size=8))
    single = ArgosEngine(tiny_engine.package_dir, EngineOptions(inter_threads=1, intra_threads=1,
                                                                max_batch_size=8))
    assert parallel._load() is not single._load()
    assert parallel.translate_batch(sentences) == single.translate_batch(sentences)


def test_aligned_source_spans_are_characters_not_bytes(tiny_engine: ArgosEngine) -> None:
    sentence = "Über Nachitschewan sprach Paschinjan."  # "Ü" is two bytes in UTF-8
    spans = tiny_engine.translate_aligned([sentence])[0][0].source_spans
    # (SentencePiece's spans hold the space before a word, BPE's do not)
    assert "".join(sentence[start:end] for start, end in spans).replace(" ", "") == sentence.replace(" ", "")
    assert any(sentence[start:end].strip() == "Paschinjan" for start, end in spans)
