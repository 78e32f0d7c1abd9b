"""Full-text search: 简 and 繁 find each other, short words, snippets and highlights."""

from __future__ import annotations

import pytest

import accessible_reader.library.store as store
from accessible_reader.article.model import Article, Block, BlockKind
from accessible_reader.library import Library, SearchHit
from accessible_reader.library.search import parse_query
from accessible_reader.text.convert import convert_article
from accessible_reader.text.segment import code_point_index

SIMPLIFIED = Article(
    "市政府关于推动经济高质量发展的实施意见",
    (
        Block(BlockKind.HEADING, "一、总体要求", level=2),
        Block(
            BlockKind.PARAGRAPH,
            "坚持稳中求进工作总基调，完整准确全面贯彻新发展理念，加快构建新发展格局，"
            "着力推动经济实现质的有效提升和量的合理增长。",
        ),
        Block(
            BlockKind.PARAGRAPH, "到2025年，全市数字经济核心产业增加值占地区生产总值比重达到10%。"
        ),
        Block.table((("指标", "目标"), ("研发投入强度", "3.2%")), header_rows=1),
    ),
    published="2024-10-18",
)
TRADITIONAL = Article(
    "臺灣地區圖書館無障礙閱讀服務說明",
    (
        Block(BlockKind.PARAGRAPH, "本館提供大字版圖書、有聲書與點字資料，歡迎視障讀者多加利用。"),
        Block(BlockKind.PARAGRAPH, "讀者可以透過網路預約借閱，館員將協助安排取書時間。"),
    ),
    published="2024-03-01",
    language="zh-TW",
)
OTHER = Article(
    "公交线路优化调整公告",
    (Block(BlockKind.PARAGRAPH, "为方便市民出行，自11月1日起调整12路公交车行驶线路。"),),
    published="2024-11-01",
)


@pytest.fixture
def filled(library: Library) -> Library:
    for article in (SIMPLIFIED, TRADITIONAL, OTHER):
        library.add_article(article)
    return library


def _titles(hits: list[SearchHit]) -> list[str]:
    return [hit.article.title for hit in hits]


def _marked(hit: SearchHit) -> list[str]:
    return [hit.snippet[start:end] for start, end in hit.highlights]


def test_simplified_query_finds_traditional_text(filled: Library) -> None:
    hits = filled.search("无障碍阅读")
    assert _titles(hits) == [TRADITIONAL.title]
    start = TRADITIONAL.title.index("無障礙閱讀")  # on the title as written
    assert hits[0].title_highlights == ((start, start + 5),)


def test_traditional_query_finds_simplified_text(filled: Library) -> None:
    hits = filled.search("高質量發展")
    assert _titles(hits) == [SIMPLIFIED.title]
    assert filled.search("新發展理念")[0].article.title == SIMPLIFIED.title


def test_a_converted_copy_is_found_by_both_scripts(library: Library) -> None:
    hant = convert_article(SIMPLIFIED, "zh-Hant")
    library.add_article(SIMPLIFIED)
    library.add_article(hant)
    for query in ("数字经济核心产业", "數字經濟核心產業"):
        assert sorted(_titles(library.search(query))) == sorted([SIMPLIFIED.title, hant.title])
    # The snippet of each is cut from its own text, so a 繁體 reader sees 繁體.
    by_title = {hit.article.title: hit for hit in library.search("数字经济")}
    assert _marked(by_title[hant.title]) == ["數字經濟"]
    assert _marked(by_title[SIMPLIFIED.title]) == ["数字经济"]


@pytest.fixture(params=["expanded", "scanned"])
def short_path(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Both ways a 1–2 character term is found: trigram expansion, and the scan."""
    if request.param == "scanned":
        monkeypatch.setattr(store, "MAX_EXPANSION", 0)
    return str(request.param)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("发展", [SIMPLIFIED.title]),
        ("發展", [SIMPLIFIED.title]),
        ("读者", [TRADITIONAL.title]),
        ("讀者", [TRADITIONAL.title]),
        ("馆", [TRADITIONAL.title]),
        ("%", [SIMPLIFIED.title]),  # 10% — a literal percent sign, not a wildcard
        ("_", []),
        ('"', []),
    ],
)
def test_short_queries(filled: Library, short_path: str, query: str, expected: list[str]) -> None:
    assert parse_query(query).short and not parse_query(query).indexed
    assert _titles(filled.search(query)) == expected


def test_short_terms_at_the_very_end(library: Library, short_path: str) -> None:
    # The last one or two characters of a title or body start no trigram of their own.
    library.add_article(Article("城市的发展", (Block(BlockKind.PARAGRAPH, "欢迎来到香港"),)))
    for query in ("发展", "展", "香港", "港"):
        assert _titles(library.search(query)) == ["城市的发展"], query


def test_short_query_ranks_title_matches_first(filled: Library) -> None:
    # 公交 is in OTHER's title and body; a newer article has it in the body only.
    filled.add_article(
        Article(
            "冬季出行提示",
            (Block(BlockKind.PARAGRAPH, "雨雪天气请乘坐公交出行，注意安全。"),),
            published="2024-12-20",
        )
    )
    assert _titles(filled.search("公交")) == [OTHER.title, "冬季出行提示"]


def test_very_common_short_term_is_scanned_newest_first(
    filled: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(store, "MAX_POSTINGS", 0)
    # "，" is in every article; scanned, the newest comes first.
    assert _titles(filled.search("，")) == [OTHER.title, SIMPLIFIED.title, TRADITIONAL.title]


def test_every_term_must_match(filled: Library) -> None:
    assert _titles(filled.search("数字经济 研发")) == [SIMPLIFIED.title]
    assert _titles(filled.search("数字经济 公交")) == []
    assert _titles(filled.search("公交 线路")) == [OTHER.title]


def test_snippet_marks_the_match_and_says_where_it_is(filled: Library) -> None:
    hits = filled.search("数字经济核心产业")
    assert len(hits) == 1
    hit = hits[0]
    assert _marked(hit) == ["数字经济核心产业"]
    assert hit.snippet.startswith("…") and hit.snippet.endswith("…")
    assert "\n" not in hit.snippet and "\t" not in hit.snippet
    assert hit.block == 2
    text = SIMPLIFIED.blocks[2].text
    start = code_point_index(text, hit.offset)
    assert text[start:].startswith("数字经济核心产业")


def test_snippet_position_counts_utf16_units(library: Library) -> None:
    article = Article("罕用字", (Block(BlockKind.PARAGRAPH, "𠮷野家的𠮷字与吉字不同，请注意。"),))
    library.add_article(article)
    hit = library.search("吉字不同")[0]
    # 7 characters before it, two of them 𠮷 (two UTF-16 units each): offset 9.
    assert (hit.block, hit.offset) == (0, 9)
    assert _marked(hit) == ["吉字不同"]


def test_match_in_a_table_cell(filled: Library) -> None:
    hit = filled.search("研发投入强度")[0]
    assert hit.block == 3
    assert _marked(hit) == ["研发投入强度"]


def test_case_and_width_do_not_matter(library: Library) -> None:
    library.add_article(
        Article("会议通知", (Block(BlockKind.PARAGRAPH, "请下载ＡＰＰ并在ＷｉＦｉ环境下更新。"),))
    )
    for query in ("app", "APP", "ＡＰＰ", "wifi环境"):
        hits = library.search(query)
        assert _titles(hits) == ["会议通知"], query
    assert _marked(library.search("wifi")[0]) == ["ＷｉＦｉ"]


def test_title_only_match_still_shows_the_body_start(filled: Library) -> None:
    hit = filled.search("实施意见")[0]
    assert hit.title_highlights == ((15, 19),)
    assert hit.block is None
    assert hit.snippet.startswith("一、总体要求")


@pytest.mark.parametrize("query", ["", "   ", '"', '" OR "', "NEAR(a b)", "高质量*"])
def test_odd_queries_do_not_fail(filled: Library, query: str) -> None:
    assert isinstance(filled.search(query), list)


def test_limit(library: Library) -> None:
    for number in range(12):
        library.add_article(
            Article(f"第{number}期政务公开简报", published=f"2024-01-{number + 1:02d}")
        )
    assert len(library.search("政务公开简报", limit=5)) == 5
    assert len(library.search("简报", limit=5)) == 5


@pytest.mark.parametrize("query", ["%", "_", "\\", "10%"])
def test_wildcards_are_literal_when_scanned(
    library: Library, monkeypatch: pytest.MonkeyPatch, query: str
) -> None:
    monkeypatch.setattr(store, "MAX_EXPANSION", 0)
    library.add_article(Article("比重达到10%", (Block(BlockKind.PARAGRAPH, "路径 C:\\data"),)))
    library.add_article(Article("没有特殊字符的文章"))
    expected = {"%": ["比重达到10%"], "_": [], "\\": ["比重达到10%"], "10%": ["比重达到10%"]}
    assert _titles(library.search(query)) == expected[query]
