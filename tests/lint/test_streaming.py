"""Findings of a long plain-text file leave chunk by chunk, in file order (memory flat in file size)."""

from __future__ import annotations

from collections.abc import Iterator

from termguard.lint import LintSettings
from termguard.lint.check import Checker
from termguard.lint.formats import text_document
from termguard.lint.read import CHUNK_SIZE

# "Sangesur" is loaded (TG101 every time), "Paschinjan" preferred, "Paschinian" deprecated.
PARAGRAPH = "Die Regierung Paschinjans sprach über Sangesur und den Sangesur-Korridor; Paschinian schrieb.\n"


def test_first_findings_leave_before_the_rest_of_the_file_is_read(mini_tb) -> None:  # type: ignore[no-untyped-def]
    read: list[int] = []
    lines_per_chunk = CHUNK_SIZE // len(PARAGRAPH)

    def chunks() -> Iterator[tuple[str, int]]:
        for number in range(4):
            read.append(number)
            yield PARAGRAPH * lines_per_chunk, 1 + number * lines_per_chunk

    checker = Checker(mini_tb.matcher, LintSettings().rules)
    findings = checker.iter_check(text_document("long.txt", chunks(), "de"))
    first = next(findings)
    assert (first.line, first.code) == (1, "TG101") and read == [0]
    rest = list(findings)
    assert read == [0, 1, 2, 3]
    positions = [(f.line, f.column, f.code) for f in [first, *rest]]
    assert positions == sorted(positions)
    assert positions[-1][0] == 4 * lines_per_chunk
    # the same findings as checking the text whole, in one piece
    whole = checker.check(text_document("long.txt", [(PARAGRAPH * 4 * lines_per_chunk, 1)], "de"))
    assert [f.to_dict() for f in [first, *rest]] == [f.to_dict() for f in whole]
