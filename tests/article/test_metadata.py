"""Info lines and <title> suffixes."""

from __future__ import annotations

import pytest

from accessible_reader.article.extract import extract_article
from accessible_reader.article.metadata import (
    bare_date_line,
    bare_source,
    clean_title,
    parse_info_line,
    pick_title,
    plausible_author,
    strip_bare_suffix,
    with_shown_spaces,
    written_in_traditional,
)
from accessible_reader.article.textutil import normalize_space, normalize_title_space


@pytest.mark.parametrize(
    ("line", "published", "source", "author"),
    [
        (
            "发布日期: 2024-10-18    来源:武进日报  浏览次数:  字号:〖大 中 小〗",
            "2024-10-18",
            "武进日报",
            None,
        ),
        ("2019年06月15日08:18  来源：人民网-文化频道", "2019-06-15T08:18", "人民网-文化频道", None),
        ("时间：2019-09-18 06:23 来源： 山西日报", "2019-09-18T06:23", "山西日报", None),
        ("发布日期：2016-11-22 浏览次数： 信息来源：省发改委", "2016-11-22", "省发改委", None),
        ("作者：张三 来源：新华社 2020-01-02", "2020-01-02", "新华社", "张三"),
        ("稿源：市文明办　日期：2021-05-04", "2021-05-04", "市文明办", None),
        ("来源/示范财经", None, "示范财经", None),  # a credit line written with slashes
        ("来源/示范财经 作者/李示范", None, "示范财经", "李示范"),
    ],
)
def test_info_line(line: str, published: str, source: str, author: str | None) -> None:
    info = parse_info_line(line)
    assert info.labelled
    assert (info.published, info.source, info.author) == (published, source, author)


def test_prose_is_no_info_line() -> None:
    assert not parse_info_line("这是一段普通的正文，没有任何标签。").labelled


def test_a_slash_is_a_label_only_opening_a_short_line() -> None:
    assert not parse_info_line("收入来源/去向两方面都要核实").labelled
    prose = "来源/去向两方面都要核实，这是审计的重点之一，不能漏掉任何一笔资金的流向。"
    assert not parse_info_line(prose).labelled


@pytest.mark.parametrize(
    ("raw", "title", "suffix"),
    [
        ("“两湖”焕新生长_政务要闻_常州市武进区人民政府", "“两湖”焕新生长", "常州市武进区人民政府"),
        (
            "女儿出嫁，郑板桥画了几笔兰花当嫁妆--文化--人民网",
            "女儿出嫁，郑板桥画了几笔兰花当嫁妆",
            "人民网",
        ),
        (
            "山西品牌丝路行（南美站）正式启动 - 山西省人民政府门户网站",
            "山西品牌丝路行（南美站）正式启动",
            "山西省人民政府门户网站",
        ),
        ("1-10月德清县固定资产投资结构趋稳趋优", "1-10月德清县固定资产投资结构趋稳趋优", None),
        ("防汛会议通知 | 某某网", "防汛会议通知", "某某网"),
    ],
)
def test_clean_title(raw: str, title: str, suffix: str | None) -> None:
    assert clean_title(raw) == (title, suffix)


def test_site_name_first_is_skipped() -> None:
    assert clean_title("示范市人民政府 - 关于开展安全检查的通知", "示范市人民政府")[0] == (
        "关于开展安全检查的通知"
    )


def test_gov_meta_names_in_any_case() -> None:
    html = """<html><head>
    <META NAME="ARTICLETITLE" CONTENT="标题甲">
    <meta name="pubDate" content="2020-02-03 04:05">
    <meta name="CONTENTSOURCE" content="来源乙">
    <meta name="columnName" content="栏目丙">
    </head><body><div class="TRS_Editor">
    <p>这是正文内容，足够长的一段中文文字用来测试元数据读取。</p></div></body></html>"""
    article = extract_article(html)
    assert (article.title, article.published, article.source, article.column) == (
        "标题甲",
        "2020-02-03T04:05",
        "来源乙",
        "栏目丙",
    )


def test_language_from_lang_attribute() -> None:
    body = (
        "<body><div class='TRS_Editor'>"
        "<p>這是一段正文內容，用來測試繁體中文網頁的語言標記。</p></div></body>"
    )
    for lang, expected in (("zh-TW", "zh-Hant"), ("zh-Hant-HK", "zh-Hant"), ("zh-CN", "zh-Hans")):
        html = f"<html lang='{lang}'><head><title>標題</title></head>{body}</html>"
        assert extract_article(html).language == expected


def test_relative_meta_url_resolved_against_fetched_url() -> None:
    html = """<html><head><meta name="Url" content="./t20190918_1.shtml"><title>t</title></head>
    <body><div class="TRS_Editor">
    <p>这是正文内容，足够长的一段中文文字用来测试地址解析是否正确。</p></div></body></html>"""
    assert extract_article(html).url is None
    article = extract_article(html, url="http://www.example.gov.cn/yw/201909/t20190918_1.shtml")
    assert article.url == "http://www.example.gov.cn/yw/201909/t20190918_1.shtml"


@pytest.mark.parametrize(
    ("title", "kept", "suffix"),
    [
        ("科技小院扎根田间-新华网", "科技小院扎根田间", "新华网"),
        ("垃圾分类知多少-中国科普网", "垃圾分类知多少", "中国科普网"),
        ("1-10月德清县固定资产投资结构趋稳趋优", "1-10月德清县固定资产投资结构趋稳趋优", None),
        ("2019-2020学年第一学期校历", "2019-2020学年第一学期校历", None),
        ("中美贸易摩擦-专家解读要点", "中美贸易摩擦-专家解读要点", None),
        ("明日天气情况-预报", "明日天气情况-预报", None),
        ("中国与东盟-领导人峰会", "中国与东盟-领导人峰会", None),
        ("社区食堂周末照常营业——示范新闻网", "社区食堂周末照常营业", "示范新闻网"),
        ("江畔步道全线贯通—示范晚报客户端", "江畔步道全线贯通", "示范晚报客户端"),
        # A dash also opens a subtitle: only a portal's own name goes after it.
        ("奋斗者——记示范服务中心", "奋斗者——记示范服务中心", None),
        ("守护一方水土——访示范县水利局", "守护一方水土——访示范县水利局", None),
        ("城市书房的夜晚 —— 示范日报", "城市书房的夜晚", "示范日报"),
        ("一座城市的书香——访示范日报读书版", "一座城市的书香——访示范日报读书版", None),
        ("一座城市的书香——访示范日报", "一座城市的书香——访示范日报", None),
    ],
)
def test_bare_hyphen_suffix(title: str, kept: str, suffix: str | None) -> None:
    assert strip_bare_suffix(title) == (kept, suffix)


def test_a_site_named_in_the_footer_goes_after_a_hyphen_or_dash() -> None:
    footer = "主办：示范融媒版权所有"
    assert strip_bare_suffix("加装电梯进入快车道-示范融媒", None, lambda: footer) == (
        "加装电梯进入快车道",
        "示范融媒",
    )
    assert strip_bare_suffix("加装电梯进入快车道——示范融媒", None, lambda: footer)[1] == "示范融媒"
    assert strip_bare_suffix("加装电梯进入快车道-示范融媒", None, lambda: "")[1] is None
    # A subtitle naming the footer's owner stays.
    title = "加装电梯进入快车道——访示范融媒"
    assert strip_bare_suffix(title, None, lambda: "主办：访示范融媒")[0] == title
    # The footer is read only when the part after the hyphen does not say it is a site.
    assert strip_bare_suffix("科技小院扎根田间-新华网", None, _unread_footer)[1] == "新华网"


def _unread_footer() -> str:
    raise AssertionError("the footer was read")


def test_og_title_with_the_site_suffix_yields_to_the_heading() -> None:
    raw = "老城区断头路打通：通勤时间缩短一半_示范资讯"
    heading = "老城区断头路打通：通勤时间缩短一半"
    assert pick_title(raw, None, [heading], (raw,)) == (heading, "示范资讯")
    raw = heading + "——示范江城网"
    assert pick_title(raw, None, [], (raw,)) == (heading, "示范江城网")
    # A name after a dash that only the heading shows is no part of the title.
    raw = heading + "——示范融媒"
    assert pick_title(raw, None, [heading], (raw,))[0] == heading
    # A name the <title> does not end with stays on a candidate.
    assert pick_title(heading, None, [], (heading + "_示范资讯",))[0] == heading
    # A heading that shows <title>'s later part has it as its own: a column and a topic.
    raw = "【特稿】城市更新 | 老街巷里的新生活"
    assert pick_title(raw, None, [raw], (raw,))[0] == raw


def test_title_agrees_with_title_tag_and_heading() -> None:
    raw = "全县春耕备耕工作有序推进_工作动态_示范县农业农村局"
    headings = ["全县春耕备耕工作有序推进发布时间：2024-03-12 来源：县农业农村局", "工作动态"]
    assert pick_title(raw, None, headings)[0] == "全县春耕备耕工作有序推进"


def test_column_title_yields_to_the_article_heading() -> None:
    headings = ["全县春耕备耕工作有序推进", "新闻动态"]
    assert pick_title("新闻动态", None, headings)[0] == "全县春耕备耕工作有序推进"
    assert pick_title("信息详情", None, headings)[0] == "全县春耕备耕工作有序推进"
    crumbs = ["全县春耕备耕工作有序推进", "首页 - 新闻动态"]
    assert pick_title("新闻动态--示范县农业农村局", None, crumbs)[0] == "全县春耕备耕工作有序推进"
    assert pick_title("示范县人民政府门户网站", None, headings)[0] == "全县春耕备耕工作有序推进"
    # A short article title that is also the nearest heading stays.
    assert pick_title("春节放假通知_示范局", None, ["春节放假通知", "一、放假时间安排如下"])[0] == (
        "春节放假通知"
    )


def test_label_inside_a_word_is_no_label() -> None:
    assert not parse_info_line("一、缴费时间：2023年9月1日至12月31日").labelled
    assert parse_info_line("数据来源：国家统计局").source is None
    assert parse_info_line("来源于：东区办事处").source == "东区办事处"
    assert bare_date_line("一、缴费时间：2023年9月1日至2023年12月31日。") is None
    assert bare_date_line("2024年11月20日（星期三）") == "2024-11-20"
    assert parse_info_line("成文日期：2024-01-05").published == "2024-01-05"


def test_title_cut_short_yields_to_the_whole_heading() -> None:
    heading = "关于印发《示范市2025年优化营商环境工作要点》的通知"
    assert pick_title("关于印发《示范市2025年优化营商环境...", None, [heading])[0] == heading


def test_heading_with_a_date_glued_on() -> None:
    raw = "青年返乡创业 在广阔天地大展拳脚_示范青年网"
    heading = "青年返乡创业 在广阔天地大展拳脚2024-05-13 06:03:00"
    assert pick_title(raw, None, [heading])[0] == "青年返乡创业 在广阔天地大展拳脚"


def test_labels_glued_by_adjacent_spans_end_the_source() -> None:
    info = parse_info_line("2024-09-26 12:11来源：示范时报网作者：李示范")
    assert (info.source, info.author) == ("示范时报网", "李示范")
    assert info.published == "2024-09-26T12:11"


def test_a_glued_source_label_stays_prose() -> None:
    # "数据来源：" after a Chinese character is a word, not a second 来源 field.
    info = parse_info_line("来源：示范日报 本报数据来源：统计局")
    assert info.source == "示范日报"
    assert not parse_info_line("今年的缴费时间：每月1日").labelled


@pytest.mark.parametrize(
    ("line", "source"),
    [
        ("2015-05-21 05:03:58　来源: 21世纪经济报道(广州)", "21世纪经济报道"),
        ("来源：华夏时报（北京） 作者：杨中华", "华夏时报"),
        ("2020年07月04日 12:10　来源：求是网参与互动", "求是网"),
        ("来源：示范日报我要评论", "示范日报"),
        ("来源：人民日报（海外版）", "人民日报（海外版）"),
        ("来源：(新华社)", "新华社"),
    ],
)
def test_source_without_place_or_button(line: str, source: str) -> None:
    """A city in brackets after the paper, or a comment link glued on, is not its name;
    an edition in brackets is."""
    assert parse_info_line(line).source == source


@pytest.mark.parametrize(
    ("line", "named"),
    [
        ("NEWS.EXAMPLE.COM\u3000\u30002004年02月21日12:12\u3000\u3000示范晚报", "示范晚报"),
        ("http://ent.example.com.cn 2000年09月12日10:22\xa0 示范日报大洋网", "示范日报大洋网"),
        ("示范新闻 03-11 08:23", "示范新闻"),
        ("NEWS.EXAMPLE.COM 2004年01月07日15:22 《示范与生活》杂志", "《示范与生活》杂志"),
        ("2019-05-17 · 李示范", None),  # a person, not an outlet
        # The site's address and the date beside a name: the channel that reports.
        ("http://www.example.com.cn  2009年11月09日13:56  示范娱乐", "示范娱乐"),
        ("www.example.com 2019-05-17 李示范", None),
        ("2009年11月09日13:56  示范娱乐", None),
        ("http://ent.example.com　2009年11月09日11:30　示范音乐　　我要评论(0)", "示范音乐"),
        ("示范日报 示范晚报 2019-05-17", None),  # two names: a list, not a byline
        ("示范日报", None),  # no date beside it
        ("今天是2019年5月17日，示范日报报道了这件事情，读者纷纷点赞转发示范网", None),
    ],
)
def test_outlet_named_beside_the_date(line: str, named: str | None) -> None:
    assert bare_source(line) == named


@pytest.mark.parametrize(
    ("raw", "title"),
    [
        ("　　地铁三号线今日开通　沿线学校迎来便利　", "地铁三号线今日开通\u3000沿线学校迎来便利"),
        ("三号线今日开通 \u3000\u3000 沿线学校迎来便利", "三号线今日开通\u3000沿线学校迎来便利"),
        ("地铁三号线今日开通  沿线学校\xa0迎来便利", "地铁三号线今日开通 沿线学校 迎来便利"),
        # Indentation on the next line of the source is no gap of the headline's.
        ("Metro Line 3 opens\n\u3000\u3000today", "Metro Line 3 opens today"),
        ("地铁三号线\n\u3000今日开通", "地铁三号线今日开通"),
    ],
)
def test_title_keeps_one_ideographic_space(raw: str, title: str) -> None:
    assert normalize_title_space(raw) == title
    assert normalize_title_space(raw).replace("\u3000", " ") == normalize_space(raw)


def test_title_from_the_body_takes_its_spaces_back_from_the_title_tag() -> None:
    shown = "地铁三号线今日开通\u3000沿线学校迎来便利 - 示范晚报网"
    assert with_shown_spaces("地铁三号线今日开通 沿线学校迎来便利", ["", shown]) == (
        "地铁三号线今日开通\u3000沿线学校迎来便利"
    )
    # Another wording, or a plain space where the page has one, stays as it is.
    assert with_shown_spaces("三号线开通 学校迎来便利", [shown]) == "三号线开通 学校迎来便利"
    plain = "Metro Line 3 opens\u3000示范晚报网"
    assert with_shown_spaces("Metro Line 3 opens", [plain]) == "Metro Line 3 opens"


def test_a_source_link_button_ends_the_value() -> None:
    assert parse_info_line("来源：The Conversation 查看原文").source == "The Conversation"
    assert parse_info_line("来源：示范周刊阅读原文").source == "示范周刊"


def test_an_outlet_named_after_the_date_keeps_its_first_character() -> None:
    # "21日" is a date; the 日 of 日本… after a space is the outlet's.
    assert bare_source("www.example.com 2010-05-21  日本示范侨报网") == "日本示范侨报网"
    assert bare_source("2010年05月21日 示范日报") == "示范日报"


def test_a_label_glued_after_the_date_verb_is_a_label() -> None:
    info = parse_info_line("2021-02-01 18:42:41 发布来源：示范日报客户端")
    assert info.source == "示范日报客户端" and info.published == "2021-02-01T18:42:41"
    assert parse_info_line("数据来源：示范统计局").source is None  # a word, not a label


@pytest.mark.parametrize(
    ("text", "traditional"),
    [
        ("臺北市政府今天發佈新聞稿，說明這個計畫的進度與經費來源。", True),
        ("台北市政府今天发布新闻稿，说明这个计划的进度与经费来源。", False),
        ("會議", False),  # too few characters to decide
        ("這個問題，国务院办公厅关于进一步优化政务服务的意见，各地区要抓好落实。", False),
        ("", False),
    ],
)
def test_written_in_traditional(text: str, traditional: bool) -> None:
    assert written_in_traditional(text) is traditional


@pytest.mark.parametrize(
    ("value", "site", "author"),
    [
        ("潇湘晨报,数字报,电子报", "潇湘晨报数字报", None),  # the keywords, in the author tag
        ("张三,李四", "潇湘晨报数字报", "张三,李四"),
        ("潇湘晨报数字报", "潇湘晨报数字报", None),
        ("12345", None, None),
        ("李示范", "示范网", "李示范"),
    ],
)
def test_plausible_author(value: str, site: str | None, author: str | None) -> None:
    assert plausible_author(value, site) == author


def test_a_line_break_written_into_the_title_as_text_is_no_part_of_it() -> None:
    title, _suffix = pick_title("示范：能否让社会接受一个新事物要看自己<BR> - 手机示范网", None, [])
    assert title == "示范：能否让社会接受一个新事物要看自己"


def test_a_title_that_shortens_the_heading_gives_way_to_it() -> None:
    title, _suffix = pick_title(
        "示范女孩想当宇航员_示范教育", None, ["示范教育-心理小屋", "示范女孩崇拜航天英雄想当宇航员"]
    )
    assert title == "示范女孩崇拜航天英雄想当宇航员"
