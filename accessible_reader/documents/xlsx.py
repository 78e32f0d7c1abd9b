"""Spreadsheet (.xlsx) attachments through openpyxl: every sheet as a heading and a table.

Read-only and values only (a formula shows its last computed value), so even a large
workbook streams. Empty rows and trailing empty columns are dropped; dates read as
dates, whole numbers without ".0". Past MAX_ROWS rows a sheet is cut with a note.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import Any

from accessible_reader.article.model import Article, Block, BlockKind
from accessible_reader.errors import SourceError

MAX_ROWS = 5000
MAX_COLUMNS = 60


def read_xlsx(data: bytes, name: str) -> Article:
    """An .xlsx workbook as an Article: one heading and one table per sheet."""
    import openpyxl

    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for damaged files
        raise SourceError(
            "这个 Excel 文件已损坏，阅读器无法打开它。",
            detail=type(error).__name__,
        ) from None
    blocks: list[Block] = []
    try:
        sheets = workbook.worksheets
        for sheet in sheets:
            rows, cut = _rows(sheet)
            if not rows:
                continue
            if len(sheets) > 1:
                blocks.append(Block(BlockKind.HEADING, str(sheet.title), level=2))
            blocks.append(Block.table(rows, header_rows=1 if len(rows) > 1 else 0))
            if cut:
                blocks.append(
                    Block(
                        BlockKind.PARAGRAPH,
                        f"（这个工作表超过 {MAX_ROWS} 行，只显示了前 {MAX_ROWS} 行。）",
                    )
                )
        title = (workbook.properties.title or "").strip() or Path(name).stem or "Excel 文件"
    finally:
        workbook.close()
    return Article(title=title, blocks=tuple(blocks))


def _rows(sheet: Any) -> tuple[tuple[tuple[str, ...], ...], bool]:
    rows: list[list[str]] = []
    cut = False
    for values in sheet.iter_rows(values_only=True, max_col=MAX_COLUMNS):
        if len(rows) >= MAX_ROWS:
            cut = True
            break
        cells = [_cell(value) for value in values]
        if any(cells):
            rows.append(cells)
    if not rows:
        return (), False
    width = max(max((i + 1 for i, cell in enumerate(row) if cell), default=0) for row in rows)
    return tuple(tuple((row + [""] * width)[:width]) for row in rows), cut


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return " ".join(str(value).split())
