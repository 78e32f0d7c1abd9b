"""Utterances: spoken ↔ display ↔ block (UTF-16) offsets."""

from __future__ import annotations

from accessible_reader.article.model import Article, Block, BlockKind
from accessible_reader.article.spoken import article_text
from accessible_reader.speech.engine import Mark
from accessible_reader.speech.utterances import (
    Utterance,
    build_text_utterances,
    build_utterances,
    display_range_for_mark,
    make_utterance,
    plain_utterances,
    utf16_units,
)


def number_sentence() -> Utterance:
    display = "完成投资57.7亿元。"
    spoken = "完成投资五十七点七亿元。"
    offsets = (0, 1, 2, 3, 4, 4, 5, 6, 7, 8, 9, 10, 11)
    return make_utterance(7, 2, 30, 30 + len(display), display, spoken, offsets)


def test_marks_on_normalised_numbers_map_back_to_the_digits() -> None:
    u = number_sentence()
    assert display_range_for_mark(u, Mark(4, 1, 0)) == (34, 35)  # 五 → "5"
    assert display_range_for_mark(u, Mark(4, 2, 0)) == (34, 35)  # 五十 → "5"
    assert display_range_for_mark(u, Mark(4, 5, 0)) == (34, 38)  # 五十七点七 → "57.7"
    assert display_range_for_mark(u, Mark(9, 2, 0)) == (38, 40)  # 亿元
    assert display_range_for_mark(u, Mark(0, 4, 0)) == (30, 34)
    # A mark from a clip of only the rest of the sentence (base = spoken start).
    assert display_range_for_mark(u, Mark(0, 1, 0), base=4) == (34, 35)


def test_non_bmp_characters_count_two_utf16_units() -> None:
    display = "𠮷野家57号。"
    spoken = "𠮷野家五十七号。"
    offsets = (0, 1, 2, 3, 3, 4, 5, 6, 7)
    u = make_utterance(0, 1, 4, 4 + utf16_units(display), display, spoken, offsets)
    assert u.end == 4 + 8
    assert display_range_for_mark(u, Mark(0, 1, 0)) == (4, 6)  # 𠮷
    assert display_range_for_mark(u, Mark(1, 1, 0)) == (6, 7)  # 野
    assert display_range_for_mark(u, Mark(3, 3, 0)) == (8, 10)  # 五十七 → 57
    assert u.display_index(4) == 0
    assert u.display_index(5) == 0  # inside the surrogate pair
    assert u.display_index(6) == 1
    assert u.block_offset(1) == 6
    assert u.spoken_index(4) == 5  # the second digit, 7 → 七
    assert u.spoken_index(5) == 6  # 号
    assert u.spoken_index_before(4) == 5  # 五十 cover display 3..4


def test_malformed_offsets_fall_back_to_a_proportional_map() -> None:
    u = make_utterance(0, 0, 0, 4, "一二三四", "一二三四", (0, 3, 2, 1, 4))
    assert u.offsets == (0, 1, 2, 3, 4)


def test_plain_utterances_skip_text_with_nothing_to_say() -> None:
    result = plain_utterances([(0, 0, "……"), (0, 2, "好。")])
    assert [(u.id, u.display_text) for u in result] == [(0, "好。")]


def test_build_utterances_from_an_article() -> None:
    article = Article(
        title="重点项目完成投资57.7亿元",
        published="2024-10-18",
        source="武进日报",
        blocks=(
            Block(BlockKind.PARAGRAPH, "今年以来，已完成投资57.7亿元。𠮷野家很好！"),
            Block(BlockKind.PARAGRAPH, "……"),
            Block(BlockKind.PARAGRAPH, "第三段。"),
        ),
    )
    utterances = build_utterances(article)
    assert [u.id for u in utterances] == list(range(len(utterances)))
    blocks = [u.block for u in utterances]
    assert blocks[0] == -2 and blocks[1] == -1
    assert 1 not in blocks  # nothing to say in "……"
    texts = {
        -2: article.title,
        -1: article.meta_line(),
        0: article.blocks[0].text,
        2: article.blocks[2].text,
    }
    for u in utterances:
        block_text = texts[u.block]
        # start/end are UTF-16 offsets into the block text
        encoded = block_text.encode("utf-16-le")
        assert encoded[u.start * 2 : u.end * 2].decode("utf-16-le") == u.display_text
        assert len(u.offsets) == len(u.spoken_text) + 1
        assert "57.7" not in u.spoken_text
    number = next(u for u in utterances if "57.7" in u.display_text and u.block == 0)
    digits = number.display_text.index("57.7")
    first_spoken = number.spoken_index(digits)
    start, _ = number.block_range(first_spoken, first_spoken + 1)
    assert start == number.start + digits
    plant = next(u for u in utterances if "𠮷" in u.display_text)
    kanji = plant.spoken_text.index("𠮷")
    assert plant.block_range(kanji, kanji + 1) == (plant.start, plant.start + 2)


def test_build_text_utterances_numbers_from_first_id() -> None:
    result = build_text_utterances("第一句。第二句。", block=4, first_id=10)
    assert [(u.id, u.block) for u in result] == [(10, 4), (11, 4)]


def test_an_image_description_is_announced_as_such() -> None:
    article = Article(
        title="标题",
        blocks=(Block.image("a.png", "工具条示意图"), Block(BlockKind.PARAGRAPH, "正文。")),
    )
    utterances = build_utterances(article)
    image = next(u for u in utterances if u.block == 0)
    assert image.spoken_text == "图片：工具条示意图"
    assert image.display_text == "工具条示意图"
    assert image.block_range(0, 3) == (0, 1)  # the announcement highlights the first character
    assert image.block_range(3, 4) == (0, 1)
    assert image.block_range(4, 5) == (1, 2)


def test_a_traditional_article_announces_its_pictures_in_its_own_script() -> None:
    """The big captions show what is said: 圖片 in a 繁體 article, not 图片."""
    article = Article(
        title="標題",
        language="zh-TW",
        blocks=(Block.image("a.png", "工具列示意圖"), Block(BlockKind.PARAGRAPH, "正文。")),
    )
    utterances = build_utterances(article)
    image = next(u for u in utterances if u.block == 0)
    assert image.spoken_text == "圖片：工具列示意圖"
    assert article_text(article).splitlines()[2] == "圖片：工具列示意圖"


def test_a_traditional_article_is_spoken_in_its_own_script() -> None:
    blocks = (Block(BlockKind.PARAGRAPH, "記者會於18:30舉行，約2000人出席。"),)
    simplified = build_utterances(Article(title="", blocks=blocks))
    traditional = build_utterances(Article(title="", blocks=blocks, language="zh-TW"))
    assert "十八点三十分" in simplified[0].spoken_text and "两千" in simplified[0].spoken_text
    assert "十八點三十分" in traditional[0].spoken_text and "兩千" in traditional[0].spoken_text


def test_a_tables_rows_are_said_with_each_cell_named_by_its_column() -> None:
    """As `extract` writes a table: the header row is not said on its own, each data row
    names its cells, and an empty cell is passed over."""
    table = Block.table(
        (("项目", "高度", "说明"), ("扶手", "0.9米", "双侧安装"), ("门洞", "", "净宽")),
        header_rows=1,
    )
    spoken = [u for u in build_utterances(Article(title="示范", blocks=(table,))) if u.block == 0]
    assert [u.spoken_text for u in spoken] == [
        "项目：扶手；高度：零点九米；说明：双侧安装",
        "项目：门洞；说明：净宽",
    ]
    first = spoken[0]
    # The label "高度：" is highlighted on its cell, "0.9米" at display offset 3.
    label_at = first.spoken_text.index("高度")
    assert first.offsets[label_at] == first.display_text.index("0.9米")


def test_a_table_without_a_header_row_is_read_as_written() -> None:
    table = Block.table((("湖滨水厂", "5亿元"), ("城东水厂", "3亿元")))
    spoken = [u.spoken_text for u in build_utterances(Article(title="示范", blocks=(table,)))]
    assert spoken[1:] == ["湖滨水厂，五亿元", "城东水厂，三亿元"]
