"""简/繁 conversion through our wrapper: OpenCC's own cases, phrases, detection, Articles."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from accessible_reader.article.model import Article, Block, BlockKind
from accessible_reader.text.convert import (
    backend,
    convert_article,
    convert_text,
    converter_for,
    detect_variant,
    variant_scores,
)

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT.parent / "shared" / "corpus"
TESTCASES = CORPUS / "opencc" / "testcases.json"
PEER = ROOT / "build" / "peers" / "opencc_reimplemented"

# Every OpenCC config our routes use, and the (source, target, taiwan_phrases) that picks it.
EXPOSED_CONFIGS: dict[str, tuple[str, str, bool]] = {
    "s2t": ("zh-Hans", "zh-Hant", False),
    "s2tw": ("zh-Hans", "zh-TW", False),
    "s2twp": ("zh-Hans", "zh-TW", True),
    "s2hk": ("zh-Hans", "zh-HK", False),
    "t2s": ("zh-Hant", "zh-Hans", False),
    "tw2s": ("zh-TW", "zh-Hans", False),
    "tw2sp": ("zh-TW", "zh-Hans", True),
    "hk2s": ("zh-HK", "zh-Hans", False),
    "t2tw": ("zh-Hant", "zh-TW", False),
    "t2hk": ("zh-Hant", "zh-HK", False),
    "tw2t": ("zh-TW", "zh-Hant", False),
    "hk2t": ("zh-HK", "zh-Hant", False),
}

# Simplified strings of OpenCC's cases that keep rare traditional-only forms in
# names (乾安县, 毕昇, 氾胜之…): character-level detection reads them as traditional.
# See TRADITIONAL_WEIGHT in accessible_reader/text/convert.py.
RARE_NAME_LISTS = (
    "乾安县",
    "毕昇",
    "氾胜之",
    "允祕",
    "茅蒐",
    "年釐",
    "乾闼婆",
    "杨联陞",
    "幺麽小丑",
)


def _cases() -> list[dict[str, Any]]:
    if not TESTCASES.is_file():
        pytest.skip(f"OpenCC test cases not found at {TESTCASES} (../shared/corpus is absent)")
    cases: list[dict[str, Any]] = json.loads(TESTCASES.read_text(encoding="utf-8"))["cases"]
    return cases


@pytest.mark.corpus
@pytest.mark.parametrize("config", sorted(EXPOSED_CONFIGS))
def test_opencc_cases_through_wrapper(config: str) -> None:
    source, target, phrases = EXPOSED_CONFIGS[config]
    cases = [case for case in _cases() if config in case["expected"]]
    assert cases, f"no OpenCC case for {config}"
    failures = [
        (case["id"], case["input"], got, case["expected"][config])
        for case in cases
        if (got := convert_text(case["input"], target, source=source, taiwan_phrases=phrases))
        != case["expected"][config]
    ]
    assert failures == []


@pytest.mark.corpus
@pytest.mark.parametrize(
    ("config", "target", "phrases"),
    [
        ("s2t", "zh-Hant", False),
        ("s2tw", "zh-TW", False),
        ("s2twp", "zh-TW", True),
        ("s2hk", "zh-HK", False),
        ("t2s", "zh-Hans", False),
        ("tw2s", "zh-Hans", False),
        ("hk2s", "zh-Hans", False),
    ],
)
def test_text_already_in_target_is_unchanged(config: str, target: str, phrases: bool) -> None:
    outputs = [case["expected"][config] for case in _cases() if config in case["expected"]]
    outputs = [text for text in outputs if not any(name in text for name in RARE_NAME_LISTS)]
    changed = [
        text for text in outputs if convert_text(text, target, taiwan_phrases=phrases) != text
    ]
    assert changed == []


@pytest.mark.parametrize(
    ("simplified", "traditional"),
    [
        ("头发", "頭髮"),
        ("发展", "發展"),
        ("干净", "乾淨"),
        ("皇后", "皇后"),
        ("胚胎发育", "胚胎發育"),
        ("太后的头发很干燥。", "太后的頭髮很乾燥。"),
        ("我干什么不干你事。", "我幹什麼不干你事。"),
    ],
)
def test_phrases_to_traditional(simplified: str, traditional: str) -> None:
    assert convert_text(simplified, "zh-Hant") == traditional
    assert convert_text(traditional, "zh-Hans") == simplified


def test_taiwan_and_hong_kong_forms() -> None:
    assert convert_text("软件和鼠标", "zh-TW") == "軟件和鼠標"
    assert convert_text("软件和鼠标", "zh-TW", taiwan_phrases=True) == "軟體和滑鼠"
    assert convert_text("为了核实这说法", "zh-HK") == "為了核實這説法"
    # Taiwan phrases back to mainland wording only when asked.
    assert (
        convert_text("軟體和滑鼠", "zh-Hans", source="zh-TW", taiwan_phrases=True) == "软件和鼠标"
    )
    assert convert_text("軟體和滑鼠", "zh-Hans", source="zh-TW") == "软体和滑鼠"


def test_between_traditional_variants_keeps_distinctions() -> None:
    hong_kong = convert_text("为了核实这说法，头发很干。", "zh-HK")
    taiwan = convert_text(hong_kong, "zh-TW", source="zh-HK")
    assert taiwan == convert_text("为了核实这说法，头发很干。", "zh-TW")
    assert convert_text(taiwan, "zh-HK", source="zh-TW") == hong_kong


def test_detect_variant() -> None:
    assert detect_variant("今年以来，重点项目已完成投资57.7亿元。") == "zh-Hans"
    assert detect_variant("今年以來，重點項目已完成投資57.7億元。") == "zh-Hant"
    assert detect_variant("去干擾") == "zh-Hant"  # 干 is shared; 擾 is traditional-only
    assert detect_variant("") == "zh-Hans"
    assert detect_variant("GDP 5.2%") == "zh-Hans"
    scores = variant_scores("头发頭髮abc")
    assert (scores.simplified, scores.traditional, scores.han) == (2, 2, 4)


@pytest.mark.corpus
def test_detect_variant_on_seed_page_and_its_conversions() -> None:
    seeds = sorted((CORPUS.parent / "seed").glob("*.txt"))
    if not seeds:
        pytest.skip("../shared/seed is absent")
    text = seeds[0].read_text(encoding="utf-8")
    assert detect_variant(text) == "zh-Hans"
    for target in ("zh-Hant", "zh-TW", "zh-HK"):
        converted = convert_text(text, target, source="zh-Hans")
        assert detect_variant(converted) == "zh-Hant"
        assert convert_text(converted, target) == converted


def test_no_op_when_already_target() -> None:
    text = "“两湖”创新区核心区重点项目已完成投资57.7亿元"
    assert convert_text(text, "zh-Hans") is text
    traditional = convert_text(text, "zh-Hant")
    assert traditional != text
    assert convert_text(traditional, "zh-Hant") is traditional
    assert convert_text("", "zh-TW") == ""


def test_unknown_variant_is_a_programming_error() -> None:
    with pytest.raises(ValueError):
        convert_text("头发", "zh-CN")
    with pytest.raises(ValueError):
        converter_for("zh-Hant", source="traditional")


def _article() -> Article:
    return Article(
        title="地铁5号线开建 头发",
        blocks=(
            Block(BlockKind.HEADING, "发展规划", level=2),
            Block(BlockKind.PARAGRAPH, "生态圈里，滆湖生态清淤工程累计完成清淤200万立方米。"),
            Block.table((("项目", "投资额"), ("湖滨水厂", "5亿元")), header_rows=1),
            Block.image("photo.jpg", alt="腾龙大道通车", caption="腾龙大道一期建成通车"),
            Block.image("map.png", alt="规划图"),
            Block(BlockKind.LIST_ITEM, "营商环境", level=0, ordered=True),
        ),
        published="2024-10-18",
        source="武进日报",
        column="政务要闻",
        site="常州市武进区人民政府",
        author="记者 张发",
        url="http://www.wj.gov.cn/",
        extra=(("keywords", "两湖 创新区"),),
    )


def test_convert_article_converts_every_text() -> None:
    article = _article()
    converted = convert_article(article, "zh-Hant")
    assert converted.language == "zh-Hant"
    assert converted.title == "地鐵5號線開建 頭髮"
    assert converted.source == "武進日報"
    assert converted.column == "政務要聞"
    assert converted.site == "常州市武進區人民政府"
    assert converted.author == "記者 張發"
    assert converted.extra == (("keywords", "兩湖 創新區"),)
    assert converted.url == article.url and converted.published == article.published
    heading, paragraph, table, image, alt_only, item = converted.blocks
    assert heading.text == "發展規劃" and heading.level == 2
    assert paragraph.text == "生態圈裏，滆湖生態清淤工程累計完成清淤200萬立方米。"
    assert table.rows == (("項目", "投資額"), ("湖濱水廠", "5億元"))
    assert table.text == "項目\t投資額\n湖濱水廠\t5億元"
    assert table.header_rows == 1
    assert (image.text, image.alt, image.src) == (
        "騰龍大道一期建成通車",
        "騰龍大道通車",
        "photo.jpg",
    )
    assert (alt_only.text, alt_only.alt) == ("規劃圖", "規劃圖")
    assert item.text == "營商環境" and item.ordered


def test_convert_article_round_trip_and_no_op() -> None:
    article = _article()
    assert convert_article(article, "zh-Hans") == article
    hong_kong = convert_article(article, "zh-HK")
    assert hong_kong.language == "zh-HK"
    assert convert_article(hong_kong, "zh-HK") == hong_kong
    taiwan = convert_article(hong_kong, "zh-TW")
    assert taiwan == convert_article(article, "zh-TW")
    assert convert_article(taiwan, "zh-Hans") == article


def _run_python(code: str, *, peer: bool = False) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    paths = [str(PEER)] if peer else []
    paths.append(str(ROOT))
    env["PYTHONPATH"] = os.pathsep.join(paths)
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=False
    )


def test_official_binding_is_detected() -> None:
    assert backend() == "opencc"


def test_reimplemented_binding_through_wrapper() -> None:
    if not (PEER / "opencc").is_dir():
        pytest.skip(f"opencc-python-reimplemented not installed in {PEER} (run `make bench`)")
    code = """
import json
from accessible_reader.text.convert import backend, convert_text, detect_variant
print(json.dumps([
    backend(),
    convert_text("头发干净，发展软件", "zh-Hant"),
    convert_text("头发干净，发展软件", "zh-TW", taiwan_phrases=True),
    convert_text("頭髮乾淨", "zh-Hans"),
    convert_text("著名", "zh-Hant", source="zh-TW"),
    detect_variant("今年以來，重點項目"),
]))
"""
    result = _run_python(code, peer=True)
    assert result.returncode == 0, result.stderr
    name, traditional, taiwan, simplified, via_simplified, detected = json.loads(result.stdout)
    assert name == "opencc-python-reimplemented"
    assert traditional == "頭髮乾淨，發展軟件"
    assert taiwan == "頭髮乾淨，發展軟體"
    assert simplified == "头发干净"
    assert via_simplified == "著名"  # no tw2t in that package: tw2s then s2t
    assert detected == "zh-Hant"


def test_missing_opencc_raises_conversion_error_in_chinese() -> None:
    code = """
import sys
sys.modules["opencc"] = None  # makes `import opencc` fail
from accessible_reader.errors import ConversionError
from accessible_reader.text.convert import convert_text
try:
    convert_text("头发", "zh-Hant")
except ConversionError as error:
    print(error.user_message("zh"))
"""
    result = _run_python(code)
    assert result.returncode == 0, result.stderr
    assert "OpenCC" in result.stdout and "简繁转换不可用" in result.stdout


def test_text_modules_import_nothing_heavy() -> None:
    code = """
import sys
import accessible_reader.text.convert, accessible_reader.text.segment
import accessible_reader.text.normalize, accessible_reader.text.pinyin
import accessible_reader.commands.convert
heavy = sorted(name for name in ("opencc", "pypinyin", "PySide6") if name in sys.modules)
print(",".join(heavy))
"""
    result = _run_python(code)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ""
