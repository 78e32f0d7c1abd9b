"""Long lines cut into pieces only at wide blank gaps, and the pieces' text joined."""

from __future__ import annotations

import numpy as np
from PIL import Image, ImageOps

from accessible_reader.documents.pieces import cut_points, join, pieces
from tests.documents.helpers import draw_lines

LONG = (
    "为进一步做好老年人服务，切实解决老年人遇到的困难，"
    "现就有关事项通知如下，各地区各部门要高度重视。"
)


def _line(text: str, size: int = 28) -> Image.Image:
    return draw_lines([text], size=size, width=size * len(text) + 40, margin=6, spacing=1.0)


def test_a_long_line_is_cut_only_where_no_ink_is() -> None:
    line = _line(LONG)
    cuts = cut_points(line, 640, 48)
    assert len(cuts) >= 1
    grey = np.asarray(line.convert("L"))
    for x in cuts:
        assert grey[:, x - 2 : x + 3].min() > 200  # a gap several columns wide
    parts = pieces(line, 640, 48)
    assert [part.width for part in parts] == [
        b - a for a, b in zip([0, *cuts], [*cuts, line.width], strict=True)
    ]
    assert all(part.width * 48 / line.height < 640 * 1.25 for part in parts)


def test_light_text_on_a_dark_band_is_cut_as_well() -> None:
    line = ImageOps.invert(_line(LONG))
    assert cut_points(line, 640, 48) == cut_points(_line(LONG), 640, 48)


def test_a_line_without_a_wide_gap_is_not_cut() -> None:
    # No marks: the only blank columns are the narrow ones between (and inside) characters.
    line = _line("门川儿八小人口日月明朗照耀四方上下左右前后内外东西南北" * 2, size=16)
    assert cut_points(line, 320, 48) == []
    assert pieces(line, 320, 48) == [line]
    assert cut_points(_line("短句。"), 640, 48) == []


def test_pieces_join_with_full_width_marks_and_latin_spaces() -> None:
    assert join(["咨询电话：12345,", "办公地址"]) == "咨询电话：12345，办公地址"
    assert join(["结合实际制定具体措施,", "2024年"]) == "结合实际制定具体措施，2024年"
    assert join(["办公地址", ":人民路"]) == "办公地址：人民路"
    assert join(["Accessible", "Reader 2.0"]) == "Accessible Reader 2.0"
    assert join(["版本 1.0,", "English"]) == "版本 1.0, English"
    assert join(["", " 文字 "]) == "文字"
