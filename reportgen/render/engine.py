"""The render stage: a template name and a plain-dict context in, .docx bytes out.

The renderer knows nothing about plans or agencies. It finds the template in the
project's `templates/` folder (then in the bundled ones), compiles it once, renders it in
the sandboxed environment, writes core properties from the caller's values, and packs the
result deterministically (fixed zip dates and order): the same inputs give the same bytes.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from ..errors import Problem, TemplateError
from ..ooxml import deterministic_zip, write_atomic
from .environment import make_environment
from .properties import CoreProperties, core_xml
from .template import CompiledTemplate

BUNDLED_TEMPLATES = Path(__file__).resolve().parent.parent / "bundled" / "templates"
CORE_PART = "docProps/core.xml"


class Renderer:
    """Renders .docx templates from `templates` folders (first match wins); compiled templates are cached.

    One renderer serves a whole build: each template is read and compiled on first use and
    reused for every document after. A renderer can be sent to worker processes; under
    `fork` the workers inherit the compiled templates, otherwise they compile their own.
    """

    def __init__(self, templates: str | Path | Sequence[str | Path] = BUNDLED_TEMPLATES):
        folders = [templates] if isinstance(templates, (str, Path)) else list(templates)
        self.search_path: list[Path] = [Path(f) for f in folders]
        self._env = make_environment()
        self._cache: dict[str, CompiledTemplate] = {}

    def template_path(self, name: str) -> Path:
        """Where template `name` is read from."""
        for folder in self.search_path:
            candidate = folder / name
            if candidate.is_file():
                return candidate
        where = ", ".join(str(f) for f in self.search_path)
        raise TemplateError(Problem(f"không tìm thấy mẫu «{name}» (đã tìm trong: {where})", code="template.missing"))

    def template(self, name: str) -> CompiledTemplate:
        """The compiled template `name`, compiled on first use."""
        compiled = self._cache.get(name)
        if compiled is None:
            compiled = CompiledTemplate(self.template_path(name), self._env)
            self._cache[name] = compiled
        return compiled

    def prepare(self, names: Iterable[str]) -> None:
        """Compile `names` now (before worker processes are forked, so they share the work)."""
        for name in names:
            self.template(name)

    def render(self, name: str, context: Mapping[str, Any], properties: CoreProperties | None = None) -> bytes:
        """The .docx bytes of template `name` filled with `context`."""
        if not isinstance(context, Mapping):
            raise TypeError("context must be a mapping")
        parts = self.template(name).render_parts(context)
        if properties is not None:
            parts[CORE_PART] = core_xml(properties)
        return deterministic_zip(parts)

    def render_to(self, path: str | Path, name: str, context: Mapping[str, Any],
                  properties: CoreProperties | None = None, *, force: bool = False) -> Path:
        """Render and write atomically to `path`; an existing file is kept unless `force`."""
        target = Path(path)
        if target.exists() and not force:   # checked before rendering, and again by write_atomic
            from ..errors import OutputExistsError

            raise OutputExistsError(f"{target}: tệp đã tồn tại.")
        write_atomic(target, self.render(name, context, properties), force=force)
        return target

    # Compiled Jinja templates cannot be pickled: a copy sent to a spawned process recompiles.
    def __getstate__(self) -> dict[str, Any]:
        return {"search_path": self.search_path}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.search_path = state["search_path"]
        self._env = make_environment()
        self._cache = {}
