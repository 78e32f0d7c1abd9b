"""Long lines cut into pieces only at wide blank gaps, and the pieces' text joined."""

from __future__ import annotations

import numpy as np
from PIL import Image, ImageDraw, ImageOps

from accessible_reader.documents.pieces import (
    Box,
    cut_points,
    grey_pixels,
    join,
    pieces,
    small_ends,
)
from tests.documents.helpers import draw_lines, font

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


def _figure(unit_left: bool = False, rule: bool = False) -> tuple[Image.Image, Box, Box]:
    """A big 12 with a small 个 after it (or 第 before it, or a frame's rule instead):
    the picture, the big number's box as a detector gives it, the small one's ink."""
    image = Image.new("RGB", (420, 160), (250, 246, 238))
    draw = ImageDraw.Draw(image)
    big, small = font(96), font(28)
    x = 120
    left, top, right, bottom = (round(v) for v in draw.textbbox((x, 130), "12", big, "ls"))
    draw.text((x, 130), "12", font=big, fill=(200, 30, 30), anchor="ls")
    small_box: tuple[float, float, float, float] = (0, 0, 0, 0)
    if rule:
        draw.rectangle((right + 8, 10, right + 10, 150), fill=(200, 30, 30))
    elif unit_left:
        width = draw.textlength("第", font=small)
        small_box = draw.textbbox((left - 6 - width, 130), "第", small, "ls")
        draw.text((left - 6 - width, 130), "第", font=small, fill="grey", anchor="ls")
    else:
        small_box = draw.textbbox((right + 6, 130), "个", small, "ls")
        draw.text((right + 6, 130), "个", font=small, fill="grey", anchor="ls")
    margin = 8  # the detector's box stands a little off the ink
    box = (left - margin, top - margin, right + margin, bottom + margin)
    a, b, c, d = (round(v) for v in small_box)
    return image, box, (a, b, c, d)


def _contains(outer: Box, inner: Box) -> bool:
    return (
        outer[0] <= inner[0] and outer[1] <= inner[1]
        and outer[2] >= inner[2] and outer[3] >= inner[3]
    )  # fmt: skip


def test_a_small_unit_left_out_beside_a_big_number_is_found() -> None:
    image, box, unit = _figure()
    ends = small_ends(grey_pixels(image), box, [box])
    assert len(ends) == 1
    end = ends[0]
    assert end.side == 1 and end.outside and end.rest == box
    assert _contains(end.crop, unit)
    assert end.crop[0] >= box[2] - 8  # none of the 2 in it
    assert end.crop[3] - end.crop[1] < (box[3] - box[1]) * 0.7  # read at its own size


def test_a_small_word_before_a_big_number_is_found() -> None:
    image, box, word = _figure(unit_left=True)
    ends = small_ends(grey_pixels(image), box, [box])
    assert [end.side for end in ends] == [-1]
    assert _contains(ends[0].crop, word) and ends[0].crop[2] <= box[0] + 8


def test_a_unit_inside_the_box_is_cut_off_the_rest() -> None:
    image, box, unit = _figure()
    wide = (box[0], box[1], unit[2] + 4, box[3])  # the detector's box took the unit in
    (end,) = small_ends(grey_pixels(image), wide, [wide])
    assert not end.outside and _contains(end.crop, unit)
    assert end.rest[2] <= unit[0] and end.rest[:2] == wide[:2]


def test_nothing_is_found_beside_plain_lines_rules_or_other_lines() -> None:
    image, box, _none = _figure(rule=True)
    assert small_ends(grey_pixels(image), box, [box]) == []
    # A line of text: nothing beside it. Its closing 。 is as small beside the characters
    # as a unit beside a number; the engine reads such an end again only after a number.
    text = "各地区各部门要高度重视，结合实际制定具体措施。"
    line = draw_lines([text], size=28, width=760)
    left, top, right, bottom = ImageDraw.Draw(line).textbbox((30, 30), text, font(28))
    box = (round(left) - 6, round(top) - 6, round(right) + 6, round(bottom) + 6)
    assert [end.outside for end in small_ends(grey_pixels(line), box, [box])] in ([], [False])
    image, box, unit = _figure()
    other = (unit[0] - 2, unit[1] - 2, unit[2] + 2, unit[3] + 2)  # the unit has its own box
    assert small_ends(grey_pixels(image), box, [box, other]) == []
