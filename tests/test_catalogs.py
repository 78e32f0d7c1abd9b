"""The interface catalogs are complete, consistent and compiled.

Every message the code or the declared tables give users is an entry of the template,
translated in each catalog (zh_TW, zh_HK, en) with the same named fields; no catalog
keeps entries the code no longer has; the committed .mo files are what the .po files
compile to. A message composed before translation (an f-string, a choice between two
literals, a concatenation) cannot be one entry and fails here too.
"""

from __future__ import annotations

import ast
import io
import re
import string
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from accessible_reader import i18n

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))

import catalogs  # noqa: E402

HAN = re.compile(r"[\u3400-\u9fff]")


def _fields(text: str) -> set[str]:
    return {name for _lit, name, _spec, _conv in string.Formatter().parse(text) if name}


@pytest.fixture(scope="module")
def messages() -> dict[str, list[str]]:
    return catalogs.messages()


def test_the_messages_are_really_found(messages: dict[str, list[str]]) -> None:
    assert len(messages) > 350
    for expected in ("文章库", "表格，{rows}行{columns}列", "界面语言", "网页太大，无法整理。"):
        assert expected in messages


@pytest.mark.parametrize("language", i18n.TRANSLATED)
def test_every_message_is_translated_with_the_same_fields(
    messages: dict[str, list[str]], language: str
) -> None:
    catalog = catalogs.read(language)
    entries = {str(entry.id): entry for entry in catalog if entry.id}
    assert sorted(set(messages) - set(entries)) == []  # run: python tools/catalogs.py update
    assert sorted(set(entries) - set(messages)) == []  # kept for messages that are gone
    for message, entry in entries.items():
        translation = str(entry.string)
        assert translation.strip(), message
        assert not entry.fuzzy, message
        assert _fields(translation) == _fields(message), (message, translation)


def test_the_template_is_up_to_date(messages: dict[str, list[str]]) -> None:
    with catalogs.template_path().open("rb") as handle:
        template = read_po(handle)
    assert {str(entry.id) for entry in template if entry.id} == set(messages)


@pytest.mark.parametrize("language", i18n.TRANSLATED)
def test_the_compiled_catalogs_are_up_to_date(language: str) -> None:
    """The .mo files are committed (pip, PyInstaller and a fresh clone need no build
    step); they must be what the .po files compile to: `python tools/catalogs.py compile`."""
    assert catalogs.catalog_path(language, ".mo").read_bytes() == catalogs.compiled(language)


def test_english_has_no_chinese_left() -> None:
    catalog = catalogs.read("en")
    left = {str(e.id): str(e.string) for e in catalog if e.id and HAN.search(str(e.string))}
    assert left == {}


REGIONAL = {
    # Mainland words (in 繁體 characters) each region says otherwise.
    "zh_TW": ("設置", "鼠標", "視頻", "菜單", "文件夾", "默認", "程序員", "軟件", "網絡", "屏幕"),
    "zh_HK": ("設置", "鼠標", "視頻", "菜單", "文件夾", "默認", "軟體", "網路", "螢幕"),
}


@pytest.mark.parametrize("language", sorted(REGIONAL))
def test_traditional_catalogs_use_regional_words(language: str) -> None:
    catalog = catalogs.read(language)
    found = {
        str(entry.id): word
        for entry in catalog
        if entry.id and entry.id != "台湾用语（软件→軟體）"  # the example is Taiwan's word
        for word in REGIONAL[language]
        if word in str(entry.string)
    }
    assert found == {}
    # and are Traditional: what OpenCC would make Simplified differs from the text
    texts = [str(entry.string) for entry in catalog if entry.id and HAN.search(str(entry.id))]
    simplified_only = set("们这说读设网页键标开关语")
    assert not [text for text in texts if simplified_only & set(text)]


def test_the_catalogs_differ_where_the_regions_do() -> None:
    taiwan, hong_kong = catalogs.read("zh_TW"), catalogs.read("zh_HK")
    assert taiwan["语音引擎无法启动。"].string == "語音引擎無法啟動。"
    assert hong_kong["语音引擎无法启动。"].string == "語音引擎無法啓動。"
    assert "軟體" in str(taiwan["读屏软件"].string)
    assert "軟件" in str(hong_kong["读屏软件"].string)
    assert "網路" in str(taiwan["无法连接网站，请检查网络后再试。"].string)
    assert "網絡" in str(hong_kong["无法连接网站，请检查网络后再试。"].string)


def _translating_calls() -> list[tuple[str, int, str]]:
    """(file, line, source) of every call of a translating name whose message is
    composed before translation: an f-string with Chinese, or Chinese literals in an
    expression (`"开" if on else "关"` extracts as one wrong message "开关")."""
    names = set(catalogs.KEYWORDS)
    bad = []
    for path in sorted((ROOT / "accessible_reader").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
            if name not in names:
                continue
            first = node.args[0]
            if isinstance(first, ast.Constant):
                continue
            inner = [
                n
                for n in ast.walk(first)
                if isinstance(n, ast.Constant) and isinstance(n.value, str) and HAN.search(n.value)
            ]
            marked = {
                id(arg)
                for call in ast.walk(first)
                if isinstance(call, ast.Call)
                and getattr(call.func, "id", getattr(call.func, "attr", "")) in names
                for arg in call.args
            }
            if [n for n in inner if id(n) not in marked]:
                where = str(path.relative_to(ROOT))
                bad.append((where, node.lineno, ast.unparse(first)[:80]))
    return bad


def test_no_message_is_composed_before_translation() -> None:
    assert _translating_calls() == []


def test_interface_formats_after_translating() -> None:
    english = i18n.Interface("en")
    assert english("表格，{rows}行{columns}列", rows=3, columns=2) == "Table, 3 rows, 2 columns"
    taiwan = i18n.Interface("zh_TW")
    assert taiwan("已删除：{title}", title="通知") == "已刪除：通知"  # values stay as given
    assert english("图片：{name}", name="图片") == "Picture: picture"  # a message value too
    assert i18n.Interface("zh_CN")("文章库") == "文章库"
    assert english("没有这条消息") == "没有这条消息"  # not a message: unchanged


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("zh_CN", "zh_CN"),
        ("zh", "zh_CN"),
        ("zh-Hans", "zh_CN"),
        ("zh_TW.UTF-8", "zh_TW"),
        ("zh_HK", "zh_HK"),
        ("zh_MO", "zh_HK"),
        ("en_GB.UTF-8", "en"),
        ("en", "en"),
        ("fr_FR", None),
        ("C.UTF-8", None),
        ("", None),
    ],
)
def test_language_codes(code: str, expected: str | None) -> None:
    assert i18n.normalise(code) == expected


def test_which_language(monkeypatch: pytest.MonkeyPatch) -> None:
    """READER_LANG > 界面语言 > the system; 跟随系统 in Chinese follows 简/繁."""
    monkeypatch.setenv("LC_ALL", "C.UTF-8")
    assert i18n.resolve("system", "zh-Hans") == "zh_CN"
    assert i18n.resolve("system", "zh-HK") == "zh_HK"  # today's 简/繁 behaviour
    assert i18n.resolve("en", "zh-HK") == "en"
    assert i18n.resolve("zh_TW", "zh-Hans") == "zh_TW"
    monkeypatch.setenv("LC_ALL", "en_US.UTF-8")
    assert i18n.resolve("system", "zh-TW") == "en"
    monkeypatch.setenv("LC_ALL", "zh_TW.UTF-8")
    assert i18n.resolve("system", "zh-Hans") == "zh_TW"
    monkeypatch.setenv("READER_LANG", "zh_HK")
    assert i18n.resolve("en", "zh-Hans") == "zh_HK"


def test_the_catalogs_are_found_where_the_package_is() -> None:
    """The .mo files are package data (pyproject), so wheels and the frozen build carry
    them (PyInstaller's collect_data_files takes the package's data)."""
    for language in i18n.TRANSLATED:
        assert catalogs.catalog_path(language, ".mo").is_relative_to(ROOT / "accessible_reader")
    assert io.BytesIO(catalogs.compiled("en")).getbuffer().nbytes > 10_000
    sys.path.insert(0, str(ROOT / "packaging" / "pyinstaller"))
    import bundle_rules  # type: ignore[import-not-found]

    for windows in (False, True):
        for language in i18n.TRANSLATED:
            dest = f"accessible_reader/resources/locale/{language}/LC_MESSAGES/accessible_reader.mo"
            assert bundle_rules.keep_data(dest, "DATA", windows)
