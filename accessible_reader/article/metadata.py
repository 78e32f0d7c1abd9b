"""Article metadata: government meta tags, OpenGraph / JSON-LD, the visible info line,
and the ``<title>`` with its site suffix removed.

Chinese government sites publish their metadata in meta tags that the national site
specification names (ArticleTitle, PubDate, ContentSource, ColumnName, SiteName…);
they are the most reliable source, so they come first. Where they are missing the
page's own info line ("发布日期：… 来源：…") is what a reader sees and trusts.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from difflib import SequenceMatcher

from lxml import html as lxml_html

from accessible_reader.article.dates import find_date, normalize_date
from accessible_reader.article.textutil import (
    ends_sentence,
    han_count,
    has_words,
    normalize_space,
    normalize_title_space,
    squash,
)
from accessible_reader.article.urls import join_url, url_scheme

# Meta names (lower case) per field, best first. The Chinese government site
# specification (政府网站发展指引) names ArticleTitle, PubDate, ContentSource,
# ColumnName, SiteName, SiteIDCode; Hanweb adds Maketime (the page build time,
# so it ranks below the visible date); gov.cn uses firstpublishedtime and lanmu.
TITLE_META = ("articletitle",)
DATE_META = ("pubdate", "firstpublishedtime", "publishdate", "publishtime", "publish_time")
SOURCE_META = ("contentsource",)
COLUMN_META = ("columnname", "lanmu", "column", "catalogname")
SITE_META = ("sitename",)
AUTHOR_META = ("author",)
URL_META = ("url",)
LATE_DATE_META = ("maketime", "lastmodifiedtime", "datemodified", "dateupdate")
"""Build and update times (Hanweb's Maketime, schema.org microdata's dateModified,
Baidu's dateUpdate): used when the page shows no full date of its own (a visible
"发布时间：09-30" gives no year)."""
LATE_SOURCE_META = ("source",)
OG_TITLE = ("og:title", "twitter:title")
OG_DATE = ("article:published_time", "og:release_date", "datepublished", "og:published_time")
OG_SITE = ("og:site_name", "application-name")
OG_URL = ("og:url",)
OG_SECTION = ("article:section", "og:section")
EXTRA_META = (
    ("keywords", "keywords"),
    ("description", "description"),
    ("og:description", "description"),
    ("siteidcode", "site_id_code"),
    ("image", "image"),
    ("og:image", "image"),
)


_TITLE_KEYS = frozenset((*TITLE_META, *OG_TITLE))
"""Meta titles keep an ideographic space as the headline has it."""


def meta_tags(doc: lxml_html.HtmlElement) -> dict[str, str]:
    """Every named meta tag of the page, names lower-cased, first non-empty value kept."""
    found: dict[str, str] = {}
    for meta in doc.iter("meta"):
        name = meta.get("name") or meta.get("property") or meta.get("itemprop")
        content = meta.get("content")
        if not name or content is None:
            continue
        key = name.strip().lower()
        value = (normalize_title_space if key in _TITLE_KEYS else normalize_space)(content)
        if value and key not in found:
            found[key] = value
    return found


def first_meta(meta: dict[str, str], names: tuple[str, ...]) -> str | None:
    """The first of the given meta names that has a value."""
    for name in names:
        value = meta.get(name)
        if value:
            return value
    return None


_LD_TYPES = {"article", "newsarticle", "reportagenewsarticle", "blogposting", "webpage"}
_LD_MAX_CHARS = 200_000


def _ld_name(value: object, title: bool = False) -> str | None:
    if isinstance(value, str):
        return (normalize_title_space if title else normalize_space)(value) or None
    if isinstance(value, dict):
        return _ld_name(value.get("name"))
    if isinstance(value, list):
        names = [name for name in (_ld_name(item) for item in value[:5]) if name]
        return "、".join(names) or None
    return None


def json_ld(doc: lxml_html.HtmlElement) -> dict[str, str]:
    """headline / datePublished / author / publisher / articleSection from JSON-LD."""
    found: dict[str, str] = {}
    for script in doc.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        raw = script.text or ""
        if len(raw) > _LD_MAX_CHARS:
            continue
        try:
            data = json.loads(raw)
        except (ValueError, RecursionError):
            continue
        items = data if isinstance(data, list) else [data]
        for item in items[:10]:
            if isinstance(item, dict) and isinstance(item.get("@graph"), list):
                items.extend(x for x in item["@graph"][:10] if isinstance(x, dict))
        for item in items[:30]:
            if not isinstance(item, dict):
                continue
            kind = item.get("@type")
            kinds = kind if isinstance(kind, list) else [kind]
            if not any(isinstance(k, str) and k.lower() in _LD_TYPES for k in kinds):
                continue
            for key, field_name in (
                ("headline", "title"),
                ("datePublished", "published"),
                ("author", "author"),
                ("publisher", "site"),
                ("articleSection", "column"),
                ("url", "url"),
            ):
                value = _ld_name(item.get(key), title=field_name == "title")
                if value and field_name not in found:
                    found[field_name] = value
    return found


# --- <title> ------------------------------------------------------------------

_TITLE_SEP_RE = re.compile(r"\s*(?:_+|-{2,}|\s[-–—|·]\s|[|｜]|－+|\s+-\s*|\s*-\s+)\s*")


def title_segments(raw: str) -> list[str]:
    """The parts of a ``<title>``: article, column, site (in that order on portals)."""
    parts = (normalize_title_space(p) for p in _TITLE_SEP_RE.split(raw))
    return [part for part in parts if part]


def clean_title(raw: str, site: str | None = None) -> tuple[str, str | None]:
    """The article title from a ``<title>`` and the site name it ended with, if any.

    Portals write ``文章_栏目_站点`` or ``文章 - 站点``; the article comes first. A
    first part that is only the site name (``站点 - 文章``) is skipped.
    """
    parts = title_segments(raw)
    if not parts:
        return "", None
    site_key = squash(site) if site else None
    if len(parts) > 2 and squash(parts[0]) == site_key:
        # 站点-栏目-文章 (the order reversed): the article is the last part.
        return parts[-1], parts[0]
    if len(parts) == 1 and site:
        reversed_parts = _site_first_parts(parts[0], site)
        if reversed_parts:
            return reversed_parts[-1], site
    suffix = parts[-1] if len(parts) > 1 else None
    candidates = [p for p in parts if squash(p) != site_key] or parts
    first = candidates[0]
    if len(parts) > 1 and len(squash(first)) < 4:
        first = max(candidates, key=len)
    return first, (suffix if suffix != first else None)


def _last_part(heading: str, title: str) -> bool:
    """Whether the heading is the whole last part of ``<title>`` after a bare separator
    ("示範區公所-最新消息-長者健檢開始報名"): the site first, the article last."""
    title = normalize_title_space(title).rstrip()
    if not title.endswith(heading) or len(title) <= len(heading):
        return False
    separator = title[-len(heading) - 1]
    if separator not in "-_|｜－·—":
        return False
    first = title.split(separator, 1)[0]
    return bool(_SITE_WORD_RE.search(first))  # a site's name first, not "文章-栏目"


def _site_first_parts(title: str, site: str) -> list[str]:
    """The parts after the site's name of a ``<title>`` that begins with it and bare
    hyphens ("示範區戶政事務所-最新消息-尊重多元"), or [] when it does not."""
    if not title.startswith(site) or len(title) <= len(site) + 1:
        return []
    separator = title[len(site)]
    if separator not in "-_|｜－·":
        return []
    parts = [part.strip() for part in title[len(site) + 1 :].split(separator)]
    return [part for part in parts if len(squash(part)) >= 4] if len(parts) >= 2 else []


_SITE_WORD_RE = re.compile(
    r"(?:[网網]|[网網]站|[门門][户戶]|在[线線]|[频頻]道|[报報]|新[闻聞]|政府|中心|平[台臺]|官[网網]|"
    r"客[户戶]端|局|委|[厅廳]|[办辦]|院|[协協][会會]|[学學][会會]|委[员員][会會]|[联聯]合[会會]|署|"
    r"[馆館]|所|\.com|\.cn|\.tw|\.hk)$",
    re.I,
)
"""What the name of a site or organisation ends with, in either script."""
_BARE_HYPHEN_RE = re.compile(
    r"(?<=[^\s0-9])(?:-|\s?—{1,2}\s?)(?=[^\s0-9—-][^—-]{1,14}$)"
)
"""A hyphen without spaces, or a dash, before a short last part: "标题-新华网",
"标题——新华网", "标题 —— 示范日报"."""
_PORTAL_WORD_RE = re.compile(
    r"(?:网|网站|官网|客户端|频道|新闻|在线|日报|晚报|早报|时报|商报|\.com|\.cn)$", re.I
)
"""What a site name after a dash ends with: a dash also opens a subtitle inside a
headline ("奋斗者——记示范中心的青年们"), so only a portal's own name goes there."""
_SUBTITLE_RE = re.compile(r"(?:记|访|专访|写在|写给|献给|致|评|谈|看|从|在)")
"""How a subtitle after a dash begins ("——访示范日报总编辑"): no site name."""


def strip_bare_suffix(
    title: str, site: str | None = None, footer: Callable[[], str] | None = None
) -> tuple[str, str | None]:
    """A title without a site name glued on by a bare hyphen ("标题-新华网"), and that name.

    Only a last part that reads like a site or column name, or that is the declared
    site name or named in the page's footer (``footer()``: its text squashed, asked
    only then), goes, so "1-10月…" and "2019-2020学年" keep their hyphens."""
    match = _BARE_HYPHEN_RE.search(title)
    if match is None:
        return title, None
    head, tail = title[: match.start()], title[match.end() :]
    key = squash(tail)
    if len(squash(head)) < 4:
        return title, None
    named = bool(site) and key == squash(site or "")
    if match.group() == "-":
        sitelike = len(key) >= 3 and bool(_SITE_WORD_RE.search(tail))
    else:
        sitelike = bool(_PORTAL_WORD_RE.search(tail)) and not _SUBTITLE_RE.match(tail)
    if not (named or sitelike) and footer is not None and len(key) >= 3:
        named = key in footer() and not _SUBTITLE_RE.match(tail)
    if named or sitelike:
        return head.strip(), tail.strip()
    return title, None


_NAME_SPLIT_RE = re.compile(r"\s*[/／]\s*")
"""A site and its column set apart in ``<title>``'s tail ("示范报 / 焦點")."""


def without_site_tail(text: str, names: set[str]) -> str:
    """A candidate title without the site or column names ``<title>`` ends with.

    og:title usually repeats ``<title>`` whole ("标题_示范新闻"); left on, that suffix
    makes it agree with ``<title>`` better than the visible heading does. ``names`` are
    squashed: ``<title>``'s later parts, the declared site name and the suffix cut."""
    if not names:
        return text
    for match in _TITLE_SEP_RE.finditer(text):
        rest = title_segments(text[match.end() :])
        if rest and all(squash(part) in names for part in rest):
            head = text[: match.start()].strip()
            return head if len(squash(head)) >= 4 else text
    bare = _BARE_HYPHEN_RE.search(text)
    if bare is not None and squash(text[bare.end() :]) in names:
        head = text[: bare.start()].strip()
        return head if len(squash(head)) >= 4 else text
    return text


def common_length(left: str, right: str) -> int:
    """The length of the longest piece of text that two strings share."""
    if not left or not right:
        return 0
    if left in right:
        return len(left)
    match = SequenceMatcher(None, left, right, autojunk=False).find_longest_match(
        0, len(left), 0, len(right)
    )
    return int(match.size)


def cut_info_tail(text: str) -> str:
    """A heading without an info line glued after it ("…大展拳脚发稿时间：… 来源：…")."""
    matches = label_matches(text)
    match = matches[0] if matches else None
    if match is not None:
        if len(squash(text[: match.start()])) < 4:
            return text  # "示范网 发布时间：2011-04-04": a name before the labels
        text = text[: match.start()].strip(_VALUE_TRIM)
    # The date may stand before the labels ("…心理分析 2010-07-07 来源：新华网").
    dated = _TRAILING_DATE_RE.search(text)
    if dated is not None and len(squash(text[: dated.start()])) >= 4:
        return text[: dated.start()].strip(_VALUE_TRIM)
    return text


def headline_in_info_row(line: str) -> str | None:
    """The headline standing in the info line's own row, before its date and labels
    ("示范社区开展暑期安全讲座 2010-07-07 来源 ： 示范日报"), or None."""
    head = cut_info_tail(line)
    if head == line.strip() or not _HEADLINE_IN_ROW_MIN <= len(head) <= _HEADLINE_IN_ROW_MAX:
        return None
    after = line.split(head, 1)[-1].lstrip()
    if _INDEX_FIELD_RE.search(head) or after.startswith((":", "：")):
        return None  # "索引号: 0024…/2024-00332 文件编号:": a disclosure table's row
    if han_count(head) < 4 or ends_sentence(head) or bare_date_line(head):
        return None
    if is_byline_line(head):
        return None  # "示范蓁／綜合報導 發布時間：…": the byline's slot
    if _WEB_ADDRESS_RE.search(head):
        return None  # "示范国际 www.example.com　2006年01月22日": the site's banner
    return None if parse_info_line(head).labelled else head


_BYLINE_LINE_RE = re.compile(
    r"^[\u3400-\u9fff·]{0,12}(?:记者|記者|通讯员|通訊員)\s*[\u3400-\u9fff·]{2,4}"
    r"(?:\s+[\u3400-\u9fff·]{2,4})*$"
    r"|^[\u3400-\u9fff·]{2,4}\s*[/／]\s*(?:综合报道|綜合報導|报道|報導|编译|編譯)"
    r"|^[\u3400-\u9fff]{2,20}(?:处|處|中心|部|局|室|院|社|会|會|组|組)\s*[/／|｜]\s*"
    r"[\u3400-\u9fff·]{2,4}$"
)
"""A byline on a line of its own: "示范日报记者 周某", "陳某／綜合報導", a unit, a bar
and a person ("公關事務暨校友服務處 / 李某")."""


def is_byline_line(text: str) -> bool:
    """Whether a line is only the article's byline (never its headline)."""
    return bool(_BYLINE_LINE_RE.match(normalize_space(text)))


_HEADLINE_IN_ROW_MIN = 8
"""A name before the date ("示范网 | 2013-06-07") is the author's slot, no headline."""
_HEADLINE_IN_ROW_MAX = 80
_INDEX_FIELD_RE = re.compile(r"[：:]\s*[0-9A-Za-z]")
_WEB_ADDRESS_RE = re.compile(r"https?://|www\.|\.(?:com|cn|net|org|gov|edu|tw|hk)\b", re.I)


_TRAILING_DATE_RE = re.compile(
    r"\s*(?<![0-9])(?:19|20)[0-9]{2}\s*[-/.年]\s*[0-9]{1,2}\s*[-/.月]\s*[0-9]{1,2}"
    r"(?:\s*日(?![本报報]))?(?:\s*[0-9]{1,2}[:：][0-9]{2}(?:[:：][0-9]{2})?)?\s*$"
)
"""A date glued after a heading ("…大展拳脚2024-05-13 06:03:00")."""


_WEAK_TITLE_RE = re.compile(
    r"(?:[门門][户戶][网網]站|[网網]站|首[页頁]|官[网網]|政府[网網])$|"
    r"^(?:[详詳]细信息|[详詳]細信息|信息[详詳]情|[资資]訊[详詳]情|内容[页頁]|正文|[详詳]情|文章[详詳]情|"
    r"新[闻聞][详詳]情|信息[浏瀏][览覽]|[浏瀏][览覽]信息|[无無][标標][题題]|untitled)$",
    re.I,
)
"""A ``<title>`` that names the site or the page type, not the article."""


def pick_title(
    raw_title: str,
    site: str | None,
    headings: list[str],
    others: tuple[str, ...] = (),
    footer: Callable[[], str] | None = None,
) -> tuple[str, str | None]:
    """The article title and the site suffix removed from ``<title>``, if any.

    ``headings`` are the visible headings, nearest to the body first, and ``others``
    further candidates (the body's first lines, og:title). The one that
    shares the longest piece with ``<title>`` wins, provided nearly all of it is in
    ``<title>`` (so a heading with the info line glued on, or a column name that is
    one of ``<title>``'s later parts, does not); without one the cleaned ``<title>``
    serves, unless it is only a site or column name and the page shows a heading.
    ``footer`` gives the page's footer text, squashed (a site named there goes too)."""
    raw_title = _LITERAL_BREAK_RE.sub(" ", raw_title).strip()
    cleaned, suffix = clean_title(raw_title, site) if raw_title else ("", None)
    if cleaned:
        cleaned, bare = strip_bare_suffix(cleaned, site, footer)
        if bare is None:
            cleaned, bare = _shown_suffix(cleaned, headings)
        suffix = bare or suffix
    raw_key = squash(raw_title)
    clean_key = squash(cleaned)
    tail = title_segments(raw_title)[1:]
    later = {squash(part) for part in tail}
    # "标题 -- 示范报 / 焦點": the whole part, the site and the column are each a name
    # og:title may end with (a part without "/" is its own one piece).
    pieces = {squash(piece) for part in tail for piece in (part, *_NAME_SPLIT_RE.split(part))}
    names = {name for name in (*pieces, squash(site or ""), squash(suffix or "")) if name}
    best: str | None = None
    best_length = 0
    visible: list[str] = []
    for number, text in enumerate([*headings, *others]):
        text = cut_info_tail(normalize_title_space(text))
        if number >= len(headings):
            if raw_key != clean_key and squash(text) == raw_key:
                continue  # og:title repeating <title> whole, suffix and all
            # Or with its own suffix; a heading that shows a later part of <title>
            # ("【新刊】专题策划 | 跨越性别后的虹色人生") has it as its own.
            text = without_site_tail(text, names)
        key = squash(text)
        if len(key) < 4 or len(text) > 150:
            continue
        if number < len(headings):
            visible.append(text)
        if key in later and key != clean_key and len(key) <= _COLUMN_MAX:
            continue  # a column or site name that <title> names after the article
        length = common_length(key, raw_key)
        if length >= 4 and length >= 0.8 * len(key) and length > best_length:
            best, best_length = text, length
    near = next((t for t in visible if len(squash(t)) >= 8), None)
    if near is None and best is None and _names_no_article(cleaned, clean_key):
        # No heading before the body: the headline is the body's first short line
        # that is no sentence (a CMS's <div class="track-tt">, <span id="…_title">).
        lines = (without_site_tail(cut_info_tail(normalize_title_space(t)), names) for t in others)
        near = next((t for t in lines if _headline_like(t) and clean_key not in squash(t)), None)
    # A column name: a short <title> that no heading agrees with, or that the page
    # shows in another heading ("首页 - 新闻动态") than the nearest one.
    nearest = squash(visible[0]) if visible else ""
    shown = any(clean_key in squash(t) for t in visible[1:]) and clean_key != nearest
    unmatched = best is None and near is not None and near == (visible[0] if visible else "")
    column = len(clean_key) <= _COLUMN_MAX and (shown or unmatched)
    weak = (
        not clean_key
        or (bool(site) and clean_key == squash(site or ""))
        or bool(_WEAK_TITLE_RE.search(cleaned))
        or column
        or (best is None and _names_no_article(cleaned, clean_key))
    )
    if near is not None and weak and squash(near) != clean_key:
        return near, suffix
    if best is not None and (
        best_length >= 0.5 * len(clean_key) or best_length >= 12 or _last_part(best, raw_title)
    ):
        return best, suffix
    # A <title> that shortens the headline ("15岁女孩要变性做男人" for the page's
    # "15岁女孩崇拜父亲要变性做男人"): the heading it is the words of, in order.
    fuller = next((t for t in visible if _shortens(clean_key, squash(t))), None)
    if fuller is not None and best is None:
        return fuller, suffix
    # A <title> cut short ("关于印发…的通知..."): the heading it begins.
    stem = clean_key.rstrip(".…")
    if len(stem) >= 8:
        whole = next((t for t in visible if squash(t).startswith(stem)), None)
        if whole is not None and len(whole) <= 150 and not _is_translation(whole, stem):
            return whole, suffix
    if cleaned:
        return cleaned, suffix
    return (visible[0] if visible else ""), suffix


_LITERAL_BREAK_RE = re.compile(r"<\s*/?\s*br\s*/?\s*>", re.IGNORECASE)
"""A line break a CMS wrote into ``<title>`` as text ("…要看自己&lt;BR&gt;"): no words."""
_SHORTENED_MIN = 8
_SHORTENED_RATIO = 2


def _shortens(short: str, long: str) -> bool:
    """Whether ``short`` is ``long`` with words left out (every character in order,
    none added), ``long`` not more than twice its length."""
    if len(short) < _SHORTENED_MIN or len(long) <= len(short):
        return False
    if len(long) > _SHORTENED_RATIO * len(short):
        return False
    rest = iter(long)
    return all(char in rest for char in short)


_HEADLINE_MAX = 60
_BREADCRUMB_RE = re.compile("[>＞»›]|当前位置|您的位置|所在位置|當前位置")


def _headline_like(text: str) -> bool:
    """A line that can be a headline: short, a few words, not a sentence."""
    key = squash(text)
    if _BREADCRUMB_RE.search(text):
        return False
    return 8 <= len(key) <= _HEADLINE_MAX and not ends_sentence(text) and "：" not in text[-2:]


def _names_no_article(cleaned: str, key: str) -> bool:
    """Whether a ``<title>`` that no candidate agrees with is only a name: a column
    ("维权指引"), or an organisation or site ("示范市医院管理中心", "…服务平台")."""
    return bool(key) and (len(key) <= _COLUMN_MAX or bool(_SITE_WORD_RE.search(cleaned)))


_TAIL_SEP_RE = re.compile(r"\s*(?:-+|—{1,2}|－|·|\|)\s*")
_SHOWN_SUFFIX_MAX = 12
_CLAUSE_MARK_RE = re.compile(r"[，。、：:；！？,!?]")


def _shown_suffix(cleaned: str, headings: list[str]) -> tuple[str, str | None]:
    """``<title>`` as a visible heading, a dash and a short name ("标题——示范融媒" on a
    page headed "标题"): the heading, and the name as the site's. A subtitle after
    the dash ("——访示范中心", or a clause) stays; a two-character name goes but
    names no site."""
    key = squash(cleaned)
    for heading in headings[:6]:
        head = squash(heading)
        if len(head) < 4 or len(head) >= len(key) or not key.startswith(head):
            continue
        seen = at = 0
        while seen < len(head):
            seen += 0 if cleaned[at].isspace() else 1
            at += 1
        sep = _TAIL_SEP_RE.match(cleaned, at)
        if sep is None:
            continue
        tail = cleaned[sep.end() :].strip()
        if (
            2 <= len(squash(tail)) <= _SHOWN_SUFFIX_MAX
            and not _CLAUSE_MARK_RE.search(tail)
            and not _SUBTITLE_RE.match(tail)
        ):
            # Two characters name a column ("-纪检"), not a site.
            return cleaned[:at].strip(), (tail if len(squash(tail)) >= 3 else None)
    return cleaned, None


_TITLE_LABEL_RE = re.compile(
    r"^\s*(?:例稿名稱|例稿名称|文件名稱|文件名称|公告名稱|公告名称|標題|标题|題目|题目|名稱|名称)"
    r"\s*[：:]\s*(?=\S{4})"
)


def without_title_label(title: str) -> str:
    """A title taken from a labelled field ("例稿名稱：示範法院公告"): the value only."""
    return _TITLE_LABEL_RE.sub("", title, count=1)


def with_shown_spaces(
    title: str, shown: Iterable[str], page_text: Callable[[], str] | None = None
) -> str:
    """The title with the ideographic spaces (U+3000) that a title source shows there.

    The body's lines and blocks have every space made plain, so a title picked from
    them ("…变性 蒋万安…") takes its spaces back from ``<title>``, a meta title or a
    heading that reads the same ("…变性\u3000蒋万安…"); ``shown`` are such texts
    as normalize_title_space left them. ``page_text`` (asked only when none of them
    has it) gives the page's whole text, for a headline in a plain styled cell."""
    if " " not in title:
        return title
    for text in _then_page(shown, page_text):
        if "\u3000" not in text:
            continue
        at = text.replace("\u3000", " ").find(title)
        if at >= 0:
            return text[at : at + len(title)]
    return title


def _then_page(shown: Iterable[str], page_text: Callable[[], str] | None) -> Iterator[str]:
    yield from shown
    if page_text is not None:
        yield page_text()


def _is_translation(heading: str, stem: str) -> bool:
    """Whether a heading goes on after a Chinese ``<title>`` only with its English
    version ("波兰首位变性人当选议员 First Openly Transgender…" on a bilingual page):
    the ``<title>`` is then whole, not cut short."""
    rest = squash(heading)[len(stem) :]
    return han_count(stem) > 0 and han_count(rest) == 0 and len(re.findall(r"[A-Za-z]", rest)) >= 8


_COLUMN_MAX = 8
"""A ``<title>`` this short that the page also shows as a heading is a column name."""


# --- The visible info line ----------------------------------------------------

_LABEL_GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "published",
        (
            "发布日期",
            "发布时间",
            "发稿时间",
            "发稿日期",
            "发表时间",
            "发文日期",
            "生成日期",
            "发表日期",
            "成文日期",
            "印发日期",
            "公开日期",
            "报道日期",
            "報導日期",
            "Updated",
            "Published",
            "Posted",
            "Date",
            "更新时间",
            "更新日期",
            "时间",
            "日期",
            "发布",
        ),
    ),
    (
        "source",
        (
            "信息来源",
            "文章来源",
            "稿件来源",
            "新闻来源",
            "内容来源",
            "资讯来源",
            "来源于",
            "来源",
            "稿源",
            "发布单位",
            "发布机构",
            "转载自",
            "转载于",
            "转自于",
            "转自",
            "出处",
            "Source",
        ),
    ),
    ("author", ("作者", "撰稿人", "撰稿")),
    (
        "drop",
        (
            "浏览次数",
            "阅读次数",
            "访问次数",
            "点击次数",
            "点击数",
            "点阅次数",
            "浏览量",
            "阅读量",
            "访问量",
            "字号",
            "字体",
            "责任编辑",
            "编辑",
            "分享到",
            "分享",
            "打印",
        ),
    ),
)
_TO_TRADITIONAL = str.maketrans(
    "发时间来于处闻内览数阅点击访问号体责编辑开资讯转载页单机构关",
    "發時間來於處聞內覽數閱點擊訪問號體責編輯開資訊轉載頁單機構關",
)
"""The characters of the labels that Traditional Chinese pages (big5 mirrors of
portals, Taiwan and Hong Kong sites) write otherwise: 來源, 發布時間, 瀏覽次數."""


def _with_traditional(labels: tuple[str, ...]) -> tuple[str, ...]:
    """The labels and their Traditional forms (发布 also as 發佈)."""
    variants = list(labels)
    for label in labels:
        traditional = label.translate(_TO_TRADITIONAL)
        for form in (traditional, traditional.replace("布", "佈")):
            if form not in variants:
                variants.append(form)
    return tuple(variants)


_LABEL_FIELD = {
    label: group for group, labels in _LABEL_GROUPS for label in _with_traditional(labels)
}
_LABEL_RE = re.compile(
    "(?:"
    + "|".join(sorted((re.escape(label) for label in _LABEL_FIELD), key=len, reverse=True))
    + ")\\s*[:：]"
)
_VALUE_STOP_RE = re.compile(
    r"\s{2,}|[\u3000|｜【〖\[]|\s(?=\S+\s*[:：])|(?<=[\u4e00-\u9fff）)])\s|\s*(?<![0-9])(?:19|20)[0-9]{2}\s*[-/.年]"
)
_VALUE_TRIM = " \t\u3000\xa0:：,，;；|｜·•()（）"
INFO_LINE_MAX = 200
"""An info line is short; a longer line with 来源： in it is prose."""


@dataclass
class InfoLine:
    """What a visible info line states."""

    published: str | None = None
    source: str | None = None
    author: str | None = None
    labelled: bool = False
    """Whether the line had at least one known label (so it is an info line)."""
    guessed: str | None = None
    """A date from a line without a label: used only when no labelled line has one."""
    named: str | None = None
    """An outlet named with no label beside the date ("2004年02月21日12:12　上海文汇报"):
    the 来源 when nothing labels one."""
    beside: str | None = None
    """Any one name beside the date with no label ("2018年09月16日 15:31 示時"): the 来源
    only when the article's closing credit names it too."""


_HAN_BEFORE_RE = re.compile("[\u3400-\u9fff]")


def label_matches(text: str) -> list[re.Match[str]]:
    """The info labels in a line. A two-character label right after a Chinese
    character is part of a word ("缴费时间：", "数据来源："), not a label."""
    found: list[re.Match[str]] = []
    for match in _LABEL_RE.finditer(text):
        label = match.group(0).rstrip(" :：")
        start = match.start()
        if (
            len(label) <= 2
            and start > 0
            and _HAN_BEFORE_RE.match(text[start - 1])
            and not text[:start].endswith(_DATE_VERBS)
        ):
            continue
        found.append(match)
    return found


_DATE_VERBS = ("发布", "發布", "發佈", "发表", "發表", "更新")
"""What ends a date part ("2021-02-01 18:42 发布"): a label right after it is a label,
its <span> run into the next ("发布来源：示范日报"), not part of a word."""


_GLUED_GROUPS = ("author", "published", "drop")
"""Labels that end a 来源 value even right after a Chinese character: adjacent
<span>s run the fields together ("来源：示范时报网作者：李示范"). A glued 来源
label stays prose ("数据来源：")."""


def _glued_labels(text: str, matches: list[re.Match[str]]) -> list[re.Match[str]]:
    """In a line that already has a label, the labels glued to the value before them."""
    if not matches:
        return matches
    first = matches[0].start()
    found = list(matches)
    for match in _LABEL_RE.finditer(text):
        label = match.group(0).rstrip(" :：").strip()
        if (
            match.start() > first
            and match not in found
            and _LABEL_FIELD.get(label) in _GLUED_GROUPS
            and all(m.start() != match.start() for m in found)
        ):
            found.append(match)
    return sorted(found, key=lambda m: m.start())


def join_label_lines(lines: Iterable[str]) -> list[str]:
    """The lines with a line that is only a field name ("生成日期：", a cell of an
    info table) joined to the value on the next line."""
    joined: list[str] = []
    for line in lines:
        if joined and _is_label_only(joined[-1]):
            joined[-1] = joined[-1] + line
        else:
            joined.append(line)
    return joined


def _is_label_only(line: str) -> bool:
    text = squash(line)
    matches = label_matches(text)
    return len(matches) == 1 and matches[0].start() == 0 and matches[0].end() == len(text)


_SLASH_LABELS = _with_traditional(("来源", "编辑", "作者", "责任编辑"))
_SLASH_LABEL_RE = re.compile(
    "(?:^|(?<=\\s))("
    + "|".join(re.escape(label) for label in _SLASH_LABELS)
    + ")\\s*/\\s*(?=\\S)"
)
"""A label a credit line writes with a slash ("来源/示范财经 编辑/李示范", as 北京青年报
and papers that byline "文/记者" do); read only when a short line opens with one."""
_SLASH_LINE_MAX = 40
_SENTENCE_MARK_RE = re.compile("[，。；！？,;!?]")


def _colon_slash_labels(text: str) -> str:
    """The line with its slash labels written with a colon, when it opens with one."""
    if len(text) > _SLASH_LINE_MAX or _SENTENCE_MARK_RE.search(text):
        return text  # prose ("来源/去向都要核实，…")
    if not _SLASH_LABEL_RE.match(text):
        return text
    return _SLASH_LABEL_RE.sub(r"\1：", text)


def parse_info_line(line: str) -> InfoLine:
    """Read 发布日期 / 来源 / 作者 from one line; 浏览次数, 字号 and the like are dropped."""
    info = InfoLine()
    text = _colon_slash_labels(normalize_space(line))
    if not text or len(text) > INFO_LINE_MAX:
        return info
    matches = _glued_labels(text, label_matches(text))
    for index, match in enumerate(matches):
        label = re.sub(r"\s*[:：]$", "", match.group(0))
        group = _LABEL_FIELD.get(label.strip())
        if group is None:
            continue
        end = matches[index + 1].start() if index + 1 < len(matches) else len(text)
        value = text[match.end() : end]
        info.labelled = True
        if group == "published" and info.published is None:
            info.published = normalize_date(value)
        elif group in ("source", "author"):
            stop = _VALUE_STOP_RE.search(value.strip())
            value = value.strip()
            if stop:
                value = value[: stop.start()]
            if group == "source":
                value = trim_source_tail(value)
            value = strip_value(value)
            if value in _NO_VALUE or _CODE_VALUE_RE.match(value):
                continue  # the CMS's placeholder for an empty field ("来源:未知")
            if value and len(value) <= 40 and getattr(info, group) is None:
                setattr(info, group, value)
    if info.labelled and info.published is None:
        info.published = find_date(text)
    return info


_NO_VALUE = frozenset({"未知", "不详", "暂无", "无", "佚名", "未知来源"})
"""What a CMS prints in an empty 来源 / 作者 field: the page states none. ("来源：网络"
is kept: the page says where it has it from, however vaguely.)"""
_CODE_VALUE_RE = re.compile(r"^[A-Za-z]{0,6}[-_]?[0-9]+$")
"""A CMS's id in a source field ("SRC-423", "1024"): no one's name."""
_SOURCE_BUTTON_RE = re.compile(
    "参与互动|参与讨论|参与评论|我要评论|发表评论|查看评论|人参与|分享到|打印本页|收藏本页|扫一扫"
    "|查看原文|阅读原文|原文链接|查看原文链接"
)
"""Link and button labels that run into a 来源 value when the line's elements are
joined ("来源：求是网参与互动"): the value ends where they begin."""
_SOURCE_PLACE_RE = re.compile("\\s*[（(]([\u3400-\u9fff]{1,6})[)）]?\\s*$")
"""A place after the name ("21世纪经济报道(广州)", "华夏时报（北京）"): where the
paper sits, not part of its name."""
_SOURCE_EDITION_ENDS = ("版", "刊", "报", "网", "社", "台", "端")
"""…unless the bracket names an edition or outlet ("人民日报（海外版）")."""


def strip_value(value: str) -> str:
    """A field value without surrounding punctuation, keeping a bracket it closes
    ("人民日报（海外版）")."""
    stripped = value.strip(_VALUE_TRIM)
    # The bracket round a whole field ("【来源：示范晚报】", "[来源：示范网]").
    for opener, closer in (("【", "】"), ("[", "]"), ("〔", "〕")):
        if stripped.endswith(closer) and opener not in stripped:
            stripped = stripped[: -len(closer)].strip(_VALUE_TRIM)
    for opener, closer in (("（", "）"), ("(", ")")):
        if stripped.count(opener) > stripped.count(closer) and value.rstrip().endswith(closer):
            stripped += closer
    return stripped


def trim_source_tail(value: str) -> str:
    """A 来源 value without a glued button label or a trailing place in brackets."""
    button = _SOURCE_BUTTON_RE.search(value)
    if button and button.start() >= 2:
        value = value[: button.start()]
    place = _SOURCE_PLACE_RE.search(value)
    if place and place.start() >= 2 and not place.group(1).endswith(_SOURCE_EDITION_ENDS):
        value = value[: place.start()]
    return value


def bare_date_line(line: str) -> str | None:
    """The date of a short line that is little more than a date ("2019-05-17 · 某某")."""
    text = normalize_space(line)
    if not text or len(text) > 60 or text.endswith(("。", "！", "？", "；")):
        return None  # a sentence that mentions a date
    if _QUOTE_RE.search(text):
        return None  # a date someone says (白露：“2006年8月2日。”), not the page's
    date = find_date(text)
    if date is None:
        return None
    rest = re.sub(r"[0-9年月日:：\-/. T]", "", _ADDRESS_TOKEN_RE.sub("", text))
    return date if len(rest) <= 24 else None


_QUOTE_RE = re.compile("[“”「」『』]")


_DATEISH_RE = re.compile(
    r"(?<![0-9])(?:(?:19|20)[0-9]{2}\s*[-/.年]\s*)?[0-9]{1,2}\s*[-/.月]\s*[0-9]{1,2}"
    r"(?:\s*日(?![本报報]))?"
    r"(?:\s*[0-9]{1,2}[:：][0-9]{2}(?:[:：][0-9]{2})?(?![0-9])"
    r"|\s*[0-9]{1,2}[:：][0-9]{2}(?=[0-9]{1,3}[\u3400-\u9fff])|(?![0-9]))"
)
"""A date, with its time if any; the time's minutes end after two digits when a name
that opens with digits is glued to them ("08:3721世纪经济报道")."""
_ADDRESS_TOKEN_RE = re.compile(r"(?:https?://)?[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/?")
_OUTLET_RE = re.compile(
    "^(?:[\u3400-\u9fff]{1,12}(?:报|網|网|社|台|臺|刊|新闻|新聞|在线|在線|杂志|雜誌|客户端|客戶端|电台|電台)"
    "|[\u3400-\u9fff]{1,11}報"
    "|(?:[A-Z]{2,6})?《[^《》\\s]{1,12}》(?:[\u3400-\u9fff]{0,4}(?:报|報|刊|杂志|雜誌)(?:社)?)?)$"
)
"""A name that is an outlet's: a paper, site, agency, station or magazine, or a
periodical or programme named in book-title marks ("《示范与生活》杂志", a station's
"SMG《七分之一》")."""


def outlet_name(line: str) -> str | None:
    """The line when it is only an outlet's name ("示范日报", "《示范视野》杂志社"), as a
    copy shows the byline between the headline and the date; None otherwise."""
    text = normalize_space(line)
    return text if 3 <= len(text) <= 20 and _OUTLET_RE.match(text) else None


def bare_source(line: str) -> str | None:
    """The outlet a short line names with no label beside its date ("http://ent.example.cn
    2000年09月12日10:22 示范日报", "示范新闻 03-11 08:23"), the site's own address
    aside; None unless the line is just that."""
    found = _name_beside_date(line)
    if found is None:
        return None
    token, by_address = found
    if by_address and token.endswith(("网站", "網站")):
        return None  # "www.example.cn 2006年11月07日 13:12:11 示范在线新闻网站": the site itself
    if len(token) >= 3 and _OUTLET_RE.match(token):
        return token
    if by_address and _CHANNEL_RE.match(token):
        return token  # "http://www.example.cn 2009年11月09日13:56 示范娱乐": a channel's
    return None


def name_beside_date(line: str) -> str | None:
    """The one name a short line holds beside its date, whatever it is ("2016年05月25日
    10:10 示范财经"), for a box whose class already says it holds the source."""
    found = _name_beside_date(line)
    return found[0] if found and has_words(found[0]) else None


def _name_beside_date(line: str) -> tuple[str, bool] | None:
    """(the one token beside the line's date, whether the site's address stood there
    too), the address and buttons ("我要评论(0)") aside; None unless the line is just
    that."""
    text = normalize_space(line)
    if not text or len(text) > 60:
        return None
    match = _DATEISH_RE.search(text)
    if match is None or not re.search(r"[年:：]|[0-9]{4}", match.group(0)):
        return None
    around = text[: match.start()] + " " + text[match.end() :]
    rest = _TOOLBAR_TAIL_RE.sub(" ", _ADDRESS_TOKEN_RE.sub(" ", around))
    tokens = [t for t in rest.replace("\u3000", " ").split() if not _SOURCE_BUTTON_RE.match(t)]
    if len(tokens) == 2 and tokens[0].lower() == "by":
        tokens = tokens[1:]  # "By 示范网· 2018年11月15日 17:43"
    if len(tokens) != 1:
        return None
    token = tokens[0].strip("·•|｜-—")
    return (token, rest != around) if token else None


_TOOLBAR_TAIL_RE = re.compile(
    r"[【\[][^】\]]{0,12}[】\]]|共有评论\s*[0-9]+\s*条|共有評論\s*[0-9]+\s*條"
    r"|[0-9]+\s*位(?:网友|網友)(?:发表|發表)?(?:评论|評論)"
)
"""The buttons a copy runs into the date line ("【大 中 小】 【打印】 共有评论4条",
"0位网友发表评论")."""
_BRACKETED_NAME_RE = re.compile(
    "^[（(]\\s*(?:(?:本文来源|本文來源|来源|來源)\\s*[:：]\\s*)?([^（）()\\s:：]{2,14})\\s*[）)]$"
)
"""A paragraph that is only a name in brackets ("（示范网）", "(示時 )", "(本文来源:示范
经济报道)")."""


def credited_in_body(name: str, first: str, last: str) -> bool:
    """Whether the article's own text credits the name found beside its date: its first
    paragraph opens "<name>讯" (the outlet's dispatch) or its last is "(<name>)"."""
    match = _BRACKETED_NAME_RE.match(normalize_space(last))
    opening = normalize_space(first)
    return bool(match and match.group(1) == name) or opening.startswith(
        (f"{name}讯", f"{name}訊")
    )


_CHANNEL_RE = re.compile("^[\u3400-\u9fff]{4,8}$")
"""A name with no outlet word that the site's address and the date stand beside: a
channel of the site ("示范娱乐"); four characters or more, as a person's name is not."""


def is_bracketed_name(line: str) -> bool:
    """Whether a paragraph is only a name in brackets, as a reposted article's credit
    opens or closes it ("(示時 )")."""
    return bool(_BRACKETED_NAME_RE.match(normalize_space(line)))


def bracketed_outlet(line: str) -> str | None:
    """The outlet of a paragraph that is only its name in brackets ("（示范网）" opening
    or closing a reposted article), None otherwise."""
    return _outlet_in(_BRACKETED_NAME_RE, line)


_REPORTED_BY_RE = re.compile("^([\u3400-\u9fff]{2,12})\\s*(?:報導|报道|報道)$")


def reported_by(line: str) -> str | None:
    """The outlet of a line that only says who reports ("示範好新聞 報導", as Taiwanese
    sites credit a report), None otherwise."""
    return _outlet_in(_REPORTED_BY_RE, line)


def _outlet_in(pattern: re.Pattern[str], line: str) -> str | None:
    """The name the pattern's group holds in the line, when it is an outlet's."""
    match = pattern.match(normalize_space(line))
    return match.group(1) if match and _OUTLET_RE.match(match.group(1)) else None


# --- Other page-level facts ---------------------------------------------------

_TRADITIONAL_LANGS = ("zh-tw", "zh-hk", "zh-mo", "zh-hant")


def page_language(doc: lxml_html.HtmlElement, meta: dict[str, str]) -> str:
    """zh-Hant when the page says it is Traditional Chinese, else zh-Hans."""
    declared = (
        (
            doc.get("lang")
            or doc.get("{http://www.w3.org/XML/1998/namespace}lang")
            or doc.get("xml:lang")
            or content_language(doc)
            or ""
        )
        .strip()
        .lower()
        .replace("_", "-")
    )
    if declared.startswith(_TRADITIONAL_LANGS):
        return "zh-Hant"
    return "zh-Hans"


_TRADITIONAL_ONLY = "們這個來國會時為說對與發經區務機關業學實現開員長進動場體點還從將灣門問題"
_SIMPLIFIED_ONLY = "们这个来国会时为说对与发经区务机关业学实现开员长进动场体点还从将湾门问题"
"""The same frequent characters in their two forms (each a different code point); a
few dozen of them decide the script of any article without loading OpenCC. (The
conversion's own text.convert.detect_variant is exact but loads two dictionaries, and
the article package does not import text: this runs on every page opened.)"""


def written_in_traditional(text: str) -> bool:
    """Whether frequent characters of `text` are in their traditional forms far more
    often than simplified: a page that declares no language (or the wrong one) still
    gets 發佈日期/來源 labels and a Traditional voice when its text is Traditional."""
    traditional = sum(text.count(char) for char in _TRADITIONAL_ONLY)
    simplified = sum(text.count(char) for char in _SIMPLIFIED_ONLY)
    return traditional >= 5 and traditional > 4 * simplified


def content_language(doc: lxml_html.HtmlElement) -> str | None:
    """The http-equiv Content-Language value, if the page has one."""
    for meta in doc.iter("meta"):
        if (meta.get("http-equiv") or "").strip().lower() == "content-language":
            value = meta.get("content")
            return str(value) if value is not None else None
    return None


def absolute_url(value: str | None, base: str | None) -> str | None:
    """An http(s) address from a meta value, resolved against base when relative."""
    if not value:
        return None
    value = value.strip()
    if url_scheme(value) in ("http", "https"):
        return value
    if base and url_scheme(base) in ("http", "https"):
        return join_url(base, value)
    return None


def clean_source(value: str | None) -> str | None:
    """A 来源 value without its label and without trailing furniture."""
    if not value:
        return None
    value = re.sub(r"^\s*(?:信息|資訊|文章)?(?:来源|來源|稿源)\s*[:：]\s*", "", value)
    value = strip_value(trim_source_tail(value.strip()))
    if not value or value in _NO_VALUE or _CODE_VALUE_RE.match(value):
        return None
    return value


def plausible_author(value: str | None, site: str | None) -> str | None:
    """An author value unless it is a CMS user id or just the site name."""
    if not value:
        return None
    value = value.strip()
    if not value or value.isdigit() or len(value) > 40:
        return None
    if site and squash(value) == squash(site):
        return None
    parts = [squash(part) for part in re.split(r"[,，、;；]", value) if part.strip()]
    if site and len(parts) > 1 and any(part and part in squash(site) for part in parts):
        return None  # keywords in the author tag: "潇湘晨报,数字报,电子报"
    return value
