"""Reading text and Markdown into blocks, and writing atomically."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from termguard.errors import InputError
from termguard.translate.read import inline_spans, parse_markdown, parse_text, read_document
from termguard.translate.write import check_not_input, write_json, write_text

DATA = Path(__file__).parent / "data"


def test_markdown_blocks_keep_structure() -> None:
    doc = read_document(DATA / "article.md")
    kinds = [(b.kind, b.prefix) for b in doc.blocks if b.kind != "blank"]
    assert kinds == [
        ("heading", "# "), ("paragraph", ""), ("heading", "## "), ("list_item", "- "), ("list_item", "- "),
        ("list_item", "1. "), ("quote", "> "), ("paragraph", ""), ("code", ""), ("table_row", ""), ("verbatim", ""),
        ("table_row", ""), ("paragraph", ""),
    ]
    # a paragraph wrapped over two lines is one block
    assert doc.blocks[2].text.startswith("Premierminister") and doc.blocks[2].text.endswith("Durchbruch.")
    code = next(b for b in doc.blocks if b.kind == "code")
    assert "Paschinjan bleibt hier" in code.text and not code.translatable


def test_untranslated_render_reproduces_markdown_source() -> None:
    source = (DATA / "article.md").read_text("utf-8")
    doc = read_document(DATA / "article.md")
    # unwrapping the two-line paragraph is the only change
    assert doc.render() == source.replace("Regierung\nsprach", "Regierung sprach")


def test_text_every_line_is_one_paragraph() -> None:
    blocks = parse_text("Titel\n\nEins. Zwei.\nDrei.\n")
    assert [(b.kind, b.text, b.number) for b in blocks] == [
        ("paragraph", "Titel", 1), ("blank", "", 0), ("paragraph", "Eins. Zwei.", 2), ("paragraph", "Drei.", 3)]


def test_table_rows_are_translated_cell_by_cell() -> None:
    from termguard.translate.pipeline import sentence_spans

    blocks = parse_markdown("| Ort | Notiz |\n|:---|---:|\n| Eriwan | Gut. Sehr gut. `a|b` |\n")
    assert [(b.kind, b.text) for b in blocks] == [
        ("table_row", "| Ort | Notiz |"), ("verbatim", "|:---|---:|"),
        ("table_row", "| Eriwan | Gut. Sehr gut. `a|b` |")]
    row = blocks[2].text
    # every sentence of every cell is a segment; the pipes and padding stay between them
    assert [row[s:e] for s, e in sentence_spans(row, "de", "table_row")] == ["Eriwan", "Gut.", "Sehr gut. `a|b`"]


def test_front_matter_and_rules_are_verbatim() -> None:
    blocks = parse_markdown("---\ntitle: x\n---\nText.\n\n***\n")
    assert [b.kind for b in blocks] == ["verbatim", "paragraph", "blank", "verbatim"]


def test_inline_spans_protect_code_and_urls_but_not_link_text() -> None:
    text = "Laut [Reuters](https://r.com/a) und `x` sowie <https://a.b> und https://c.d/e."
    spans = inline_spans(text)
    assert [(text[s:e], k, t) for s, e, k, t in spans] == [
        ("[Reuters](https://r.com/a)", "link", "Reuters"), ("`x`", "code", None),
        ("<https://a.b>", "code", None), ("https://c.d/e", "code", None)]


@pytest.mark.parametrize("content, message", [
    (b"Eriwan \xe4\xfc\n", "not valid UTF-8"),
    (b"PK\x03\x04\x00\x00", "binary"),
])
def test_unreadable_inputs_are_one_clear_error(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(InputError, match=message):
        read_document(path)


def test_missing_input(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read_document(tmp_path / "nope.txt")


def test_write_is_atomic_and_leaves_no_temp_files(tmp_path: Path) -> None:
    target = tmp_path / "out" / "a.json"
    write_json(target, {"ä": 1})
    write_text(target, "second\n")
    assert target.read_text("utf-8") == "second\n"
    assert os.listdir(target.parent) == ["a.json"]


def test_refuses_to_overwrite_an_input(tmp_path: Path) -> None:
    source = tmp_path / "a.txt"
    source.write_text("x", "utf-8")
    with pytest.raises(InputError, match="refusing to overwrite an input"):
        check_not_input([tmp_path / "." / "a.txt"], [source])
