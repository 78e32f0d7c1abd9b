"""Government-infographic-style pictures ("一图读懂"): cards in columns, big numbers,
headings, a banner title and a footer, read in the order a person reads them."""

from __future__ import annotations

import pytest
from PIL import Image, ImageDraw

from accessible_reader.documents.ocr import default_recogniser, read_picture
from tests.documents.helpers import font

RED = (200, 30, 30)


def _centred(
    draw: ImageDraw.ImageDraw,
    text: str,
    y: int,
    size: int,
    left: int,
    width: int,
    fill: tuple[int, int, int] | str,
) -> None:
    face = font(size, "sans")
    x = left + (width - draw.textlength(text, font=face)) / 2
    draw.text((x, y), text, font=face, fill=fill)


def _cards() -> Image.Image:
    """A red banner, three cards (heading, big number with unit, two lines), a footer."""
    image = Image.new("RGB", (1080, 900), (250, 246, 238))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, 1080, 130), fill=RED)
    _centred(draw, "一图读懂2024年养老服务工作", 38, 48, 0, 1080, "white")
    cards = (
        ("助餐服务", "1.2万", "人次", ("全市建成社区", "老年食堂86家")),
        ("居家养老", "98%", "覆盖率", ("街道综合服务", "中心全面覆盖")),
        ("适老改造", "3500", "户次", ("为困难老年人", "家庭免费改造")),
    )
    for number, (heading, figure, unit, lines) in enumerate(cards):
        x = 40 + number * 345
        draw.rounded_rectangle((x, 170, x + 310, 700), 20, fill="white", outline=RED, width=3)
        _centred(draw, heading, 200, 36, x, 310, RED)
        big = font(72, "sans")
        draw.text((x + 40, 290), figure, font=big, fill=(30, 30, 30))
        unit_x = x + 60 + draw.textlength(figure, font=big)
        draw.text((unit_x, 320), unit, font=font(30), fill="grey")
        for row, line in enumerate(lines):
            draw.text((x + 40, 450 + row * 50), line, font=font(28), fill=(60, 60, 60))
    _centred(draw, "咨询电话：12349  发布单位：某某市民政局", 780, 28, 0, 1080, (60, 60, 60))
    return image


def _two_panels() -> Image.Image:
    """A heading band, then two panels side by side with numbered points, a note."""
    image = Image.new("RGB", (1000, 760), "white")
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, 1000, 110), fill=(20, 80, 160))
    _centred(draw, "政策解读：老年人优待办法", 30, 44, 0, 1000, "white")
    panels = (
        ("一、优待对象", ("1. 本市65周岁以上老年人", "2. 持证的外地老人", "3. 低保60周岁老人")),
        ("二、优待项目", ("1. 免费乘坐公共交通", "2. 公园景区免收门票", "3. 就医优先挂号取药")),
    )
    for number, (heading, points) in enumerate(panels):
        x = 40 + number * 480
        draw.rectangle((x, 150, x + 440, 600), outline=(20, 80, 160), width=3)
        draw.text((x + 30, 175), heading, font=font(34), fill=(20, 80, 160))
        for row, point in enumerate(points):
            draw.text((x + 30, 260 + row * 90), point, font=font(26), fill="black")
    _centred(draw, "本办法自2024年1月1日起施行", 660, 28, 0, 1000, (80, 80, 80))
    return image


FIGURES = (("12", "个", "街道食堂"), ("5", "项", "优待措施"), ("3500", "户", "适老改造"))
GREY = (128, 128, 128)
CLAUSE = "明确了街道食堂、优待措施和适老改造的服务标准"


def _figures() -> Image.Image:
    """Big red numbers, each with a one-character unit a third of its size on the same
    baseline and a caption below, as "一图读懂" tiles show them; then "第3条" with the 3
    as large. The detector finds no box for such a unit, or one that hugs its ink."""
    image = Image.new("RGB", (1000, 520), (250, 246, 238))
    draw = ImageDraw.Draw(image)
    big, unit, caption = font(96), font(28), font(28)
    for number, (figure, word, label) in enumerate(FIGURES):
        x = 40 + number * 320
        draw.text((x, 170), figure, font=big, fill=RED, anchor="ls")
        unit_x = x + draw.textlength(figure, font=big) + 4
        draw.text((unit_x, 170), word, font=unit, fill=GREY, anchor="ls")
        draw.text((x, 210), label, font=caption, fill=(60, 60, 60))
    draw.text((40, 420), "第", font=unit, fill=GREY, anchor="ls")
    three_x = 40 + draw.textlength("第", font=unit) + 4
    draw.text((three_x, 420), "3", font=big, fill=RED, anchor="ls")
    end_x = three_x + draw.textlength("3", font=big) + 4
    draw.text((end_x, 420), "条", font=unit, fill=GREY, anchor="ls")
    draw.text((end_x + 60, 420), CLAUSE, font=caption, fill=(60, 60, 60), anchor="ls")
    return image


def _order(picture: Image.Image, expected: list[str]) -> str:
    text = "|".join(p.text for p in read_picture(picture, default_recogniser()))
    found = [text.find(part) for part in expected]
    assert -1 not in found, (text, [e for e, at in zip(expected, found, strict=True) if at < 0])
    assert found == sorted(found), text
    return text


def test_cards_are_read_card_by_card_between_banner_and_footer() -> None:
    _order(
        _cards(),
        [
            "一图读懂2024年养老服务工作",
            "助餐服务", "1.2万", "全市建成社区", "老年食堂86家",
            "居家养老", "98%", "街道综合服务", "中心全面覆盖",
            "适老改造", "3500", "为困难老年人", "家庭免费改造",
            "咨询电话",
        ],
    )


def test_two_panels_are_read_one_after_the_other() -> None:
    text = _order(
        _two_panels(),
        [
            "政策解读：老年人优待办法",
            "一、优待对象", "65周岁以上老年人", "外地老人", "低保60周岁老人",
            "二、优待项目", "公共交通", "免收门票", "优先挂号取药",
            "2024年1月1日起施行",
        ],
    )
    # Each numbered point is a paragraph of its own, and so is each panel's heading.
    assert "|1.本市65周岁以上老年人|2.持证的外地老人|" in text.replace(" ", "")
    assert "|二、优待项目|1.免费乘坐公共交通|" in text.replace(" ", "")


def test_a_small_unit_beside_a_big_number_is_read_with_it() -> None:
    text = _order(_figures(), [figure + word for figure, word, _label in FIGURES])
    compact = "".join(text.split())
    for figure, word, label in FIGURES:
        assert f"{figure}{word}|{label}" in compact, text
    assert "|第3条" in compact, text  # the 3's row: the clause beside it spans the tiles
    assert CLAUSE in compact, text


@pytest.mark.parametrize(
    ("figure", "unit", "big", "gap"),
    [
        ("12", "个", 96, 4),  # no box for the unit at all
        ("3500", "户", 96, 12),  # a box hugging the unit's ink, read at 0.48
        ("3500", "户", 72, 4),  # the unit inside the number's box, read as 片
        ("98", "%", 96, 12),
    ],
)
def test_each_way_a_small_unit_was_lost_is_read(figure: str, unit: str, big: int, gap: int) -> None:
    image = Image.new("RGB", (600, 200), (250, 246, 238))
    draw = ImageDraw.Draw(image)
    draw.text((40, 150), figure, font=font(big), fill=(30, 30, 30), anchor="ls")
    unit_x = 40 + draw.textlength(figure, font=font(big)) + gap
    draw.text((unit_x, 150), unit, font=font(big * 7 // 24), fill=GREY, anchor="ls")
    text = "".join(p.text for p in read_picture(image, default_recogniser()))
    assert "".join(text.split()) == figure + unit
