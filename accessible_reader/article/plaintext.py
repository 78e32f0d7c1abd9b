"""A plain-text dump of a portal page to an Article.

Copying a page out of a browser (or a crawler's text output) gives the page as
lines: the navigation menu as bullets, the breadcrumb "您当前的位置：首页 > … > 内容",
the title, the info line "发布日期: … 来源: …", the body paragraphs, and the
CopyRight / 主办单位 / ICP footer. The structure is regular enough to read back.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from itertools import islice, pairwise

from accessible_reader.article.dates import normalize_date
from accessible_reader.article.edges import body_edges, is_site_note
from accessible_reader.article.metadata import (
    InfoLine,
    bare_date_line,
    bare_source,
    credited_in_body,
    headline_in_info_row,
    is_bracketed_name,
    is_byline_line,
    name_beside_date,
    outlet_name,
    parse_info_line,
    reported_by,
    with_shown_spaces,
    without_title_label,
)
from accessible_reader.article.model import Article, Block, BlockKind
from accessible_reader.article.textutil import (
    RELATED_RE,
    ends_sentence,
    han_count,
    has_words,
    is_boilerplate,
    join_pieces,
    normalize_space,
    normalize_title_space,
    strip_controls,
)
from accessible_reader.errors import ExtractionError

MAX_TEXT_CHARS = 20_000_000

_TITLE_MAX = 60
"""A first line longer than this is no title as it stands: the title is its start."""
_TITLE_CUT = 40

_BULLET_RE = re.compile(r"^\s*[•·●▪◆◇■□○◎\-*]\s*")
_BREADCRUMB_RE = re.compile(
    r"^\s*(?:您当前的位置|您当前位置|您当前所在的位置|您当前所在位置|当前所在位置|当前位置|"
    r"您现在的位置|您所在的位置|您的位置|所在位置|您目前的位置|目前位置|"
    r"您當前的位置|當前位置|您現在的位置|現在位置|您目前所在位置|目前所在位置)\s*[:：]?"
)
_CRUMB_SPLIT_RE = re.compile(r"\s*(?:>|＞|»|›|→|/|\\)\s*")
_CRUMB_LEAF = {"内容", "正文", "详情", "详细", "文章", "浏览文章", "正文内容", "信息内容"}
_FOOTER_RE = re.compile(
    r"^\s*(?:copyright|©|版权所有|主办单位|主办：|主管单位|主管：|承办单位|网站标识码|联系我们|技术支持|"
    r"关于我们|网站地图|站点地图)|ICP\s*备|公网安备|网站标识码"
    r"|(?:增值电信业务经营|信息网络传播视听节目|互联网新闻信息服务|网络文化经营)许可证?\s*[:：]",
    re.IGNORECASE,
)
"""A footer's first line; the licences a portal lists with their numbers
("增值电信业务经营许可证：浙B2-20110366 | …") open it as often as ICP备 does."""
_CREDIT_RE = re.compile(
    r"^(?:整理|作者|编辑|责任编辑|责编|记者|通讯员|撰稿|撰文|摄影|供稿|审核|审校|校对|文|图|"
    r"文图|图文|口述|翻译|译者|主编|编审)\s*[：:]"
    r"|^[^：:，。]{1,4}[：:]\s*(?:[^\s：:，。、]{1,4}(?:[\s、，,]+[^\s：:，。、]{1,4})*)?\s*$"
)
"""A credit line ("整理：张三", "统筹：王五、赵六") above the info line is no title (a
headline "交通运输部：着力打造…" or "证监会：严厉打击造谣传谣行为" is: what follows its
colon is no list of names)."""
_FIELD_RE = re.compile(r"^[^：:，。]{1,4}[：:][^：:]{0,12}$")
"""A short labelled field ("来源：示范区城市管理局"): no title of another page."""
_TRAIL_SPLIT_RE = re.compile(r"\s*[>＞»›]+\s*")
_TRAIL_PART_MAX = 12
_LEAF_END_RE = re.compile(r"[>＞»›]\s*(?:" + "|".join(sorted(_CRUMB_LEAF)) + r")\s*$")


def _is_trail(clean: str) -> bool:
    """An unlabelled breadcrumb: "和讯网 > 股票 > 股市报道 > 正文", "主页 > 政策法规 >",
    "> 政府信息公开 > 工作动态", or any line that ends "> 正文" (a menu run into it)."""
    if _LEAF_END_RE.search(clean):
        return True
    pieces = _TRAIL_SPLIT_RE.split(clean.strip())
    parts = [p for p in pieces if p]
    return (
        len(pieces) >= 3
        and len(parts) >= 2
        and all(len(p) <= _TRAIL_PART_MAX for p in parts)
    )


_PERSON_CREDIT_RE = re.compile(
    r"[|｜/／]\s*[\u3400-\u9fff]{2,4}\s*(?:副?研究[员員]|助理研究[员員]|副?教授|[讲講][师師]|博士|"
    r"[记記]者|特派[员員]|主任|[校院]长|[校院]長|老[师師])$"
)
"""A byline of a unit, a bar and a person with their post ("示范研究中心 | 林某 副研究員"):
no headline. (Without the bar, "专访 示范医院院长" may be one.)"""
_HEADLINE_DATE_RE = re.compile(
    r"^(?P<title>\S.{6,80}?)\s*[（(\[]\s*(?P<date>(?:19|20)[0-9]{2}\s*[-/.年]\s*[0-9]{1,2}\s*"
    r"[-/.月]\s*[0-9]{1,2}\s*日?)\s*[）)\]]$"
)
"""A headline with its date in brackets after it, as a notice list's page shows it."""
_INDEX_LABEL_RE = re.compile(
    "索引号|索取号|發布機構|发布机构|发布时间|發布時間|文件编号|文件編號|主题分类|主題分類|"
    "公开方式|公開方式|生成日期|成文日期|发文机关|發文機關|备注|備註"
)
_INDEX_LOOK = 6


def _without_index_rows(lines: list[str]) -> list[str]:
    """The body's lines without a disclosure table copied as two rows at its top: a row of
    its labels ("索取号\t发布时间\t发布机构\t文件编号") and the row of values under it
    ("076478684Q/2024-00112\t\t示范市卫生健康委员会\t…"), which no one reads as text."""
    filled = [i for i, line in enumerate(lines) if line.strip()][:_INDEX_LOOK]
    for at, index in enumerate(filled[:-1]):
        cells = [c for c in re.split(r"\t+|\s{2,}", lines[index].strip()) if c]
        if len(cells) >= 3 and all(_INDEX_LABEL_RE.fullmatch(c.rstrip("：: ")) for c in cells):
            values = filled[at + 1]
            return [line for i, line in enumerate(lines) if i not in (index, values)]
    return lines


def _in_dated_list(lines: list[str], index: int) -> bool:
    """A "title (date)" line beside another such line: an item of a list of links."""
    neighbours = (
        normalize_space(lines[other])
        for other in (index - 1, index + 1)
        if 0 <= other < len(lines)
    )
    return _in_bullet_list(lines, index) or any(
        _HEADLINE_DATE_RE.match(line) for line in neighbours
    )


_UI_WORD_RE = re.compile(
    r"^(?:previous|prev|next|more|menu|close|back|top|home|search|login|share|skip)\s*[>»›]?$",
    re.IGNORECASE,
)
"""A carousel's or menu's English button ("Previous", "Next") copied on its own line."""
_EPAPER_PAGE_RE = re.compile(
    r"^(?:第\s*[A-Za-z]?[0-9]{1,3}\s*版\s*(?:[:：]|$)|[<＜]?\s*(?:上一版|下一版|上一頁|下一頁)\s*[>＞]?$)"
)
"""An e-paper's page label ("第A5版：华商·西安") or pager ("下一版>"): no headline."""

_HEADLINE_LOOKBACK = 5
_HEADLINE_MIN = 8
_INFO_SEARCH_LINES = 80
_INFO_SEARCH_MAX = 600
_HEADING_MAX = 30


_READ_MORE_RE = re.compile(
    r"\s*(?:>{2,}|》+|→)?\s*(?:更多内容[，,]?\s*)?"
    r"(?:点击阅读|阅读全文|查看全文|阅读原文|查看详情|点击查看|详细内容)\s*(?:>+|》+)?\s*$"
)
"""A "read more" link after a paragraph's last sentence ("…图书。>>>更多内容，点击阅读")."""


def _is_prose(line: str) -> bool:
    """A line of article text: long, and ending like a sentence (the body has begun),
    a "read more" link or a credit in brackets after the sentence aside; a site's
    browser advice over the page is none."""
    text = _READ_MORE_RE.sub("", normalize_space(line))
    text = _CLOSING_CREDIT_RE.sub("", text)  # "…的认同。(示范新闻)"
    return len(text) >= 40 and ends_sentence(text) and not _is_browser_note(text)


_BROWSER_NOTE_RE = re.compile(
    r"(?:浏览器|瀏覽器|browser)"
    r".{0,40}?(?:建议|建議|推荐|推薦|最佳|版本|升级|升級|下载|下載)"
    r"|(?:建议|建議|推荐|推薦|最佳|版本|升级|升級).{0,60}?(?:浏览器|瀏覽器|browser)",
    re.IGNORECASE,
)
_BROWSER_NOTE_MAX = 100


def _is_browser_note(text: str) -> bool:
    """"為達最佳瀏覽效果，建議使用 Chrome…以上版本的瀏覽器。": the site's, not the article's."""
    return len(text) <= _BROWSER_NOTE_MAX and _BROWSER_NOTE_RE.search(text) is not None


_CAPTION_CREDIT_RE = re.compile(
    r"[（(]\s*(?:图|圖|摄|攝|图片|圖片|资料图|資料圖)[^（）()]{0,20}[)）]\s*$"
)
"""A picture's credit closing its caption ("（圖翻攝自google map）", "(资料图)")."""


def _is_picture_caption(line: str) -> bool:
    """A sentence with a picture's credit after it: the caption of the lead picture."""
    clean = normalize_space(line)
    return ends_sentence(_CLOSING_CREDIT_RE.sub("", clean)) and bool(
        _CAPTION_CREDIT_RE.search(clean)
    )
_CLOSING_CREDIT_RE = re.compile(r"(?<=[。！？!?”])\s*[（(][^()（）。]{1,20}[)）]$")
"""The outlet or author credited in brackets after the last sentence."""


def _no_article() -> ExtractionError:
    return ExtractionError(
        "这个文本文件里没有找到文章内容。",
    )


def _column_from_breadcrumb(line: str) -> str | None:
    """The column of a breadcrumb: its last part before the 内容 leaf."""
    trail = _BREADCRUMB_RE.sub("", line)
    parts = [normalize_space(p) for p in _CRUMB_SPLIT_RE.split(trail)]
    parts = [p for p in parts if p and p not in _CRUMB_LEAF]
    if len(parts) >= 2:
        return parts[-1]
    return None


def _is_nav(line: str) -> bool:
    """A menu entry: a bullet with a few words, or a very short line without punctuation;
    or a menu row of short items between bars or spaced hyphens ("示范论坛|示范博客|微博|播客",
    "示范首页 - 新闻 - 体育", "安全隐私 丨 联系我们 丨 网站地图" with the character 丨)."""
    if _BULLET_RE.match(line):
        rest = _BULLET_RE.sub("", line)
        return len(rest) <= 12 and not ends_sentence(rest)
    items = [item.strip() for item in re.split(r"[|｜]|\s+[-丨]\s+", line.strip())]
    while items and not items[0]:
        items.pop(0)  # a row that opens with its bar ("| 挑战编辑部 | 复制链接 | …")
    while items and not items[-1]:
        items.pop()
    return len(items) >= 3 and all(0 < len(item) <= _MENU_ITEM_MAX for item in items)


_MENU_ITEM_MAX = 8


def _in_bullet_list(lines: list[str], index: int) -> bool:
    """A bulleted line with a bulleted neighbour: an item of a list of links ("· 晚间新闻
    (2025-02-07)" in a 最新新闻排行 box), not the article's date line."""
    if not _BULLET_RE.match(lines[index]):
        return False
    neighbours = (lines[i] for i in (index - 1, index + 1) if 0 <= i < len(lines))
    return any(_BULLET_RE.match(line) for line in neighbours)


def _is_question_headline(clean: str) -> bool:
    """A headline that asks or exclaims ("…用意何在？"): one short clause, no full stop."""
    return (
        len(clean) <= _QUESTION_HEADLINE_MAX
        and clean.endswith(("？", "?", "！", "!"))
        and not re.search(r"[。；;]", clean)
    )


_QUESTION_HEADLINE_MAX = 40


def parse_text_dump(text: str) -> Article:
    """The article in a text dump of a page (see the module docstring for the shape).

    Raises ExtractionError (and nothing else) when no article text is found.
    """
    if len(text) > MAX_TEXT_CHARS:
        raise ExtractionError("文本太大，无法整理。")
    text = strip_controls(text.replace("\r\n", "\n").replace("\r", "\n"))
    lines = _join_label_lines([line.rstrip() for line in text.split("\n")])

    column: str | None = None
    crumb_index = -1
    # The breadcrumb comes before the article's prose, however long the menus over it.
    first_prose = next((i for i, line in enumerate(lines) if _is_prose(line)), len(lines))
    crumb_end = max(_INFO_SEARCH_LINES, min(first_prose, _INFO_SEARCH_MAX))
    for index, line in enumerate(lines[:crumb_end]):
        if _BREADCRUMB_RE.match(line) or _LEAF_END_RE.search(line):
            column = _column_from_breadcrumb(line)
            crumb_index = index
            break

    info_index = -1
    calendar_only = False
    published = source = author = None
    # The info line comes before the body: look up to the first paragraph of prose
    # (a page's menus can run to hundreds of lines in a copy).
    prose_at = next(
        (i for i, line in enumerate(lines) if i > crumb_index and _is_prose(line)), len(lines)
    )
    search_end = max(crumb_index + 1 + _INFO_SEARCH_LINES, min(prose_at, _INFO_SEARCH_MAX))
    for index, line in enumerate(lines[:search_end]):
        if index <= crumb_index:
            continue
        info = parse_info_line(line)
        if info.labelled and (info.published or info.source):
            info_index = index
            published, source, author = info.published, info.source, info.author
            break
    if info_index < 0 or info_index > prose_at:
        # A copy without labels above the body ("华夏人文 2020-03-09 18:14:21"; a
        # "来源：…" below the body is read there): the first line that is little more
        # than a date.
        # The outlet may stand beside the date with no label ("http://ent.example.cn
        # 2000年09月12日10:22  示范日报", "示范新闻  03-11 08:23").
        dated = [
            index
            for index, line in enumerate(lines[: search_end if info_index < 0 else prose_at])
            if index > crumb_index
            and (bare_date_line(line) or bare_source(line))
            and not _in_dated_list(lines, index)
        ]
        if len(dated) > 1 and _CALENDAR_RE.match(normalize_space(lines[dated[0]])):
            dated = dated[1:]  # the site's calendar over the page ("2024年11月12日 星期二")
        if dated:
            info_index = dated[0]
            published = bare_date_line(lines[info_index])
            source, author = bare_source(lines[info_index]), None
            # Only the site's calendar dates the copy (an e-paper's edition): its date
            # stands, but the headline is sought over the first paragraph.
            calendar_only = _CALENDAR_RE.match(normalize_space(lines[info_index])) is not None
    dated_headline = -1
    if info_index < 0 or info_index > prose_at or calendar_only:
        # "关于开展…的通知 ( 2024-05-11)": the headline with its date after it.
        for index in range(crumb_index + 1, min(prose_at, len(lines))):
            match = _HEADLINE_DATE_RE.match(normalize_space(lines[index]))
            if match is None or _in_dated_list(lines, index):
                continue
            if date := normalize_date(match["date"]):
                lines[index] = match["title"]
                dated_headline = info_index = index
                published, source, author, calendar_only = date, None, None, False
                break

    def usable(line: str) -> bool:
        clean = normalize_space(line)
        return (
            bool(clean)
            and not _is_nav(line)
            and not _BREADCRUMB_RE.match(line)
            and not _is_trail(clean)
            and not _EPAPER_PAGE_RE.match(clean)
            and not _PERSON_CREDIT_RE.search(clean)
            and not is_byline_line(clean)
            and not _UI_WORD_RE.match(clean)
            and not (is_boilerplate(clean))
            and not _is_browser_note(clean)
        )

    title = ""
    title_index = -1
    if dated_headline >= 0:
        title, title_index = normalize_space(lines[dated_headline]), dated_headline
    if info_index >= 0 and not published:
        # "2019年11月25日 16:04:30" on its own line just above "来源：…", or just below.
        nearby = [*range(info_index - 1, max(crumb_index, info_index - 3), -1)]
        nearby += [i for i in (info_index + 1, info_index + 2) if i < min(len(lines), prose_at)]
        for index in nearby:
            if bare_date_line(lines[index]):
                published = bare_date_line(lines[index])
                break
    if info_index >= 0 and not source:
        # An info block over several lines ("发布日期：…  所属分类：…" then
        # "版权声明 来源：当代商报 时间：…"): the 来源 of the next labelled lines.
        for line in lines[info_index + 1 : info_index + 4]:
            found = parse_info_line(line)
            if found.labelled and found.source:
                source, author = found.source, author or found.author
                break
    below_body = info_index > prose_at
    """The info line follows the article ("发布日期：… 来源：…" under the body and its
    toolbar): the headline is sought above the first paragraph, as without one."""
    table_end = _info_table_end(lines, info_index, prose_at) if info_index >= 0 else -1
    if table_end >= 0 and not below_body and not title:
        # A disclosure table of "索引号：… / 生成日期：… / 公开方式：…" rows above the
        # headline (a government page): the headline is the first line below it.
        title, title_index = _headline_below(lines, table_end, prose_at, usable)
    if table_end >= 0 and not source:
        # "责任部门：示范县统计局" among the table's rows: the office the page is from.
        source = next(
            (
                office["office"]
                for line in lines[info_index : table_end + 1]
                if (office := _OFFICE_ROW_RE.match(normalize_space(line)))
            ),
            None,
        )
    head = headline_in_info_row(lines[info_index]) if info_index >= 0 else None
    if head is not None and not below_body and not title and usable(head):
        # "“伪娘”现象心理分析 2010-07-07 来源 ： 新华网": the headline in the row.
        title, title_index = head, info_index
        lines[info_index] = head
    if info_index >= 0 and not below_body and not title and not calendar_only:
        title, title_index = _title_above(lines, info_index, crumb_index, usable)
        if len(title) < _HEADLINE_MIN and _headline_below(lines, info_index, prose_at, usable)[0]:
            title = ""  # a breadcrumb's last word ("地方") over the date, the headline under it
        if not title:
            # The time and 来源 sit beside the headline, before it ("2023 11/17 来源：新华网",
            # then the headline): the first headline-like line below them.
            title, title_index = _headline_below(lines, info_index, prose_at, usable)
    if (
        not title
        and (info_index < 0 or below_body or calendar_only)
        and crumb_index < prose_at < len(lines)
    ):
        # No info line above the body: the headline is the nearest phrase above the
        # first paragraph (not the logo's alt text or the menu at the top of the copy).
        above = _filled_lines_up(lines, prose_at - 1, crumb_index)
        for index, clean in islice(above, _HEADLINE_LOOKBACK):
            if usable(lines[index]) and (
                _looks_like_headline(clean) or _is_question_headline(clean)
            ):
                title, title_index = clean, index
                break
        between = [i for i in range(title_index + 1, prose_at) if lines[i].strip()]
        if title and len(between) == 1 and _ends_headline(lines[between[0]], usable):
            # "15岁女孩崇拜父亲" / "要变性做男人": a feature's headline set on two lines.
            title = join_pieces(title, normalize_space(lines[between[0]]))
            lines[title_index], lines[between[0]] = title, ""
    if not title and info_index >= 0 and not below_body:
        # Toolbars fill the lines over the info line ("分享至Facebook" …): the first
        # headline-like line under the menus at the top ("首頁 / 示時 / 社會").
        for index in range(crumb_index + 1, info_index):
            clean = normalize_space(lines[index])
            if usable(lines[index]) and _looks_like_headline(clean):
                title, title_index = clean, index
                break
    if not title:
        for index in range(crumb_index + 1, len(lines)):
            if usable(lines[index]) and has_words(lines[index]):
                title, title_index = normalize_space(lines[index]), index
                break
    if 0 <= info_index < title_index and not below_body:
        # The article's own info line under the headline names its 来源; the lines over
        # it were the page's index (发布机构: the office that published the page).
        below = [line for line in lines[title_index + 1 : prose_at] if line.strip()][:3]
        own = next((f for f in map(parse_info_line, below) if f.source), None)
        if own is not None:
            source, published = own.source, own.published or published
    title_lines = [normalize_title_space(lines[title_index])] if title_index >= 0 else []
    subtitle = ""
    if title_index >= 0:
        title, title_first, title_index = _wrapped_headline(lines, title_index, crumb_index, usable)
        title_lines = [normalize_title_space(line) for line in lines[title_first : title_index + 1]]
        over_info = title_index + 1 == info_index
        main = _headline_over_subtitle(lines, title_first, crumb_index, usable) if over_info else -1
        if (
            main < 0
            and 0 <= title_index < info_index
            and not any(line.strip() for line in lines[title_index + 1 : info_index])
        ):
            main = _listed_headline_over_deck(lines, title_first, crumb_index, usable)
        if main >= 0 and not below_body and _is_kicker(normalize_space(lines[main]), title):
            # "引题" of two phrases over the "主题" ("示范标准高　普通人难企及" over
            # "“示范子”一族风靡示范"): the second is the headline, the kicker read first.
            subtitle = normalize_space(lines[main])
        elif main >= 0 and not below_body:
            # "主题" then "副题" right over the info line: the first is the headline,
            # the second is read as the article's first heading.
            subtitle, title = title, normalize_space(lines[main])
            title_lines = [normalize_title_space(lines[main])]
    if not source and 0 <= title_index < info_index and not below_body:
        # The outlet on a line of its own between the headline and the date ("示范日报",
        # "示範好新聞 報導"), as share pages and Taiwanese report pages show it.
        source = next(
            (
                named
                for line in lines[title_index + 1 : info_index]
                if (named := _byline(normalize_space(line)))
            ),
            None,
        )
    if (
        not source
        and published
        and 0 <= title_index < info_index
        and not below_body
        and not any(line.strip() for line in lines[title_index + 1 : info_index])
    ):
        # The account's name glued to the date right under the headline
        # ("示范的小鹿2021-05-21"), as share pages of self-media articles show it.
        source = _account_before_date(lines[info_index])
    if not source and 0 <= title_index < info_index and not below_body:
        # The outlet on the line right under the date ("19:042023/08/25" over
        # "示範新聞網" and the reporter's name), as 中時's header spans copy.
        following = (normalize_space(line) for line in lines[info_index + 1 :] if line.strip())
        under = next(following, "")
        source = _byline(under) if len(under) <= _OUTLET_LINE_MAX else None
    start = (title_index if below_body and title_index >= 0 else max(info_index, title_index)) + 1
    later = InfoLine()
    blocks = _body_blocks(_without_index_rows(lines[start:]), title, later)
    if 0 <= title_index < info_index and not below_body:
        # The lead picture's caption between the headline and the date: read first.
        captions = [
            Block(BlockKind.PARAGRAPH, normalize_space(line))
            for line in lines[title_index + 1 : info_index]
            if _is_picture_caption(line)
        ]
        blocks = [*captions, *blocks]
    beside = name_beside_date(lines[info_index]) if info_index >= 0 and not source else None
    if beside:
        # "2016年05月25日10:10 示范财经" over "示范财经讯 …" (a copy keeps toolbars
        # between them) or "(示时 )" closing the text (before the lists after it).
        texts = [b.text for b in blocks if b.kind is not BlockKind.IMAGE]
        first = next((text for text in texts if _is_prose(text)), "")
        if credited_in_body(beside, first, "") or any(
            credited_in_body(beside, "", text) for text in texts
        ):
            source = beside
    published = published or later.published or _date_closing(blocks)
    source = source or later.source
    author = author or later.author
    if not blocks:
        if title and title_index >= 0 and info_index < 0:
            # A text of one line: the line is the whole article, shown and read once as
            # its title; only a line too long for a title is the body as well.
            blocks = [Block(BlockKind.PARAGRAPH, title)] if len(title) > _TITLE_MAX else []
        else:
            raise _no_article()
    if 0 <= title_index < info_index and not below_body:
        # A caption standing alone between the headline and the date (the lead picture
        # sits there): the first line of the article.
        captions = [
            Block(BlockKind.PARAGRAPH, clean)
            for index in range(title_index + 1, info_index)
            if _is_caption_line(lines, index, usable)
            and (clean := normalize_space(lines[index]))
        ]
        blocks[:0] = captions
    if subtitle:
        blocks.insert(0, Block(BlockKind.HEADING, subtitle, level=2))
    if title_lines:  # one U+3000 between the headline's clauses, as the copy has it
        title = with_shown_spaces(title, ("".join(title_lines),))
    title = without_title_label(title)
    if len(title) > _TITLE_MAX:
        title = title[:_TITLE_CUT] + "…"
    return Article(
        title=title,
        blocks=tuple(blocks),
        published=published,
        source=source,
        column=column,
        author=author,
    )


_CLOSING_LINES = 3
"""The last blocks of a body looked at for the date that closes it."""


def _date_closing(blocks: list[Block]) -> str | None:
    """The date on a line of its own among the article's last lines (a feature's
    "2015年10月31日" over its expert's name, a press release's date under "完"), for a
    copy that shows no date above the body."""
    for block in blocks[-_CLOSING_LINES:]:
        if block.kind is not BlockKind.IMAGE and (date := bare_date_line(block.text)):
            return date
    return None


_ACCOUNT_DATE_RE = re.compile(
    r"^([\u3400-\u9fffA-Za-z][\w\u3400-\u9fff]{1,11}?)(?:19|20)[0-9]{2}-[0-9]{1,2}-[0-9]{1,2}"
    r"(?:\s+[0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?)?$"
)
_NOT_ACCOUNT_RE = re.compile(
    r"星期|周[一二三四五六日天]|今天|今日|日期|时间|時間|发布|發布|更新|于$|於$"
)


def _account_before_date(line: str) -> str | None:
    """The name glued to the front of a date line with no space or label
    ("示范的小鹿2021-05-21"): an account's; not a weekday or an unlabelled field."""
    match = _ACCOUNT_DATE_RE.match(normalize_space(line))
    if match is None or _NOT_ACCOUNT_RE.search(match.group(1)):
        return None
    name = match.group(1)
    if len(name) < _ACCOUNT_MIN and not outlet_name(name):
        return None  # a writer's name ("谢某某2017-03-01 14:27:02"), not an account's
    return name


_ACCOUNT_MIN = 4
"""Chinese personal names run to three characters; accounts are named at more length."""


_TITLE_LOOKBACK = 4
"""Non-blank lines above the info line searched for the headline: an author box
("中国新闻网 / 下载客户端 / 独家抢先看") can sit between them."""


def _title_above(
    lines: list[str], info_index: int, crumb_index: int, usable: Callable[[str], bool]
) -> tuple[str, int]:
    """The headline above the info line: the nearest usable line, or, when that is a
    short widget label, a headline-length line a few lines further up; and when the
    line found sits among other lines (an account name over the date, a comment
    button in a toolbar) while a longer headline stands as its own block above, that
    one."""
    found = _nearest_title_above(lines, info_index, crumb_index, usable)
    over_info = found[1] + 1 == info_index and parse_info_line(lines[info_index]).labelled
    # A line right over a labelled info line ("日期：… 来源：…") is the headline however
    # the copy spaces it: what stands alone above it is the sidebar's.
    widget = len(found[0]) < _HEADLINE_MIN  # "小 大": a font-size switch, no headline
    if found[1] >= 0 and not over_info and (widget or not _stands_alone(lines, found[1])):
        above = _filled_lines_up(lines, found[1] - 1, crumb_index)
        for index, clean in islice(above, _ALONE_LOOKBACK):
            if (
                _stands_alone(lines, index)
                and len(clean) > len(found[0])
                and usable(lines[index])
                and (_looks_like_headline(clean) or _is_question_headline(clean))
            ):
                return clean, index
    return found


_ALONE_LOOKBACK = 6
"""Non-blank lines searched above a line found among others for a headline that
stands alone: the rows of a toolbar between it and the info line."""


_CAPTION_MIN = 8


def _is_caption_line(lines: list[str], index: int, usable: Callable[[str], bool]) -> bool:
    """A sentence standing as its own block, short of a paragraph ("示范市一年迈母子在
    住处身亡。"), where a copy puts the lead picture's caption."""
    clean = normalize_space(lines[index])
    return (
        _stands_alone(lines, index)
        and usable(lines[index])
        and ends_sentence(clean)
        and han_count(clean) >= _CAPTION_MIN
        and not _is_prose(clean)
        and not parse_info_line(clean).labelled
    )


def _stands_alone(lines: list[str], index: int) -> bool:
    """A line with a blank line (or the start of the text) before it and a blank line
    after it: a block of its own, as a copy shows a heading."""
    before = index == 0 or not lines[index - 1].strip()
    after = index + 1 < len(lines) and not lines[index + 1].strip()
    return before and after


_OUTLET_LINE_MAX = 20


def _byline(clean: str) -> str | None:
    """The outlet of a line that only names who reports or publishes ("《示范周刊》杂志社",
    a '<outlet> 報導' credit): no headline. A phrase with 的 or 关于 is one ("关于…的通报")."""
    if "的" in clean or clean.startswith(("关于", "關於")):
        return None
    return reported_by(clean) or outlet_name(clean)


def _nearest_title_above(
    lines: list[str], info_index: int, crumb_index: int, usable: Callable[[str], bool]
) -> tuple[str, int]:
    first = ("", -1)
    above = _filled_lines_up(lines, info_index - 1, crumb_index)
    for index, clean in islice(above, _TITLE_LOOKBACK):
        if (
            not usable(lines[index])
            or _CREDIT_RE.match(clean)
            or bare_date_line(clean)
            or _byline(clean)
            or _LONE_LABEL_RE.match(clean)  # an empty field ("关键词：")
        ):
            continue
        if first[1] < 0:
            first = (clean, index)
            # A picture's caption between the headline and the date ("下月將法拍的房子
            # 位在萬大路一帶。（圖翻攝自google map）") reads as a sentence: looked over.
            if len(clean) >= _HEADLINE_MIN and not _is_picture_caption(clean):
                return first
            continue
        elif (
            len(clean) >= _HEADLINE_MIN
            and has_words(clean)
            and (not ends_sentence(clean) or _is_question_headline(clean))
        ):
            return clean, index
    return first


def _filled_lines_up(lines: list[str], start: int, stop: int) -> Iterator[tuple[int, str]]:
    """(index, text with spaces normalised) of the non-blank lines from `start` up to,
    not including, `stop`."""
    for index in range(start, stop, -1):
        clean = normalize_space(lines[index])
        if clean:
            yield index, clean


_WRAPPED_END_RE = re.compile(
    r"(?:(?<![涉普危波企提触觸遍顾顧殃惠兼言念来來不])及|和|与|與|暨|并|並|、|的|对|對|关于|關於|"
    r"为|為|——)$"
)
"""How a line of a headline broken over lines can end: a word that needs the next
("及" as "and", not the verbs 涉及, 普及, 难以企及 … that end a phrase)."""
_WRAPPED_START_RE = re.compile(r"^(?:关于|關於)")
"""How the next line of a document's title starts after the issuer ("…常务委员会" then
"关于……的决议")."""
_ISSUER_END_RE = re.compile(
    r"(?:会|會|委|局|厅|廳|部|院|府|办|辦|室|中心|公司|大学|大學|学院|學院|所|处|處|署|团|團|社|"
    r"组|組|站|馆|館|司|行|台|臺)$"
)
"""…when the line before it is the issuer's name, not a menu's last word ("工作动态")."""
_WRAPPED_MAX = 60


def _continues(head: str, tail: str) -> bool:
    """Whether `tail` is the next line of a headline broken after `head`."""
    return (
        len(head) + len(tail) <= _WRAPPED_MAX
        and not ends_sentence(head)
        and has_words(tail)
        and not parse_info_line(head).labelled
        and not parse_info_line(tail).labelled
        and bool(
            _WRAPPED_END_RE.search(head)
            or (_WRAPPED_START_RE.match(tail) and _ISSUER_END_RE.search(head))
        )
    )


def _wrapped_headline(
    lines: list[str], index: int, floor: int, usable: Callable[[str], bool]
) -> tuple[str, int, int]:
    """The headline at `index` with the lines of its block it was broken over, as a
    document's title is set ("全国人民代表大会常务委员会" / "关于批准……及" /
    "调整……的决议"): (the joined headline, its first line, its last line)."""
    first = last = index
    text = normalize_space(lines[index])
    while first - 1 > floor and usable(lines[first - 1]):
        up = normalize_space(lines[first - 1])
        if not _continues(up, text):
            break
        text, first = join_pieces(up, text), first - 1
    while last + 1 < len(lines) and usable(lines[last + 1]):
        down = normalize_space(lines[last + 1])
        if not _continues(text, down):
            break
        text, last = join_pieces(text, down), last + 1
    return text, first, last


def _headline_over_subtitle(
    lines: list[str], index: int, floor: int, usable: Callable[[str], bool]
) -> int:
    """The line just over the headline found at `index`, in the same block, when it is
    headline-like too and nothing headline-like is over it: the main headline, the
    found one its 副题 (or -1)."""
    up = index - 1
    if up <= floor or not usable(lines[up]):
        return -1
    clean = normalize_space(lines[up])
    if not _looks_like_headline(clean) or not _looks_like_headline(normalize_space(lines[index])):
        return -1
    if clean.endswith(("...", "…")):
        return -1  # the last of a side bar's links, cut short ("淡定，守得清贫--示范中...")
    above = up - 1
    if (
        above > floor
        and usable(lines[above])
        and _looks_like_headline(normalize_space(lines[above]))
    ):
        return -1  # a list of links, not a headline over its subtitle
    return up


_KICKER_PHRASE_RE = re.compile(r"^[^\s，。：:]{3,14}(?:\s+[^\s，。：:]{3,14})+$")


def _is_kicker(upper: str, lower: str) -> bool:
    """Whether the upper of two headline lines is the 引题 over the 主题: phrases set
    apart by spaces, as a paper sets its kicker, over a headline of one phrase that is
    no 副题 ("——…"). Both lines come with their spaces normalised to one " "."""
    return bool(_KICKER_PHRASE_RE.match(upper)) and not (
        " " in lower or lower.startswith(("—", "-", "－"))
    )


def _listed_headline_over_deck(
    lines: list[str], index: int, floor: int, usable: Callable[[str], bool]
) -> int:
    """The shorter headline-like block just over the headline found at `index`, when
    the copy names it once more further up (an e-paper's "本版新闻", a column's list,
    holds the article itself): the headline, the found one its deck ("因……；目前已被
    取保候审" under "……盗窃被抓"); or -1."""
    found = normalize_space(lines[index])
    above = next(_filled_lines_up(lines, index - 1, floor), None)
    if above is None:
        return -1
    up, clean = above
    if (
        not usable(lines[up])
        or not _looks_like_headline(clean)
        or not _is_link_title(clean)  # not a server banner repeated on each frame
        or len(clean) >= len(found)
    ):
        return -1
    listed = any(normalize_space(line) == clean for line in lines[:up])
    return up if listed else -1


_HEADLINE_TAIL_MIN = 5
_NOT_HEADLINE_TAIL_RE = re.compile(r"[0-9０-９：:，。、！？!?,.（）()【】\[\]<>《》]")
"""Digits, a label's colon, punctuation or brackets: an issue number, a field, a note."""


def _ends_headline(line: str, usable: Callable[[str], bool]) -> bool:
    """A line too short to be a headline of its own, alone between the headline and the
    first paragraph: the headline's second line (a name, "第 90 期" or a label is not)."""
    clean = normalize_space(line)
    return (
        _HEADLINE_TAIL_MIN <= len(clean) < _HEADLINE_MIN
        and usable(line)
        and has_words(clean)
        and not _NOT_HEADLINE_TAIL_RE.search(clean)
        and not bare_date_line(clean)
    )


_ASIDE_RE = re.compile(r"^[（(][^（）()]+[）)]$")
"""A line wholly in brackets ("（2007年6月29日……会议通过）"): a note under a title."""


def _looks_like_headline(clean: str) -> bool:
    """A phrase that can be the headline: long enough, words, no full stop, and not an
    info line, a bare date, a credit line or a note in brackets."""
    return (
        len(clean) >= _HEADLINE_MIN
        and not _ASIDE_RE.match(clean)
        and has_words(clean)
        and not ends_sentence(clean)
        and not parse_info_line(clean).labelled
        and not bare_date_line(clean)
        and not _CREDIT_RE.match(clean)
    )


def _headline_below(
    lines: list[str], info_index: int, prose_at: int, usable: Callable[[str], bool]
) -> tuple[str, int]:
    """A headline-like line between the info line and the first paragraph."""
    for index in range(info_index + 1, min(prose_at, len(lines))):
        clean = normalize_space(lines[index])
        if usable(lines[index]) and _looks_like_headline(clean):
            return clean, index
    return "", -1


_TABLE_ROW_RE = re.compile(r"^[^：:，。]{2,8}[：:][^：:。]{1,40}$")
"""A row of an info table once joined: a field name and a short value."""
_TABLE_ROWS = 4
_OFFICE_ROW_RE = re.compile(
    r"^(?:责任部门|責任部門|责任单位|責任單位|发布单位|發布單位|发布机构|發布機構)\s*[:：]\s*"
    r"(?P<office>[^\s:：]{2,30})$"
)
"""A disclosure table's row naming the office responsible for the page."""


def _info_table_end(lines: list[str], info_index: int, prose_at: int) -> int:
    """The last row of the info table the info line is a row of (at least
    `_TABLE_ROWS` field rows in a run, blank lines aside), or -1."""
    def row(index: int) -> bool:
        return bool(_TABLE_ROW_RE.match(normalize_space(lines[index])))

    if not row(info_index):
        return -1
    first = last = info_index
    index = info_index - 1
    while index >= 0 and (not lines[index].strip() or row(index)):
        if lines[index].strip():
            first = index
        index -= 1
    index = info_index + 1
    while index < min(len(lines), prose_at) and (not lines[index].strip() or row(index)):
        if lines[index].strip():
            last = index
        index += 1
    rows = sum(1 for i in range(first, last + 1) if lines[i].strip())
    return last if rows >= _TABLE_ROWS else -1


_LABELLED_HEADLINE_RE = re.compile(r"^[\u3400-\u9fff]{2,6}[：:][^\s：:]")
"""A line that opens with its own name and colon ("卫生部：变性手术前……"): a headline
or a field of its own, never the value of the label alone above it ("健康频道：")."""


def _join_label_lines(lines: list[str]) -> list[str]:
    """A label alone on its line ("发布时间：") joined with the value on the next."""
    joined: list[str] = []
    for line in lines:
        if (
            joined
            and _LONE_LABEL_RE.match(re.sub(r"\s", "", joined[-1]))
            and line.strip()
            and not _LABELLED_HEADLINE_RE.match(line.strip())
        ):
            glued = f"{joined[-1].strip()}{line.strip()}"
            if not bare_date_line(line) or parse_info_line(glued).published:
                joined[-1] = glued
                continue
            # An empty field ("关键词：", filled by a script) over the date line: the
            # date line stays itself.
        joined.append(line)
    return joined


_STRONG_INFO_RE = re.compile(
    r"^[\[【（(]?\s*(?:(?:发布|发稿|发表|更新|发文)(?:时间|日期)|信息来源|文章来源|来源|稿源|出处|作者|"
    r"转自于|转载自|转自)"
    r"\s*(?:[：:]|(?<=[来來]源)/)"
)
"""An info line in the body: only these labels, so a notice's "时间：…" stays text
("来源/示范财经" as 北京青年报 writes it too)."""
_LONE_LABEL_RE = re.compile(r"^\s*[^\s：:，。]{2,6}\s*[：:]\s*$")
_NOT_MENU_RE = re.compile(r"[：:]|[0-9][^0-9]*[0-9][^0-9]*[0-9]")
"""Labelled lines ("电话：…") and lines with numbers are contact details, not menus."""
_MENU_RUN = 4
_MENU_LINE_MAX = 24


def _menu_lines(lines: list[str]) -> set[int]:
    """Indexes of runs of short lines without sentence punctuation (menus, toolbars,
    lists of headlines): four or more in a row."""
    found: set[int] = set()
    run: list[int] = []
    for index, raw in enumerate([*lines, ""]):
        line = normalize_space(raw)
        if (
            line
            and len(line) <= _MENU_LINE_MAX
            and not ends_sentence(line)
            and not _NOT_MENU_RE.search(line)
        ):
            run.append(index)
            continue
        if len(run) >= _MENU_RUN:
            found.update(run)
        run = []
    return found


_CALENDAR_RE = re.compile(
    r"^(?:今天是\s*)?(?:19|20)[0-9]{2}\s*年\s*[0-9]{1,2}\s*月\s*[0-9]{1,2}\s*日\s*"
    r"(?:星期|周|礼拜)[一二三四五六日天](?:\s*农历\S*)?$"
)
"""Today's date as a site's header shows it, with the weekday and no time."""
_CONTACT_RE = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_BUTTON_ROW_RE = re.compile(r"^(?:\s*[\[【]\s*[^\[\]【】]{1,10}?\s*[\]】]\s*){2,}$")
"""A row of bracketed buttons ("[ 复制本文标题地址 ] [ 发表评论 ]")."""
_CLOSING_BUTTON_RE = re.compile(r"打印|列印|关闭|關閉|收藏")
"""The buttons of the row a page puts under its article (print, close, bookmark)."""
_TOOLBAR_ITEMS = 5
_TOOLBAR_ITEM_MAX = 4


def _toolbar_rows(lines: list[str]) -> set[int]:
    """Indexes of the rows of short words before the first paragraph ("微博 微信 空间
    分享 添加喜爱", "热点栏目 资金流向 千股千评 个股诊断 最新评级"): a toolbar or a
    menu copied on one line; and a short line with an e-mail address there (a tip-off
    box). Only before the prose: a list of names in the text stays."""
    found: set[int] = set()
    for index, raw in enumerate(lines):
        if _is_prose(raw):
            break
        items = normalize_space(raw).split()
        if len(raw) <= _MENU_LINE_MAX * 3 and _CONTACT_RE.search(raw):
            found.add(index)  # "新闻爆料:news@example.cn 电话:…" over the article
        elif (
            len(items) >= _TOOLBAR_ITEMS
            and all(len(item) <= _TOOLBAR_ITEM_MAX and has_words(item) for item in items)
            and not re.search(r"[0-9，。、：:；]", raw)
        ) or _is_button_cells(raw) or _ENTER_LINK_RE.search(raw):
            found.add(index)
    return found


_BUTTON_CELL_RE = re.compile(
    r"收藏|评论|论坛|说两句|打印|关闭|分享|转发|纠错|字号|推荐|相关新闻|評論|論壇|列印|關閉"
)
_BUTTON_CELL_MAX = 8
_ENTER_LINK_RE = re.compile(r"^.{0,30}(?:点击进入|點擊進入|进入|進入)\s*(?:>{2,}|》+)\s*$")
"""A promotion's link over the article ("搜狐新闻，告诉你正在发生什么。 点击进入>>>")."""


def _is_button_cells(raw: str) -> bool:
    """A toolbar copied as cells of a table row ("我来说两句(0)\t收藏本文\t进入新闻论坛\t
    相关新闻"): three or more short cells, a button's word among them."""
    cells = [normalize_space(cell) for cell in raw.split("\t")]
    cells = [cell for cell in cells if cell]
    return (
        len(cells) >= 3
        and all(len(cell) <= _BUTTON_CELL_MAX and not ends_sentence(cell) for cell in cells)
        and any(_BUTTON_CELL_RE.search(cell) for cell in cells)
    )


_FONT_BUTTON_RE = re.compile(r"^\s*A\s*([-+－＋]?)\s*$")


def _font_buttons(lines: list[str]) -> set[int]:
    """Indexes of a text size control copied a button a line ("A-", "A", "A+"): two or
    more such lines in a row, one with its sign."""
    found: set[int] = set()
    run: list[int] = []
    signed = False
    for index, raw in enumerate([*lines, "."]):
        match = _FONT_BUTTON_RE.match(raw)
        if match:
            run.append(index)
            signed = signed or bool(match[1])
            continue
        if len(run) >= 2 and signed:
            found.update(run)
        run, signed = [], False
    return found


_TAIL_HEADING_RE = re.compile(
    r"^[\[【〖]?\s*(?:"
    r"(?:相关|热门|热点|精华|精彩|推荐|最新|最近|更多|其他|其它|猜你|你可能|为你|为您|作者|小编|"
    r"编辑|网友|大家|延伸|往期|今日|24小时|本周|本月|点击|阅读)"
    r"[^\s，。！？：:]{0,4}?"
    r"(?:文章|新闻|资讯|阅读|推荐|评论|话题|发表|喜欢|排行榜?|图片|视频|专题|内容|报道|动态|看点|在看|"
    r"链接|连接|链结|连结|日志|博文)"
    r"|(?:我要|发表|写|查看|全部|网友|用户|热门|最新)?(?:评论|留言|跟贴|跟帖)|留言[与和及]评论|猜你喜欢"
    r"|(?:你|您)(?:可能|或许|也许)?(?:还|也)?会?(?:对(?:这些|以下)?(?:文章|内容|新闻))?感兴趣"
    r"|(?:新闻|点击|热门|热点|本周|今日|24小时|阅读)?排行榜?"
    r")\s*[\]】〗]?\s*(?:[（(]?\s*\d+\s*条?\s*[）)]?)?\s*[:：>»›！!]?\s*$"
    r"|^\s*[\d,.万]+\s*条评论(?:\s*$|\s+针对)|^\s*正文已结束"
)
"""A heading that opens the page's lists after an article (精华文章, 热门推荐, 相关阅读,
为您推荐, 小编最近文章, 热门评论 10条,
热门跟贴, 您可能还会对这些文章感兴趣！, 新闻排行, 正文已结束…)
in a text copy; matched on the line with its Traditional characters folded (相關閱讀, 相關鏈結)."""
_KEYWORDS_ROW_RE = re.compile(r"^(?:关键字|关键词|标签|tags?)\s*[:：]", re.IGNORECASE)
"""The article's keywords or tags row (关键字：…, 標籤：): the page's furniture after it."""
_TAB_STRIP_MAX = 24
"""A line of two or three tab labels ("新闻排行 阿里郎吧"): at most this long."""
_FOLD_TRADITIONAL = str.maketrans(
    "關閱讀鏈結連薦熱門點擊評論編輯網頁圖視題內報導動態條為與樣見會對這興趣喜歡鍵標籤聞",
    "关阅读链结连荐热门点击评论编辑网页图视题内报导动态条为与样见会对这兴趣喜欢键标签闻",
)
"""The Traditional forms of the characters of those headings, folded to Simplified."""


_ENUM_RE = re.compile(
    r"^\s*(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[）)]|\d+[.、．)）]|"
    r"第[^\s]{1,3}[章条节部分]|附件|附表)"
)
_TITLE_RUN = 3


def _is_link_title(line: str) -> bool:
    """A line like the title of another article in a list of links: a phrase of 8–40
    characters, mostly Han, no sentence end, no label ("责任编辑：") or numbering."""
    return (
        8 <= len(line) <= 40
        and han_count(line) >= 6
        and not ends_sentence(line)
        and not _ENUM_RE.match(line)
        and not _CREDIT_RE.match(line)
        and not _FIELD_RE.match(line)
        and not _FOOTER_RE.search(line)
    )


def _title_run_at(lines: list[str], index: int) -> bool:
    """Whether a list of article titles starts here: three or more title lines in a
    row (date lines between them allowed, a blank line ends the list)."""
    titles = 0
    for raw in lines[index:]:
        line = normalize_space(raw)
        if not line:
            break
        if _is_link_title(line):
            titles += 1
            if titles >= _TITLE_RUN:
                return True
        elif not bare_date_line(line):
            break
    return False


def _tail_start(lines: list[str]) -> int:
    """Where the page's chrome after the body begins in a text copy: the first list
    heading or list of article titles once prose has begun, provided more article
    prose comes before it than after it (the lists' blurbs and comments are shorter
    than the article; a "相关阅读" box inside a long article is followed by most of it)."""
    prose = [len(normalize_space(line)) if _is_prose(line) else 0 for line in lines]
    total = sum(prose)
    before = 0
    for index, raw in enumerate(lines):
        note = _DISCLAIMER_RE.search(raw) or is_site_note(raw)
        if before and note and before > total - before - prose[index]:
            return index  # the site's disclaimer or permalink, and what follows it
        if before and prose[index] == 0:
            line = _BULLET_RE.sub("", normalize_space(raw))  # "■ 相关连接"
            heading = _is_tail_heading(line.translate(_FOLD_TRADITIONAL))
            ending = before > total - before
            # "[延伸阅读]" over paragraphs is a part of the article, not a list.
            listing = not _section_follows(lines, index) if heading else _title_run_at(lines, index)
            if ending and listing:
                return index
            if ending and _BUTTON_ROW_RE.match(line) and _CLOSING_BUTTON_RE.search(line):
                return index  # "【收藏此页】【打印】【关闭】" under the article, the page's below
            if ending and _TEASER_RE.search(line):
                return _teaser_start(lines, index)  # another story's headline and blurb
            if _END_CREDIT_RE.match(line) and (ending or _list_heading_follows(lines, index)):
                return index + 1  # the editor or 来源 line itself belongs to the article
            if is_bracketed_name(line) and _list_heading_follows(lines, index):
                return index + 1  # "(示時 )" closes the article, 推薦閱讀 opens the lists
        before += prose[index]
        if before and _GLUED_CREDIT_RE.search(raw) and before > total - before:
            return index + 1  # "…是偷拍还是误会。(责任编辑：示范 TT1000)"
    return len(lines)


_TEASER_RE = re.compile(r"[\[【]\s*(?:全文|详细|詳細|详情|詳情|更多)\s*(?:>+|》+)?\s*[\]】]\s*$")
"""A blurb closed by its link to the full story ("…移居海外。[全文>>]"): a teaser of
another article in the page's lists."""


def _teaser_start(lines: list[str], index: int) -> int:
    """Where the teaser whose blurb is at `index` begins: at its headline, the phrase
    on the nearest filled line above, when there is one."""
    above = next(_filled_lines_up(lines, index - 1, -1), None)
    return above[0] if above is not None and _is_link_title(above[1]) else index


_SECTION_LOOKAHEAD = 4
"""Non-blank lines after a list heading read to tell a list from a part of the text."""
_COMMENTS_RE = re.compile("评论|留言|評論")


def _section_follows(lines: list[str], index: int) -> bool:
    """Whether the heading at `index` opens more of the article ("[延伸阅读]" over a
    subhead and paragraphs, as a paper's page prints a box beside its report): a block
    of its own, then two paragraphs among the next lines and no list of titles or
    dated entries there. Comments are prose too: a comment heading opens no section."""
    if _COMMENTS_RE.search(lines[index]):
        return False
    if index + 1 < len(lines) and lines[index + 1].strip():
        return False  # "相关阅读" with its links in its block: a list
    following = [i for i in range(index + 1, len(lines)) if lines[i].strip()]
    window = following[:_SECTION_LOOKAHEAD]
    if any(_title_run_at(lines, i) or bare_date_line(lines[i]) for i in window):
        return False
    return sum(1 for i in window if _is_prose(lines[i])) >= 2


def _is_tail_heading(line: str) -> bool:
    """A heading of the lists after an article: alone on its line, as the first label of
    a tab strip ("网友评论 欢迎发表评论"), or the keywords row."""
    if _KEYWORDS_ROW_RE.match(line):
        return True
    if _TAIL_HEADING_RE.match(line) and (len(line) <= 16 or line.startswith("正文已结束")):
        return True
    labels = line.split(" ")
    return (
        1 < len(labels) <= 3
        and len(line) <= _TAB_STRIP_MAX
        and len(labels[0]) <= 8
        and bool(_TAIL_HEADING_RE.match(labels[0]))
    )


_CREDIT_TO_HEADING = 3
"""Non-blank lines after the editor's line searched for a list heading."""


def _list_heading_follows(lines: list[str], index: int) -> bool:
    """Whether a list heading (为你推荐, 相关阅读…) comes within a few lines after the
    editor's line: the article ends at that line however long the list's blurbs."""
    following = (normalize_space(raw) for raw in lines[index + 1 :])
    for line in islice((line for line in following if line), _CREDIT_TO_HEADING):
        line = line.translate(_FOLD_TRADITIONAL)
        if len(line) <= 16 and _TAIL_HEADING_RE.match(line):
            return True
    return False


_GLUED_CREDIT_RE = re.compile(
    r"[。！？!?”][（(【\[]\s*(?:责任编辑|責任編輯|责编|責編|编辑|編輯)\s*[:：][^()（）【】\[\]]{1,30}"
    r"[)）】\]]\s*$"
)
"""The editor's credit glued to the article's last sentence: the article ends there."""


_PROMO_BLOCK_LINES = 6
_PROMO_BLOCK_LINE_MAX = 30


def _promotion_before_credit(lines: list[str]) -> set[int]:
    """A block of short lines between the article's last paragraph and the credit line
    that closes it (app promotions and 重点推荐 headlines under section labels, one per
    line with blank lines between): six or more such lines are the page's, not the
    article's."""
    if not lines or not _END_CREDIT_RE.match(normalize_space(lines[-1])):
        return set()
    found: set[int] = set()
    promotion = False
    for index in range(len(lines) - 2, -1, -1):
        line = normalize_space(lines[index])
        if not line:
            continue
        label = line.endswith(("：", ":"))  # "会赚钱的客户端：" introduces a picture
        if _is_prose(line) or len(line) > _PROMO_BLOCK_LINE_MAX or (
            ends_sentence(line) and not label
        ):
            break
        found.add(index)
        promotion = promotion or label or bool(_PROMO_WORD_RE.search(line))
    # A list of names or items before the editor line is the article's own: the
    # block must show itself as the page's (a label, a promotion word) to be dropped.
    return found if len(found) >= _PROMO_BLOCK_LINES and promotion else set()


_PROMO_WORD_RE = re.compile(r"客户端|APP|App|app|下载|扫码|扫一扫|关注|推荐|热门|点击|精彩|订阅")


_END_CREDIT_RE = re.compile(
    r"^(?:\S{1,10}\s+|(?:来源|稿源|出处|文章来源|信息来源)\s*[:：]\s*\S{1,20}\s+)?"
    r"(?:(?:作者|记者|通讯员)\s*[:：]\s*\S{0,10}\s+)?"
    r"[【\[（(]?\s*(?:责任编辑|责编|编辑|本文来源)\s*[:：][^【】\[\]]{1,40}[】\]）)]?\s*$"
)
"""The editor or 来源 line that closes an article ("【责任编辑：严玉洁】", "（编辑：…）",
"本文来源：第一财经日报 责任编辑：NF042", "稿源： 示范晚报 编辑： 刘洋", "来源： 示范网站
作者： 编辑： 朱某", an empty author field before the editor): what follows
it in a copy is the page's."""
_DISCLAIMER_RE = re.compile(r"仅提供信息存储空间服务")
"""A self-media platform's disclaimer after the article ("特别声明：以上作品内容…为…
用户上传并发布，本平台仅提供信息存储空间服务"): the page's, not the article's."""


def _body_blocks(lines: list[str], title: str, later: InfoLine) -> list[Block]:
    """Paragraphs, subheads and list items of the body, up to the footer or the lists
    after it; info lines met on the way (a date or 来源 below the article) are read into
    ``later``."""
    cut = _tail_start(lines)
    tail = lines[cut : cut + _TAIL_CREDIT_LINES]
    own = _source_over_site_note(tail)
    _credit_in_tail(tail, later)
    lines = lines[:cut]
    groups: list[list[str]] = [[]]
    related = False
    prose_seen = False
    menus = (
        _menu_lines(lines)
        | _promotion_before_credit(lines)
        | _font_buttons(lines)
        | _toolbar_rows(lines)
    )
    for index, raw in enumerate(lines):
        line = normalize_space(raw)
        strong = len(line) <= 80 and _STRONG_INFO_RE.match(line)
        info = parse_info_line(line) if strong else InfoLine()
        if info.labelled and (info.published or info.source):
            later.published = later.published or info.published
            later.source = later.source or info.source
            later.author = later.author or info.author
            groups.append([])
            continue
        if index in menus or _BUTTON_ROW_RE.match(line):
            groups.append([])
            continue
        mentioned = False
        if _FOOTER_RE.search(line):
            if not _prose_follows(lines[index + 1 :]):
                break
            mentioned = True  # a line of the text that only mentions ICP备案 or the like
        if not line or _FILE_NAME_RE.match(line) or _COUNTER_LINE_RE.match(line):
            # A picture whose description is its file name ("0.jpg"), a view counter
            # ("1032人参与308评论"): nothing to read.
            groups.append([])
            continue
        home = _HOME_TAIL_RE.search(line)
        if home and home.start() > 0 and ends_sentence(line[: home.start()]):
            line = line[: home.start()].rstrip()  # "…仍将持续。返回腾讯网首页>>"
            raw = line
        list_heading = len(line) <= 16 and bool(RELATED_RE.match(line))
        # "[延伸阅读]" over more of the article: its heading, kept.
        section = list_heading and prose_seen and _section_follows(lines, index)
        prose_seen = prose_seen or _is_prose(line)
        if list_heading and not section:
            related = True
            groups.append([])
            continue
        if related:
            if len(line) <= 40 and not ends_sentence(line):
                continue
            related = False
        if (
            (not mentioned and not section and is_boilerplate(line))
            or not has_words(line)
            or line == title
        ):
            groups.append([])
            continue
        if _is_nav(raw):
            groups.append([])
            continue
        groups[-1].append(raw.rstrip())
    if own:
        later.source = own  # the site's own line, not the reposted article's credit
    blocks: list[Block] = []
    for group in groups:
        for line in _join_wrapped(group):
            blocks.append(_classify(line))
    start, end = body_edges([(b.kind, b.text) for b in blocks])
    return blocks[start:end]


_TAIL_CREDIT_LINES = 12
"""The article's credit line can follow the related links under it in a copy."""


def _credit_in_tail(lines: list[str], later: InfoLine) -> None:
    """The 来源 of the article's credit line ("[来源： 示范网] [作者：…] [编辑：…]") met
    just after the related links that end the body: a 来源 with an author or an
    editor beside it, so another article's 来源 in a list is not taken."""
    for raw in lines:
        line = normalize_space(raw)
        if _FOOTER_RE.search(line):
            return
        if len(line) > 80 or not _STRONG_INFO_RE.match(line):
            continue
        info = parse_info_line(line)
        if info.source and (info.author or re.search(r"编辑\s*[:：]", line)):
            later.source = later.source or info.source
            later.author = later.author or info.author
            return


def _source_over_site_note(lines: list[str]) -> str | None:
    """The 来源 of a line right over the site's note after the article ("来源：示范号"
    then "特别声明：本文为…平台作者上传并发布"): the page's own line, which names the
    account that posted it where a reposted article credits its original above."""
    filled = [normalize_space(raw) for raw in lines if raw.strip()]
    for line, after in pairwise(filled):
        if len(line) <= 40 and _STRONG_INFO_RE.match(line) and is_site_note(after):
            return parse_info_line(line).source
    return None


_FILE_NAME_RE = re.compile(r"^[\w\-.()（）]+\.(?:jpe?g|png|gif|bmp|webp|tiff?)$", re.I)
_COUNTER_LINE_RE = re.compile(
    r"^(?:[\d,.万]+\s*(?:人参与|人阅读|次阅读|人浏览|次浏览|条评论|评论|阅读)\s*){1,3}$"
)
_HOME_TAIL_RE = re.compile(
    r"(?:返回|回到)\S{0,12}?(?:首页|主页|频道|列表|顶部)\s*(?:>>|》》|>|》|→)?\s*$"
)


def _prose_follows(lines: list[str]) -> bool:
    """Whether article text comes after a footer-like line (so the line is only a
    mention in a hand-made text, not the page's footer)."""
    return any(_is_prose(raw) and not _FOOTER_RE.search(raw) for raw in lines)


def _indent(raw: str) -> int:
    return len(raw) - len(raw.lstrip())


def _join_wrapped(group: list[str]) -> list[str]:
    """Lines of one blank-line-separated group; hard-wrapped lines joined back together.
    A line indented deeper than the group's least indented one opens a paragraph
    ("　　跨越千山万水……" under a caption line)."""
    result: list[str] = []
    margin = min((_indent(raw) for raw in group), default=0)
    for raw in group:
        line = normalize_space(raw)
        bullet = bool(_BULLET_RE.match(raw))
        if (
            result
            and not bullet
            and _indent(raw) <= margin
            and len(result[-1]) >= 20
            and not ends_sentence(result[-1])
            and not _BULLET_RE.match(result[-1])
        ):
            result[-1] = join_pieces(result[-1], line)
        else:
            result.append(raw.strip() if bullet else line)
    return result


def _classify(line: str) -> Block:
    if _BULLET_RE.match(line):
        return Block(BlockKind.LIST_ITEM, normalize_space(_BULLET_RE.sub("", line)))
    if (
        len(line) <= _HEADING_MAX
        and not ends_sentence(line)
        and not _CLOSING_CREDIT_RE.search(line)  # "图为……仪式。（刘通摄）": a caption
        and han_count(line) >= 2
        and not re.match(r"^[^：:]{1,8}[：:]", line)
    ):
        return Block(BlockKind.HEADING, line, level=2)
    return Block(BlockKind.PARAGRAPH, line)
