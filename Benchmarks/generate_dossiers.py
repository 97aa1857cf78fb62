#!/usr/bin/env python3
"""Generate a synthetic one-stop-shop dossier log (or its monthly aggregate) for benchmarks.

The log looks like an export of a provincial "một cửa" system: one row per administrative
dossier, 2022-01-01..2024-12-31, for the 63 pre-2025 provinces. Nothing in it is real data;
it exists to time ChiSo's ingest against its peers and to test that rates computed from the
log equal rates computed from the aggregate.

    generate_dossiers.py --rows 1000000 --seed 1 --out /tmp/dossiers-1m.csv
    generate_dossiers.py --rows 1000000 --seed 1 --aggregate --out /tmp/dossiers-1m-agg.csv
    generate_dossiers.py --rows 1000000 --seed 1 --shape realistic --out /tmp/dossiers-realistic-1m.csv

Shapes (--shape): basic (the default: 57 procedures, rows in receipt order), realistic (per-province
catalogues of ~1,600 procedures with Zipf popularity, each with one field and one online level, rows
exported unit by unit) and high-cardinality (= --high-cardinality). See Benchmarks/README.md.

Same arguments give a byte-identical file on every machine: all randomness comes from a
seeded `random.Random` (only `random()`, whose Mersenne Twister stream is stable across
Python versions), no clock, no locale, no hash-ordered iteration.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import unicodedata
from bisect import bisect_right
from datetime import date, timedelta

LOG_HEADER = (
    "dossier_id,province_code,unit_code,unit_name,procedure_code,field,received_at,"
    "channel,online_level,due_at,resolved_at,status"
)
AGGREGATE_HEADER = (
    "period,province,unit_code,unit_name,level,procedure_code,field,received_total,"
    "received_online,received_direct,received_postal,resolved_total,resolved_on_time,"
    "resolved_late,pending"
)
EOL = "\r\n"

FIRST_DAY = date(2022, 1, 1)
LAST_DAY = date(2024, 12, 31)  # the export's cut-off: later resolutions show as pending
CALENDAR_END = date(2025, 12, 31)  # due dates and late resolutions may run past the cut-off
OFFSET = "+07:00"

# The 63 pre-2025 provinces, from shared/data/provinces_63.csv (code, short name, prefix used
# in unit names). Thừa Thiên Huế was a "tỉnh" until 2025-01-01, i.e. for the whole log.
# The last column is a rough population in millions (2019 census, rounded), used only as a
# weight so that big provinces file more dossiers.
PROVINCES = [
    ("01", "Hà Nội", "thành phố", 8.05), ("02", "Hà Giang", "tỉnh", 0.85),
    ("04", "Cao Bằng", "tỉnh", 0.53), ("06", "Bắc Kạn", "tỉnh", 0.31),
    ("08", "Tuyên Quang", "tỉnh", 0.78), ("10", "Lào Cai", "tỉnh", 0.73),
    ("11", "Điện Biên", "tỉnh", 0.60), ("12", "Lai Châu", "tỉnh", 0.46),
    ("14", "Sơn La", "tỉnh", 1.25), ("15", "Yên Bái", "tỉnh", 0.82),
    ("17", "Hoà Bình", "tỉnh", 0.85), ("19", "Thái Nguyên", "tỉnh", 1.29),
    ("20", "Lạng Sơn", "tỉnh", 0.78), ("22", "Quảng Ninh", "tỉnh", 1.32),
    ("24", "Bắc Giang", "tỉnh", 1.80), ("25", "Phú Thọ", "tỉnh", 1.46),
    ("26", "Vĩnh Phúc", "tỉnh", 1.15), ("27", "Bắc Ninh", "tỉnh", 1.37),
    ("30", "Hải Dương", "tỉnh", 1.89), ("31", "Hải Phòng", "thành phố", 2.03),
    ("33", "Hưng Yên", "tỉnh", 1.25), ("34", "Thái Bình", "tỉnh", 1.86),
    ("35", "Hà Nam", "tỉnh", 0.85), ("36", "Nam Định", "tỉnh", 1.78),
    ("37", "Ninh Bình", "tỉnh", 0.98), ("38", "Thanh Hóa", "tỉnh", 3.64),
    ("40", "Nghệ An", "tỉnh", 3.33), ("42", "Hà Tĩnh", "tỉnh", 1.29),
    ("44", "Quảng Bình", "tỉnh", 0.90), ("45", "Quảng Trị", "tỉnh", 0.63),
    ("46", "Thừa Thiên Huế", "tỉnh", 1.13), ("48", "Đà Nẵng", "thành phố", 1.13),
    ("49", "Quảng Nam", "tỉnh", 1.50), ("51", "Quảng Ngãi", "tỉnh", 1.23),
    ("52", "Bình Định", "tỉnh", 1.49), ("54", "Phú Yên", "tỉnh", 0.87),
    ("56", "Khánh Hòa", "tỉnh", 1.23), ("58", "Ninh Thuận", "tỉnh", 0.59),
    ("60", "Bình Thuận", "tỉnh", 1.23), ("62", "Kon Tum", "tỉnh", 0.54),
    ("64", "Gia Lai", "tỉnh", 1.51), ("66", "Đắk Lắk", "tỉnh", 1.87),
    ("67", "Đắk Nông", "tỉnh", 0.62), ("68", "Lâm Đồng", "tỉnh", 1.30),
    ("70", "Bình Phước", "tỉnh", 0.99), ("72", "Tây Ninh", "tỉnh", 1.17),
    ("74", "Bình Dương", "tỉnh", 2.43), ("75", "Đồng Nai", "tỉnh", 3.10),
    ("77", "Bà Rịa - Vũng Tàu", "tỉnh", 1.15), ("79", "Hồ Chí Minh", "thành phố", 8.99),
    ("80", "Long An", "tỉnh", 1.69), ("82", "Tiền Giang", "tỉnh", 1.76),
    ("83", "Bến Tre", "tỉnh", 1.29), ("84", "Trà Vinh", "tỉnh", 1.01),
    ("86", "Vĩnh Long", "tỉnh", 1.02), ("87", "Đồng Tháp", "tỉnh", 1.60),
    ("89", "An Giang", "tỉnh", 1.91), ("91", "Kiên Giang", "tỉnh", 1.72),
    ("92", "Cần Thơ", "thành phố", 1.24), ("93", "Hậu Giang", "tỉnh", 0.73),
    ("94", "Sóc Trăng", "tỉnh", 1.20), ("95", "Bạc Liêu", "tỉnh", 0.91),
    ("96", "Cà Mau", "tỉnh", 1.19),
]
# Cities file more dossiers per inhabitant (business registration, land transactions).
URBAN_BOOST = {"01": 1.3, "79": 1.3, "31": 1.2, "48": 1.3, "92": 1.2, "74": 1.2}

# Procedures: (national code, field, legal time limit in working days, volume weight,
# online-propensity offset). Codes look like those of the national procedure database but
# are not looked up; per province they get the province's agency suffix (".H47").
COMMUNE_PROCEDURES = [
    ("1.001193", "Hộ tịch", 1, 10.0, -0.05),
    ("1.000894", "Hộ tịch", 5, 3.0, -0.05),
    ("1.000656", "Hộ tịch", 1, 3.0, -0.05),
    ("1.004884", "Hộ tịch", 3, 4.0, 0.10),
    ("2.000635", "Hộ tịch", 1, 4.0, 0.25),
    ("2.000908", "Chứng thực", 1, 14.0, -0.18),
    ("2.000884", "Chứng thực", 1, 5.0, -0.18),
    ("2.001035", "Chứng thực", 2, 2.0, -0.18),
    ("1.001452", "Đất đai", 30, 1.0, -0.15),
    ("1.001776", "Bảo trợ xã hội", 20, 1.5, 0.0),
    ("1.002252", "Người có công", 12, 0.8, 0.0),
    ("2.000794", "Nông nghiệp", 5, 0.7, -0.05),
]
DISTRICT_PROCEDURES = [
    ("1.003010", "Đất đai", 10, 8.0, -0.12),
    ("1.004227", "Đất đai", 30, 3.0, -0.15),
    ("1.002255", "Đất đai", 15, 2.0, -0.12),
    ("1.009994", "Xây dựng", 15, 3.0, 0.0),
    ("2.000720", "Đăng ký kinh doanh", 3, 4.0, 0.20),
    ("2.000575", "Đăng ký kinh doanh", 3, 2.0, 0.20),
    ("2.000748", "Hộ tịch", 3, 1.5, 0.0),
    ("2.000815", "Chứng thực", 2, 2.0, -0.15),
    ("1.005099", "Giáo dục và Đào tạo", 3, 1.0, 0.10),
    ("1.001699", "Lao động", 7, 0.8, 0.0),
    ("1.000506", "Thương mại", 10, 1.0, 0.10),
    ("1.003584", "Môi trường", 15, 0.6, 0.0),
]
# Provincial departments: (code suffix, name, procedures).
DEPARTMENTS = [
    ("TP", "Sở Tư pháp", [
        ("2.001417", "Tư pháp", 10, 5.0, 0.25),
        ("1.001071", "Tư pháp", 10, 0.3, 0.0),
        ("1.000837", "Tư pháp", 7, 0.3, 0.0),
    ]),
    ("KHDT", "Sở Kế hoạch và Đầu tư", [
        ("1.001612", "Đăng ký kinh doanh", 3, 6.0, 0.40),
        ("2.001610", "Đăng ký kinh doanh", 3, 6.0, 0.40),
        ("1.009645", "Đầu tư", 15, 0.6, 0.05),
    ]),
    ("TNMT", "Sở Tài nguyên và Môi trường", [
        ("1.004238", "Đất đai", 10, 6.0, -0.10),
        ("1.004221", "Đất đai", 20, 2.0, -0.10),
        ("1.010727", "Môi trường", 30, 0.7, 0.0),
        ("1.004152", "Tài nguyên nước", 30, 0.3, 0.0),
    ]),
    ("GTVT", "Sở Giao thông vận tải", [
        ("1.002804", "Giao thông", 5, 8.0, 0.30),
        ("1.002835", "Giao thông", 5, 1.5, 0.30),
        ("1.001777", "Giao thông", 2, 3.0, 0.20),
    ]),
    ("XD", "Sở Xây dựng", [
        ("1.009972", "Xây dựng", 20, 1.0, 0.0),
        ("1.009986", "Xây dựng", 20, 1.0, 0.05),
    ]),
    ("YT", "Sở Y tế", [
        ("1.004616", "Y tế", 20, 1.5, 0.0),
        ("1.004529", "Dược", 20, 1.5, 0.05),
    ]),
    ("GDDT", "Sở Giáo dục và Đào tạo", [
        ("1.005092", "Giáo dục và Đào tạo", 5, 1.5, 0.15),
        ("1.005379", "Giáo dục và Đào tạo", 1, 1.0, 0.20),
    ]),
    ("LDTBXH", "Sở Lao động - Thương binh và Xã hội", [
        ("1.000459", "Lao động", 5, 1.2, 0.20),
        ("1.001257", "Người có công", 12, 1.0, 0.0),
    ]),
    ("CT", "Sở Công Thương", [
        ("2.000176", "Thương mại", 10, 1.0, 0.20),
        ("2.000633", "An toàn thực phẩm", 15, 0.6, 0.10),
    ]),
    ("NNPTNT", "Sở Nông nghiệp và Phát triển nông thôn", [
        ("1.003612", "Nông nghiệp", 7, 1.0, 0.0),
        ("1.008003", "Nông nghiệp", 3, 0.8, 0.0),
    ]),
    ("TC", "Sở Tài chính", [
        ("1.005425", "Tài chính", 10, 0.5, 0.0),
    ]),
    ("NV", "Sở Nội vụ", [
        ("1.000933", "Thi đua, khen thưởng", 20, 0.5, -0.10),
        ("1.001228", "Tôn giáo", 20, 0.3, -0.10),
    ]),
    ("VHTTDL", "Sở Văn hóa, Thể thao và Du lịch", [
        ("1.001029", "Văn hóa", 5, 0.6, 0.10),
        ("1.004628", "Du lịch", 10, 0.5, 0.15),
    ]),
    ("TTTT", "Sở Thông tin và Truyền thông", [
        ("1.003758", "Bưu chính", 10, 0.3, 0.20),
        ("1.004498", "Xuất bản, in và phát hành", 7, 0.3, 0.20),
    ]),
    ("KHCN", "Sở Khoa học và Công nghệ", [
        ("1.002387", "Khoa học và Công nghệ", 10, 0.3, 0.10),
    ]),
]
# How much more often than average a field's dossiers run late or get stuck pending.
FIELD_DELAY = {
    "Đất đai": 2.2, "Xây dựng": 1.5, "Môi trường": 1.8, "Tài nguyên nước": 1.5,
    "Đầu tư": 1.3, "Hộ tịch": 0.4, "Chứng thực": 0.2, "Giao thông": 0.5,
    "Đăng ký kinh doanh": 0.5,
}
# Share of dossiers per level, and of the provincial level handled by the service centre.
LEVEL_SHARE = {"commune": 0.45, "district": 0.30, "province": 0.25}
CENTRE_SHARE = 0.30

# Public holidays (no office work), 2022-2025.
HOLIDAYS = {
    date(2022, 1, 3), *(date(2022, 1, 31) + timedelta(i) for i in range(5)),
    date(2022, 4, 11), date(2022, 5, 2), date(2022, 5, 3), date(2022, 9, 1), date(2022, 9, 2),
    date(2023, 1, 2), *(date(2023, 1, 20) + timedelta(i) for i in range(7)),
    date(2023, 5, 1), date(2023, 5, 2), date(2023, 5, 3), date(2023, 9, 1), date(2023, 9, 4),
    date(2024, 1, 1), *(date(2024, 2, 8) + timedelta(i) for i in range(7)),
    date(2024, 4, 18), date(2024, 4, 30), date(2024, 5, 1), date(2024, 9, 2), date(2024, 9, 3),
    date(2025, 1, 1), *(date(2025, 1, 25) + timedelta(i) for i in range(9)),
    date(2025, 4, 7), date(2025, 4, 30), date(2025, 5, 1), date(2025, 9, 1), date(2025, 9, 2),
}
# Month-of-year volume factors (January rush before Tết, quiet summer).
MONTH_FACTOR = [1.15, 0.85, 1.05, 1.0, 1.0, 0.95, 0.95, 1.0, 1.0, 1.0, 1.0, 1.1]

# Syllables for district and commune names that look Vietnamese without claiming to be real.
NAME_FIRST = (
    "An Bình Phú Hòa Tân Long Vĩnh Mỹ Phước Xuân Sơn Thuận Hưng Quang Đức Lộc Thái Hải Yên "
    "Gia Cẩm Kim Thanh Trung Nghĩa Lạc Thạch Hoàng Minh Tiên Đại Hồng Quảng Triệu Vạn Diên "
    "Ninh Cam Hàm Châu Tam Bảo Định Khánh Lương Như Thọ Cát"
).split()
NAME_SECOND = (
    "An Bình Hòa Phú Thành Hưng Lợi Thạnh Phong Lộc Sơn Hải Thủy Trung Tiến Xuân Mỹ Định "
    "Đức Hiệp Lâm Long Ninh Quang Tân Thịnh Thọ Phước Điền Khê Giang Dương Hà Nguyên Vinh "
    "Chánh Hội Tường Cư Dân"
).split()
DIRECTIONS = ["Đông", "Tây", "Nam", "Bắc"]

# Real districts (2022-2024) for a few provinces: (GSO code, kind, name).
REAL_DISTRICTS = {
    "54": [
        (555, "thành phố", "Tuy Hòa"), (557, "thị xã", "Sông Cầu"), (558, "huyện", "Đồng Xuân"),
        (559, "huyện", "Tuy An"), (560, "huyện", "Sơn Hòa"), (561, "huyện", "Sông Hinh"),
        (562, "huyện", "Tây Hòa"), (563, "huyện", "Phú Hòa"), (564, "thị xã", "Đông Hòa"),
    ],
    "01": [
        (1, "quận", "Ba Đình"), (2, "quận", "Hoàn Kiếm"), (3, "quận", "Tây Hồ"),
        (4, "quận", "Long Biên"), (5, "quận", "Cầu Giấy"), (6, "quận", "Đống Đa"),
        (7, "quận", "Hai Bà Trưng"), (8, "quận", "Hoàng Mai"), (9, "quận", "Thanh Xuân"),
        (16, "huyện", "Sóc Sơn"), (17, "huyện", "Đông Anh"), (18, "huyện", "Gia Lâm"),
        (19, "quận", "Nam Từ Liêm"), (20, "huyện", "Thanh Trì"), (21, "quận", "Bắc Từ Liêm"),
        (250, "huyện", "Mê Linh"), (268, "quận", "Hà Đông"), (269, "thị xã", "Sơn Tây"),
        (271, "huyện", "Ba Vì"), (272, "huyện", "Phúc Thọ"), (273, "huyện", "Đan Phượng"),
        (274, "huyện", "Hoài Đức"), (275, "huyện", "Quốc Oai"), (276, "huyện", "Thạch Thất"),
        (277, "huyện", "Chương Mỹ"), (278, "huyện", "Thanh Oai"), (279, "huyện", "Thường Tín"),
        (280, "huyện", "Phú Xuyên"), (281, "huyện", "Ứng Hòa"), (282, "huyện", "Mỹ Đức"),
    ],
    "79": [
        (760, "quận", "1"), (761, "quận", "12"), (764, "quận", "Gò Vấp"),
        (765, "quận", "Bình Thạnh"), (766, "quận", "Tân Bình"), (767, "quận", "Tân Phú"),
        (768, "quận", "Phú Nhuận"), (769, "thành phố", "Thủ Đức"), (770, "quận", "3"),
        (771, "quận", "10"), (772, "quận", "11"), (773, "quận", "4"), (774, "quận", "5"),
        (775, "quận", "6"), (776, "quận", "8"), (777, "quận", "Bình Tân"), (778, "quận", "7"),
        (783, "huyện", "Củ Chi"), (784, "huyện", "Hóc Môn"), (785, "huyện", "Bình Chánh"),
        (786, "huyện", "Nhà Bè"), (787, "huyện", "Cần Giờ"),
    ],
}
REAL_COMMUNES = {
    ("54", 559): [
        "thị trấn Chí Thạnh", "xã An Ninh Đông", "xã An Ninh Tây", "xã An Thạch", "xã An Cư",
        "xã An Dân", "xã An Định", "xã An Hòa Hải", "xã An Hiệp", "xã An Lĩnh", "xã An Mỹ",
        "xã An Nghiệp", "xã An Thọ", "xã An Xuân",
    ],
}
CATALOGUE_SEED = 20_220_101  # the unit catalogue is the same whatever --seed is

CHANNELS = ("online", "direct", "postal")
CHANNELS_VI = ("trực tuyến", "trực tiếp", "bưu chính")
LEVELS_EN = ("full", "partial")
LEVELS_VI = ("toàn trình", "một phần")


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def plain_sum(values) -> float:
    """Add floats left to right.

    Not `sum()`: Python 3.12 made it compensated, which would change the file between Python
    versions. For the same reason the generator avoids libm functions such as log.
    """
    total = 0.0
    for value in values:
        total += value
    return total


def csv_field(text: str) -> str:
    """Quote a field the RFC 4180 way, only when needed."""
    if any(c in text for c in ',"\r\n'):
        return '"' + text.replace('"', '""') + '"'
    return text


class Unit:
    __slots__ = ("province", "code", "name", "level", "agency", "prefix", "procedures",
                 "proc_cum", "weight")

    def __init__(self, province, code, name, level, agency, procedures, weight):
        self.province = province
        self.code = code
        self.name = nfc(name)
        self.level = level
        self.agency = agency  # dossier-number prefix, unique per unit
        self.procedures = procedures  # list of procedure indexes
        self.weight = weight
        self.prefix = ""
        self.proc_cum: list[float] = []


class Catalogue:
    """Provinces, their units and procedures; fixed, independent of --seed."""

    def __init__(self, province_codes: list[str] | None):
        rng = random.Random(CATALOGUE_SEED)
        all_codes = [p[0] for p in PROVINCES]
        if province_codes is not None:
            unknown = [c for c in province_codes if c not in all_codes]
            if unknown:
                raise SystemExit(
                    f"generate_dossiers.py: error: unknown province code(s) {', '.join(unknown)}; "
                    f"use 2-digit pre-2025 GSO codes such as 01, 54, 79"
                )
        # Procedures: index -> (national code, field, days, weight, online offset, delay).
        self.procedures: list[tuple] = []
        proc_index: dict[str, int] = {}

        def register(procs):
            out = []
            for code, field, days, weight, online in procs:
                if code not in proc_index:
                    proc_index[code] = len(self.procedures)
                    self.procedures.append(
                        (code, nfc(field), days, weight, online, FIELD_DELAY.get(field, 1.0))
                    )
                elif self.procedures[proc_index[code]][1] != nfc(field):
                    raise AssertionError(f"procedure {code} listed under two fields")
                out.append(proc_index[code])
            return out

        commune_procs = register(COMMUNE_PROCEDURES)
        district_procs = register(DISTRICT_PROCEDURES)
        dept_procs = [(suffix, name, register(procs)) for suffix, name, procs in DEPARTMENTS]
        centre_procs = [i for _, _, ps in dept_procs for i in ps]

        self.units: list[Unit] = []
        self.provinces = []  # (code, name, weight, online offset, late rate, unit cum, units)
        district_counter = 24
        commune_counter = 1
        for position, (code, name, kind, population) in enumerate(PROVINCES, start=1):
            # Draw every province's random traits, even unselected ones, so that a province's
            # units do not depend on --province-codes.
            agency_suffix = f"H{position:02d}"
            online_offset = rng.uniform(-0.08, 0.10) + (0.06 if code in URBAN_BOOST else 0.0)
            late_rate = rng.uniform(0.037, 0.097)
            where = f"{kind} {name}"
            units: list[Unit] = []
            units.append(Unit(
                code, f"{code}.TTPVHCC",
                f'Trung tâm Phục vụ hành chính công "một cửa", {where}',
                "province", f"000.00.{code}.{agency_suffix}", centre_procs,
                LEVEL_SHARE["province"] * CENTRE_SHARE,
            ))
            dept_total = plain_sum(self.procedures[i][3] for _, _, ps in dept_procs for i in ps)
            for number, (suffix, dept_name, procs) in enumerate(dept_procs, start=1):
                share = plain_sum(self.procedures[i][3] for i in procs) / dept_total
                units.append(Unit(
                    code, f"{code}.SO.{suffix}", f"{dept_name} {where}", "province",
                    f"000.{number:02d}.{code}.{agency_suffix}", procs,
                    LEVEL_SHARE["province"] * (1 - CENTRE_SHARE) * share,
                ))
            districts = self._districts(rng, code, population, district_counter,
                                        city=kind == "thành phố")
            if code not in REAL_DISTRICTS:
                district_counter = max(d[0] for d in districts) + 3
            district_units = []
            commune_units = []
            for number, (dcode, dkind, dname) in enumerate(districts, start=20):
                dweight = rng.uniform(0.6, 1.4) * (1.6 if dkind != "huyện" else 1.0)
                district_units.append(Unit(
                    code, f"{code}.H.{dcode:03d}", f"UBND {dkind} {dname}", "district",
                    f"000.{number:02d}.{code}.{agency_suffix}", district_procs, dweight,
                ))
                communes = REAL_COMMUNES.get((code, dcode)) or self._communes(rng, dkind)
                for cnumber, cname in enumerate(communes, start=1):
                    commune_units.append(Unit(
                        code, f"{code}.X.{commune_counter:05d}",
                        f"UBND {cname}, {dkind} {dname}", "commune",
                        f"{cnumber:03d}.{number:02d}.{code}.{agency_suffix}", commune_procs,
                        rng.uniform(0.5, 1.5),
                    ))
                    commune_counter += 3
            for group, share in ((district_units, LEVEL_SHARE["district"]),
                                 (commune_units, LEVEL_SHARE["commune"])):
                total = plain_sum(u.weight for u in group)
                for u in group:
                    u.weight = share * u.weight / total
            units += district_units + commune_units
            if province_codes is not None and code not in province_codes:
                continue
            first = len(self.units)
            cum, acc = [], 0.0
            for u in units:
                acc += u.weight
                cum.append(acc)
                acc_p, pcum = 0.0, []
                for i in u.procedures:
                    acc_p += self.procedures[i][3]
                    pcum.append(acc_p)
                u.proc_cum = pcum
                u.prefix = f"{code},{u.code},{csv_field(u.name)},"
                self.units.append(u)
            weight = population * URBAN_BOOST.get(code, 1.0)
            self.provinces.append((code, nfc(name), weight, online_offset, late_rate,
                                   cum, list(range(first, len(self.units))), agency_suffix))
        self.fixed_online_level = False  # True once make_realistic gave each procedure its level
        self.province_cum = []
        acc = 0.0
        for p in self.provinces:
            acc += p[2]
            self.province_cum.append(acc)

    @staticmethod
    def _name(rng: random.Random, taken: set[str], direction: float) -> str:
        while True:
            name = (NAME_FIRST[int(rng.random() * len(NAME_FIRST))] + " "
                    + NAME_SECOND[int(rng.random() * len(NAME_SECOND))])
            if rng.random() < direction:
                name += " " + DIRECTIONS[int(rng.random() * 4)]
            first, _, rest = name.partition(" ")
            if first != rest.split(" ")[0] and name not in taken:
                taken.add(name)
                return name

    def _districts(self, rng, code, population, counter, city):
        if code in REAL_DISTRICTS:
            return REAL_DISTRICTS[code]
        count = min(15, 6 + int(population * 2.5 + rng.random() * 3))
        taken: set[str] = set()
        out = []
        for i in range(count):
            if i == 0:
                kind = "quận" if city else "thành phố"
            elif city and i < count // 2:
                kind = "quận"
            elif i == 1 and count >= 9:
                kind = "thị xã"
            else:
                kind = "huyện"
            out.append((counter + i, kind, self._name(rng, taken, 0.0)))
        return out

    def _communes(self, rng, district_kind):
        count = 6 + int(rng.random() * 9)
        taken: set[str] = set()
        out = []
        for i in range(count):
            if district_kind in ("quận",):
                kind = "phường"
            elif district_kind in ("thành phố", "thị xã"):
                kind = "phường" if i < count * 0.6 else "xã"
            else:
                kind = "thị trấn" if i == 0 else "xã"
            out.append(f"{kind} {self._name(rng, taken, 0.15)}")
        return out


# --- the realistic shape (--shape realistic) -------------------------------------------------
# Real provincial catalogues list about 1,600 procedures each (most of them at the provincial
# level), every one under one field (lĩnh vực) and offered online at one level (full or partial),
# with a few procedures taking most of the dossiers. The national pool below is drawn once
# (REALISTIC_SEED); each province keeps the 57 procedures above and 85.5% of the others, and
# weighs them by Zipf's law on their national rank (weight 1/rank, times a per-province factor in
# 0.7..1.3), within the level of the unit that handles them.
REALISTIC_SEED = 20_220_102
REALISTIC_POOL = {"province": 1370, "district": 320, "commune": 180}
REALISTIC_KEEP = 0.855
# Fields of the departments' procedures (the department's fields above come first).
DEPARTMENT_FIELDS = {
    "TP": ["Tư pháp", "Lý lịch tư pháp", "Công chứng", "Luật sư", "Đấu giá tài sản", "Quốc tịch",
           "Nuôi con nuôi", "Giám định tư pháp", "Trọng tài thương mại"],
    "KHDT": ["Đăng ký kinh doanh", "Đầu tư", "Đấu thầu", "Hỗ trợ doanh nghiệp nhỏ và vừa"],
    "TNMT": ["Đất đai", "Môi trường", "Tài nguyên nước", "Khoáng sản", "Đo đạc và bản đồ",
             "Biển và hải đảo", "Khí tượng thủy văn"],
    "GTVT": ["Giao thông", "Đường bộ", "Đường thủy nội địa", "Đăng kiểm"],
    "XD": ["Xây dựng", "Nhà ở", "Quy hoạch kiến trúc", "Vật liệu xây dựng", "Hạ tầng kỹ thuật"],
    "YT": ["Y tế", "Dược", "Khám bệnh, chữa bệnh", "Y tế dự phòng", "Trang thiết bị y tế",
           "An toàn thực phẩm"],
    "GDDT": ["Giáo dục và Đào tạo", "Quy chế thi, tuyển sinh", "Văn bằng, chứng chỉ"],
    "LDTBXH": ["Lao động", "Người có công", "Bảo trợ xã hội", "Giáo dục nghề nghiệp",
               "An toàn lao động", "Trẻ em", "Việc làm"],
    "CT": ["Thương mại", "An toàn thực phẩm", "Điện", "Hóa chất", "Xúc tiến thương mại",
           "Kinh doanh khí"],
    "NNPTNT": ["Nông nghiệp", "Thú y", "Trồng trọt", "Bảo vệ thực vật", "Lâm nghiệp", "Thủy sản",
               "Thủy lợi"],
    "TC": ["Tài chính", "Quản lý giá", "Quản lý công sản"],
    "NV": ["Thi đua, khen thưởng", "Tôn giáo", "Công chức, viên chức", "Văn thư và lưu trữ",
           "Tổ chức hành chính"],
    "VHTTDL": ["Văn hóa", "Du lịch", "Thể dục thể thao", "Di sản văn hóa", "Gia đình",
               "Nghệ thuật biểu diễn"],
    "TTTT": ["Bưu chính", "Xuất bản, in và phát hành", "Báo chí", "Viễn thông và Internet",
             "Phát thanh, truyền hình và thông tin điện tử"],
    "KHCN": ["Khoa học và Công nghệ", "Tiêu chuẩn đo lường chất lượng", "Sở hữu trí tuệ",
             "An toàn bức xạ và hạt nhân"],
}
# Relative number of a department's procedures in the pool.
DEPARTMENT_SIZE = {
    "TP": 1.2, "KHDT": 1.3, "TNMT": 1.2, "GTVT": 1.3, "XD": 0.8, "YT": 1.6, "GDDT": 1.0,
    "LDTBXH": 1.2, "CT": 1.3, "NNPTNT": 1.3, "TC": 0.4, "NV": 0.6, "VHTTDL": 1.0, "TTTT": 0.5,
    "KHCN": 0.6,
}
DISTRICT_FIELDS = ["Đất đai", "Xây dựng", "Đăng ký kinh doanh", "Hộ tịch", "Chứng thực",
                   "Giáo dục và Đào tạo", "Lao động", "Thương mại", "Môi trường", "Nông nghiệp",
                   "Văn hóa", "Y tế", "Tài chính", "Nhà ở", "Bảo trợ xã hội", "Người có công"]
COMMUNE_FIELDS = ["Hộ tịch", "Chứng thực", "Đất đai", "Bảo trợ xã hội", "Người có công",
                  "Nông nghiệp", "Văn hóa", "Thi đua, khen thưởng", "Tôn giáo", "Lao động",
                  "Môi trường", "Giáo dục và Đào tạo"]
LEGAL_DAYS = (1, 2, 3, 5, 5, 7, 10, 10, 12, 15, 15, 20, 20, 30)


def make_realistic(catalogue: Catalogue) -> None:
    """Give every province of `catalogue` its own ~1,600-procedure catalogue (see above).

    Replaces the procedure list (the first 57 entries stay, each now with its online level) and
    every unit's procedures and their cumulative Zipf weights; the units, their weights and the
    province traits stay as they are. The pool and each province's choice come from random
    streams of their own, so a province's catalogue does not depend on --seed or on
    --province-codes.
    """
    rng = random.Random(REALISTIC_SEED)
    rnd = rng.random
    old = catalogue.procedures
    index_of = {p[0]: i for i, p in enumerate(old)}
    taken = set(index_of)
    # Existing procedures by level (and department), most popular first.
    commune = sorted((index_of[p[0]] for p in COMMUNE_PROCEDURES), key=lambda i: -old[i][3])
    district = sorted((index_of[p[0]] for p in DISTRICT_PROCEDURES), key=lambda i: -old[i][3])
    dept_of: dict[int, str] = {}
    provincial = []
    for suffix, _, procs in DEPARTMENTS:
        for p in procs:
            dept_of[index_of[p[0]]] = suffix
            provincial.append(index_of[p[0]])
    provincial.sort(key=lambda i: -old[i][3])
    procedures = [p + (rnd() < 0.45,) for p in old]  # 7th: online filings are full online

    def new_code() -> str:
        while True:
            code = f"{1 if rnd() < 0.7 else 2}.{int(rnd() * 12000):06d}"
            if code not in taken:
                taken.add(code)
                return code

    def add(field: str) -> int:
        procedures.append((new_code(), nfc(field), LEGAL_DAYS[int(rnd() * len(LEGAL_DAYS))], 0.0,
                           -0.20 + 0.50 * rnd(), FIELD_DELAY.get(field, 1.0), rnd() < 0.45))
        return len(procedures) - 1

    depts = [d for d, _, _ in DEPARTMENTS]
    dept_cum, acc = [], 0.0
    for d in depts:
        acc += DEPARTMENT_SIZE[d]
        dept_cum.append(acc)
    for level, ranked, fields in (("province", provincial, None), ("district", district, DISTRICT_FIELDS),
                                  ("commune", commune, COMMUNE_FIELDS)):
        while len(ranked) < REALISTIC_POOL[level]:
            if fields is None:
                dept = depts[bisect_right(dept_cum, rnd() * dept_cum[-1])]
                dept_fields = DEPARTMENT_FIELDS[dept]
                i = add(dept_fields[int(rnd() * len(dept_fields))])
                dept_of[i] = dept
            else:
                i = add(fields[int(rnd() * len(fields))])
            ranked.append(i)
    catalogue.procedures = procedures
    catalogue.fixed_online_level = True
    fixed = set(index_of.values())
    for p in catalogue.provinces:
        code = p[0]
        prng = random.Random(REALISTIC_SEED * 100 + int(code)).random
        lists = {}
        for level, ranked in (("province", provincial), ("district", district), ("commune", commune)):
            chosen = []
            for rank, i in enumerate(ranked, start=1):
                keep = prng() < REALISTIC_KEEP or i in fixed
                factor = 0.7 + 0.6 * prng()
                if keep:
                    chosen.append((i, factor / rank))
            lists[level] = chosen
        by_dept: dict[str, list] = {d: [] for d in depts}
        for i, w in lists["province"]:
            by_dept[dept_of[i]].append((i, w))
        shared: dict[str, tuple[list[int], list[float]]] = {}  # units of a kind share their lists
        for ui in p[6]:
            unit = catalogue.units[ui]
            if unit.level == "province":
                key = unit.code.split(".SO.")[1] if ".SO." in unit.code else "centre"
                chosen = lists["province"] if key == "centre" else by_dept[key]
            else:
                key = unit.level
                chosen = lists[key]
            if key not in shared:
                cum, acc = [], 0.0
                for _, w in chosen:
                    acc += w
                    cum.append(acc)
                shared[key] = ([i for i, _ in chosen], cum)
            unit.procedures, unit.proc_cum = shared[key]


class Calendar:
    """Day indexes from FIRST_DAY to CALENDAR_END, with working days and formatted strings."""

    def __init__(self):
        self.days: list[date] = []
        d = FIRST_DAY
        while d <= CALENDAR_END:
            self.days.append(d)
            d += timedelta(1)
        self.last_index = (LAST_DAY - FIRST_DAY).days
        self.iso = [d.isoformat() for d in self.days]
        self.month = [s[:7] for s in self.iso]
        self.yymmdd = [d.strftime("%y%m%d") for d in self.days]
        self.working = [d.weekday() < 5 and d not in HOLIDAYS for d in self.days]
        self.working_days = [i for i, w in enumerate(self.working) if w]
        # Position in working_days of the first working day strictly after day i.
        self.next_working = [0] * len(self.days)
        pos = len(self.working_days)
        for i in range(len(self.days) - 1, -1, -1):
            self.next_working[i] = pos
            if self.working[i]:
                pos -= 1

    def day_weights(self) -> list[float]:
        span = self.last_index
        weights = []
        for i in range(span + 1):
            d = self.days[i]
            if self.working[i]:
                w = 1.0
            elif d.weekday() == 5 and d not in HOLIDAYS:
                w = 0.12  # Saturday-morning desks and online filings
            else:
                w = 0.04
            weights.append(w * MONTH_FACTOR[d.month - 1] * (1.0 + 0.06 * i / 365.0))
        return weights


TIMES = [f"{s // 3600:02d}:{s // 60 % 60:02d}:{s % 60:02d}" for s in range(86400)]


def allocate(total: int, weights: list[float]) -> list[int]:
    """Split `total` over `weights` by systematic rounding of the running sum.

    Sums to `total` exactly, stays within one of each day's quota, and spreads even a few
    rows over the whole period (largest-remainder would bunch them on the heaviest days).
    """
    wsum = plain_sum(weights)
    counts = []
    acc = 0.0
    previous = 0
    for w in weights:
        acc += w
        mark = int(total * (acc / wsum) + 0.5)
        counts.append(mark - previous)
        previous = mark
    counts[-1] += total - previous  # guards against acc/wsum rounding just below 1
    return counts


def generate(rows: int, seed: int, catalogue: Catalogue, calendar: Calendar):
    """Yield (day index, rows of that day sorted by receipt time).

    A row is (received second, unit index, procedure index, channel 0/1/2, Vietnamese
    spelling?, full online?, due day index, resolved day index or -1, resolved second).
    """
    rng = random.Random(seed)
    rnd = rng.random
    units = catalogue.units
    procedures = catalogue.procedures
    provinces = catalogue.provinces
    province_cum = catalogue.province_cum
    province_total = province_cum[-1]
    working = calendar.working
    working_days = calendar.working_days
    next_working = calendar.next_working
    fixed_level = catalogue.fixed_online_level
    last = calendar.last_index
    span = float(last)
    counts = allocate(rows, calendar.day_weights())
    for day, count in enumerate(counts):
        t = day / span
        base_online = 0.09 + 0.42 * t
        full_share = 0.30 + 0.30 * t
        is_working = working[day]
        first_after = next_working[day]
        out = []
        append = out.append
        for _ in range(count):
            p = provinces[bisect_right(province_cum, rnd() * province_total)]
            ucum = p[5]
            unit_index = p[6][bisect_right(ucum, rnd() * ucum[-1])]
            unit = units[unit_index]
            pcum = unit.proc_cum
            proc_index = unit.procedures[bisect_right(pcum, rnd() * pcum[-1])]
            proc = procedures[proc_index]
            # Channel: online share rises over time and differs by province and procedure.
            if is_working:
                online_p = base_online + p[3] + proc[4]
            else:
                online_p = 0.90
            r = rnd()
            if r < online_p:
                channel = 0
                full = rnd() < full_share
                if fixed_level:
                    full = proc[6]  # realistic: the procedure's own level (the draw is kept)
                # Online filings arrive around the clock, mostly in waking hours.
                if rnd() < 0.85:
                    sec = 25200 + int(rnd() * 54000)
                else:
                    sec = int(rnd() * 86400)
            else:
                channel = 2 if r > 0.97 + 0.03 * online_p else 1
                full = False
                r = rnd()
                if r < 0.6:
                    sec = 27000 + int(r / 0.6 * 14400)  # 07:30-11:30
                else:
                    sec = 48600 + int((r - 0.6) / 0.4 * 12600)  # 13:30-17:00
            vietnamese = rnd() < 0.01
            days_limit = proc[2]
            due = working_days[first_after + days_limit - 1]
            # Resolution: some dossiers stay stuck; the rest are resolved on time or late.
            delay = proc[5]
            stuck = 0.042 * delay
            if rnd() < stuck:
                resolved, rsec = -1, 0
            else:
                if rnd() < p[4] * delay:
                    # Days overdue: geometric, mean about 5 (no libm call, see plain_sum).
                    offset = days_limit + 1
                    while offset < days_limit + 40 and rnd() < 0.8:
                        offset += 1
                else:
                    start = 0 if (is_working and sec < 57600) else 1
                    u = rnd()
                    offset = start + int((days_limit - start + 1) * u * u)
                if offset == 0:
                    resolved = day
                    after = (sec if sec > 27000 else 27000) + 600
                    rsec = after + int(rnd() * (63000 - after))
                else:
                    resolved = working_days[first_after + offset - 1]
                    rsec = 27000 + int(rnd() * 36000)
                if resolved > last:
                    resolved, rsec = -1, 0  # still open at the export's cut-off
            append((sec, unit_index, proc_index, channel, vietnamese, full, due, resolved, rsec))
        out.sort()
        yield day, out


HIGH_CARDINALITY_PROCEDURES = 5000
HIGH_CARDINALITY_FIELDS = 400
HIGH_CARDINALITY_BUCKETS = 64


BY_UNIT_BUCKETS = 64


def write_log(rows, seed, catalogue, calendar, stream, high_cardinality=False, by_unit=False) -> None:
    """The log in receipt order; with `high_cardinality`, every row's procedure is one of 5,000 per
    province and its field one of 400, drawn per row (so rollup cells approach the number of rows),
    and the rows come in random order (through temporary buckets: memory stays small).

    With `by_unit`, the same rows come unit by unit, as an export that concatenates per-unit
    reports: every row of the first unit in receipt order, then the next unit's, in the
    catalogue's unit order (province by province). The rows go to 64 temporary buckets of
    consecutive units (balanced by the units' expected share of rows), and each bucket is then
    read back and written unit by unit, so memory holds one bucket at a time.
    """
    if high_cardinality:
        import csv
        import tempfile
        hc = random.Random(seed * 7919 + 17).random  # a stream of its own: the rows stay the same
        buckets = [tempfile.TemporaryFile() for _ in range(HIGH_CARDINALITY_BUCKETS)]
        real_stream = stream

        class Scatter:
            def write(self, data: bytes) -> None:
                for line in data.split(EOL.encode()):
                    if not line:
                        continue
                    if line.startswith(b"dossier_id,"):
                        real_stream.write(line + EOL.encode())
                        continue
                    cells = next(csv.reader([line.decode("utf-8")]))
                    # dossier_id,province_code,unit_code,unit_name,procedure_code,field,...
                    cells[4] = f"HC.{int(hc() * HIGH_CARDINALITY_PROCEDURES):04d}.{cells[1]}"
                    cells[5] = f"Lĩnh vực {int(hc() * HIGH_CARDINALITY_FIELDS)}"
                    text = ",".join(csv_field(c) for c in cells) + EOL
                    buckets[int(hc() * HIGH_CARDINALITY_BUCKETS)].write(text.encode("utf-8"))
        write_log(rows, seed, catalogue, calendar, Scatter())
        for b in buckets:
            b.seek(0)
            while True:
                chunk = b.read(1 << 20)
                if not chunk:
                    break
                real_stream.write(chunk)
            b.close()
        return
    units = catalogue.units
    proc_codes = {}  # (province agency suffix, procedure index) -> "code,field,"
    for p in catalogue.provinces:
        for i, proc in enumerate(catalogue.procedures):
            proc_codes[(p[7], i)] = f"{proc[0]}.000.00.00.{p[7]},{csv_field(proc[1])},"
    unit_proc = {}
    # The realistic catalogues make millions of (unit, procedure) pairs: build those lines' heads
    # each time instead of keeping them, so memory does not grow with the rows.
    keep_heads = not catalogue.fixed_online_level
    iso = calendar.iso
    yymmdd = calendar.yymmdd
    times = TIMES
    write = stream.write
    write((LOG_HEADER + EOL).encode("utf-8"))
    if by_unit:
        import tempfile
        bucket_of = unit_buckets(catalogue, BY_UNIT_BUCKETS)
        buckets = [tempfile.TemporaryFile() for _ in range(BY_UNIT_BUCKETS)]
    for day, day_rows in generate(rows, seed, catalogue, calendar):
        seq: dict[int, int] = {}
        date_text = iso[day]
        stamp = yymmdd[day]
        lines = []
        add = lines.append
        for sec, ui, pi, channel, vietnamese, full, due, resolved, rsec in day_rows:
            n = seq.get(ui, 0) + 1
            seq[ui] = n
            key = (ui, pi)
            head = unit_proc.get(key)
            if head is None:
                unit = units[ui]
                suffix = unit.agency[-3:]
                head = unit.prefix + proc_codes[(suffix, pi)]
                if keep_heads:
                    unit_proc[key] = head
            if vietnamese:
                chan = CHANNELS_VI[channel]
                level = (LEVELS_VI[0] if full else LEVELS_VI[1]) if channel == 0 else ""
            else:
                chan = CHANNELS[channel]
                level = (LEVELS_EN[0] if full else LEVELS_EN[1]) if channel == 0 else ""
            if resolved < 0:
                tail = ",pending"
            else:
                tail = f"{iso[resolved]}T{times[rsec]}{OFFSET},resolved"
            add(f"{units[ui].agency}-{stamp}-{n:04d},{head}{date_text}T{times[sec]}{OFFSET},"
                f"{chan},{level},{iso[due]},{tail}")
        if by_unit:
            # Each line goes to its unit's bucket, behind the unit's index (5 digits); a day's
            # lines are written at once, so nothing piles up in memory.
            per_bucket: dict[int, list[str]] = {}
            for row, line in zip(day_rows, lines):
                ui = row[1]
                b = bucket_of[ui]
                group = per_bucket.get(b)
                if group is None:
                    per_bucket[b] = group = []
                group.append(f"{ui:05d}{line}")
            for b, group in per_bucket.items():
                group.append("")
                buckets[b].write(EOL.join(group).encode("utf-8"))
        elif lines:
            lines.append("")
            write(EOL.join(lines).encode("utf-8"))
    if by_unit:
        eol = EOL.encode()
        for b in buckets:
            b.seek(0)
            data = b.read()
            b.close()
            per_unit: dict[bytes, list[bytes]] = {}
            for line in data.split(eol):
                if line:
                    key = line[:5]
                    group = per_unit.get(key)
                    if group is None:
                        per_unit[key] = group = []
                    group.append(line[5:])
            del data
            for key in sorted(per_unit):
                group = per_unit[key]
                group.append(b"")
                write(eol.join(group))


def unit_buckets(catalogue, count: int) -> list[int]:
    """Bucket of every unit: consecutive units, each bucket about 1/count of the expected rows."""
    total = catalogue.province_cum[-1] if catalogue.province_cum else 1.0
    share = [0.0] * len(catalogue.units)
    for p in catalogue.provinces:
        for ui in p[6]:
            share[ui] = p[2] / total * catalogue.units[ui].weight
    out, acc = [], 0.0
    for s in share:
        out.append(min(count - 1, int(acc * count)))
        acc += s
    return out


def write_aggregate(rows, seed, catalogue, calendar, stream) -> None:
    month = calendar.month
    # (period, unit index, procedure index) -> [received total, online, direct, postal,
    #                                           resolved, on time, late, pending]
    cells: dict[tuple, list[int]] = {}
    for day, day_rows in generate(rows, seed, catalogue, calendar):
        period = month[day]
        for sec, ui, pi, channel, vietnamese, full, due, resolved, rsec in day_rows:
            key = (period, ui, pi)
            cell = cells.get(key)
            if cell is None:
                cell = cells[key] = [0] * 8
            cell[0] += 1
            cell[1 + channel] += 1
            if resolved < 0:
                cell[7] += 1
                continue
            rkey = (month[resolved], ui, pi)
            rcell = cells.get(rkey)
            if rcell is None:
                rcell = cells[rkey] = [0] * 8
            rcell[4] += 1
            if resolved <= due:
                rcell[5] += 1
            else:
                rcell[6] += 1
    units = catalogue.units
    procedures = catalogue.procedures
    lines = []
    for (period, ui, pi), c in cells.items():
        unit = units[ui]
        proc = procedures[pi]
        suffix = unit.agency[-3:]
        lines.append((
            period, unit.province, unit.code, pi,
            f"{period},{unit.province},{unit.code},{csv_field(unit.name)},{unit.level},"
            f"{proc[0]}.000.00.00.{suffix},{csv_field(proc[1])},"
            + ",".join(str(v) for v in c),
        ))
    # Sort by period, province, unit code, procedure code (plain code-point order).
    lines.sort(key=lambda x: (x[0], x[1], x[2], procedures[x[3]][0]))
    stream.write((AGGREGATE_HEADER + EOL).encode("utf-8"))
    chunk = []
    for line in lines:
        chunk.append(line[4])
        if len(chunk) >= 50_000:
            chunk.append("")
            stream.write(EOL.join(chunk).encode("utf-8"))
            chunk = []
    if chunk:
        chunk.append("")
        stream.write(EOL.join(chunk).encode("utf-8"))


SHAPES = ("basic", "realistic", "high-cardinality")


def parse_arguments(argv=None):
    parser = argparse.ArgumentParser(
        description="Generate a synthetic one-stop-shop dossier log (CSV, CRLF) or its "
                    "monthly aggregate. Same --rows and --seed give a byte-identical file.")
    parser.add_argument("--rows", type=int, required=True, help="number of dossiers")
    parser.add_argument("--seed", type=int, required=True, help="random seed (any integer)")
    parser.add_argument("--province-codes", default=None,
                        help="comma-separated 2-digit GSO codes to limit the log to, e.g. 54,52")
    parser.add_argument("--out", default=None, help="output file (default: standard output)")
    parser.add_argument("--aggregate", action="store_true",
                        help="write the monthly aggregate of the same dossiers instead of the log")
    parser.add_argument("--shape", choices=SHAPES, default="basic",
                        help="basic (default): 57 procedures, rows in receipt order; realistic: about 1,600 "
                             "procedures per province with Zipf popularity, each with one field and one online "
                             "level, rows exported unit by unit; high-cardinality: the same as --high-cardinality")
    parser.add_argument("--high-cardinality", action="store_true",
                        help="log only: draw each row's procedure (5,000 per province) and field (400) at random "
                             "and write the rows in random order, so rollup cells approach the number of rows "
                             "(the basic log otherwise; same as --shape high-cardinality)")
    args = parser.parse_args(argv)
    if args.high_cardinality:
        if args.shape == "realistic":
            parser.error("--high-cardinality and --shape realistic are two different shapes; pick one")
        args.shape = "high-cardinality"
    args.high_cardinality = args.shape == "high-cardinality"
    if args.rows < 0:
        parser.error(f"--rows must be 0 or more, got {args.rows}")
    if args.province_codes is not None:
        codes = [c.strip() for c in args.province_codes.split(",") if c.strip()]
        if not codes:
            parser.error("--province-codes is empty; give codes such as 54,52 or leave it out")
        args.province_codes = codes
    return args


def main(argv=None) -> int:
    args = parse_arguments(argv)
    catalogue = Catalogue(args.province_codes)
    if args.shape == "realistic":
        make_realistic(catalogue)
    calendar = Calendar()
    if args.high_cardinality and args.aggregate:
        print("--high-cardinality applies to the log only", file=sys.stderr)
        return 2
    if args.aggregate:
        write = write_aggregate
    else:
        def write(rows, seed, catalogue, calendar, stream):
            write_log(rows, seed, catalogue, calendar, stream, high_cardinality=args.high_cardinality,
                      by_unit=args.shape == "realistic")
    if args.out is None:
        try:
            write(args.rows, args.seed, catalogue, calendar, sys.stdout.buffer)
            sys.stdout.buffer.flush()
        except BrokenPipeError:  # e.g. piped into `head`; not an error of ours
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    else:
        with open(args.out, "wb", buffering=1 << 20) as stream:
            write(args.rows, args.seed, catalogue, calendar, stream)
    return 0


if __name__ == "__main__":
    sys.exit(main())
