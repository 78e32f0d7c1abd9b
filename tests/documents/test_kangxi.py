from __future__ import annotations

import unicodedata

from accessible_reader.documents.kangxi import has_radicals, normalise_radicals


def test_kangxi_radicals_become_the_characters_they_show() -> None:
    # What a Word-exported PDF's text layer often says for 生产工作, 人民, 长, 门.
    assert (
        normalise_radicals("安全⽣产⼯作，⼈⺠群众，⻓期，⻔⼝")
        == "安全生产工作，人民群众，长期，门口"
    )


def test_every_kangxi_radical_maps_to_a_unified_ideograph() -> None:
    for code in range(0x2F00, 0x2FD6):
        char = normalise_radicals(chr(code))
        assert len(char) == 1 and 0x4E00 <= ord(char) <= 0x9FFF, hex(code)
        assert unicodedata.name(char).startswith("CJK UNIFIED IDEOGRAPH")


def test_other_text_is_left_alone() -> None:
    text = "第１条：全角标点（ＡＢＣ）、半角 abc 123，繁體字與𠮷。"
    assert normalise_radicals(text) == text
    assert not has_radicals(text)
    assert has_radicals("⽣")
