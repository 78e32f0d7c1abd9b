"""Encodings seen on portals, including the ones that lie about themselves."""

from __future__ import annotations

import codecs

import pytest

from accessible_reader.article.decode import (
    codec_name,
    declared_charset,
    decode_detailed,
    decode_html,
    header_charset,
)
from accessible_reader.errors import DecodeError

TEXT = "关于做好2024年防汛工作的通知：各区县人民政府、市各有关部门。"
TRADITIONAL = "關於做好防汛工作的通知：各區縣政府、市各有關部門，請認真貫徹執行。"


def page(charset: str | None, body: str = TEXT) -> str:
    meta = (
        f'<meta http-equiv="Content-Type" content="text/html; charset={charset}">'
        if charset
        else ""
    )
    return f"<html><head>{meta}<title>通知</title></head><body><p>{body}</p></body></html>"


@pytest.mark.parametrize(
    ("label", "name"),
    [
        ("gb2312", "gb18030"),
        ("GBK", "gb18030"),
        ("x-gbk", "gb18030"),
        ("big5", "big5hkscs"),
        ("UTF8", "utf-8"),
        ("utf-8", "utf-8"),
        ("nonsense-charset", None),
    ],
)
def test_codec_names(label: str, name: str | None) -> None:
    assert codec_name(label) == name


def test_bom_wins_over_everything() -> None:
    data = codecs.BOM_UTF8 + page("gb2312").encode("utf-8")
    decoded = decode_detailed(data, "text/html; charset=big5")
    assert decoded.reason == "bom" and TEXT in decoded.text
    assert not decoded.text.startswith("\ufeff")


@pytest.mark.parametrize("bom_codec", ["utf-16-le", "utf-16-be"])
def test_utf16_with_bom(bom_codec: str) -> None:
    bom = codecs.BOM_UTF16_LE if bom_codec.endswith("le") else codecs.BOM_UTF16_BE
    decoded = decode_detailed(bom + page(None).encode(bom_codec))
    assert TEXT in decoded.text


def test_transport_header_charset() -> None:
    data = page(None).encode("gb18030")
    decoded = decode_detailed(data, "text/html; charset=GBK")
    assert decoded.reason == "header" and decoded.encoding == "gb18030"
    assert TEXT in decoded.text


def test_wrong_transport_header_is_verified() -> None:
    data = page(None).encode("gb18030")
    decoded = decode_detailed(data, "text/html; charset=utf-8")
    assert TEXT in decoded.text


def test_declared_gb2312_reads_characters_outside_gb2312() -> None:
    body = "朱镕基同志和𠀾字都不在GB2312里。"
    data = page("gb2312", body).encode("gb18030")
    assert declared_charset(data) == "gb2312"
    decoded = decode_detailed(data)
    assert decoded.reason == "declared" and body in decoded.text


def test_declared_gb2312_but_utf8_bytes() -> None:
    data = page("gb2312").encode("utf-8")
    decoded = decode_detailed(data)
    assert decoded.encoding == "utf-8" and TEXT in decoded.text


def test_declared_big5() -> None:
    data = page("big5", TRADITIONAL).encode("big5")
    assert TRADITIONAL in decode_html(data)


def test_undeclared_big5_is_recognised() -> None:
    data = page(None, TRADITIONAL).encode("big5")
    decoded = decode_detailed(data)
    assert decoded.encoding == "big5hkscs" and TRADITIONAL in decoded.text


def test_undeclared_gbk() -> None:
    data = page(None).encode("gbk")
    decoded = decode_detailed(data)
    assert decoded.encoding == "gb18030" and TEXT in decoded.text


def test_meta_charset_html5_form() -> None:
    data = f'<meta charset="GBK"><p>{TEXT}</p>'.encode("gbk")
    assert declared_charset(data) == "GBK"
    assert TEXT in decode_html(data)


def test_xml_declaration_encoding() -> None:
    data = f'<?xml version="1.0" encoding="gb2312"?><html><p>{TEXT}</p></html>'.encode("gbk")
    assert TEXT in decode_html(data)


def test_header_charset_parsing() -> None:
    assert header_charset('text/html; charset="gb2312"') == "gb2312"
    assert header_charset("text/html") is None
    assert header_charset(None) is None


def test_plain_ascii() -> None:
    assert decode_html(b"<p>hello</p>") == "<p>hello</p>"


def test_latin1_declaration_is_weak() -> None:
    data = page("iso-8859-1").encode("utf-8")
    assert TEXT in decode_html(data)


def test_undecodable_bytes_raise_decode_error_or_decode() -> None:
    try:
        text = decode_html(bytes(range(256)) * 4)
    except DecodeError as error:
        assert error.message_zh
    else:
        assert isinstance(text, str)
