"""Write the bundled SAMPLE submissions (inputs/submissions/<year>/) from the plan and registry.

Run by hand: `python tools/make_samples.py [--root .]`. The output is committed; nothing
at run time calls this. Every file says `sample: true`: the figures, names and texts are
invented to be plausible and internally consistent (2025's "last year" equals the 2024
value reported for the same indicator), not real data. A few bodies are late and a few
missing each year so that tracking has work.

This is a tool for this bundled plan's demo data, so it may know the plan's domains;
the product code (reportgen/) knows nothing of any particular plan.
"""

from __future__ import annotations

import argparse
import hashlib
import random
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import yaml

from reportgen.load import load_project
from reportgen.model.routing import expected_reporters, indicators_of_body, tasks_of_body
from reportgen.model.signer import deputy_authority

HEADER = (
    "# DỮ LIỆU MẪU — SAMPLE DATA. Số liệu, tên người ký và nội dung dưới đây là giả định để minh họa\n"
    "# và kiểm thử reportgen; không phải số liệu thật của cơ quan. Sinh bởi tools/make_samples.py.\n"
)

SIGNERS = ["Nguyễn Văn Hùng", "Lê Thị Thu Hà", "Trần Đức Minh", "Phạm Thị Lan", "Hoàng Văn Nam",
           "Vũ Thị Hồng", "Đỗ Quang Huy", "Bùi Thị Mai", "Đặng Văn Long", "Ngô Thị Thanh",
           "Lê Văn Thắng", "Trịnh Thị Hương", "Mai Xuân Bình", "Lương Thị Nga", "Cao Văn Sơn"]

# Result phrases per plan section (III.1 … IV); {n} {m} are filled with plausible counts.
RESULTS = {
    "III.1": ["Tổ chức {n} hội nghị quán triệt, triển khai Nghị quyết số 42-NQ/TW và Kế hoạch số 68/KH-UBND cho {m} cán bộ, công chức, viên chức.",
              "Đăng tải {n} tin, bài tuyên truyền về chính sách xã hội trên cổng thông tin điện tử và hệ thống thông tin cơ sở."],
    "III.2": ["Rà soát, đề xuất đơn giản hóa {n} thủ tục hành chính liên quan đến chính sách xã hội; {p}% hồ sơ được giải quyết đúng hạn.",
              "Cập nhật, làm sạch dữ liệu đối tượng chính sách trên cơ sở dữ liệu chuyên ngành, kết nối với cơ sở dữ liệu quốc gia về dân cư."],
    "III.3": ["Chi trả đầy đủ, kịp thời trợ cấp ưu đãi hằng tháng cho {m} người có công và thân nhân.",
              "Tổ chức thăm, tặng quà người có công nhân dịp Tết Nguyên đán và ngày Thương binh - Liệt sĩ 27/7 với {n} suất quà."],
    "III.4": ["Giải quyết việc làm mới cho {m} lao động; tổ chức {n} phiên giao dịch việc làm.",
              "Tuyển sinh, đào tạo nghề nghiệp cho {m} người; tư vấn, định hướng nghề nghiệp cho học sinh tại {n} trường."],
    "III.5": ["Vận động {m} người tham gia bảo hiểm xã hội tự nguyện; phối hợp kiểm tra việc thực hiện chính sách BHXH tại {n} doanh nghiệp.",
              "Chi trả trợ cấp xã hội hằng tháng cho {m} đối tượng bảo trợ xã hội đúng quy định."],
    "III.6": ["Triển khai {n} chương trình, đề án về phúc lợi xã hội; {m} lượt người dân được tiếp cận dịch vụ xã hội cơ bản.",
              "Kiểm tra, hướng dẫn {n} cơ sở thực hiện chính sách; kịp thời chấn chỉnh những tồn tại, hạn chế."],
    "III.7": ["Củng cố mạng lưới {n} cơ sở trợ giúp xã hội; {m} lượt đối tượng được tư vấn, hỗ trợ.",
              "Chi trả không dùng tiền mặt cho {m} đối tượng chính sách thông qua tài khoản cá nhân."],
    "III.8": ["Vận động, tiếp nhận {n} dự án, khoản viện trợ cho lĩnh vực xã hội với tổng giá trị {m} triệu đồng.",
              "Tham gia {n} hoạt động hợp tác, chia sẻ kinh nghiệm về an sinh xã hội."],
    "III.9": ["Tổ chức {n} cuộc giám sát việc thực hiện chính sách xã hội trên địa bàn."],
    "IV": ["Ban hành kế hoạch của đơn vị triển khai Kế hoạch số 68/KH-UBND; định kỳ báo cáo kết quả thực hiện.",
           "Kiểm tra, đôn đốc {n} đơn vị trực thuộc thực hiện nhiệm vụ được giao."],
}
DIFFICULTIES = ["Nguồn lực thực hiện chính sách xã hội còn hạn chế, chủ yếu từ ngân sách nhà nước.",
                "Cơ sở dữ liệu về đối tượng chính sách chưa được kết nối, đồng bộ đầy đủ.",
                "Đội ngũ làm công tác xã hội ở cơ sở còn thiếu, kiêm nhiệm nhiều việc.",
                "Một số chỉ tiêu khó đạt do tác động của thiên tai và biến động thị trường lao động."]
CAUSES = ["Kinh phí bố trí cho các chương trình còn thấp so với nhu cầu.",
          "Việc sắp xếp tổ chức bộ máy làm thay đổi đầu mối theo dõi, tổng hợp.",
          "Nhận thức của một bộ phận người dân về chính sách xã hội còn hạn chế."]
STRENGTHS = ["Các chính sách xã hội được triển khai đầy đủ, kịp thời, đúng đối tượng.",
             "Công tác phối hợp giữa các cơ quan, đơn vị được tăng cường."]
PROPOSALS = ["Đề nghị UBND tỉnh bố trí kinh phí thực hiện các chương trình, đề án về chính sách xã hội.",
             "Đề nghị hoàn thiện, kết nối cơ sở dữ liệu an sinh xã hội dùng chung toàn tỉnh.",
             "Đề nghị tăng cường tập huấn nghiệp vụ cho đội ngũ làm công tác xã hội cấp cơ sở."]
NEXT_YEAR = ["Tiếp tục tuyên truyền, quán triệt Nghị quyết số 42-NQ/TW và Kế hoạch số 68/KH-UBND.",
             "Thực hiện đầy đủ, kịp thời các chế độ, chính sách xã hội trên địa bàn.",
             "Đẩy mạnh chuyển đổi số trong quản lý đối tượng chính sách.",
             "Định kỳ kiểm tra, đánh giá kết quả thực hiện các chỉ tiêu đến năm 2030."]

# Real figures from the press (vn-context.md), used where they exist, by indicator name.
PRESS = {("thất nghiệp khu vực thành thị", 2024): (Decimal("2.65"), "Ước tính tháng 9/2024 (báo chí).")}


# Task-specific phrases, chosen by a word of the task's own content.
TOPICS = [
    ("dân số", ["Triển khai các mô hình nâng cao chất lượng dân số tại {n} xã; tư vấn, khám sức khỏe tiền hôn nhân cho {m} người."]),
    ("hài cốt liệt sĩ", ["Phối hợp tìm kiếm, quy tập {n} hài cốt liệt sĩ; lấy mẫu giám định ADN {n} trường hợp."]),
    ("định danh", ["Cấp {m} tài khoản định danh điện tử mức độ 2; làm sạch dữ liệu dân cư phục vụ chi trả an sinh xã hội."]),
    ("tín dụng", ["Giải ngân {m} triệu đồng vốn tín dụng chính sách cho hộ nghèo, hộ cận nghèo và người lao động vay tạo việc làm."]),
    ("viện trợ", ["Thẩm định {n} khoản viện trợ không hoàn lại cho lĩnh vực xã hội."]),
    ("nhà ở xã hội", ["Hướng dẫn, đôn đốc {n} dự án nhà ở xã hội; hoàn thành {m} căn hộ."]),
    ("nước sạch", ["Đầu tư, nâng cấp {n} công trình cấp nước sạch nông thôn; thêm {m} hộ được dùng nước sạch."]),
    ("môi trường", ["Kiểm tra {n} cơ sở về bảo vệ môi trường; xử lý {n} điểm ô nhiễm tại khu dân cư."]),
    ("văn hóa", ["Công nhận {m} gia đình văn hóa, {n} khu dân cư văn hóa; tổ chức {n} hoạt động bảo tồn văn hóa dân tộc thiểu số."]),
    ("tiếp cận thông tin", ["Thiết lập {n} cụm thông tin điện tử công cộng; hỗ trợ {m} người dân sử dụng dịch vụ số."]),
    ("y tế", ["Khám sức khỏe định kỳ cho {m} người cao tuổi; duy trì tiêm chủng mở rộng tại {n} trạm y tế."]),
    ("giáo dục", ["Củng cố kết quả phổ cập giáo dục tại {n} đơn vị; hỗ trợ học tập cho {m} học sinh có hoàn cảnh khó khăn."]),
    ("khoa học", ["Chuyển giao {n} tiến bộ khoa học - công nghệ phục vụ sinh kế cho người lao động."]),
    ("nhân tài", ["Tuyển dụng, thu hút {n} người có trình độ cao vào làm việc tại cơ quan nhà nước."]),
    ("cải cách hành chính", ["Rà soát, đề xuất đơn giản hóa {n} thủ tục hành chính; {p}% hồ sơ được giải quyết đúng hạn."]),
]


def phrases_for(task) -> list[str]:
    text = " ".join(task.content).lower()
    if task.section in ("III.1", "III.2", "III.3", "III.9") or task.code.startswith("IV") or task.lead[0].startswith("@"):
        return RESULTS.get(task.section, RESULTS["IV"])
    for word, phrases in TOPICS:
        if word in text:
            return phrases
    return RESULTS.get(task.section, RESULTS["IV"])


def rng_for(*parts: object) -> random.Random:
    return random.Random(int(hashlib.sha256("|".join(map(str, parts)).encode()).hexdigest()[:16], 16))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--root", default=".")
    ap.add_argument("--years", default="2024,2025")
    args = ap.parse_args()
    root = Path(args.root)
    project = load_project(root, year=0)  # plan + registry only
    plan, registry = project.plan, project.registry
    assert plan and registry, project.problems
    previous: dict[str, Decimal] = {}
    achieved_prev: dict[str, bool] = {}
    for year in [int(y) for y in args.years.split(",")]:
        out = root / "inputs" / "submissions" / str(year)
        out.mkdir(parents=True, exist_ok=True)
        for old in out.glob("*.yaml"):
            old.unlink()
        values: dict[str, Decimal] = {}
        for code in expected_reporters(plan, registry, year):
            r = rng_for(code, year)
            roll = r.random()
            if roll < 0.08 and code != plan.reporting.focal:
                continue  # missing
            sub = make_submission(plan, registry, code, year, r, late=roll > 0.9, previous=previous,
                                  achieved_prev=achieved_prev, values=values)
            text = HEADER + yaml.safe_dump(sub, allow_unicode=True, sort_keys=False, width=100)
            (out / f"{code}.yaml").write_text(text, encoding="utf-8")
        previous = values
        print(f"{year}: {len(list(out.glob('*.yaml')))} submissions")


def make_submission(plan, registry, code, year, r, *, late, previous, achieved_prev, values) -> dict:
    agency = registry[code]
    deadline = plan.reporting.deadline(year)
    signed = deadline - timedelta(days=r.randint(1, 9))
    received = signed + timedelta(days=r.randint(0, 1))
    if late:
        received = deadline + timedelta(days=r.randint(1, 12))
        signed = received - timedelta(days=1)
    # a deputy signs for the head: "KT. <head>" over the deputy's title, under the collective's
    # "TM. …" line for a collective body (Decree 30/2020, Phụ lục I, II.7)
    lines = deputy_authority(agency)
    signer = {
        "authority": lines[0] if len(lines) == 1 else lines,
        "title": agency.deputy_title or f"PHÓ {agency.head_title}",
        "name": r.choice(SIGNERS),
    }
    led, supported = tasks_of_body(plan, registry, code, year)
    tasks = []
    for task in led + supported:
        phrases = phrases_for(task)
        results = [p.format(n=r.randint(2, 30), m=fmt_int(r.randint(150, 9000)), p=r.randint(88, 99))
                   for p in r.sample(phrases, k=min(len(phrases), r.randint(1, 2)))]
        entry = {"task": task.code, "status": "hoàn thành" if task.code.startswith("IV") or r.random() < 0.25 else "đang thực hiện",
                 "results": results}
        if task.code == "IV.1":
            entry["documents"] = [{
                "number": f"{r.randint(10, 180):02d}/KH-{agency.abbrev}",
                "date": date(year, r.randint(3, 5), r.randint(1, 28)),
                "title": f"Kế hoạch thực hiện Kế hoạch số {plan.number}/KH-UBND ngày {plan.date.day:02d}/{plan.date.month}/{plan.date.year} của UBND tỉnh năm {year}",
            }]
        tasks.append(entry)
    figures = []
    for ind_code in indicators_of_body(plan, registry, code, year):
        ind = plan.indicator(ind_code)
        figures.append(make_figure(ind, year, r, previous, achieved_prev, values))
    sub = {
        "sample": True,
        "agency": code,
        "year": year,
        "report": {"number": r.randint(20, 320), "date": signed, "signer": signer},
    }
    if received != signed:
        sub["report"]["received"] = received
    sub["tasks"] = tasks
    if figures:
        sub["figures"] = figures
    sub["strengths"] = r.sample(STRENGTHS, k=1)
    sub["difficulties"] = r.sample(DIFFICULTIES, k=2)
    sub["causes"] = r.sample(CAUSES, k=1)
    sub["proposals"] = r.sample(PROPOSALS, k=1 + (r.random() < 0.5))
    sub["next_year"] = r.sample(NEXT_YEAR, k=2)
    return sub


def make_figure(ind, year, r, previous, achieved_prev, values) -> dict:
    if ind.is_qualitative:
        ok = achieved_prev.get(ind.code, r.random() < 0.6) or r.random() < 0.2
        achieved_prev[ind.code] = ok
        return {"indicator": ind.code, "achieved": ok, "estimate": True,
                "note": "Đã đạt theo kết quả kiểm tra, công nhận." if ok else "Đang triển khai, chưa đạt."}
    target = ind.target
    prev = previous.get(ind.code)
    if prev is None:
        prev = start_value(ind, r)
    for (needle, y), (press_value, note) in PRESS.items():
        if needle in ind.name.lower() and y == year:
            value = press_value
            values[ind.code] = value
            return {"indicator": ind.code, "value": str(value), "previous": str(prev), "estimate": True, "note": note}
    step = abs(target - prev) * Decimal(str(round(r.uniform(0.08, 0.35), 2)))
    better_lower = ind.comparator in ("<", "≤")
    value = prev - step if better_lower else prev + step
    if ind.is_percent:
        value = min(value, Decimal(100))
    places = 0 if target >= 1000 else 1 if ind.is_percent or target < 100 else 0
    value = q(value, places)
    prev = q(prev, places)
    values[ind.code] = value
    fig = {"indicator": ind.code, "value": str(value), "previous": str(prev), "estimate": r.random() < 0.8}
    if fig["estimate"]:
        fig["note"] = f"Ước thực hiện đến 31/12/{year}."
    return fig


def start_value(ind, r) -> Decimal:
    """A plausible 2023 value: somewhat short of the target in the comparator's direction."""
    t = ind.target
    if ind.comparator in ("<", "≤"):
        return t * Decimal(str(round(r.uniform(0.97, 1.12), 3)))
    if ind.comparator == "≈":
        return t * Decimal(str(round(r.uniform(0.95, 1.0), 3)))
    if t >= 1000:  # a cumulative count (e.g. social housing units): early in the period
        return t * Decimal(str(round(r.uniform(0.05, 0.2), 3)))
    return t * Decimal(str(round(r.uniform(0.72, 0.995), 3)))


def q(v: Decimal, places: int) -> Decimal:
    return v.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def fmt_int(n: int) -> str:
    return f"{n:,}".replace(",", ".")


if __name__ == "__main__":
    main()
