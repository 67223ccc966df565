"""Write the bundled SAMPLE submissions (inputs/submissions/<year>/) from the plan and registry.

Run by hand: `python tools/make_samples.py [--root .]`. The output is committed; nothing
at run time calls this. Every file says `sample: true`: the figures, names and texts are
invented to be plausible and internally consistent (2025's "last year" equals the 2024
value reported for the same indicator), not real data. A few bodies are late and a few
missing each year so that tracking has work.

Task results stay within each body's functions: a task's metrics (`metrics:` in the plan)
are reported by the bodies whose work they measure (`METRIC_OWNERS`: the specialist body,
the local level, or every body), a split task's metrics by the successor holding the
metric's domain (`METRIC_DOMAIN`), and the sentences a body writes are made from its own
figures plus a line of its own field (`TASK_LINES`, `BODY_LINES`). Figures keep their size
from 2024 to 2025: a body's base value is drawn once (not per year) and grows by the
metric's yearly growth; the local level's total is shared out among the districts in 2024
and among the communes in 2025. Documents are dated after the plan and after the body
exists, and before its report.

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

from reportgen.compute.bodies import LOCAL_KINDS
from reportgen.load import load_project
from reportgen.model.routing import (
    NOT_ORDERED_KINDS,
    expected_reporters,
    indicators_of_body,
    partner_bodies,
    reference_day,
    responsible_bodies,
    tasks_of_body,
)
from reportgen.model.signer import deputy_authority

HEADER = (
    "# DỮ LIỆU MẪU — SAMPLE DATA. Số liệu, tên người ký và nội dung dưới đây là giả định để minh họa\n"
    "# và kiểm thử reportgen; không phải số liệu thật của cơ quan. Sinh bởi tools/make_samples.py.\n"
)

SIGNERS = ["Nguyễn Văn Hùng", "Lê Thị Thu Hà", "Trần Đức Minh", "Phạm Thị Lan", "Hoàng Văn Nam",
           "Vũ Thị Hồng", "Đỗ Quang Huy", "Bùi Thị Mai", "Đặng Văn Long", "Ngô Thị Thanh",
           "Lê Văn Thắng", "Trịnh Thị Hương", "Mai Xuân Bình", "Lương Thị Nga", "Cao Văn Sơn"]

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


# Who reports a metric of a task every body leads (@so-nganh, @dia-phuong): "all" bodies,
# the "local" level only, "provincial" bodies only, or the leads of the given task (the
# specialist body of that field in the year). Metrics not listed: every lead of the task.
METRIC_OWNERS = {
    "van-ban-ra-soat": "provincial",
    "nguon-luc-xa-hoi": "local",
    "ncc-tro-cap": "III.3.2",          # paid by the body in charge of người có công
    "nha-o-ncc": "local",
    "dieu-duong-ncc": "III.6.2",        # the health department
    "cong-trinh-liet-si": "local",
    "viec-lam": "local",                # in III.4.1; the labour body reports it under III.4.5
}
# A metric of a task split among successors goes to the successor holding its domain.
METRIC_DOMAIN = {
    "bhxh-tu-nguyen": "lao-dong", "doi-tuong-btxh": "bao-tro-xa-hoi", "kinh-phi-tro-giup": "bao-tro-xa-hoi",
    "ho-thoat-ngheo": "giam-ngheo", "dao-tao-nghe": "giao-duc-nghe-nghiep", "phien-giao-dich": "lao-dong",
    "lao-dong-nuoc-ngoai": "lao-dong", "cum-thong-tin": "bao-chi", "ky-nang-so": "chuyen-doi-so",
    "viec-lam": "lao-dong",
}
# Sizes of a metric that differ in one task: the labour body's province-wide job figure.
TASK_SIZES = {("III.4.5", "viec-lam"): (52000, 58000)}
# 2024 size of a metric: (low, high) for one provincial body, and the local level's province total.
SIZES = {
    "hoi-nghi": ((3, 25), 700), "luot-tham-du": ((300, 4000), 95000), "tin-bai": ((10, 60), 1900),
    "chuyen-muc": ((8, 20), 0), "van-ban-ra-soat": ((4, 30), 0), "cuoc-kiem-tra": ((2, 12), 420),
    "nguon-luc-xa-hoi": ((0, 0), 38000), "tthc-don-gian-hoa": ((20, 45), 0), "dvc-toan-trinh": ((90, 160), 0),
    "ho-so-so-hoa": ((15000, 40000), 0), "tai-khoan-dinh-danh": ((900000, 1300000), 0),
    "csdl-ket-noi": ((4, 9), 0), "cuoc-giam-sat": ((3, 10), 0), "ncc-tro-cap": ((31000, 33000), 0),
    "qua-tang": ((20, 120), 96000), "kinh-phi-qua": ((10, 60), 52000), "nha-o-ncc": ((0, 0), 640),
    "dieu-duong-ncc": ((2500, 3500), 0), "cong-trinh-liet-si": ((0, 0), 120), "ho-so-ton-dong": ((150, 300), 0),
    "hai-cot-quy-tap": ((15, 40), 0), "hai-cot-danh-tinh": ((3, 9), 0), "quy-den-on": ((2000, 5000), 0),
    "viec-lam": ((0, 0), 24000), "dao-tao-boi-duong": ((40, 400), 9000), "tu-van-tien-hon-nhan": ((9000, 14000), 0),
    "bac-si-thu-hut": ((15, 40), 0), "truong-dat-chuan": ((30, 60), 0), "nhan-tai": ((10, 30), 0),
    "dao-tao-nghe": ((60000, 70000), 0), "phien-giao-dich": ((40, 70), 0), "lao-dong-nuoc-ngoai": ((9000, 12000), 0),
    "von-tin-dung": ((900000, 1200000), 0), "luot-vay": ((18000, 24000), 0), "bhxh-tu-nguyen": ((9000, 15000), 0),
    "doi-tuong-btxh": ((150000, 170000), 0), "ho-thoat-ngheo": ((7000, 9000), 0),
    "kinh-phi-tro-giup": ((900000, 1100000), 0), "the-bhyt": ((1200000, 1400000), 0),
    "hoc-sinh-ho-tro": ((25000, 35000), 0), "phong-hoc": ((300, 600), 0), "kham-suc-khoe": ((600000, 800000), 0),
    "ho-so-suc-khoe": ((2500000, 3000000), 0), "gia-dinh-van-hoa": ((700000, 800000), 0),
    "khu-dan-cu-van-hoa": ((4000, 4600), 0), "cum-thong-tin": ((10, 25), 0), "ky-nang-so": ((60000, 90000), 0),
    "can-ho-nox": ((1650, 1750), 0), "nha-tam": ((1500, 2500), 0), "cong-trinh-nuoc": ((20, 40), 0),
    "ho-nuoc-sach": ((12000, 18000), 0), "co-so-kiem-tra-mt": ((150, 250), 0), "diem-o-nhiem": ((15, 30), 0),
    "luot-tro-giup": ((20000, 30000), 0), "chi-tra-khong-tien-mat": ((180000, 220000), 0),
    "du-an-hop-tac": ((3, 8), 0), "khoan-vien-tro": ((10, 25), 0), "gia-tri-vien-tro": ((40000, 90000), 0),
    "tien-bo-kh": ((12, 30), 0), "nguon-luc-van-dong": ((5000, 15000), 0),
}
# C01 (cumulative: units completed in the year) follows the housing metric of task III.6.5.
CUMULATIVE_FROM_METRIC = {"C01": ("III.6.5", "can-ho-nox")}

# A line of each task's own field, written besides the body's figures.
TASK_LINES = {
    "III.1.2": "Hướng dẫn các cơ quan báo chí, hệ thống thông tin cơ sở tăng thời lượng tuyên truyền về chính sách xã hội.",
    "III.2.2": "Duy trì thực hiện quy định “4 tăng, 2 giảm, 3 không” tại bộ phận một cửa các cấp.",
    "III.2.3": "Triển khai phần mềm quản lý đối tượng chính sách, kết nối với cơ sở dữ liệu quốc gia về dân cư.",
    "III.2.4": "Làm sạch dữ liệu dân cư phục vụ chi trả an sinh xã hội qua tài khoản cá nhân.",
    "III.2.5": "Xây dựng kho dữ liệu dùng chung về an sinh xã hội của tỉnh.",
    "III.3.2": "Rà soát hồ sơ tồn đọng, đề nghị công nhận liệt sĩ, thương binh theo quy định.",
    "III.3.3": "Phối hợp với các đội quy tập tìm kiếm hài cốt liệt sĩ trong và ngoài nước; lấy mẫu giám định ADN.",
    "III.4.2": "Duy trì mô hình tư vấn, khám sức khỏe tiền hôn nhân, sàng lọc trước sinh và sơ sinh.",
    "III.4.3": "Triển khai Chương trình giáo dục phổ thông 2018, đa dạng hóa phương thức học tập.",
    "III.4.4": "Tham mưu chính sách thu hút, trọng dụng người có trình độ cao về làm việc tại tỉnh.",
    "III.4.5": "Tư vấn, định hướng nghề nghiệp cho học sinh trung học cơ sở, trung học phổ thông.",
    "III.4.6": "Ủy thác vốn ngân sách địa phương qua Ngân hàng Chính sách xã hội để cho vay giải quyết việc làm.",
    "III.5.1": "Thực hiện đầy đủ, kịp thời chính sách bảo hiểm xã hội, trợ giúp xã hội và giảm nghèo trong phạm vi được giao.",
    "III.5.2": "Mở rộng các gói dịch vụ BHYT; thanh toán chi phí khám, chữa bệnh BHYT đúng quy định.",
    "III.6.1": "Củng cố kết quả phổ cập giáo dục, xóa mù chữ; tăng cường giáo dục hòa nhập cho người khuyết tật.",
    "III.6.2": "Triển khai mô hình y học gia đình; tăng cường giám sát, phòng, chống dịch bệnh.",
    "III.6.3": "Tổ chức các hoạt động bảo tồn, phát huy giá trị văn hóa các dân tộc thiểu số.",
    "III.6.4": "Hỗ trợ người dân vùng khó khăn tiếp cận thông tin và dịch vụ số.",
    "III.6.5": "Hướng dẫn, đôn đốc các chủ đầu tư đẩy nhanh tiến độ các dự án nhà ở xã hội.",
    "III.6.6": "Rà soát, đề xuất chính sách cấp nước sạch cho trường học, trạm y tế.",
    "III.6.7": "Triển khai mô hình phân loại rác thải sinh hoạt tại nguồn ở khu dân cư.",
    "III.7": "Phát triển mạng lưới dịch vụ chăm sóc xã hội tại cộng đồng.",
    "III.8.1": "Tham gia các hoạt động hợp tác, chia sẻ kinh nghiệm về lao động, việc làm.",
    "III.8.2": "Hướng dẫn các đơn vị tiếp nhận, quản lý viện trợ theo quy định.",
    "III.8.3": "Hỗ trợ ứng dụng tiến bộ kỹ thuật tạo sinh kế cho người lao động nông thôn.",
    "IV.1": "Ban hành kế hoạch của đơn vị triển khai Kế hoạch; định kỳ báo cáo kết quả thực hiện.",
    "IV.2": "Đôn đốc, kiểm tra các cơ quan, đơn vị; tổng hợp báo cáo UBND tỉnh.",
}
# Lines of the tasks every body leads, by level; and a few bodies' own lines on them.
SHARED_LINES = {
    ("III.1.1", "provincial"): "Lồng ghép tuyên truyền trong sinh hoạt chuyên môn, hội nghị của cơ quan.",
    ("III.2.1", "provincial"): "Rà soát văn bản quy phạm pháp luật thuộc lĩnh vực quản lý liên quan đến chính sách xã hội.",
    ("III.3.1", "provincial"): "Thăm, tặng quà gia đình chính sách nhân dịp Tết Nguyên đán và ngày Thương binh - Liệt sĩ 27/7.",
    ("III.4.1", "provincial"): "Cử cán bộ, công chức đi đào tạo, bồi dưỡng nâng cao trình độ chuyên môn.",
}
# A district or commune writes one line of its own on these tasks (its figures are in `metrics`).
LOCAL_LINES = {
    "III.1.1": ["Tuyên truyền qua hệ thống loa truyền thanh cơ sở và các buổi sinh hoạt khu dân cư.",
                "Tổ chức hội nghị quán triệt cho cán bộ, đảng viên và người có uy tín trong cộng đồng.",
                "Tuyên truyền lồng ghép trong các buổi họp thôn, tổ dân phố."],
    "III.2.1": ["Kiện toàn bộ phận theo dõi chính sách xã hội; công khai danh sách đối tượng thụ hưởng.",
                "Rà soát, cập nhật danh sách đối tượng chính sách; kiểm tra việc chi trả tại thôn, tổ dân phố.",
                "Vận động doanh nghiệp, nhà hảo tâm đóng góp thực hiện chính sách xã hội trên địa bàn."],
    "III.3.1": ["Chăm lo đời sống người có công trên địa bàn; tu bổ nghĩa trang, công trình ghi công liệt sĩ.",
                "Thăm, tặng quà người có công nhân dịp Tết Nguyên đán và ngày 27/7; hỗ trợ sửa chữa nhà ở.",
                "Tổ chức lễ viếng, dâng hương tại nghĩa trang liệt sĩ; rà soát hồ sơ người có công."],
    "III.4.1": ["Phối hợp tư vấn, giới thiệu việc làm cho người lao động trên địa bàn.",
                "Phối hợp mở lớp đào tạo nghề ngắn hạn cho lao động nông thôn.",
                "Thông tin thị trường lao động, nhu cầu tuyển dụng của doanh nghiệp đến người dân."],
}
BODY_LINES = {
    ("III.3.1", "SNGV"): "Phối hợp với cơ quan chức năng nước bạn Lào trong tìm kiếm, hồi hương hài cốt liệt sĩ.",
    ("III.3.1", "SYT"): "Tổ chức điều dưỡng, khám sức khỏe định kỳ cho người có công.",
    ("III.3.1", "SXD"): "Hướng dẫn hỗ trợ nhà ở cho người có công theo quy định.",
    ("III.3.1", "SGDDT"): "Thực hiện chế độ ưu đãi trong giáo dục đối với con của người có công.",
    ("III.3.1", "SLDTBXH"): "Chi trả trợ cấp ưu đãi hằng tháng đầy đủ, kịp thời qua tài khoản cá nhân.",
    ("III.3.1", "SNV"): "Chi trả trợ cấp ưu đãi hằng tháng đầy đủ, kịp thời qua tài khoản cá nhân.",
}
DOCUMENT_TITLES = {"IV.1": "Kế hoạch thực hiện Kế hoạch số {plan} năm {year}"}


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
    years = [int(y) for y in args.years.split(",")]
    metric_values = {k: v for year in years for k, v in metric_figures(plan, registry, year).items()}
    for year in years:
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
                                  achieved_prev=achieved_prev, values=values, metric_values=metric_values)
            text = HEADER + yaml.safe_dump(sub, allow_unicode=True, sort_keys=False, width=100)
            (out / f"{code}.yaml").write_text(text, encoding="utf-8")
        previous = values
        print(f"{year}: {len(list(out.glob('*.yaml')))} submissions")


def make_submission(plan, registry, code, year, r, *, late, previous, achieved_prev, values, metric_values) -> dict:
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
    tasks = task_entries(plan, registry, code, year, signed, metric_values)
    figures = []
    for ind_code in indicators_of_body(plan, registry, code, year):
        ind = plan.indicator(ind_code)
        if ind_code in CUMULATIVE_FROM_METRIC:
            figures.append(cumulative_figure(ind, code, year, metric_values))
        else:
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


def task_entries(plan, registry, code, year, signed, metric_values) -> list[dict]:
    """The body's task results: status, its own figures, sentences from them, documents issued."""
    agency = registry[code]
    led, supported = tasks_of_body(plan, registry, code, year)
    level = "local" if agency.kind in LOCAL_KINDS else "provincial"
    out = []
    numbers: set[str] = set()              # a body numbers its documents once each
    for task in led + supported:
        r = rng_for("task", code, task.code, year)
        due = task.due_year
        done = task.code.startswith("IV") or r.random() < (0.5 if due == year else 0.25)
        figures = {m.key: metric_values[k] for m in plan.task_metrics(task)
                   if (k := (year, task.code, code, m.key)) in metric_values}
        results = []
        if figures and not (level == "local" and task.code in LOCAL_LINES):
            said = [plan.metric(k).sentence(fmt_int(v)) for k, v in figures.items()]
            results.append(capitalise("; ".join(said)) + ".")
        local = LOCAL_LINES.get(task.code) if level == "local" else None
        line = (BODY_LINES.get((task.code, code)) or SHARED_LINES.get((task.code, level))
                or (r.choice(local) if local else None) or TASK_LINES.get(task.code))
        if line:
            results.append(line)
        entry = {"task": task.code, "status": "hoàn thành" if done else "đang thực hiện", "results": results}
        if figures:
            entry["metrics"] = figures
        documents = task_documents(plan, agency, task, year, signed, r, numbers)
        if documents:
            entry["documents"] = documents
        out.append(entry)
    return out


def task_documents(plan, agency, task, year, signed, r, numbers: set[str]) -> list[dict]:
    """IV.1: the body's own plan; a single-lead task sometimes its own plan: dated after the plan
    and after the body exists, at least ten days before the body's report."""
    if task.code == "IV.1":
        title = (f"Kế hoạch thực hiện Kế hoạch số {plan.number}/KH-UBND ngày {plan.date.day:02d}/"
                 f"{plan.date.month}/{plan.date.year} của UBND tỉnh năm {year}")
    elif not any(ref.startswith("@") for ref in task.lead) and r.random() < 0.35:
        title = f"Kế hoạch {task.title[:1].lower()}{task.title[1:]} năm {year}"
    else:
        return []
    earliest = max(plan.date + timedelta(days=14), date(year, 1, 5),
                   (agency.valid_from + timedelta(days=7)) if agency.valid_from else date(year, 1, 5))
    latest = signed - timedelta(days=10)
    day = earliest + timedelta(days=r.randint(0, max((latest - earliest).days, 0)))
    number = f"{r.randint(10, 180):02d}/KH-{agency.abbrev}"
    while number in numbers:
        number = f"{r.randint(10, 180):02d}/KH-{agency.abbrev}"
    numbers.add(number)
    return [{"number": number, "date": day, "title": title}]


def metric_figures(plan, registry, year) -> dict[tuple[int, str, str, str], int]:
    """(year, task, body, metric) → figure, for every body that reports the metric in year Y.

    Tasks every body leads: a provincial body's base is its own; the local level's total is
    shared out by weights among the districts or communes. Other tasks: the task's base is
    shared among the bodies reporting it (one body most years; successors after a split).
    """
    out = {}
    for task in plan.tasks:
        leads = responsible_bodies(plan, registry, task, year) + partner_bodies(plan, registry, task, year)
        leads = [c for c in leads if registry[c].kind not in NOT_ORDERED_KINDS]
        shared = any(ref.startswith("@") for ref in task.lead)
        for metric in plan.task_metrics(task):
            bodies = metric_reporters(plan, registry, task, metric.key, leads, year)
            growth = metric_growth(metric.key, year)
            (low, high), local_total = SIZES[metric.key]
            low, high = TASK_SIZES.get((task.code, metric.key), (low, high))
            if shared:
                local = [c for c in bodies if registry[c].kind in LOCAL_KINDS]
                weights = {c: rng_for("weight", metric.key, c).uniform(0.5, 1.5) for c in local}
                whole = sum(weights.values())
                for c in bodies:
                    if c in weights:
                        value = local_total * growth * weights[c] / whole
                    else:
                        value = rng_for("base", metric.key, c).randint(low, high) * growth
                    value *= rng_for("noise", metric.key, c, year).uniform(0.95, 1.05) if year > 2024 else 1
                    if round(value) > 0:          # a small share rounds to nothing: no figure given
                        out[(year, task.code, c, metric.key)] = int(round(value))
            elif bodies:
                total = rng_for("base", metric.key, task.code).randint(low, high) * growth
                weights = {c: rng_for("weight", metric.key, c).uniform(0.5, 1.5) for c in bodies}
                whole = sum(weights.values())
                for c in bodies:
                    out[(year, task.code, c, metric.key)] = int(round(total * weights[c] / whole))
    return out


def metric_reporters(plan, registry, task, key, leads, year) -> list[str]:
    """The bodies whose work a metric of a task measures in year Y (see METRIC_OWNERS, METRIC_DOMAIN)."""
    owner = METRIC_OWNERS.get(key, "all")
    if any(ref.startswith("@") for ref in task.lead):
        if owner == "all":
            return leads
        if owner == "local":
            return [c for c in leads if registry[c].kind in LOCAL_KINDS]
        if owner == "provincial":
            return [c for c in leads if registry[c].kind not in LOCAL_KINDS]
        specialists = responsible_bodies(plan, registry, plan.task(owner), year)
        return [c for c in leads if c in specialists]
    domain = METRIC_DOMAIN.get(key)
    if domain is None:
        return leads
    day = reference_day(plan, year)
    holders = {c for ref in task.lead for c in registry.successors_on(ref, day, [domain])}
    return [c for c in leads if c in holders]


def metric_growth(key: str, year: int) -> float:
    """How much a metric's total grows each year after 2024 (the same for every body)."""
    rate = rng_for("growth", key).uniform(-0.08, 0.2)
    return (1 + rate) ** max(year - 2024, 0)


def cumulative_figure(ind, code, year, metric_values) -> dict:
    """A cumulative indicator's figure: what the body reported for the metric it counts, this year and last."""
    task, key = CUMULATIVE_FROM_METRIC[ind.code]
    value = sum(v for (y, t, c, k), v in metric_values.items() if (y, t, k) == (year, task, key) and c == code)
    previous = sum(v for (y, t, _, k), v in metric_values.items() if (y, t, k) == (year - 1, task, key))
    fig = {"indicator": ind.code, "value": str(value), "estimate": True,
           "note": f"Số căn hộ hoàn thành trong năm {year} (ước đến 31/12/{year})."}
    if previous:
        fig["previous"] = str(previous)
    return fig


def capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


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
