"""Charts for documents: matplotlib (Agg, no pyplot state), Vietnamese labels, decimal commas.

Each chart function takes plain data (labels and floats) and returns PNG bytes at 300 dpi
that are byte-identical across runs for the same data, so rebuilt reports diff cleanly.
"""

from .progress import ProgressBar, progress_chart, progress_figure
from .tracking import tracking_chart

__all__ = ["ProgressBar", "progress_chart", "progress_figure", "tracking_chart"]
