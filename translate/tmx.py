"""Translation memory out (TMX 1.4b): the reviewed sentence pairs of an edition, to seed a CAT tool's memory.

Only reviewed translations go in: a memory seeded with unreviewed machine output would offer it
back to translators as if a person had approved it.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timezone
from xml.etree import ElementTree as ET

__all__ = ["tmx_text"]

_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def tmx_text(pairs: Iterable[tuple[str, str]], source_lang: str = "de", target_lang: str = "en") -> str:
    """A TMX 1.4b document with one translation unit per distinct (source, target) pair.

    >>> tmx = tmx_text([("Eriwan", "Yerevan"), ("Eriwan", "Yerevan")])
    >>> tmx.count("<tu>"), '<tuv xml:lang="en">' in tmx, "<seg>Yerevan</seg>" in tmx
    (1, True, True)
    """
    from termguard import __version__

    now = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    root = ET.Element("tmx", {"version": "1.4"})
    ET.SubElement(root, "header", {
        "creationtool": "termguard", "creationtoolversion": __version__, "segtype": "sentence",
        "o-tmf": "termguard", "adminlang": "en", "srclang": source_lang, "datatype": "plaintext",
        "creationdate": now,
    })
    body = ET.SubElement(root, "body")
    for source, target in dict.fromkeys(pairs):
        tu = ET.SubElement(body, "tu")
        for lang, text in ((source_lang, source), (target_lang, target)):
            tuv = ET.SubElement(tu, "tuv", {_XML_LANG: lang})
            ET.SubElement(tuv, "seg").text = text
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
