"""The one layer that reads and writes Word XML (OOXML), shared by `render`, `check` and `diff`.

- `namespaces`: prefixes, `qn`, and what an attribute means (toggles, numbers);
- `package`: a .docx read safely (zip and XML limits, no DOCTYPE, plain part names), and
  the parts reportgen keeps when it writes one back;
- `blocks`: paragraphs, tables, rows, cells and runs, walked through content controls and
  custom XML;
- `text`: the characters a run and a paragraph show, and their fields;
- `styles`: effective paragraph and run formatting through docDefaults → table, paragraph
  and character styles → direct formatting, with toggle properties;
- `numbering`: Word's list labels; `sections`: the headers and footers each section shows;
- `writing`: serialized parts, deterministic zips, atomic writes.

The names most callers need are re-exported here.
"""

from __future__ import annotations

from .namespaces import NS, W, finite_number, int_value, is_on, qn, val
from .package import (
    MAX_ENTRIES,
    MAX_ENTRY_BYTES,
    MAX_PACKAGE_BYTES,
    MAX_TOTAL_BYTES,
    MAX_XML_BYTES,
    MAX_XML_ELEMENTS,
    DocxPackage,
    has_doctype,
    keep_known_parts,
    parse_xml,
    valid_part_name,
)
from .writing import ZIP_EPOCH, deterministic_zip, serialize_xml, write_atomic

__all__ = [
    "MAX_ENTRIES", "MAX_ENTRY_BYTES", "MAX_PACKAGE_BYTES", "MAX_TOTAL_BYTES", "MAX_XML_BYTES", "MAX_XML_ELEMENTS",
    "NS", "W", "ZIP_EPOCH", "DocxPackage", "deterministic_zip", "finite_number", "has_doctype", "int_value", "is_on",
    "keep_known_parts", "parse_xml", "qn", "serialize_xml", "val", "valid_part_name", "write_atomic",
]
