"""accessible_reader.library figures: import rate, search latency, database size, small writes.

- import rate (articles/s) of 1,000 generated portal pages through import_sources
  (read, hash, extract, normalise, compress, insert), beside extraction alone;
- search latency over 10,000 articles (median and p95 of Library.search with its
  snippets; 简 and 繁 queries, 1–2 characters and longer, common and rare; goal:
  under 50 ms), with the peers: the same lookup as a LIKE scan of the normalised
  text against the FTS5 trigram index (for 1–2 characters: the index's trigrams
  starting with the term), as a ratio, and LIKE against instr for the scan;
- database size per article, by table where SQLite's dbstat is compiled in;
- opening with PRAGMA integrity_check, a reading-position write, the list view.

Pages are made from the bundled welcome article: its page furniture kept, title,
date and body replaced by sentences drawn (seeded) from the welcome text and the
corpus pages (../shared/corpus, used when present); one in five is converted to
繁體. Run: `.venv/bin/python benchmarks/library.py [--articles 10000] [--pages 1000]`.
"""

from __future__ import annotations

import argparse
import html
import random
import re
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "pages"

if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from accessible_reader.article.load import load_article, welcome_path  # noqa: E402
from accessible_reader.article.model import Article, Block, BlockKind  # noqa: E402
from accessible_reader.library import Library, import_sources  # noqa: E402
from accessible_reader.library.keys import search_form  # noqa: E402
from accessible_reader.text.convert import converter_for  # noqa: E402

GOAL_MS = 50.0
RARE = "冰雪旅游节"
"""Put into a handful of articles, so one query finds few."""

_SENTENCE = re.compile(r"[^。！？\n]{8,120}[。！？]")
_BODY = re.compile(r'(<div class="TRS_Editor">).*?(</div>\s*<div class="share">)', re.DOTALL)


def sentence_pool() -> list[str]:
    """Sentences of the welcome article and of the corpus pages' articles."""
    sources = [welcome_path()]
    if CORPUS.is_dir():
        sources += [p for p in sorted(CORPUS.glob("**/*.html")) if p.name != "expected.html"]
    sentences: list[str] = []
    for path in sources:
        article = load_article(path)
        for block in article.blocks:
            if block.kind in (BlockKind.PARAGRAPH, BlockKind.LIST_ITEM):
                sentences += _SENTENCE.findall(block.text)
    return sentences


class Generator:
    """Varied portal articles: titles, dates and bodies drawn from the pool, seeded."""

    def __init__(self, seed: int = 7) -> None:
        self.random = random.Random(seed)
        self.pool = sentence_pool()
        self.template = welcome_path().read_text(encoding="utf-8")
        self.to_traditional = converter_for("zh-Hant", source="zh-Hans")

    def article(self, number: int) -> tuple[Article, bool]:
        """An Article (and whether it is 繁體), about 1,500 characters of body."""
        pick = self.random
        title = pick.choice(self.pool).rstrip("。！？")[:28] + f"（第{number}号）"
        paragraphs: list[str] = []
        size = 0
        while size < pick.randint(900, 2200):
            paragraph = "".join(pick.sample(self.pool, pick.randint(2, 5)))
            if number % 997 == 0 and not paragraphs:
                paragraph = f"今年的{RARE}将于一月开幕。" + paragraph
            paragraphs.append(paragraph)
            size += len(paragraph)
        date = f"20{pick.randint(15, 24):02d}-{pick.randint(1, 12):02d}-{pick.randint(1, 28):02d}"
        article = Article(
            title,
            tuple(Block(BlockKind.PARAGRAPH, text) for text in paragraphs),
            published=date,
            source="示范市人民政府办公室",
            column="政务动态",
            site="示范市人民政府",
        )
        traditional = number % 5 == 4
        if traditional:
            article = article.map_text(self.to_traditional)
        return article, traditional

    def page(self, article: Article) -> str:
        """The welcome page with this article's title, date and body."""
        text = self.template.replace("欢迎使用无障碍阅读器", html.escape(article.title))
        text = text.replace("2026-11-28 09:30", article.published or "")
        body = "\n".join(f"<p>{html.escape(block.text)}</p>" for block in article.blocks)
        return _BODY.sub(lambda m: m.group(1) + body + m.group(2), text, count=1)


def timings(function: Callable[[], object], repeat: int) -> list[float]:
    """Milliseconds per call, `repeat` calls after one warm-up."""
    function()
    out: list[float] = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        out.append((time.perf_counter() - start) * 1000)
    return out


def p95(values: list[float]) -> float:
    return sorted(values)[max(0, round(len(values) * 0.95) - 1)]


# --- Import ---------------------------------------------------------------------------


def bench_import(generator: Generator, pages: int, folder: Path) -> None:
    source = folder / "pages"
    source.mkdir()
    for number in range(pages):
        article, _ = generator.article(number)
        sub = source / f"{number // 100:02d}"
        sub.mkdir(exist_ok=True)
        (sub / f"t{number:05d}.html").write_text(generator.page(article), encoding="utf-8")
    files = sorted(source.glob("**/*.html"))
    size = sum(path.stat().st_size for path in files)

    start = time.perf_counter()
    for path in files[:200]:
        load_article(path)
    extract_rate = 200 / (time.perf_counter() - start)

    with Library(folder / "import.sqlite3") as library:
        start = time.perf_counter()
        report = import_sources(library, [source])
        seconds = time.perf_counter() - start
        assert len(report.added) == pages, (len(report.added), report.failed[:3])
        start = time.perf_counter()
        again = import_sources(library, [source])
        again_seconds = time.perf_counter() - start
        assert len(again.duplicates) == pages
    print(f"import of {pages:,} generated pages ({size / pages / 1024:.1f} KB each, in folders)")
    print(f"  {'import_sources (new pages)':34} {pages / seconds:8.0f} articles/s")
    print(f"  {'extraction alone (load_article)':34} {extract_rate:8.0f} articles/s")
    print(f"  {'import_sources (all duplicates)':34} {pages / again_seconds:8.0f} articles/s")
    print(
        f"  library overhead: import takes {extract_rate / (pages / seconds):.2f}× "
        "the time of extraction alone\n"
    )


# --- Search ---------------------------------------------------------------------------

QUERIES = [
    ("国际空间站", "简, 5 chars, common"),
    ("國際空間站", "繁, 5 chars, common"),
    ("无障碍阅读器", "简, 6 chars"),
    ("知识产权", "简, 4 chars"),
    ("一帶一路", "繁, 4 chars"),
    (RARE, "简, 5 chars, rare"),
    ("量子纠缠通信", "简, no match"),
    ("发展", "简, 2 chars, common"),
    ("發展", "繁, 2 chars, common"),
    ("航天", "简, 2 chars, common"),
    ("冰雪", "简, 2 chars, rare"),
    ("港", "简, 1 char"),
    ("的", "简, 1 char, everywhere"),
    ("国际空间站 航天", "简, 5 + 2 chars"),
]


def fill(generator: Generator, library: Library, count: int) -> float:
    """Add `count` articles (with their generated page as source bytes); seconds taken."""
    start = time.perf_counter()
    for number in range(count):
        article, _ = generator.article(number)
        library.add_article(article, generator.page(article).encode("utf-8"))
    return time.perf_counter() - start


def _path(library: Library, term: str) -> str:
    """How a term is looked up: its own trigrams, expanded trigrams, or a scan."""
    if len(term) >= 3:
        return "trigram"
    return "scan" if library._expand(term) is None else "expanded"


def bench_search(library: Library, count: int, repeat: int) -> None:
    connection = sqlite3.connect(library.path)
    connection.execute(
        "CREATE VIRTUAL TABLE temp.search_vocab USING fts5vocab(main, search_index, 'row')"
    )
    print(f"search over {count:,} articles (Library.search, limit 20, snippets included;")
    print(f"  median and p95 of {repeat} runs; goal < {GOAL_MS:.0f} ms)")
    print(f"  {'query':16} {'kind':22} {'matches':>8} {'median':>9} {'p95':>9}  path")
    for query, kind in QUERIES:
        terms = search_form(query).split()
        where = " AND ".join("(instr(title, ?) > 0 OR instr(body, ?) > 0)" for _ in terms)
        parameters = [term for term in terms for _ in (0, 1)]  # exact count, any path
        matches = connection.execute(
            f"SELECT count(*) FROM search_text WHERE {where}", parameters
        ).fetchone()[0]
        values = timings(lambda q=query: library.search(q, limit=20), repeat)  # type: ignore[misc]
        path = "+".join(_path(library, term) for term in terms)
        flag = "" if p95(values) < GOAL_MS else "  over goal"
        print(
            f"  {query:<{16 - len(query)}} {kind:22} {matches:8,} "
            f"{statistics.median(values):7.1f}ms {p95(values):7.1f}ms  {path}{flag}"
        )

    def like_scan(term: str) -> list[float]:
        """The peer: every matching id by a LIKE scan of the plain-text copy."""
        return timings(
            lambda: connection.execute(
                "SELECT id FROM search_text WHERE title LIKE ? OR body LIKE ?",
                (f"%{term}%", f"%{term}%"),
            ).fetchall(),
            max(3, repeat // 4),
        )

    print()
    print("peer: every matching id, LIKE scan of search_text vs FTS5 trigram MATCH")
    print(f"  {'query':16} {'LIKE scan':>10} {'FTS5':>9} {'ratio':>8}")
    for query in ("国际空间站", "无障碍阅读器", RARE, "量子纠缠通信"):
        term = search_form(query)
        like = like_scan(term)
        fts = timings(
            lambda t=term: connection.execute(  # type: ignore[misc]
                "SELECT rowid FROM search_index WHERE search_index MATCH ?", (f'"{t}"',)
            ).fetchall(),
            repeat,
        )
        ratio = statistics.median(like) / statistics.median(fts)
        print(
            f"  {query:<{16 - len(query)}} {statistics.median(like):8.1f}ms "
            f"{statistics.median(fts):7.2f}ms {ratio:7.0f}×"
        )
    for query in ("发展", "冰雪"):
        term = search_form(query)
        like = like_scan(term)
        expansion = library._expand(term) or []
        expression = " OR ".join(f'"{x}"' for x in expansion)
        fts = timings(
            lambda e=expression: connection.execute(  # type: ignore[misc]
                "SELECT rowid FROM search_index WHERE search_index MATCH ?", (e,)
            ).fetchall(),
            repeat,
        )
        ratio = statistics.median(like) / statistics.median(fts)
        print(
            f"  {query:<{16 - len(query)}} {statistics.median(like):8.1f}ms "
            f"{statistics.median(fts):7.2f}ms {ratio:7.0f}×  ({len(expansion)} trigrams)"
        )
    term = search_form("发展")
    like = timings(
        lambda: connection.execute(
            "SELECT id FROM search_text WHERE title LIKE ? OR body LIKE ?", (f"%{term}%",) * 2
        ).fetchall(),
        max(3, repeat // 4),
    )
    instr = timings(
        lambda: connection.execute(
            "SELECT id FROM search_text WHERE instr(title, ?) > 0 OR instr(body, ?) > 0",
            (term, term),
        ).fetchall(),
        max(3, repeat // 4),
    )
    like_ms, instr_ms = statistics.median(like), statistics.median(instr)
    print(
        f"  the scan itself, 发展: LIKE (used) {like_ms:.1f} ms, instr {instr_ms:.1f} ms "
        f"(instr takes {instr_ms / like_ms:.2f}× LIKE's time)"
    )
    connection.close()
    print()


# --- Size and small operations ----------------------------------------------------------


def bench_size(library: Library, count: int) -> None:
    connection = sqlite3.connect(library.path)
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    size = library.path.stat().st_size
    raw, packed = connection.execute("SELECT sum(size), sum(length(data)) FROM sources").fetchone()
    print(f"database size: {size / 1024 / 1024:.1f} MB for {count:,} articles")
    print(f"  {'per article':34} {size / count / 1024:8.1f} KB")
    print(
        f"  {'source page as it came':34} {raw / count / 1024:8.1f} KB  (stored zlib: "
        f"{packed / count / 1024:.1f} KB, {raw / packed:.1f}× smaller)"
    )
    try:
        rows = connection.execute(
            "SELECT name, sum(pgsize) FROM dbstat GROUP BY name ORDER BY 2 DESC"
        ).fetchall()
    except sqlite3.Error:
        rows = []
        print("  (this SQLite has no dbstat: no per-table figures)")
    for name, pages in rows[:8]:
        print(f"    {name:32} {pages / count / 1024:8.2f} KB per article")
    connection.close()
    print()


def bench_small(library: Library, count: int, repeat: int) -> None:
    path = library.path
    ids = [summary.id for summary in library.list_articles("added", limit=50)]
    rows: list[tuple[str, list[float]]] = [
        ("set_position (one write)", timings(lambda: library.set_position(ids[0], 3, 120), repeat)),
        ("mark_opened", timings(lambda: library.mark_opened(ids[1]), repeat)),
        ("list_articles, first 50", timings(lambda: library.list_articles(limit=50), repeat)),
        ("recent(10)", timings(lambda: library.recent(10), repeat)),
        ("get (one article)", timings(lambda: library.get(ids[2]), repeat)),
    ]
    opened = timings(lambda: Library(path).close(), 3)
    quick = timings(lambda: Library(path, check="quick").close(), 3)
    bare = timings(lambda: Library(path, check="none").close(), 3)
    print(f"other operations at {count:,} articles (median)")
    for name, values in rows:
        print(f"  {name:34} {statistics.median(values):8.2f} ms")
    print(f"  {'open with integrity_check':34} {statistics.median(opened):8.1f} ms")
    print(f"  {'open with quick_check':34} {statistics.median(quick):8.1f} ms")
    print(f"  {'open without a check':34} {statistics.median(bare):8.1f} ms")
    print()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--pages", type=int, default=1_000)
    parser.add_argument("--repeat", type=int, default=40)
    args = parser.parse_args()
    generator = Generator()
    print(
        f"sentence pool: {len(generator.pool)} sentences "
        f"({'welcome + corpus' if CORPUS.is_dir() else 'welcome only: corpus absent'}); "
        f"SQLite {sqlite3.sqlite_version}\n"
    )
    with tempfile.TemporaryDirectory() as folder:
        bench_import(Generator(), args.pages, Path(folder))
        with Library(Path(folder) / "search.sqlite3") as library:
            seconds = fill(generator, library, args.articles)
            print(
                f"filled {args.articles:,} articles with add_article in {seconds:.1f} s "
                f"({args.articles / seconds:.0f} articles/s without extraction)\n"
            )
            bench_search(library, args.articles, args.repeat)
            bench_size(library, args.articles)
            bench_small(library, args.articles, args.repeat)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
