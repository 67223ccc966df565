"""The build: validate the inputs, build every document's context, render, write, convert to PDF.

    result = build(root, year=2024, force=False, pdf=False)

Order matters for "nothing lost": every check (invalid inputs, outputs a person edited or
that reportgen did not write, see `reportgen.manifest`) happens before the first byte is
written, every document is rendered in memory before any is written, and each file is
written atomically and recorded in the manifest. A failed run leaves no new file behind.
PDF conversion comes last; a document LibreOffice cannot convert is reported, not fatal.

Document kinds come from `reportgen.documents.DOCUMENT_KINDS`; a kind returns
`DocumentSpec`s, and a spec with a `finish(data)` method (the consolidated report adds its
charts there) gets its rendered bytes passed through it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from .documents import DOCUMENT_KINDS, DocumentSpec, document_kind
from .errors import Problem, ReportgenError, UnknownAgencyError
from .files import confined
from .load import Project, load_project
from .load.project import load_earlier_years
from .manifest import Manifest
from .model.amendment import amended_by_sample
from .render import BUNDLED_TEMPLATES, Renderer, RenderJob, render_batch
from .render.mark import SAMPLE_MARK, mark_headers

PLAN_KINDS = frozenset({"ke-hoach"})


@dataclass
class Built:
    """One document written by a build."""

    spec: DocumentSpec
    path: Path
    replaced: bool              # an older file was replaced (reportgen's own untouched output, or --force)
    pdf: Path | None = None
    metadata: Path | None = None   # --electronic: the Phụ lục VI fields beside the document (.json)


@dataclass
class BuildResult:
    year: int
    documents: list[Built] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    pdf_failed: list = field(default_factory=list)     # `render.pdf.PdfFailure`s: documents with no PDF
    pdf_retried: int = 0
    samples: int = 0            # documents built from sample data (marked "DỮ LIỆU MẪU")


ProgressHook = Callable[[str, int, int], None]   # (label of the finished document, done, total)
StartHook = Callable[[int, str], None]           # (how many, phase: PHASE_RENDER or PHASE_PDF)
PHASE_RENDER = "render"
PHASE_PDF = "pdf"


def build(root: str | Path, *, year: int | None = None, force: bool = False, pdf: bool = False,
          kinds: Sequence[str] | None = None, agencies: Sequence[str] | None = None,
          workers: int | None = None, on_start: StartHook | None = None,
          on_progress: ProgressHook | None = None, on_phase: Callable[[str], None] | None = None,
          electronic: bool = False) -> BuildResult:
    """Render the documents of year Y into `root/outputs/Y/` (see the module docstring for the order).

    `kinds` limits the document kinds (`ke-hoach`, `bao-cao`, ...), `agencies` the issuing
    bodies; `on_phase("load" | "prepare")` says what is being done before rendering,
    `on_start(total, phase)` and `on_progress(label, done, total)` report progress
    (rendering, then PDF conversion). `electronic` leaves number and date to the e-office
    and writes a PDF and the metadata beside each document (`documents.electronic`).
    """
    phase = on_phase or (lambda name: None)
    root = Path(root)
    pdf = pdf or electronic
    if pdf:  # fail before anything is rendered when --pdf cannot work
        from .render.pdf import require_soffice

        require_soffice()
    year = year if year is not None else default_year(root)
    phase("load")
    plans_only = kinds is not None and set(kinds) <= PLAN_KINDS
    project = load_project(root, year=year, submissions=not plans_only)   # plans read no report
    _require_valid(project, plans_only=plans_only)
    if year is None:
        year = project.plan.reporting.first_year
    project.require_year(year)
    if not plans_only:
        load_earlier_years(project, year)      # last year's figures and baselines for the consolidated report
    if agencies is not None:
        agencies = resolve_agencies(project, agencies, year, kinds)
    phase("prepare")
    specs = document_specs(project, year, kinds=kinds, agencies=agencies)
    return render_specs(root, year, specs, project.warnings, force=force, pdf=pdf, workers=workers,
                        on_start=on_start, on_progress=on_progress, electronic=electronic)


def _require_valid(project: Project, *, plans_only: bool) -> None:
    """Stop on any input error; a plans-only run ignores problems in submission files (plans do not read them)."""
    if plans_only:
        project.problems = [p for p in project.problems if not (p.file and _under_submissions(p.file))]
    project.require_valid()


def _under_submissions(file: str) -> bool:
    return Path(file).parts[:2] == ("inputs", "submissions")


def resolve_agencies(project: Project, agencies: Sequence[str], year: int, kinds: Sequence[str] | None) -> list[str]:
    """The codes of the bodies typed on the command line (code in any case, or name), each existing in year Y.

    For plans, each must also have tasks in year Y. Raises `UnknownAgencyError` (exit 2)
    with every problem and the codes to type instead.
    """
    from .documents.agency_plan import plan_bodies
    from .model.lookup import AgencyLookupError, lookup_message, resolve_agency
    from .model.routing import reference_day

    registry = project.registry
    day = reference_day(project.plan, year)
    codes: list[str] = []
    problems: list[Problem] = []
    for text in agencies:
        try:
            code = resolve_agency(registry, text, day)
        except AgencyLookupError as exc:
            problems.append(Problem(lookup_message(registry, exc, year), code=f"usage.agency.{exc.reason}"))
            continue
        if code not in codes:
            codes.append(code)
    if kinds is not None and set(kinds) <= PLAN_KINDS:
        bodies = set(plan_bodies(project.plan, registry, year))
        problems.extend(Problem(f"{registry[c].display_name} ({c}) không có nhiệm vụ nào trong kế hoạch năm {year}",
                                code="usage.agency.no-tasks") for c in codes if c not in bodies)
    if problems:
        raise UnknownAgencyError(problems)
    return codes


def default_year(root: Path) -> int | None:
    """The latest year with submissions under `inputs/submissions/`, None when there are none."""
    base = root / "inputs" / "submissions"
    if not base.is_dir():
        return None
    years = [int(p.name) for p in base.iterdir()
             if p.is_dir() and p.name.isdigit() and len(p.name) == 4
             and any(f.is_file() and not f.name.startswith(".") for f in p.iterdir())]
    return max(years) if years else None


def document_specs(project: Project, year: int, *, kinds: Sequence[str] | None = None,
                   agencies: Sequence[str] | None = None) -> list[DocumentSpec]:
    """Every document of year Y the selected kinds produce, for the selected bodies."""
    unknown = [k for k in (kinds or []) if k not in DOCUMENT_KINDS]
    if unknown:
        raise ReportgenError(Problem(f"không có loại văn bản: {', '.join(unknown)}"))
    specs: list[DocumentSpec] = []
    for key in DOCUMENT_KINDS:
        if kinds is not None and key not in kinds:
            continue
        builder = document_kind(key)   # imported only when selected: plans never load pandas
        specs.extend(s for s in builder(project, year, agencies) if agencies is None or s.agency in agencies)
    return mark_samples(specs, amended_by_sample(project.plan_for(year)))


def mark_samples(specs: list[DocumentSpec], sample: bool) -> list[DocumentSpec]:
    """`specs`, every one marked as built from sample data when `sample` (a sample amendment in force)."""
    return [replace(s, sample=True) for s in specs] if sample else specs


def render_specs(root: Path, year: int, specs: list[DocumentSpec], warnings: list[Problem], *,
                 force: bool = False, pdf: bool = False, workers: int | None = None,
                 on_start: StartHook | None = None,
                 on_progress: ProgressHook | None = None, electronic: bool = False) -> BuildResult:
    """Render `specs` into `root/outputs/<year>/` and write them; optionally convert to PDF.

    Every target (and its PDF with `pdf`, its metadata with `electronic`) is checked against
    the manifest of what reportgen wrote before anything is rendered: reportgen's own
    untouched outputs are replaced, a file a person edited or that reportgen never wrote is
    refused unless `force`. `electronic`: each spec in its electronic form, then a PDF and a
    `<name>.json` of the Phụ lục VI metadata beside each document (PageAmount from the PDF).
    """
    if electronic:
        from .documents.electronic import electronic_spec

        specs = [electronic_spec(s) for s in specs]
        pdf = True
    outdir = root / "outputs" / str(year)
    targets = [confined(outdir / s.filename, root / "outputs") for s in specs]
    manifest = Manifest(root)
    companions = [*([t.with_suffix(".pdf") for t in targets] if pdf else []),
                  *([t.with_suffix(".json") for t in targets] if electronic else [])]
    manifest.check([*targets, *companions], force=force)
    renderer = Renderer(template_folders(root))
    jobs = [RenderJob(s.template, s.context, s.properties, t, s.label) for s, t in zip(specs, targets, strict=True)]
    if on_start:
        on_start(len(jobs), PHASE_RENDER)
    done = 0

    def progress(job: RenderJob) -> None:
        nonlocal done
        done += 1
        if on_progress:
            on_progress(job.label, done, len(jobs))

    datas = render_batch(renderer, jobs, workers=workers, on_done=progress)
    result = BuildResult(year, warnings=list(warnings) + [w for spec in specs for w in spec.warnings])
    result.samples = sum(1 for s in specs if s.sample)
    try:
        for spec, target, data in zip(specs, targets, datas, strict=True):
            finish = getattr(spec, "finish", None)
            if callable(finish):
                data = finish(data)
            if spec.sample:
                data = mark_headers(data, SAMPLE_MARK)
            replaced = manifest.write(target, data)
            result.documents.append(Built(spec, target, replaced))
    finally:
        manifest.save()
    if pdf and result.documents:
        _convert_pdfs(result, manifest, on_start, on_progress)
    if electronic:
        try:
            for built in result.documents:
                if built.pdf is not None:     # no PDF, no page count: the failure is reported with the PDFs
                    built.metadata = write_metadata(built, manifest)
        finally:
            manifest.save()
    return result


def write_metadata(built: Built, manifest: Manifest) -> Path:
    """`<name>.json` beside the document: its Phụ lục VI fields (pages counted in its PDF)."""
    import json

    from .documents.electronic import appendix_count, metadata
    from .ooxml import DocxPackage
    from .render.pdfpages import page_count

    texts = paragraph_texts(DocxPackage.open(built.path.read_bytes()))
    fields = metadata(built.spec.context, pages=page_count(built.pdf), appendices=appendix_count(texts))
    target = built.path.with_suffix(".json")
    data = json.dumps(fields, ensure_ascii=False, indent=2, default=str).encode("utf-8") + b"\n"
    manifest.write(target, data)
    return target


def paragraph_texts(package) -> list[str]:
    """The text of every paragraph of the document's body, in order."""
    from .ooxml import NS

    root = package.xml("word/document.xml")
    return ["".join(t.text or "" for t in p.iter(f"{{{NS['w']}}}t")) for p in root.iter(f"{{{NS['w']}}}p")]


def _convert_pdfs(result: BuildResult, manifest: Manifest, on_start: StartHook | None,
                  on_progress: ProgressHook | None) -> None:
    """PDFs of the written documents, through the manifest; failures are kept in the result, not raised."""
    from .render.pdf import convert_batch

    if on_start:
        on_start(len(result.documents), PHASE_PDF)
    try:
        converted = convert_batch([b.path for b in result.documents], on_progress=on_progress, write=manifest.write)
    finally:
        manifest.save()
    for built in result.documents:
        built.pdf = converted.converted.get(built.path.resolve())
    result.pdf_failed = converted.failed
    result.pdf_retried = converted.retried


def template_folders(root: Path) -> list[Path]:
    """The project's `templates/` first, then the bundled templates for anything it lacks."""
    return [root / "templates", BUNDLED_TEMPLATES]
