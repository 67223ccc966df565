"""Readers for the inputs: YAML/JSON (with source lines) and, for submissions, Excel forms."""

from .project import Project, load_project
from .source import SourceDoc, load_structured

__all__ = ["Project", "load_project", "SourceDoc", "load_structured"]
