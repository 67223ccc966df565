"""Render stage: Word templates (docxtpl in a Jinja sandbox) filled with plain-dict contexts.

    renderer = Renderer(templates_dir)                 # or Renderer([project, bundled])
    data = renderer.render("ke-hoach-don-vi.docx", context, CoreProperties(...))
    renderer.render_to(path, "ke-hoach-don-vi.docx", context, props, force=False)
    datas = render_batch(renderer, jobs)               # every core, results in job order

Nothing here knows about plans or agencies: contexts are built in `reportgen.documents`.
"""

from .batch import RenderJob, render_batch, worker_count
from .engine import BUNDLED_TEMPLATES, Renderer
from .environment import make_environment, xml_text
from .filters import FILTERS
from .properties import CoreProperties

__all__ = [
    "BUNDLED_TEMPLATES",
    "CoreProperties",
    "FILTERS",
    "RenderJob",
    "Renderer",
    "make_environment",
    "render_batch",
    "worker_count",
    "xml_text",
]
