"""The Decree 30 rules, one module per part of the document, run in reading order."""

from __future__ import annotations

from . import appendix, body, legal_basis, outline, page, page1, signature, text, title

RULE_MODULES = (page, page1, title, legal_basis, body, outline, signature, appendix, text)

__all__ = ["RULE_MODULES"]
