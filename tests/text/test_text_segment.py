"""Sentence segmentation: where sentences end, UTF-16 offsets, long sentences, Articles."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from accessible_reader.article.model import Article, Block, BlockKind
from accessible_reader.text.segment import (
    MAX_SENTENCE_CHARS,
    META_BLOCK,
    TITLE_BLOCK,
    Sentence,
    code_point_index,
    split_article,
    split_text,
    utf16_len,
    utf16_offset,
)


def texts(text: str) -> list[str]:
    return [sentence.text for sentence in split_text(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("今天开会。明天放假！后天呢？", ["今天开会。", "明天放假！", "后天呢？"]),
        (
            "地铁5号线已然开建；腾龙大道一期建成通车",
            ["地铁5号线已然开建；", "腾龙大道一期建成通车"],
        ),
        ("生态秀美之城的轮廓清晰可见……这是新图。", ["生态秀美之城的轮廓清晰可见……", "这是新图。"]),
        ("已完成投资57.7亿元。同比增长12.5%。", ["已完成投资57.7亿元。", "同比增长12.5%。"]),
        ("上午9:30开会。下午14:05结束。", ["上午9:30开会。", "下午14:05结束。"]),
        ("他说：“走吧！”然后离开。", ["他说：“走吧！”", "然后离开。"]),
        ("《通知》（见附件。）请查收。", ["《通知》（见附件。）", "请查收。"]),
        ("「好。」『对！』", ["「好。」", "『对！』"]),
        ('He said "Go." Then left.', ['He said "Go."', "Then left."]),
        ("See No. 5 and e.g. this. Done!", ["See No. 5 and e.g. this.", "Done!"]),
        (
            "访问www.gov.cn查看。网址https://a.cn/x?id=3 已更新.",
            ["访问www.gov.cn查看。", "网址https://a.cn/x?id=3 已更新."],
        ),
        ("1. 总体要求\n2. 主要任务", ["1. 总体要求", "2. 主要任务"]),
        ("第一行\n\n  第二行  \r\n第三行", ["第一行", "第二行", "第三行"]),
        ("什么？！真的吗?!", ["什么？！", "真的吗?!"]),
        ("版本3.0发布", ["版本3.0发布"]),
        ("５７．７亿元。", ["５７．７亿元。"]),
        ("   ", []),
        ("", []),
    ],
)
def test_sentence_ends(text: str, expected: list[str]) -> None:
    assert texts(text) == expected


def test_offsets_point_at_the_text() -> None:
    text = "  今年以来，投资57.7亿元。\t地铁5号线开建；  "
    sentences = split_text(text, block=4)
    assert [(s.block, s.start, s.end, s.text) for s in sentences] == [
        (4, 2, 16, "今年以来，投资57.7亿元。"),
        (4, 17, 25, "地铁5号线开建；"),
    ]
    for sentence in sentences:
        assert text[sentence.start : sentence.end] == sentence.text


def test_offsets_count_utf16_units_outside_the_bmp() -> None:
    text = "𠮷野家开业。𠮷字有两个码元。好。"
    sentences = split_text(text)
    assert [s.text for s in sentences] == ["𠮷野家开业。", "𠮷字有两个码元。", "好。"]
    assert [(s.start, s.end) for s in sentences] == [(0, 7), (7, 16), (16, 18)]
    encoded = text.encode("utf-16-le")
    for sentence in sentences:
        assert encoded[2 * sentence.start : 2 * sentence.end].decode("utf-16-le") == sentence.text


def test_utf16_helpers() -> None:
    text = "a𠮷b😀"
    assert utf16_len(text) == 6
    assert [utf16_offset(text, i) for i in range(5)] == [0, 1, 3, 4, 6]
    assert [code_point_index(text, u) for u in range(7)] == [0, 1, 1, 2, 3, 3, 4]
    assert code_point_index(text, 99) == 4
    assert code_point_index("abc", 2) == 2
    sentence = Sentence(block=0, start=10, end=16, text=text)
    assert sentence.block_range(1, 3) == (11, 14)


def test_long_sentence_is_cut_at_commas_then_hard() -> None:
    clause = "从地理位置到产业布局，"  # 11 characters
    text = clause * 10 + "我区高效统筹。"
    sentences = split_text(text)
    assert all(len(s.text) <= MAX_SENTENCE_CHARS for s in sentences)
    assert "".join(s.text for s in sentences) == text
    assert all(s.text.endswith("，") for s in sentences[:-1])
    unbroken = "一" * (MAX_SENTENCE_CHARS * 2 + 5)
    assert [len(s.text) for s in split_text(unbroken)] == [80, 80, 5]


def test_hard_cut_does_not_split_a_number() -> None:
    text = "一" * 75 + "12345678" + "二" * 20
    pieces = texts(text)
    assert pieces[0] == "一" * 75
    assert pieces[1].startswith("12345678")


def test_table_rows_and_cells() -> None:
    sentences = split_text("地区\t投资额\n武进\t57.7亿元", block=2)
    assert [(s.start, s.end, s.text) for s in sentences] == [
        (0, 6, "地区\t投资额"),
        (7, 16, "武进\t57.7亿元"),
    ]


def test_split_article_order_and_blocks() -> None:
    article = Article(
        title="“两湖”焕新生长。城市更新而进",
        published="2024-10-18",
        source="武进日报",
        blocks=(
            Block(BlockKind.PARAGRAPH, "产业链上，加快培育。生态圈里，地铁开建。"),
            Block.table((("项目", "金额"), ("水厂", "5亿元"))),
            Block.image("a.jpg", alt="腾龙大道"),
            Block(BlockKind.PARAGRAPH, ""),
        ),
    )
    sentences = split_article(article)
    assert [(s.block, s.text) for s in sentences] == [
        (TITLE_BLOCK, "“两湖”焕新生长。"),
        (TITLE_BLOCK, "城市更新而进"),
        (META_BLOCK, "发布日期：2024-10-18　来源：武进日报"),
        (0, "产业链上，加快培育。"),
        (0, "生态圈里，地铁开建。"),
        (1, "项目\t金额"),
        (1, "水厂\t5亿元"),
        (2, "腾龙大道"),
    ]


_ALPHABET = st.sampled_from(
    list("今年以来投资亿元𠮷😀ab Z09５．.!?;。！？；…，、：”」）》\"'\n\t\u3000 ")
)


@given(st.text(_ALPHABET, max_size=300))
def test_sentences_cover_the_non_space_text(text: str) -> None:
    sentences = split_text(text, block=7)
    encoded = text.encode("utf-16-le")
    covered = [False] * len(text)
    previous_end = 0
    for sentence in sentences:
        assert sentence.block == 7
        assert sentence.text and sentence.text == sentence.text.strip()
        assert len(sentence.text) <= MAX_SENTENCE_CHARS
        assert previous_end <= sentence.start < sentence.end
        assert encoded[2 * sentence.start : 2 * sentence.end].decode("utf-16-le") == sentence.text
        start = code_point_index(text, sentence.start)
        end = code_point_index(text, sentence.end)
        assert text[start:end] == sentence.text
        for index in range(start, end):
            covered[index] = True
        previous_end = sentence.end
    assert all(covered[i] for i, char in enumerate(text) if not char.isspace())
