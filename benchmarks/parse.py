"""HTML parsing: the reader's tree builder beside HTML5-conformant ones, same pages.

`accessible_reader.article.parse.parse_document` is libxml2 (lxml) plus a pass that
closes the void elements libxml2 leaves open and applies the caps. It is compared
with bare libxml2 and with html5lib, lxml's html5parser (html5lib building lxml
trees) and selectolax/lexbor (its own tree, which the extractor could not walk), on
every page of ../shared/corpus: median milliseconds and the ratio to parse_document.
Run: ``.venv/bin/python benchmarks/parse.py`` (``make bench`` installs the peers).
"""

from __future__ import annotations

import statistics
import sys
import time
import warnings
from collections.abc import Callable
from pathlib import Path

from lxml import html as lxml_html

from accessible_reader.article.decode import decode_html
from accessible_reader.article.parse import parse_document

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
RUNS = 5


def _pages() -> list[str]:
    files = sorted(CORPUS.glob("pages/*.html")) + sorted(CORPUS.glob("pages/*/source.html"))
    return [decode_html(path.read_bytes()) for path in files]


def _median_ms(parse: Callable[[str], object], pages: list[str]) -> float:
    times = []
    for page in pages:
        best = float("inf")
        for _ in range(RUNS):
            start = time.perf_counter()
            parse(page)
            best = min(best, time.perf_counter() - start)
        times.append(best * 1000)
    return statistics.median(times)


def _peers() -> list[tuple[str, Callable[[str], object]]]:
    peers: list[tuple[str, Callable[[str], object]]] = []
    bare = lxml_html.HTMLParser(remove_comments=False, remove_pis=True, no_network=True)
    peers.append(("lxml / libxml2, bare", lambda s: lxml_html.document_fromstring(s, bare)))
    try:
        import html5lib
        from lxml.html import html5parser

        peers.append(("html5lib → lxml", lambda s: html5lib.parse(s, treebuilder="lxml")))
        peers.append(("lxml html5parser", html5parser.document_fromstring))
    except ImportError:
        print("html5lib not installed (make bench installs it)")
    try:
        from selectolax.lexbor import LexborHTMLParser

        peers.append(("selectolax / lexbor (own tree)", LexborHTMLParser))
    except ImportError:
        print("selectolax not installed (make bench installs it)")
    return peers


def main() -> int:
    if not CORPUS.is_dir():
        print(f"shared corpus not found at {CORPUS}")
        return 0
    warnings.simplefilter("ignore")  # html5lib's DataLossWarning on every page
    pages = _pages()
    ours = _median_ms(parse_document, pages)
    print(f"{len(pages)} pages, median of the best of {RUNS} runs per page")
    print(f"{'parser':34} {'ms':>8} {'× ours':>8}")
    print(f"{'parse_document (reader)':34} {ours:8.2f} {1.0:8.2f}")
    for name, parse in _peers():
        ms = _median_ms(parse, pages)
        print(f"{name:34} {ms:8.2f} {ms / ours:8.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
