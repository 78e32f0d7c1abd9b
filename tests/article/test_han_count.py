"""han_count's byte-counting path for long texts gives the regular expression's count."""

from __future__ import annotations

import random

import pytest

from accessible_reader.article.textutil import _HAN_RE, han_count

# Around every boundary of the Han ranges, plus ordinary text.
RANGES = [
    (0x20, 0x7F),
    (0x3000, 0x3500),
    (0x33F0, 0x3410),
    (0x4DB0, 0x4E10),
    (0x9FF0, 0xA010),
    (0xF8F0, 0xFB10),
    (0x1FFF0, 0x20010),
    (0x30FF0, 0x31010),
    (0x31340, 0x31360),
    (0x4E00, 0xA000),
    (0xE000, 0xE100),
    (0x10000, 0x10100),
]


@pytest.mark.parametrize("seed", range(12))
def test_long_texts_count_the_same_as_the_pattern(seed: int) -> None:
    rng = random.Random(seed)
    text = "".join(chr(rng.randrange(*rng.choice(RANGES))) for _ in range(30_000))
    assert han_count(text) == len(_HAN_RE.findall(text))


@pytest.mark.parametrize("seed", range(4))
def test_paragraph_sized_texts_count_the_same(seed: int) -> None:
    rng = random.Random(seed)
    for _ in range(500):
        text = "".join(chr(rng.randrange(*rng.choice(RANGES))) for _ in range(rng.randint(0, 300)))
        assert han_count(text) == len(_HAN_RE.findall(text))


def test_short_and_long_prose() -> None:
    sentence = "各区县人民政府要认真贯彻执行，做好防汛工作。abc𠮷"
    assert han_count(sentence) == 21
    assert han_count(sentence * 5000) == 21 * 5000
