"""Electronic issuance (Decree 30/2020, Art. 15.3): the e-office gives the number and the date.

`electronic_spec(spec)` turns any document's spec into its electronic form: the số left
blank (`Số:      /SNV-VP`), the place-and-date line without day and month, and every
`(Kèm theo … số … ngày …)` line of its appendices with the same blanks; the signer's
name stays (the document is signed digitally). `metadata(...)` gives the fields of
Decree 30's Phụ lục VI (`reportgen/data/nd30_metadata.yaml`) for the JSON file written
beside the document, from the same context and the PDF's page count.

The transformation works on the context every document kind builds (`header` from
`documents.common.header_context`): the number and the date appear in `header`, and
elsewhere only in the appendix lines, which all begin `(Kèm theo`, and in a bare short
date the template composes such a line from (the agency plan's `appendix.date`).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping
from datetime import date
from functools import lru_cache
from importlib import resources
from typing import Any

from ..vn import short_date
from ..vn.kyhieu import DRAFT_NUMBER_BLANK
from . import DocumentSpec
from .common import DRAFT_DAY_BLANK, place_date_text

APPENDIX_LINE = "(Kèm theo"
PRIORITY_NORMAL = "Thường"
ARCHIVE_COPIES = 2          # `Lưu: VT, <unit>`: one copy at the clerical office, one with the drafting unit


def electronic_spec(spec: DocumentSpec) -> DocumentSpec:
    """`spec` with number and date left to the e-office, its document properties undated."""
    return dataclasses.replace(spec, context=electronic_context(spec.context),
                               properties=dataclasses.replace(spec.properties, date=None))


def electronic_context(context: Mapping[str, Any]) -> dict[str, Any]:
    """The context with the number and the date blank in the header and in the `(Kèm theo …)` lines."""
    header = dict(context["header"])
    old_kyhieu, old_day = header["ky_hieu"], header["date"]
    new_kyhieu = DRAFT_NUMBER_BLANK + old_kyhieu[old_kyhieu.index("/"):]
    year = header["year"]
    header.update(ky_hieu=new_kyhieu, so_ky_hieu=f"Số:{new_kyhieu}", date=None,
                  place_date=place_date_text(header["place"], None, year), is_draft=False, electronic=True)
    blank_day = f"{DRAFT_DAY_BLANK}/{DRAFT_DAY_BLANK}/{year}"
    old_short = short_date(old_day) if old_day else None

    def fix(value: Any) -> Any:
        if isinstance(value, str):
            if value.startswith(APPENDIX_LINE):
                value = value.replace(old_kyhieu, new_kyhieu)
                return value.replace(old_short, blank_day) if old_short else value
            return blank_day if old_short and value == old_short else value
        if isinstance(value, Mapping):
            return {k: fix(v) for k, v in value.items()}
        if isinstance(value, list):
            return [fix(v) for v in value]
        return value

    out = {k: fix(v) for k, v in context.items() if k != "header"}
    out["header"] = header
    return out


def metadata(context: Mapping[str, Any], *, pages: int, appendices: int) -> dict[str, Any]:
    """The Phụ lục VI fields of a document from its (electronic) context, in the data file's order."""
    header = context["header"]
    kyhieu = header["ky_hieu"]
    number = kyhieu.split("/", 1)[0].strip()
    signature = context.get("signature", {})
    lines = list(signature.get("title_lines", []))
    addressed = _addressees(context)
    others = [_item(r) for r in context.get("recipients", []) if not _is_skipped(r)]
    due = context.get("due_date")
    values = {
        "OrganName": header["issuer_name"],
        "OrganInCharge": " ".join(header.get("parent_lines", [])) or None,
        "TypeName": header.get("doc_type") or "Công văn",
        "CodeNumber": number or None,
        "CodeNotation": kyhieu.split("/", 1)[1],
        "IssuedDate": header["date"].isoformat() if header.get("date") else None,
        "Place": header["place"],
        "Subject": context.get("vv") or context.get("trich_yeu", ""),
        "Language": "vi",
        "PageAmount": pages,
        "AppendixAmount": appendices,
        "SignerInfo": {"Competence": " ".join(lines[:-1]) or None, "Position": lines[-1] if lines else None,
                       "FullName": signature.get("name") or None},
        "To": addressed + [r for r in others if r not in addressed],
        "Priority": PRIORITY_NORMAL,
        "SecurityLevel": None,
        "IssuedAmount": len(addressed) + len(others) + ARCHIVE_COPIES,
        "DueDate": due.isoformat() if isinstance(due, date) else None,
        "Description": "Văn bản điện tử: số và ngày ban hành do hệ thống quản lý văn bản cấp khi ký số."
                       if header.get("electronic") else None,
    }
    names = field_names()
    missing = set(names) - set(values)
    if missing:   # the data file and this function must agree
        raise ValueError(f"metadata fields without a value: {sorted(missing)}")
    return {name: values[name] for name in names}


def appendix_count(document_xml_text: list[str]) -> int:
    """How many appendices a document has: its paragraphs beginning `(Kèm theo`."""
    return sum(1 for text in document_xml_text if text.strip().startswith(APPENDIX_LINE))


@lru_cache(maxsize=1)
def field_names() -> tuple[str, ...]:
    """The metadata fields, in order, from `reportgen/data/nd30_metadata.yaml`."""
    import yaml

    text = resources.files("reportgen").joinpath("data/nd30_metadata.yaml").read_text(encoding="utf-8")
    return tuple(f["name"] for f in yaml.safe_load(text)["fields"])


def _addressees(context: Mapping[str, Any]) -> list[str]:
    """The `Kính gửi` recipients, bare (`Sở Y tế`), or the context's own list of addressed bodies."""
    explicit = context.get("addressed")
    if explicit:
        return list(explicit)
    kinh_gui = context.get("kinh_gui") or {}
    items = kinh_gui.get("lines") or ([kinh_gui["inline"]] if kinh_gui.get("inline") else [])
    return [_item(i) for i in items]


def _item(text: str) -> str:
    return re.sub(r"^[-–•]\s*", "", " ".join(str(text).split())).rstrip(";.").strip()


def _is_skipped(line: str) -> bool:
    text = _item(line)
    return text.casefold() == "như trên" or text.startswith("Lưu")
