from __future__ import annotations

from accessible_reader.documents.layout import Paragraph, TextLine, paragraphs


def _line(text: str, left: float, top: float, right: float, height: float = 20) -> TextLine:
    return TextLine(text, left, top, right, top + height)


def test_lines_join_into_paragraphs_at_indents_and_gaps() -> None:
    lines = [
        _line("关于开展安全检查的通知", 200, 20, 700, 36),
        _line("　　为切实做好安全生产工作，现将有关事项", 80, 90, 900),
        _line("通知如下。", 40, 120, 140),
        _line("　　一、各单位要高度重视，落实责任，加", 80, 170, 900),
        _line("强检查。", 40, 200, 120),
    ]
    assert paragraphs(lines) == [
        Paragraph("关于开展安全检查的通知", heading=True),
        Paragraph("为切实做好安全生产工作，现将有关事项通知如下。"),
        Paragraph("一、各单位要高度重视，落实责任，加强检查。"),
    ]


def test_two_columns_are_read_left_column_first_under_a_full_width_title() -> None:
    lines = [_line("两栏排版的标题横跨整页宽度", 100, 10, 900, 30)]
    for row in range(5):
        top = 60 + row * 30
        lines.append(_line(f"左栏第{row + 1}行文字内容", 40, top, 460))
        lines.append(_line(f"右栏第{row + 1}行文字内容", 540, top, 960))
    lines.append(_line("页脚横跨整页的一行说明文字在最后", 40, 260, 960))
    found = paragraphs(lines)
    text = "".join(p.text for p in found)
    assert text.index("标题") < text.index("左栏第1行") < text.index("左栏第5行")
    assert text.index("左栏第5行") < text.index("右栏第1行") < text.index("右栏第5行")
    assert text.index("右栏第5行") < text.index("页脚")
    left = next(p.text for p in found if "左栏第1行" in p.text)
    assert "右栏" not in left


def test_boxes_on_one_row_are_one_line_read_left_to_right() -> None:
    lines = [_line("电话：", 40, 50, 120), _line("12345", 400, 52, 480)]
    assert paragraphs(lines) == [Paragraph("电话： 12345")]


def test_slightly_rotated_boxes_keep_their_line_height() -> None:
    # A 900 px line tilted by about 2°: the bounding box is 50 px high, the line 20.
    quad = [[40, 100], [940, 131], [940, 151], [40, 120]]
    line = TextLine.from_quad("倾斜的一行", quad)
    assert 19 <= line.height <= 21
    below = TextLine.from_quad("下一行", [[40, 140], [940, 171], [940, 191], [40, 160]])
    assert len(paragraphs([line, below])) == 1


def test_latin_words_keep_a_space_across_lines() -> None:
    lines = [_line("Accessible reader for", 40, 10, 900), _line("everyone", 40, 40, 200)]
    assert paragraphs(lines) == [Paragraph("Accessible reader for everyone")]


def test_nothing_gives_nothing() -> None:
    assert paragraphs([]) == []
    assert paragraphs([_line("  ", 0, 0, 10)]) == []


def test_columns_under_a_banner_are_found_past_a_gap_inside_one_column() -> None:
    # The banner and footer cross every gutter; so does a narrow gap between a big
    # number and its unit inside the first card: the widest empty strip wins.
    def box(text: str, left: float, top: float, right: float, bottom: float) -> TextLine:
        return TextLine(text, left, top, right, bottom)

    # Boxes as PP-OCRv4 found them on a rendered "一图读懂" (tests/documents/test_infographics).
    lines = [
        box("一图读懂养老服务", 228, 55, 855, 100),
        box("助餐服务", 122, 207, 269, 250),
        box("居家养老", 468, 208, 614, 250),
        box("适老改造", 811, 207, 960, 250),
        box("1.2万", 79, 312, 253, 388),
        box("98%", 421, 314, 575, 381),
        box("人次", 272, 325, 336, 364),
        box("覆盖率", 587, 325, 685, 366),
        box("3500", 771, 316, 934, 380),
        box("全市建成社区", 80, 456, 249, 489),
        box("街道综合服务", 423, 456, 593, 489),
        box("为困难老年人", 770, 456, 939, 489),
        box("老年食堂86家", 81, 507, 252, 538),
        box("中心全面覆盖", 423, 505, 595, 540),
        box("家庭免费改造", 767, 505, 938, 539),
        box("咨询电话：12349", 271, 786, 809, 818),
    ]
    text = "|".join(p.text for p in paragraphs(lines)).replace(" ", "")
    assert text.startswith("一图读懂养老服务|助餐服务|1.2万人次|全市建成社区")
    assert text.index("老年食堂86家") < text.index("居家养老") < text.index("98%覆盖率")
    assert text.index("中心全面覆盖") < text.index("适老改造") < text.index("3500")
    assert text.endswith("家庭免费改造|咨询电话：12349")


def test_a_numbered_point_starts_a_paragraph() -> None:
    lines = [
        TextLine("一、优待对象", 30, 0, 230, 34),
        TextLine("1. 本市65周岁以上老年人", 30, 60, 400, 86),
        TextLine("2. 持证的外地老人", 30, 150, 400, 176),
        TextLine("版本2.0发布", 30, 240, 400, 266),
    ]
    assert [p.text for p in paragraphs(lines)] == [
        "一、优待对象",
        "1. 本市65周岁以上老年人",
        "2. 持证的外地老人版本2.0发布",
    ]


def test_a_second_box_over_part_of_a_line_is_not_read_twice() -> None:
    # The detector gave the small 条 beside a big 3 a box of its own, overlapping the first.
    lines = [TextLine("3条", 38, 92, 90, 159), TextLine("条", 76, 109, 105, 145)]
    assert [p.text for p in paragraphs(lines)] == ["3条"]
    # Side by side, the same character twice is two characters.
    lines = [TextLine("好", 0, 0, 30, 30), TextLine("好", 32, 0, 62, 30)]
    assert [p.text for p in paragraphs(lines)] == ["好好"]
    # Overlapping, but another text: both kept.
    lines = [TextLine("98", 34, 88, 134, 161), TextLine("%", 121, 115, 141, 139)]
    assert [p.text for p in paragraphs(lines)] == ["98%"]
