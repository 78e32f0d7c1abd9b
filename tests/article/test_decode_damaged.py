"""Damaged bytes decode as a browser decodes them (issue #19.2, #14.2).

A stray byte, a page cut in the middle of a character, Big5 under a lying gb2312
declaration, a NUL byte: the reader shows the article, marks what it could not read
with U+FFFD and says how many there were.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from accessible_reader.article.decode import decode_detailed, replacement_note
from accessible_reader.article.load import (
    SourceData,
    article_from_source,
    check_content,
    load_article,
)
from accessible_reader.article.model import Article
from accessible_reader.errors import SourceError

TRADITIONAL = "關於做好防汛工作的通知：各區縣政府、市各有關部門，請認真貫徹執行。" * 3
SIMPLIFIED = "关于做好2024年防汛工作的通知：各区县人民政府、市各有关部门，请认真贯彻执行。" * 3


def _corpus_pages(corpus: Path) -> list[tuple[str, dict[str, object]]]:
    expected = json.loads((corpus / "expected.json").read_text(encoding="utf-8"))
    return [
        (name, fields)
        for name, fields in expected.items()
        if name.endswith(".html") and (corpus / name).is_file()
    ]


def _must_include(fields: dict[str, object]) -> list[str]:
    found = fields.get("must_include")
    return [str(text) for text in found] if isinstance(found, list) else []


def _page(body: str = SIMPLIFIED) -> str:
    paragraphs = "".join(f"<p>{body}{n}</p>" for n in range(6))
    return f"<html><head><title>通知</title></head><body><div>{paragraphs}</div></body></html>"


def _article(data: bytes, name: str = "page.html") -> Article:
    return article_from_source(SourceData(data, None, None, f"/tmp/{name}", Path(name)))


def _body(article: Article) -> str:
    return "\n".join(block.text for block in article.blocks)


def test_a_stray_byte_after_a_utf8_corpus_page(corpus: Path) -> None:
    for name, fields in _corpus_pages(corpus):
        data = (corpus / name).read_bytes() + b"\xff"
        decoded = decode_detailed(data)
        assert decoded.encoding == "utf-8", name
        assert decoded.replaced == 1, name
        article = _article(data)
        for text in _must_include(fields):
            assert text in _body(article), (name, text)
        assert article.notes and "1 处" in str(article.notes[0])


def test_a_stray_byte_inside_a_utf8_page_declared_gb2312(corpus: Path) -> None:
    # people_gb2312_1 declares gb2312 but is UTF-8: a byte in the middle must not
    # hand it to the declaration (mojibake) — it is still UTF-8 with one error.
    data = (corpus / "pages/people_gb2312_1.html").read_bytes()
    middle = len(data) // 2
    damaged = data[:middle] + b"\xff" + data[middle:]
    decoded = decode_detailed(damaged)
    assert decoded.encoding == "utf-8" and decoded.replaced == 1


def _cut_inside_a_character(data: bytes, encoding: str) -> bytes:
    """The bytes cut through the last multi-byte character of the text."""
    text = data.decode(encoding)
    last = max(i for i, ch in enumerate(text) if "\u4e00" <= ch <= "\u9fff")
    cut = len(text[:last].encode(encoding)) + 1
    return data[:cut]


@pytest.mark.parametrize("encoding", ["utf-8", "gbk"])
def test_a_page_cut_in_the_middle_of_a_character(corpus: Path, encoding: str) -> None:
    cut_count = 0
    for name, fields in _corpus_pages(corpus):
        text = (corpus / name).read_text(encoding="utf-8")
        text = re.sub(r"charset=[\w-]+", f"charset={encoding}", text)
        data = text.encode(encoding, "replace")
        fragment = data[: len(data) * 3 // 4]
        if _ends_clean(fragment, encoding):
            fragment = _cut_inside_a_character(fragment, encoding)
        decoded = decode_detailed(fragment)
        assert decoded.encoding == ("utf-8" if encoding == "utf-8" else "gb18030"), name
        assert decoded.replaced >= 1
        cut_count += 1
        kept = [t for t in _must_include(fields) if t in fragment.decode(encoding, "ignore")]
        for wanted in kept:
            assert wanted in decoded.text, (name, wanted)
    assert cut_count


def _ends_clean(data: bytes, encoding: str) -> bool:
    try:
        data.decode(encoding)
    except UnicodeDecodeError:
        return False
    return True


def test_a_short_gbk_page_cut_mid_character_is_not_mac_greek() -> None:
    page = f'<html><head><meta charset="gbk"><title>通知</title></head><body><p>{SIMPLIFIED}</p>'
    data = page.encode("gbk")
    cut = _cut_inside_a_character(data, "gbk")
    decoded = decode_detailed(cut)
    assert decoded.encoding == "gb18030" and decoded.replaced == 1
    assert SIMPLIFIED[:30] in decoded.text


def test_an_undeclared_gbk_page_with_a_stray_byte() -> None:
    head, tail = f"<html><body><p>{SIMPLIFIED[:12]}", f"{SIMPLIFIED[12:]}</p>"
    damaged = head.encode("gbk") + b"\xff" + tail.encode("gbk")
    decoded = decode_detailed(damaged)
    assert decoded.encoding == "gb18030" and decoded.replaced == 1
    assert SIMPLIFIED[-20:] in decoded.text


def test_big5_under_a_lying_gb2312_meta() -> None:
    page = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">'
        f"<title>通知</title></head><body><p>{TRADITIONAL}</p></body></html>"
    )
    data = page.encode("big5")
    assert data.decode("gb18030")  # a strict GB18030 decode succeeds: the trap
    decoded = decode_detailed(data)
    assert decoded.encoding == "big5hkscs" and TRADITIONAL in decoded.text
    assert decoded.replaced == 0


def test_real_gbk_under_gb2312_meta_stays_gb() -> None:
    page = f'<html><head><meta charset="gb2312"></head><body><p>{SIMPLIFIED}</p></body></html>'
    decoded = decode_detailed(page.encode("gbk"))
    assert decoded.encoding == "gb18030" and SIMPLIFIED in decoded.text


def test_big5_with_a_lying_meta_and_a_stray_byte() -> None:
    page = f'<html><head><meta charset="gb2312"></head><body><p>{TRADITIONAL}</p></body></html>'
    head, tail = page[:70], page[70:]
    damaged = head.encode("big5") + b"\xff" + tail.encode("big5")
    decoded = decode_detailed(damaged)
    assert decoded.encoding == "big5hkscs"
    assert TRADITIONAL[-20:] in decoded.text


def test_one_nul_byte_in_the_first_8_kb_is_read(tmp_path: Path) -> None:
    page = (
        f"<html><head><title>通知</title></head><body><p>{SIMPLIFIED}</p>\x00"
        f"<p>{SIMPLIFIED}</p></body></html>"
    )
    path = tmp_path / "nul.html"
    path.write_bytes(page.encode("utf-8"))
    check_content(path.read_bytes())
    article = load_article(path)
    assert SIMPLIFIED in _body(article)
    assert "\x00" not in _body(article)


def test_a_binary_file_full_of_nul_bytes_is_still_refused() -> None:
    with pytest.raises(SourceError) as raised:
        check_content(bytes(range(256)) * 32)
    assert "二进制" in raised.value.message_zh


def test_clean_pages_carry_no_note() -> None:
    decoded = decode_detailed(f"<p>{SIMPLIFIED}</p>".encode())
    assert decoded.replaced == 0 and replacement_note(decoded) is None
    assert not _article(_page().encode()).notes


def test_the_note_is_kept_in_the_stored_form() -> None:
    from accessible_reader.library.serialize import article_from_text, article_to_text

    data = _page().encode() + b"\xfe"
    article = _article(data)
    assert article_from_text(article_to_text(article)).notes == article.notes


def test_the_cli_says_how_many_characters_were_replaced(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from accessible_reader.cli import main

    path = tmp_path / "cut.html"
    path.write_bytes(_page().encode() + b"\xe5\x85")  # cut inside 关
    assert main(["extract", str(path)]) == 0
    captured = capsys.readouterr()
    assert SIMPLIFIED in captured.out
    assert captured.err.startswith("提示：这个网页有 1 处文字无法识别")
