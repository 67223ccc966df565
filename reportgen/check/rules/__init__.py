"""The Decree 30 rules, one module per part of the document, run in reading order."""

from __future__ import annotations

from . import body, page, page1, signature, text, title

RULE_MODULES = (page, page1, title, body, signature, text)

__all__ = ["RULE_MODULES"]
