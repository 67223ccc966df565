"""Readers for the inputs: YAML/JSON (with source lines) and, for submissions, Excel forms."""

from ..errors import YearOutOfRangeError
from .project import Project, load_project
from .source import SourceDoc, load_structured

__all__ = ["Project", "YearOutOfRangeError", "load_project", "SourceDoc", "load_structured"]
