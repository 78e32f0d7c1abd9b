"""Extraction side by side with trafilatura, readability-lxml and GNE on the same pages.

For every page of ../shared/corpus (and the bundled welcome article) it prints
whether the title, the date and the 来源 came out right, the body F1 against the
expected text (Readability's expected.html, or the welcome article's own body)
or, where only snippets are known, how many must-include/must-exclude snippets
hold, and the milliseconds per page, then the medians and their ratios.

Further folders laid out like ../shared/corpus (an ``expected.json`` naming pages
relative to it) can be given as arguments or in EXTRACTION_EVAL (separated by
``:``): each gets its own table, so pages kept outside the project for checking are
measured the same way. Without either, ../wt-h14-eval and ../wt-h14-eval2, -eval3,
-eval4, -eval6, -eval7, -eval8 to -eval11 (the issue #14 evaluation pages and the later
hold-out sets) are measured when they are there.

All tools get the same decoded text, so the times compare extraction only.
Run: ``.venv/bin/python benchmarks/extraction.py [folder…]`` (``make bench`` installs
the peers).
"""

from __future__ import annotations

import json
import os
import re
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

from lxml import html as lxml_html

from accessible_reader.article.decode import decode_html
from accessible_reader.article.extract import extract_article
from accessible_reader.article.load import welcome_path
from accessible_reader.article.model import BlockKind

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run as a script
from tests.article.helpers import (  # noqa: E402  (the one list of hold-out sets)
    EVAL_FOLDERS,
    shown_title,
)

CORPUS = ROOT.parent / "shared" / "corpus"
RUNS = 5

# Readability's expected metadata keeps the site suffix and has no dates; these are
# the titles and dates the pages themselves show to a reader.
READABILITY_TRUTH: dict[str, dict[str, str | None]] = {
    "readability_gmw": {
        "title": "宇航员在太空中喝酒会怎么样？后果很严重",
        "published": "2017-03-10",
    },
    "readability_qq": {
        "title": "DeepMind新电脑已可利用记忆自学 人工智能迈上新台阶",
        "published": "2016-10-14",
    },
    "readability_youth": {
        "title": "海外留学生看两会：出国前后关注点大不同",
        "published": "2017-03-10",
    },
}

_TOKEN_RE = re.compile(r"[\u3400-\u9fff]|[A-Za-z]+|[0-9]+")


@dataclass
class Page:
    name: str
    html: str
    title: str
    published: str | None
    source: str | None
    """None: the page states no 来源 (checked only when check_source)."""
    check_source: bool
    check_date: bool
    expected_text: str | None
    must_include: list[str]
    must_exclude: list[str]


@dataclass
class Result:
    title: str | None
    published: str | None
    source: str | None
    text: str
    ms: float


def _tokens(text: str) -> Counter[str]:
    return Counter(_TOKEN_RE.findall(text))


def f1(found: str, expected: str) -> float:
    """Bag-of-tokens F1 (Chinese characters, Latin words, numbers)."""
    got, want = _tokens(found), _tokens(expected)
    common = sum((got & want).values())
    if not common:
        return 0.0
    precision, recall = common / sum(got.values()), common / sum(want.values())
    return 2 * precision * recall / (precision + recall)


def _parse(markup: str) -> lxml_html.HtmlElement:
    return cast(lxml_html.HtmlElement, lxml_html.document_fromstring(markup))


def _html_text(markup: str) -> str:
    if not markup.strip():
        return ""
    return str(_parse(markup).text_content())


def load_pages(corpus: Path = CORPUS, welcome: bool = True) -> list[Page]:
    pages: list[Page] = []
    expected_path = corpus / "expected.json"
    if expected_path.is_file():
        expected: dict[str, dict[str, Any]] = json.loads(expected_path.read_text(encoding="utf-8"))
        for name, truth in sorted(expected.items()):
            pages.append(
                Page(
                    name=Path(name).stem,
                    html=decode_html((corpus / name).read_bytes()),
                    title=shown_title(truth["title"]),
                    published=truth.get("published"),
                    source=truth.get("source"),
                    check_source="source" in truth,
                    check_date="published" in truth,
                    expected_text=None,
                    must_include=truth.get("must_include", []),
                    must_exclude=truth.get("must_exclude", []),
                )
            )
        for folder in sorted((corpus / "pages").glob("readability_*")):
            truth_r = READABILITY_TRUTH.get(folder.name, {})
            expected_html = (folder / "expected.html").read_text(encoding="utf-8")
            pages.append(
                Page(
                    name=folder.name,
                    html=decode_html((folder / "source.html").read_bytes()),
                    title=truth_r.get("title") or "",
                    published=truth_r.get("published"),
                    source=None,
                    check_source=False,
                    check_date=truth_r.get("published") is not None,
                    expected_text=_html_text(expected_html),
                    must_include=[],
                    must_exclude=[],
                )
            )
    if not welcome:
        return pages
    welcome_html = welcome_path().read_text(encoding="utf-8")
    body = _parse(welcome_html).find_class("TRS_Editor")[0]
    pages.append(
        Page(
            name="welcome",
            html=welcome_html,
            title="欢迎使用无障碍阅读器",
            published="2026-11-28",
            source="无障碍阅读器项目组",
            check_source=True,
            check_date=True,
            expected_text=str(body.text_content()),
            must_include=[],
            must_exclude=["打印本页　", "分享到", "相关阅读", "CopyRight"],
        )
    )
    return pages


def _timed(func: Callable[[str], Result], html: str) -> Result:
    func(html)  # warm-up: imports, caches
    times: list[float] = []
    result = None
    for _ in range(RUNS):
        started = time.perf_counter()
        result = func(html)
        times.append((time.perf_counter() - started) * 1000)
    assert result is not None
    result.ms = statistics.median(times)
    return result


def ours(html: str) -> Result:
    article = extract_article(html)
    shown: str | None = None
    parts = []
    for block in article.blocks:
        # Like the peers' text: alt text is not page text, a caption is, even one
        # that repeats the alt (上報's <p> under its picture).
        if block.kind is BlockKind.IMAGE and block.text == block.alt:
            if shown is None:
                shown = re.sub(r"\s+", "", _parse(html).text_content())
            if re.sub(r"\s+", "", block.text) not in shown:
                continue
        parts.append(block.text)
    return Result(article.title, article.published, article.source, "\n".join(parts), 0.0)


def trafilatura_peer(html: str) -> Result:
    import trafilatura

    document: Any = trafilatura.bare_extraction(html, with_metadata=True)
    if document is None:
        return Result(None, None, None, "", 0.0)
    data: dict[str, Any] = document.as_dict() if hasattr(document, "as_dict") else dict(document)
    return Result(data.get("title"), data.get("date"), None, data.get("text") or "", 0.0)


def readability_peer(html: str) -> Result:
    from readability import Document

    document: Any = Document(html)
    return Result(str(document.title()), None, None, _html_text(str(document.summary())), 0.0)


def gne_peer(html: str) -> Result:
    from gne import GeneralNewsExtractor

    data: dict[str, Any] = GeneralNewsExtractor().extract(html)
    return Result(
        data.get("title"), data.get("publish_time"), None, str(data.get("content") or ""), 0.0
    )


PEERS: dict[str, Callable[[str], Result]] = {
    "ours": ours,
    "trafilatura": trafilatura_peer,
    "readability": readability_peer,
    "gne": gne_peer,
}


def _mark(ok: bool | None) -> str:
    return "-" if ok is None else ("✓" if ok else "✗")


def _date_ok(page: Page, found: str | None) -> bool | None:
    if not page.check_date:
        return None
    if page.published is None:
        return found is None
    return bool(found) and str(found)[:10] == page.published


def _body_ok(page: Page, text: str) -> bool:
    """F1 ≥ 0.9 against the expected body, or every must-include/exclude snippet held."""
    if page.expected_text is not None:
        return f1(text, page.expected_text) >= 0.9
    squashed = re.sub(r"\s+", "", text)
    return all(re.sub(r"\s+", "", s) in squashed for s in page.must_include) and all(
        re.sub(r"\s+", "", s) not in squashed for s in page.must_exclude
    )


def _body_score(page: Page, text: str) -> str:
    if page.expected_text is not None:
        return f"F1 {f1(text, page.expected_text):.2f}"
    squashed = re.sub(r"\s+", "", text)
    held = sum(re.sub(r"\s+", "", s) in squashed for s in page.must_include)
    held += sum(re.sub(r"\s+", "", s) not in squashed for s in page.must_exclude)
    total = len(page.must_include) + len(page.must_exclude)
    return f"must {held}/{total}"


def _available() -> dict[str, Callable[[str], Result]]:
    available: dict[str, Callable[[str], Result]] = {}
    for name, func in PEERS.items():
        try:
            func("<html><body><p>预热</p></body></html>")
        except ImportError:
            print(f"({name} not installed: make bench installs it)", file=sys.stderr)
            continue
        except Exception:
            pass
        available[name] = func
    return available


def run(label: str, pages: list[Page], available: dict[str, Callable[[str], Result]]) -> None:
    """One table: a row per page, then each tool's median time and fields right."""
    print(f"\n## {label}: {len(pages)} pages\n")
    header = f"{'page':<22}"
    for name in available:
        header += f" | {name:<11} T D S B      ms"
    print(header)
    print("-" * len(header))
    times: dict[str, list[float]] = {name: [] for name in available}
    right: dict[str, list[int]] = {name: [0, 0] for name in available}
    whole: dict[str, int] = {name: 0 for name in available}
    for page in pages:
        row = f"{page.name[:22]:<22}"
        for name, func in available.items():
            try:
                result = _timed(func, page.html)
            except Exception as error:
                # No article is every field wrong.
                fields = 2 + page.check_date + (page.check_source and name == "ours")
                right[name][1] += fields
                row += f" | {name:<11} error {type(error).__name__[:9]:<9}"
                continue
            title_ok = bool(page.title) and (result.title or "").strip() == page.title
            date_ok = _date_ok(page, result.published)
            source_ok: bool | None = None
            if page.check_source and name == "ours":
                source_ok = result.source == page.source
            body_ok = _body_ok(page, result.text)
            checks = [ok for ok in (title_ok, date_ok, source_ok, body_ok) if ok is not None]
            right[name][0] += sum(checks)
            right[name][1] += len(checks)
            whole[name] += all(checks)
            times[name].append(result.ms)
            row += (
                f" | {'':<11} {_mark(title_ok)} {_mark(date_ok)} {_mark(source_ok)}"
                f" {_mark(body_ok)} {result.ms:6.1f}"
            )
        print(row)
    print()
    base = statistics.median(times["ours"]) if times.get("ours") else None
    for name in available:
        median = statistics.median(times[name]) if times[name] else float("nan")
        ratio = f"{median / base:.2f}× ours" if base else ""
        done, total = right[name]
        print(
            f"{name:<12} median {median:6.1f} ms  ({ratio:<10})  fields right {done}/{total}"
            f"  pages all right {whole[name]}/{len(pages)}"
        )


def main(argv: list[str] | None = None) -> int:
    folders = list(argv if argv is not None else sys.argv[1:])
    folders += [f for f in os.environ.get("EXTRACTION_EVAL", "").split(":") if f]
    if not folders:
        folders = [
            str(f)
            for f in EVAL_FOLDERS
            if (f / "expected.json").is_file()
        ]
    available = _available()
    run("../shared/corpus and the welcome article", load_pages(), available)
    for folder in folders:
        path = Path(folder).expanduser()
        if not (path / "expected.json").is_file():
            print(f"({path}: no expected.json, skipped)", file=sys.stderr)
            continue
        run(str(path), load_pages(path, welcome=False), available)
    print(
        "\nT = title exactly as the page's article title (no site suffix), D = date, "
        "S = 来源 (only ours extracts it; peers have no such field), B = body right "
        "(F1 ≥ 0.9 against the expected body, else every must-include/exclude snippet "
        "held). ms = median of 5 runs on the same decoded text."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
