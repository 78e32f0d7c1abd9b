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
from babel.messages.extract import extract
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


# --- Chinese outside the catalogs ----------------------------------------------------

CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef\U00020000-\U0003134f]")
"""Han characters and CJK punctuation (full-width colon, 、, “”): text for Chinese readers."""

DATA: dict[str, str] = {
    # Whole modules: word lists and patterns over the article's own text, never shown.
    "accessible_reader/text/reading_overrides.py": "word → pinyin table for voice and captions",
    "accessible_reader/text/normalize.py": "spoken forms of numbers, units and symbols",
    "accessible_reader/text/readings.py": "numeral and particle characters for pinyin",
    "accessible_reader/text/segment.py": "sentence and clause punctuation",
    "accessible_reader/text/convert.py": "Han code-point ranges for 简/繁 detection",
    "accessible_reader/speech/voice_readings.py": "tone-sandhi characters (一, 不)",
    "accessible_reader/documents/kangxi.py": "Kangxi radical → ideograph table",
    "accessible_reader/documents/layout.py": "list-item numbering patterns in OCR text",
    "accessible_reader/documents/pieces.py": "full-width punctuation of OCR text",
    "accessible_reader/documents/ocr.py::_PUNCTUATION_ONLY": "OCR lines of punctuation alone",
    "accessible_reader/article/metadata.py": "page labels (发布日期, 来源…) the extractor reads",
    "accessible_reader/article/plaintext.py": "breadcrumb, footer and credit patterns",
    "accessible_reader/article/textutil.py": "junk-word and punctuation patterns",
    "accessible_reader/article/extract.py": "portal words the extractor looks for",
    "accessible_reader/article/dates.py": "date patterns (年月日)",
    "accessible_reader/article/edges.py": "page-furniture patterns at the body's edges",
    "accessible_reader/library/links.py": "pagination and date patterns of list pages",
    "accessible_reader/library/keys.py": "full-width characters folded for search keys",
    # Single names (module::top-level name): data inside modules that also show text.
    "accessible_reader/article/decode.py::_COMMON": "frequent characters for charset guessing",
    "accessible_reader/article/decode.py::_CJK_RE": "Han range for charset guessing",
    "accessible_reader/article/model.py::META_LABELS": "the article's meta line (its script)",
    "accessible_reader/article/model.py::Article": "meta line separators (article text)",
    "accessible_reader/article/spoken.py": "picture/attachment prefixes in the article text",
    "accessible_reader/article/parse.py::_cap_tables": "note written into the article",
    "accessible_reader/article/parse.py::_cap_words": "note written into the article",
    "accessible_reader/article/parse.py::_cap_text": "note written into the article",
    "accessible_reader/documents/pdf.py::_PAGE_NUMBER": "page-number lines",
    "accessible_reader/documents/pdf.py::_NUMBERED_HEADING": "一、 headings",
    "accessible_reader/documents/pdf.py::_SENTENCE_END": "sentence-end punctuation",
    "accessible_reader/documents/pdf.py::_title": "untitled-document names; fallback title",
    "accessible_reader/documents/pdf.py::read_pdf": "note written into the article",
    "accessible_reader/documents/pdf.py::_blocks": "scanned-page placeholder in the article",
    "accessible_reader/documents/docx.py": "Word's 标题 style names; fallback title",
    "accessible_reader/documents/xlsx.py": "note written into the article; fallback title",
    "accessible_reader/documents/attachments.py": "attachment names in the article",
    "accessible_reader/documents/dispatch.py::_picture": "a picture's name in the article",
    "accessible_reader/speech/espeak.py::_PROBE_TEXT": "text synthesised to test the voice",
    "accessible_reader/speech/espeak.py::EspeakEngine": "warm-up words, never heard",
    "accessible_reader/speech/pyttsx3_engine.py::_CHINESE_HINTS": "voice names that say 中文",
    "accessible_reader/i18n.py::LANGUAGE_NAMES": "each language named in itself",
    "accessible_reader/commands/library.py::_marked": "【】 around search hits in article text",
    "accessible_reader/article/parse.py::_WORD_CHAR": "Han range for long-word caps",
    "accessible_reader/kiosk/reset.py::SHELL_STEPS": "the reset's steps documented, never shown",
    "accessible_reader/ui/caption_panel.py::GRID_CHARACTER": "a Han character measured",
    "accessible_reader/ui/caption_panel.py::_WORD": "full-width digits kept together",
    "accessible_reader/ui/notice_bar.py::LINE_JOINER": "a wide space between lines",
    "accessible_reader/ui/reading_view.py::IMAGE_LABEL": "article words (as spoken.py's)",
    "accessible_reader/ui/reading_view.py::IMAGE_TEXT_LABEL": "article words",
    "accessible_reader/ui/reading_view.py::ATTACHMENT_LABEL": "article words",
    "accessible_reader/ui/speech.py::SPOKEN_PAUSE": "a pause for the voice, never shown",
    "accessible_reader/ui/message_box.py::SPOKEN_LIST": "a pause for our voice",
    "accessible_reader/ui/message_box.py::SPOKEN_STOP": "a pause for our voice",
    "accessible_reader/ui/message_box.py::SPOKEN_ENDS": "sentence ends our voice hears",
    "accessible_reader/ui/translations.py::GAPS": "Qt's own words its catalogs lack, per language",
    # The registry's labels are composed from parts; each composed label is a catalog
    # entry (tools/catalogs.py reads the registry), so the parts need none.
    "accessible_reader/ui/actions.py::_ZOOM_IN_DESCRIPTION": "a registry label, composed",
    "accessible_reader/ui/actions.py::_font_action": "composes registry labels",
    "accessible_reader/ui/actions.py::_scheme_action": "composes registry labels",
    "accessible_reader/ui/actions.py::_cursor_colour_action": "composes registry labels",
    "accessible_reader/ui/actions.py::_navigate": "composes registry labels",
    "accessible_reader/ui/actions.py::_heading_level_action": "composes registry labels",
    "accessible_reader/ui/actions.py::_cell_action": "composes registry labels",
    "accessible_reader/ui/actions.py::_navigation_actions": "composes registry labels",
}
"""Where Chinese literals are data, not interface text, and why."""

TABLE_MODULES = (
    "accessible_reader/config.py",
    "accessible_reader/setting_commands.py",
    "accessible_reader/speech/rates.py",
    "accessible_reader/ui/theme.py",
    "accessible_reader/ui/actions.py",
    "accessible_reader/kiosk/config.py",
)
"""Modules whose declared tables tools/catalogs.py reads as messages (see _from_tables)."""


def _extracted(source: str) -> set[str]:
    """The messages Babel extracts from `source`, as tools/catalogs.py runs it (it
    misses some marked ones: an N_ inside a call inside a translating call)."""
    found = extract("python", io.BytesIO(source.encode("utf-8")), keywords=catalogs.KEYWORDS)
    return {message for _lineno, message, _comments, _context in found if isinstance(message, str)}


def _first_argument_constants(tree: ast.AST, extracted: set[str]) -> set[int]:
    """The message literals of translating calls that reach the catalogs."""
    names = set(catalogs.KEYWORDS)
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant):
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
            if name in names and node.args[0].value in extracted:
                found.add(id(node.args[0]))
    return found


def _glyphs(tree: ast.AST) -> set[int]:
    """Toolbar glyphs (``glyph="繁"``): drawn as icons; the button's label is the text."""
    return {
        id(keyword.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        for keyword in node.keywords
        if keyword.arg == "glyph"
    }


def _docstrings(tree: ast.AST) -> set[int]:
    """Docstrings and attribute docstrings: for developers, never shown."""
    found = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(body, list):
            for statement in body:
                if isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Constant):
                    found.add(id(statement.value))
    return found


def _top_level_name(statement: ast.stmt) -> str:
    if isinstance(statement, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
        return statement.name
    if isinstance(statement, ast.Assign) and isinstance(statement.targets[0], ast.Name):
        return statement.targets[0].id
    if isinstance(statement, ast.AnnAssign) and isinstance(statement.target, ast.Name):
        return statement.target.id
    return ""


def chinese_outside_catalogs(source: str, where: str, tables: set[str]) -> list[str]:
    """`where:line name: literal` of every string literal with Chinese in `source`
    that is neither a catalog message (a translating call's message, N_, Message, that
    Babel really extracts; a declared table's label) nor a docstring nor in DATA."""
    if where in DATA:
        return []
    tree = ast.parse(source)
    known = _first_argument_constants(tree, _extracted(source)) | _docstrings(tree)
    known |= _glyphs(tree)
    left = []
    for statement in tree.body:
        name = _top_level_name(statement)
        if f"{where}::{name}" in DATA:
            continue
        for node in ast.walk(statement):
            if not isinstance(node, ast.Constant) or not isinstance(node.value, str):
                continue
            if id(node) in known or not CJK.search(node.value):
                continue
            if where in TABLE_MODULES and node.value in tables:
                continue
            left.append(f"{where}:{node.lineno} {name}: {node.value[:50]!r}")
    return left


@pytest.fixture(scope="module")
def table_messages() -> set[str]:
    return {message for message, _where in catalogs._from_tables()}


def test_no_chinese_outside_the_catalogs(table_messages: set[str]) -> None:
    """Chinese a user may see is a catalog message; anything else is data in DATA."""
    left = []
    for path in sorted((ROOT / "accessible_reader").rglob("*.py")):
        where = path.relative_to(ROOT).as_posix()
        left += chinese_outside_catalogs(path.read_text(encoding="utf-8"), where, table_messages)
    print("\n".join(left))
    assert left == []


def test_the_data_list_names_only_what_exists() -> None:
    for entry in DATA:
        path, _, name = entry.partition("::")
        assert (ROOT / path).is_file(), entry
        if name:
            tree = ast.parse((ROOT / path).read_text(encoding="utf-8"))
            assert name in {_top_level_name(s) for s in tree.body}, entry


def test_the_check_finds_a_planted_string(table_messages: set[str]) -> None:
    """What the check is for: Chinese shown without the catalogs, in any shape."""
    planted = """
def notify(window, count):
    window.status(f"已保存 {count} 篇")  # an f-string: no catalog entry
    window.setWindowTitle("文章库")  # no translating call
    return Message("{a}：{b}", a="未翻译的字段", b=N_("翻译的字段"))


def listed(names):
    return Message("{names}", names=Joined(names, N_("、")))  # marked, never extracted
"""
    where = "accessible_reader/ui/planted.py"
    left = chinese_outside_catalogs(planted, where, table_messages)
    assert sorted(entry.split(": ", 1)[1] for entry in left) == [
        "' 篇'",
        "'、'",
        "'已保存 '",
        "'文章库'",
        "'未翻译的字段'",
    ]
    assert chinese_outside_catalogs('X = ui("文章库")\n"""文档。"""\n', where, set()) == []
    data = "accessible_reader/text/normalize.py"
    assert chinese_outside_catalogs('UNITS = {"km": "千米"}\n', data, set()) == []
