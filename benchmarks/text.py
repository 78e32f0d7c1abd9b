"""Text figures: OpenCC bindings side by side, article conversion, detection, hot paths.

- conversion throughput (s2t, chars/s) on ~1 MB of portal text: the official
  binding called directly, opencc-python-reimplemented (from
  build/peers/opencc_reimplemented, in a subprocess because both install the import
  name `opencc`; skipped when that folder is missing, `make bench` installs it),
  and our wrapper with the source given and detected; printed as ratios;
- convert_article on a 100 000-character Article (goal: well under 100 ms);
- variant detection scores per corpus page and for its s2t conversion;
- split_text and normalize per sentence, which run on the GUI thread.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
PEER = ROOT / "build" / "peers" / "opencc_reimplemented"
TARGET_CHARS = 1_000_000
ARTICLE_CHARS = 100_000

if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from accessible_reader.article.model import Article, Block, BlockKind  # noqa: E402
from accessible_reader.text.convert import (  # noqa: E402
    DETECT_SAMPLE_CHARS,
    convert_article,
    convert_text,
    detect_variant,
    variant_scores,
)
from accessible_reader.text.normalize import normalize  # noqa: E402
from accessible_reader.text.segment import split_text  # noqa: E402

_HAN_LINE = re.compile("[\u4e00-\u9fff]{10}")

_PEER_SCRIPT = """
import sys, time
sys.path.insert(0, sys.argv[1])
import opencc
text = open(sys.argv[2], encoding="utf-8").read()
converter = opencc.OpenCC("s2t")
converter.convert(text[:1000])
best = float("inf")
for _ in range(int(sys.argv[3])):
    start = time.perf_counter()
    converter.convert(text)
    best = min(best, time.perf_counter() - start)
print(best)
"""


def page_texts() -> list[tuple[str, str]]:
    """(name, text) of the seed dump and every corpus page (text content of the HTML)."""
    from lxml import html

    seeds = sorted((SHARED / "seed").glob("*.txt"))
    texts = [(path.name, path.read_text(encoding="utf-8")) for path in seeds]
    for path in sorted((SHARED / "corpus" / "pages").glob("**/*.html")):
        if path.name == "expected.html":
            continue
        name = str(path.relative_to(SHARED / "corpus" / "pages"))
        # Decoded as UTF-8 whatever the page declares: two pages declare gb2312 but are UTF-8.
        source = path.read_text(encoding="utf-8", errors="replace")
        texts.append((name, _visible_text(html.fromstring(source))))
    return texts


def _visible_text(root: Any) -> str:
    """The text a reader sees: scripts and styles dropped."""
    from lxml import etree

    etree.strip_elements(root, "script", "style", etree.Comment, with_tail=False)
    return "".join(root.itertext())


def welcome_text() -> str:
    from lxml import html

    path = ROOT / "accessible_reader" / "resources" / "welcome" / "welcome.html"
    return _visible_text(html.fromstring(path.read_bytes()))


def best_time(function: Callable[[], object], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        best = min(best, time.perf_counter() - start)
    return best


def bench_bindings(text: str) -> None:
    import opencc

    from accessible_reader.text.convert import backend

    print(f"conversion s2t of {len(text):,} characters (best of 5; binding in use: {backend()})")
    raw = opencc.OpenCC("s2t.json")
    raw.convert(text[:1000])
    convert_text(text[:1000], "zh-Hant", source="zh-Hans")
    rows: list[tuple[str, float]] = [
        ("official binding, direct", best_time(lambda: raw.convert(text), 5)),
        (
            "wrapper, source given",
            best_time(lambda: convert_text(text, "zh-Hant", source="zh-Hans"), 5),
        ),
        ("wrapper, source detected", best_time(lambda: convert_text(text, "zh-Hant"), 5)),
    ]
    if PEER.is_dir():
        with tempfile.TemporaryDirectory() as folder:
            sample = Path(folder) / "text.txt"
            sample.write_text(text, encoding="utf-8")
            result = subprocess.run(
                [sys.executable, "-c", _PEER_SCRIPT, str(PEER), str(sample), "2"],
                capture_output=True,
                text=True,
                check=True,
            )
            rows.append(("opencc-python-reimplemented", float(result.stdout.strip())))
    else:
        print(f"  opencc-python-reimplemented skipped: {PEER} missing (run `make bench`)")
    base = rows[0][1]
    for name, seconds in rows:
        print(
            f"  {name:30} {seconds * 1000:9.1f} ms  {len(text) / seconds / 1e6:6.2f} M chars/s"
            f"  {seconds / base:6.2f}× the direct binding's time"
        )


def build_article(paragraphs: list[str]) -> Article:
    blocks: list[Block] = []
    size = 0
    index = 0
    while size < ARTICLE_CHARS:
        paragraph = paragraphs[index % len(paragraphs)][: ARTICLE_CHARS - size]
        index += 1
        if index % 20 == 0:
            cells = tuple(tuple(paragraph[i : i + 6] for i in range(0, 24, 6)) for _ in range(3))
            blocks.append(Block.table(cells, header_rows=1))
        else:
            blocks.append(Block(BlockKind.PARAGRAPH, paragraph))
        size += len(blocks[-1].text)
    return Article(title="“两湖”焕新生长 城市更新而进", blocks=tuple(blocks), source="武进日报")


def bench_article(paragraphs: list[str]) -> None:
    article = build_article(paragraphs)
    size = sum(len(text) for text in article.iter_text())
    convert_article(article, "zh-Hant")
    for target in ("zh-Hant", "zh-TW", "zh-HK"):
        seconds = best_time(partial(convert_article, article, target), 5)
        print(
            f"convert_article → {target}: {size:,} characters in {len(article.blocks)} blocks: "
            f"{seconds * 1000:.1f} ms"
        )
    import opencc

    raw = opencc.OpenCC("s2t.json")
    pieces = [
        *article.iter_text(),
        *(cell for block in article.blocks for row in block.rows for cell in row),
    ]
    seconds = best_time(lambda: [raw.convert(piece) for piece in pieces], 5)
    print(
        f"  official binding, s2t on the same {len(pieces):,} pieces directly: "
        f"{seconds * 1000:.1f} ms"
    )
    back = convert_article(article, "zh-Hant")
    seconds = best_time(lambda: convert_article(back, "zh-Hans"), 5)
    print(f"convert_article zh-Hant → zh-Hans: {seconds * 1000:.1f} ms")


def bench_detection(texts: list[tuple[str, str]]) -> None:
    print(
        f"detection (sample of {DETECT_SAMPLE_CHARS:,} characters): simplified-only / "
        "traditional-only, % of the sample's Chinese characters"
    )
    for name, text in texts:
        rows = []
        for config in ("s2t", "s2tw", "s2hk"):
            converted = convert_text(text, _TARGET[config], source="zh-Hans")
            scores = variant_scores(converted)
            rows.append(
                f"{config} {_percent(scores.simplified, scores.han)} / "
                f"{_percent(scores.traditional, scores.han)}"
            )
        scores = variant_scores(text)
        print(
            f"  {name:30} {scores.han:5d} chars  as is {_percent(scores.simplified, scores.han)} / "
            f"{_percent(scores.traditional, scores.han)}   " + "   ".join(rows)
        )
    seconds = best_time(lambda: detect_variant(texts[0][1] * 50), 5)
    print(f"  detect_variant on {len(texts[0][1]) * 50:,} characters: {seconds * 1000:.2f} ms")


_TARGET = {"s2t": "zh-Hant", "s2tw": "zh-TW", "s2hk": "zh-HK"}


def _percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:4.1f}" if whole else " n/a"


def bench_hot_paths(texts: list[tuple[str, str]]) -> None:
    lines = [line for _, text in texts for line in text.splitlines() if line.strip()]
    start = time.perf_counter()
    sentences = [sentence for line in lines for sentence in split_text(line)]
    split_seconds = time.perf_counter() - start
    start = time.perf_counter()
    for sentence in sentences:
        normalize(sentence.text)
    normalize_seconds = time.perf_counter() - start
    lengths = sorted(len(sentence.text) for sentence in sentences)
    print(
        f"split_text: {len(lines):,} lines → {len(sentences):,} sentences "
        f"(median {lengths[len(lengths) // 2]} characters), "
        f"{split_seconds / len(lines) * 1e6:.1f} µs per line; "
        f"normalize: {normalize_seconds / len(sentences) * 1e6:.1f} µs per sentence"
    )


def main() -> int:
    texts = page_texts() if SHARED.is_dir() else []
    if not texts:
        print("corpus pages skipped: ../shared is absent; using the welcome article")
        texts = [("welcome.html", welcome_text())]
    joined = "\n".join(text for _, text in texts)
    big = (joined * (TARGET_CHARS // len(joined) + 1))[:TARGET_CHARS]
    paragraphs = [
        line.strip()
        for line in joined.splitlines()
        if 20 < len(line.strip()) < 1000 and _HAN_LINE.search(line)
    ]
    bench_bindings(big)
    bench_article(paragraphs)
    bench_detection(texts)
    bench_hot_paths(texts)
    return 0


if __name__ == "__main__":
    sys.exit(main())
