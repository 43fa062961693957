"""Reading XML that others wrote (TBX, XLIFF) without XML's attacks: one parser for every reader."""

from __future__ import annotations

from pathlib import Path
from xml.etree import ElementTree as ET

from termguard.errors import InputError, TermguardError

__all__ = ["parse_xml", "local_name"]


def parse_xml(data: str | bytes, path: str | Path, error: type[TermguardError] = InputError) -> ET.Element:
    """The root element of an XML document, parsed by defusedxml.

    A document that declares entities (billion laughs) or refers to external ones (XXE) is
    refused with one ``error`` naming the file; so is XML that is not well-formed, with its line
    and column. A plain ``<!DOCTYPE>`` (TBX files name their DTD) is accepted and never fetched.

    >>> parse_xml('<a><b/></a>', 'x.xml').tag
    'a'
    >>> parse_xml('<!DOCTYPE a [<!ENTITY e "boom">]><a>&e;</a>', 'x.xml')
    Traceback (most recent call last):
    termguard.errors.InputError: x.xml: refusing unsafe XML: it declares the entity 'e' (entities are not accepted)
    """
    from defusedxml import ElementTree as SafeET
    from defusedxml.common import DefusedXmlException, EntitiesForbidden, ExternalReferenceForbidden

    raw = data.encode("utf-8") if isinstance(data, str) else data
    try:
        return SafeET.fromstring(raw)
    except EntitiesForbidden as exc:
        raise error(f"refusing unsafe XML: it declares the entity {exc.name!r} (entities are not accepted)",
                    path) from None
    except ExternalReferenceForbidden as exc:
        raise error(f"refusing unsafe XML: it refers to the external resource {exc.sysid!r}", path) from None
    except DefusedXmlException as exc:
        raise error(f"refusing unsafe XML: {exc}", path) from None
    except ET.ParseError as exc:
        line, col = getattr(exc, "position", (None, None))
        message = str(exc).split(":", 1)[0]
        raise error(f"invalid XML: {message}", path, line, col + 1 if col is not None else None) from None


def local_name(tag: str) -> str:
    """An element's name without its namespace.

    >>> local_name('{urn:oasis:names:tc:xliff:document:2.0}unit')
    'unit'
    """
    return tag.rsplit("}", 1)[-1]
