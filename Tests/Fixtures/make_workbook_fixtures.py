#!/usr/bin/env python3
"""Make the committed workbook fixtures the way offices make them (run from the repository root).

    pip install openpyxl
    python3 Tests/Fixtures/make_workbook_fixtures.py

- Tests/ChiSoKitTests/Fixtures/xlsx/openpyxl-dossiers.xlsx: 25 rows of the benchmark's synthetic
  dossier log as a one-stop-shop export: a title row and a blank row above the header, dates as
  Excel dates (serial numbers with dd/mm/yyyy formats), codes and ids as shared strings; and
  openpyxl-dossiers.csv, what ChiSo must read from it (dates as ISO text).
- Tests/ChiSoKitTests/Fixtures/xlsx/mau-06a.xlsx: a "Mẫu 06a" statistics table: agency and motto,
  title, a two-row header with merged group cells, unit rows and a "Tổng cộng" row.
- Tests/Fixtures/bad/*.xls, *.ods, *.xlsx: the refusals of the bad-input corpus.
"""

import csv
import io
import os
import sys
import zipfile
from datetime import date, datetime

from openpyxl import Workbook

ROOT = os.getcwd()
KIT = os.path.join(ROOT, "Tests/ChiSoKitTests/Fixtures/xlsx")
BAD = os.path.join(ROOT, "Tests/Fixtures/bad")
sys.path.insert(0, os.path.join(ROOT, "Benchmarks"))


def fixed(wb: Workbook, path: str) -> None:
    """Saves with a fixed timestamp so that the bytes do not change from run to run."""
    wb.properties.created = datetime(2024, 1, 1)
    wb.properties.modified = datetime(2024, 1, 1)
    wb.save(path)


def dossiers() -> None:
    import subprocess
    text = subprocess.run([sys.executable, os.path.join(ROOT, "Benchmarks/generate_dossiers.py"), "--rows", "25", "--seed", "7"],
                          check=True, capture_output=True, text=True).stdout
    rows = list(csv.reader(io.StringIO(text)))
    header, body = rows[0], rows[1:]
    wb = Workbook()
    ws = wb.active
    ws.title = "Hồ sơ"
    ws.append(["DANH SÁCH HỒ SƠ TIẾP NHẬN"])
    ws.append([])
    ws.append(header)
    expected = [header]
    dates = {"received_at", "due_at", "resolved_at"}
    for row in body:
        out, shown = [], []
        for name, value in zip(header, row):
            if name in dates and value:
                if len(value) == 10:
                    out.append(date.fromisoformat(value))
                    shown.append(value)
                else:
                    moment = datetime.fromisoformat(value[:19])
                    out.append(moment)
                    shown.append(moment.strftime("%Y-%m-%d %H:%M:%S"))
            else:
                out.append(value)
                shown.append(value)
        ws.append(out)
        for cell in ws[ws.max_row]:
            if isinstance(cell.value, datetime):
                cell.number_format = "dd/mm/yyyy hh:mm:ss"
            elif isinstance(cell.value, date):
                cell.number_format = "dd/mm/yyyy"
        expected.append(shown)
    fixed(wb, os.path.join(KIT, "openpyxl-dossiers.xlsx"))
    with open(os.path.join(KIT, "openpyxl-dossiers.csv"), "w", newline="", encoding="utf-8") as f:
        csv.writer(f, lineterminator="\n").writerows(expected)


def mau_06a(path: str, total: int = 420) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "Biểu 06a"
    ws["A1"] = "UBND TỈNH PHÚ YÊN"
    ws["F1"] = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    ws["A2"] = "TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT TTHC TẠI CƠ QUAN, ĐƠN VỊ TRỰC TIẾP GIẢI QUYẾT TTHC"
    ws.merge_cells("A2:J2")
    ws["A3"] = "Kỳ báo cáo: Quý I/2024"
    ws.append([])
    ws.append(["STT", "Mã đơn vị", "Đơn vị", "Tỉnh", "Kỳ báo cáo", "Số hồ sơ nhận giải quyết", None, "Số hồ sơ đã giải quyết", None, None])
    ws.append([None, None, None, None, None, "Trực tuyến", "Trực tiếp", "Tổng số", "Đúng hạn", "Quá hạn"])
    for col in "ABCDE":
        ws.merge_cells(f"{col}5:{col}6")
    ws.merge_cells("F5:G5")
    ws.merge_cells("H5:J5")
    ws.append([1, "54.STP", "Sở Tư pháp", "Phú Yên", "Quý I/2024", 200, 100, 280, 270, 10])
    ws.append([2, "54.SYT", "Sở Y tế", "Phú Yên", "Quý I/2024", 90, 60, 140, 138, 2])
    ws.append(["Tổng cộng", None, None, "Phú Yên", "Quý I/2024", 290, 160, total, 408, 12])
    ws.merge_cells(f"A{ws.max_row}:C{ws.max_row}")
    fixed(wb, path)


def bad() -> None:
    # A legacy Excel 97-2003 workbook: an OLE compound file header (what Excel writes first) and empty sectors.
    header = bytes.fromhex("D0CF11E0A1B11AE1") + bytes(16) + bytes.fromhex("3E000300FEFF0900") + bytes(512 - 32)
    with open(os.path.join(BAD, "legacy-workbook.xls"), "wb") as f:
        f.write(header + bytes(1024))
    # LibreOffice's OpenDocument spreadsheet: a ZIP whose first entry, stored, is "mimetype".
    with zipfile.ZipFile(os.path.join(BAD, "libreoffice-sheet.ods"), "w") as z:
        info = zipfile.ZipInfo("mimetype", date_time=(2024, 1, 1, 0, 0, 0))
        z.writestr(info, "application/vnd.oasis.opendocument.spreadsheet", compress_type=zipfile.ZIP_STORED)
        z.writestr(zipfile.ZipInfo("content.xml", date_time=(2024, 1, 1, 0, 0, 0)), "<office:document-content/>")
    # A portal's "Excel" export that is a web page.
    with open(os.path.join(BAD, "portal-export-html.xls"), "w", encoding="utf-8") as f:
        f.write("<html><head><meta charset=\"utf-8\"></head><body><table><tr><td>Tỉnh</td><td>Điểm</td></tr>"
                "<tr><td>Phú Yên</td><td>64,17</td></tr></table></body></html>\n")
    # A workbook cut short (a download that stopped).
    wb = Workbook()
    ws = wb.active
    ws.append(["province", "score"])
    ws.append(["Phú Yên", 64.17])
    buffer = io.BytesIO()
    wb.save(buffer)
    with open(os.path.join(BAD, "truncated-workbook.xlsx"), "wb") as f:
        f.write(buffer.getvalue()[:1500])
    # A rankings workbook with a title and an unknown province: the error names the sheet and the cell.
    wb = Workbook()
    ws = wb.active
    ws.title = "PCI 2020"
    ws.append(["CHỈ SỐ NĂNG LỰC CẠNH TRANH CẤP TỈNH 2020"])
    ws.append([])
    ws.append(["Tỉnh/Thành phố", "Điểm", "Xếp hạng"])
    ws.append(["Phú Yên", 64.17, 35])
    ws.append(["Phu Yenn", 60.1, 50])
    fixed(wb, os.path.join(BAD, "workbook-unknown-province.xlsx"))
    # A Mẫu 06a whose total row does not add up.
    mau_06a(os.path.join(BAD, "workbook-total-mismatch.xlsx"), total=430)


if __name__ == "__main__":
    os.makedirs(KIT, exist_ok=True)
    dossiers()
    mau_06a(os.path.join(KIT, "mau-06a.xlsx"))
    bad()
