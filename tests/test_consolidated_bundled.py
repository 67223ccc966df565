"""The bundled 2025 consolidated report, built as a user builds it, checked against the YAML itself.

Nothing here goes through `reportgen.compute`: totals, last year's figures, changes and
verdict bands are recomputed from `inputs/` with PyYAML and compared with what the .docx
prints. The body's length and Phụ lục I's are measured on LibreOffice's PDF.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections import Counter
from decimal import Decimal
from pathlib import Path

import docx
import pytest
import yaml
from render_helpers import built_project

from reportgen.vn import format_number

ROOT = Path(__file__).resolve().parents[1]
INPUTS = ROOT / "inputs"
YEAR = 2025
BUILD = (YEAR, None, ("SNV", "SYT", "CA_TINH", "UBND_X_YEN_THO", "UBND_P_HAC_THANH"))   # as test_build_check
MAX_REPEATED_SHARE = 0.10        # paragraphs that are another's words with other numbers and names
MAX_BODY_PAGES = 20
MAX_INDICATOR_PAGES = 5


# --- the inputs, read directly ----------------------------------------------------------------


def load_yaml(path: Path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def inputs():
    plan = load_yaml(INPUTS / "plan.yaml")
    agencies = load_yaml(INPUTS / "agencies.yaml")["agencies"]
    subs = {y: [load_yaml(p) for p in sorted((INPUTS / "submissions" / str(y)).glob("*.yaml"))] for y in (YEAR - 1, YEAR)}
    secretariat = load_yaml(INPUTS / "secretariat" / f"{YEAR}.yaml")
    return {"plan": plan, "agencies": {a["code"]: a for a in agencies}, "subs": subs, "secretariat": secretariat}


@pytest.fixture(scope="module")
def report_path() -> Path:
    return built_project(*BUILD) / "outputs" / str(YEAR) / f"BC-tong-hop-{YEAR}.docx"


@pytest.fixture(scope="module")
def report(report_path):
    return docx.Document(report_path)


def body_paragraphs(report) -> list[str]:
    """Non-empty paragraphs outside tables, up to the first appendix."""
    out = []
    for p in report.paragraphs:
        if p.text == "Phụ lục I":
            break
        if p.text.strip():
            out.append(p.text.strip())
    return out


def short(agencies: dict, code: str) -> str:
    a = agencies[code]
    return a.get("short_name") or a["name"]


def number(value) -> Decimal:
    return Decimal(str(value).replace(",", "."))


# --- 1. the report synthesises: few repeated sentences ------------------------------------------


def normalised(text: str, names: list[str]) -> str:
    for name in names:
        text = text.replace(name, "@")
    return re.sub(r"\d+(?:[.,]\d+)*", "#", text)


def repeated_share(items: list[str], names: list[str]) -> float:
    keys = [normalised(t, names) for t in items]
    counts = Counter(keys)
    return sum(1 for k in keys if counts[k] > 1) / len(keys)


def test_few_paragraphs_are_the_same_sentence_with_other_numbers_and_names(report, inputs):
    names = sorted({n for a in inputs["agencies"].values() for n in (a["name"], a.get("short_name")) if n},
                   key=len, reverse=True)
    paragraphs = [p.text.strip() for p in report.paragraphs if p.text.strip()]
    assert len(paragraphs) > 60
    share = repeated_share(paragraphs, names)
    print(f"repeated paragraphs: {share:.1%}")
    assert share < MAX_REPEATED_SHARE
    # sentence by sentence too (a paragraph of its own words could hide repeated sentences)
    sentences = [t for p in body_paragraphs(report) for t in re.split(r"(?<=[^\d\s][.])\s+(?=[A-ZĐÀ-Ỹ])", p)]
    share = repeated_share(sentences, names)
    print(f"repeated sentences of the body: {share:.1%} of {len(sentences)}")
    assert share < MAX_REPEATED_SHARE
    # the measure catches a listing: the old report's per-body bullets would all count
    listing = [f"- {n}: Tổ chức {i} hội nghị quán triệt." for i, n in enumerate(names[:20])]
    assert repeated_share(paragraphs + listing, names) > repeated_share(paragraphs, names)


def test_section_two_names_no_body_list(report):
    text = "\n".join(body_paragraphs(report))
    assert "đơn vị khác" not in text                # no "(… và 83 đơn vị khác)"
    assert not re.search(r"(?<![\d.,/])0 (chỉ tiêu|cơ quan|đơn vị)", text)


# --- 2. every total printed equals the sum of the submissions ---------------------------------


def metric_totals(subs: list[dict], task: str) -> dict[str, Decimal]:
    out: dict[str, Decimal] = {}
    for sub in subs:
        for entry in sub.get("tasks", []):
            if entry["task"] == task:
                for key, value in (entry.get("metrics") or {}).items():
                    out[key] = out.get(key, Decimal(0)) + number(value)
    return out


def test_every_metric_total_equals_the_sum_of_the_yaml(report, inputs):
    plan = inputs["plan"]
    metrics = {m["key"]: m for m in plan["metrics"]}
    paragraphs = body_paragraphs(report)
    checked = 0
    for task in plan["tasks"]:
        totals = metric_totals(inputs["subs"][YEAR], task["code"])
        if not totals:
            continue
        [text] = [p for p in paragraphs if re.match(rf"[a-zđ]\) {re.escape(task['title'])}: ", p)]
        before = metric_totals(inputs["subs"][YEAR - 1], task["code"])
        for key, total in totals.items():
            metric = metrics[key]
            said = metric["phrase"].replace("{n}", format_number(total))
            assert said in text, (task["code"], said, text)
            rest = re.sub(r"\([^)]*\)", "", text.split(said, 1)[1])        # the split by level left out
            clause = rest.split(";")[0].split(". ")[0]
            if before.get(key):
                change = ((total - before[key]) / before[key] * 100).quantize(Decimal("0.1"))
                words = "không đổi" if change == 0 else f"{'tăng' if change > 0 else 'giảm'} {format_number(abs(change), 1)}%"
                assert words in clause, (task["code"], key, clause)
            checked += 1
    assert checked > 40


def test_the_split_by_level_adds_up(report, inputs):
    text = next(p for p in body_paragraphs(report) if p.startswith("a) Tuyên truyền, quán triệt về chính sách xã hội:"))
    kinds = {c: a["kind"] for c, a in inputs["agencies"].items()}
    local = provincial = Decimal(0)
    for sub in inputs["subs"][YEAR]:
        for entry in sub["tasks"]:
            if entry["task"] == "III.1.1" and "hoi-nghi" in (entry.get("metrics") or {}):
                value = number(entry["metrics"]["hoi-nghi"])
                if kinds[sub["agency"]] == "ubnd-xa":
                    local += value
                else:
                    provincial += value
    assert (f"tổ chức {format_number(local + provincial)} hội nghị tuyên truyền, quán triệt "
            f"(sở, ban, ngành {format_number(provincial)}; cấp xã {format_number(local)})") in text


def test_phu_luc_iii_keeps_every_reported_figure(report, inputs):
    [table] = [t for t in report.tables if t.rows[0].cells[-1].text == "Văn bản đã ban hành"]
    groups: dict[str, dict[str, list[str]]] = {}
    group = ""
    for r in table.rows[1:]:
        cells = [c.text for c in r.cells]
        if cells[0].isdigit():
            groups.setdefault(group, {})[cells[1]] = cells
        else:
            group = cells[0].split(". ")[0]
    metrics = {m["key"]: m for m in inputs["plan"]["metrics"]}
    for sub in inputs["subs"][YEAR]:
        for entry in sub["tasks"]:
            rows = groups[entry["task"]]
            name = short(inputs["agencies"], sub["agency"])
            row = rows.get(name) or rows[f"{name} (phối hợp)"]
            for key, value in (entry.get("metrics") or {}).items():
                assert f"{format_number(number(value))} {metrics[key]['unit']}" in row[3], (sub["agency"], key)
            for line in entry.get("results", []):
                assert " ".join(line.split()).rstrip(".") in row[4]
            for d in entry.get("documents", []):
                assert d["number"] in row[5]


# --- 3. Phụ lục I: comparisons and verdict bands ----------------------------------------------


def indicator_rows(report) -> dict[str, list[str]]:
    [table] = [t for t in report.tables if t.rows[0].cells[-1].text == "Đơn vị báo cáo"]
    out = {}
    for r in table.rows:
        cells = [c.text for c in r.cells]
        if cells[0].isdigit():
            out[cells[0]] = cells
    return out


def band(comparator: str, reference: Decimal, value: Decimal, tolerance: Decimal | None) -> str:
    """The plan's default bands, written again here from the documentation (100% / 90%)."""
    if comparator in ("<", "≤"):
        ratio = reference / value * 100
        met = value < reference if comparator == "<" else value <= reference
    elif comparator in ("≥", ">"):
        ratio = value / reference * 100
        met = value >= reference if comparator == "≥" else value > reference
    else:
        ratio = 100 - abs(value - reference) / reference * 100
        tol = tolerance if tolerance is not None else reference / 100
        met = value == reference if comparator == "=" else abs(value - reference) <= tol
    if met:
        return "Vượt" if comparator not in ("=", "≈") and ratio > 100 else "Đạt"
    return "Cơ bản đạt" if ratio >= 90 else "Không đạt"


def at_precision(value: Decimal, places: int) -> str:
    """The plan's rule (inputs/README.md, `unit_decimals`): rounded half up, no trailing zeros."""
    from decimal import ROUND_HALF_UP

    return format_number(value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP))


def figure_of(subs: list[dict], body: str, code: str) -> dict | None:
    for sub in subs:
        if sub["agency"] == body:
            return next((f for f in sub.get("figures", []) if f["indicator"] == code), None)
    return None


def test_phu_luc_i_compares_with_last_year_and_bands_as_documented(report, inputs):
    plan, agencies = inputs["plan"], inputs["agencies"]
    by_short = {short(agencies, c): c for c in agencies}
    targets = {t["indicator"]: number(t["target"]) for t in inputs["secretariat"].get("targets", [])}
    rows = indicator_rows(report)
    checked = {"change": 0, "year": 0, "period": 0}
    for i, ind in enumerate(plan["indicators"], start=1):
        row = rows[str(i)]
        if ind.get("qualitative_target") or row[9] == "-":
            continue
        fig = figure_of(inputs["subs"][YEAR], by_short[row[9]], ind["code"])
        value = number(fig["value"])
        places = ind.get("decimals", plan["unit_decimals"].get(ind["unit"], 0))
        shown = row[4].split("\n")[0].split(" (")[0].split("(")[0]
        assert shown == at_precision(value, places), (ind["code"], row)
        if fig.get("previous") is not None:
            previous = number(fig["previous"])
            assert row[3] == at_precision(previous, places), ind["code"]
            change = value - previous
            if ind["unit"] == "%":
                words = (f"{'tăng' if change > 0 else 'giảm'} {at_precision(abs(change), places)} điểm %"
                         if change else "không đổi")
            else:
                pct = (change / previous * 100).quantize(Decimal("0.1"))
                words = f"{'tăng' if pct > 0 else 'giảm'} {format_number(abs(pct), 1)}%" if pct else "không đổi"
            assert row[5] == words, (ind["code"], row[5], words)
            checked["change"] += 1
        tolerance = number(ind["tolerance"]) if "tolerance" in ind else None
        if ind["code"] in targets:
            expected = band(ind["comparator"], targets[ind["code"]], value, tolerance)
            assert row[6] == at_precision(targets[ind["code"]], places), ind["code"]
            checked["year"] += 1
        elif ind.get("cumulative"):
            continue
        else:
            expected = band(ind["comparator"], number(ind["target"]), value, tolerance)
            checked["period"] += 1
        assert row[7].split(" (")[0] == expected, (ind["code"], row[7], expected)
    assert checked["change"] > 25 and checked["year"] >= 8 and checked["period"] > 15


def test_a_cumulative_target_adds_the_years(report, inputs):
    plan = inputs["plan"]
    i, ind = next((i, ind) for i, ind in enumerate(plan["indicators"], start=1) if ind.get("cumulative"))
    row = indicator_rows(report)[str(i)]
    total = sum(number(f["value"]) for y in (YEAR - 1, YEAR) for s in inputs["subs"][y]
                for f in s.get("figures", []) if f["indicator"] == ind["code"])
    assert f"Lũy kế: {format_number(total)}" in row[4]
    figures = [re.sub(r"\([\d,]+\)$", "", row[i]) for i in (3, 4, 6)]   # note marks left out
    assert not any(re.search(r"\d,\d", f) for f in figures), row  # counted in units: no decimals in the row


def test_the_band_counts_in_the_text_equal_the_table(report):
    text = "\n".join(body_paragraphs(report))
    m = re.search(r"Năm 2025, (\d+)/(\d+) chỉ tiêu có số liệu; so với [^:]+: (.*) \(chi tiết tại Phụ lục I\)", text)
    assert m, text
    verdicts = [r[7].split(" (")[0] for r in indicator_rows(report).values()]
    judged = [v for v in verdicts if v != "Chưa có số liệu"]
    assert (int(m[1]), int(m[2])) == (len(judged), len(verdicts))
    for n, of, word in re.findall(r"(\d+)/(\d+) (?:chỉ tiêu )?([^,]+)", m[3]):
        assert (int(n), int(of)) == (judged.count(word[:1].upper() + word[1:]), len(judged)), word


def test_the_data_period_and_the_estimates_are_stated(report):
    text = "\n".join(body_paragraphs(report))
    assert "Số liệu trong báo cáo tính từ ngày 15/12/2024 đến ngày 14/12/2025" in text
    assert "được ghi “(ước)”" in text


# --- 4. length, measured on LibreOffice's pages ------------------------------------------------


@pytest.fixture(scope="module")
def pages(report_path, tmp_path_factory) -> list[str]:
    assert shutil.which("soffice"), "LibreOffice (soffice) is required for this test"
    out = tmp_path_factory.mktemp("pdf")
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{out}/profile", "--convert-to", "pdf",
                    "--outdir", str(out), str(report_path)], capture_output=True, timeout=600, check=True)
    text = subprocess.run(["pdftotext", "-layout", str(out / report_path.with_suffix(".pdf").name), "-"],
                          capture_output=True, text=True, timeout=120, check=True).stdout
    return text.split("\f")


def first_page(pages: list[str], title: str) -> int:
    return next(i for i, page in enumerate(pages) if re.search(rf"^\s*{title}\s*$", page, re.M))


def test_the_body_and_phu_luc_i_fit_their_page_budgets(pages):
    appendix_1 = first_page(pages, "Phụ lục I")
    appendix_2 = first_page(pages, "Phụ lục II")
    print(f"body {appendix_1} pages, Phụ lục I {appendix_2 - appendix_1} pages, {len(pages)} pages in all")
    assert appendix_1 <= MAX_BODY_PAGES
    assert appendix_2 - appendix_1 <= MAX_INDICATOR_PAGES
    assert first_page(pages, "Phụ lục III") > appendix_2
