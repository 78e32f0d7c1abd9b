"""Government-infographic-style pictures ("一图读懂"): cards in columns, big numbers,
headings, a banner title and a footer, read in the order a person reads them."""

from __future__ import annotations

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
