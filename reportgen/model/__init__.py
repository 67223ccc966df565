"""Typed, checked models of the inputs: the plan, the dated agency registry, submissions."""

from .agencies import Agency, Registry, SuccessorRule
from .plan import Indicator, IndicatorGroup, Plan, Section, Task
from .submission import DocumentIssued, Figure, Signer, Submission, TaskResult

__all__ = [
    "Agency", "Registry", "SuccessorRule",
    "Indicator", "IndicatorGroup", "Plan", "Section", "Task",
    "DocumentIssued", "Figure", "Signer", "Submission", "TaskResult",
]
