"""Extractor details that the fixture pages do not each show on their own."""

from __future__ import annotations

import pytest

from accessible_reader.article.extract import extract_article
from accessible_reader.article.model import BlockKind
from accessible_reader.errors import ExtractionError

LONG = "为切实做好冬春火灾防控工作，县政府决定在全县范围内开展消防安全大检查，请各单位认真落实。"


def page(body: str, title: str = "关于开展消防安全检查的通知 - 示范县人民政府") -> str:
    return f"<html><head><title>{title}</title></head><body>{body}</body></html>"


def texts(html: str) -> list[str]:
    return [b.text for b in extract_article(html).blocks]


def test_print_area_wrapper_is_not_junk() -> None:
    html = page(
        "<div class='nav'><a href='#'>首页</a></div>"
        f"<div id='printArea'><h1>关于开展消防安全检查的通知</h1><div><p>{LONG}</p>"
        f"<p>检查时间为12月1日至明年2月底。{LONG}</p></div></div><div class='footer'>版权所有</div>"
    )
    article = extract_article(html)
    assert article.title == "关于开展消防安全检查的通知"
    assert [b.text for b in article.blocks] == [LONG, f"检查时间为12月1日至明年2月底。{LONG}"]


def test_bold_lines_broken_by_br_are_one_subhead() -> None:
    html = page(f"<div class='TRS_Editor'><p><b>一批重点<br>项目开工</b></p><p>{LONG}</p></div>")
    blocks = extract_article(html).blocks
    assert (blocks[0].kind, blocks[0].text) == (BlockKind.HEADING, "一批重点项目开工")


def test_br_splits_plain_lines() -> None:
    html = page(f"<div class='TRS_Editor'><p>{LONG}<br>第二行文字。<br><br>第三行。</p></div>")
    assert texts(html) == [LONG, "第二行文字。", "第三行。"]


def test_hidden_and_furniture_inside_body_are_dropped() -> None:
    html = page(
        "<div class='TRS_Editor'>"
        f"<p>{LONG}</p><p style='display:none'>隐藏的文字不应读出。</p>"
        "<div class='share'>分享到：微信</div><p>【打印本页】【关闭窗口】</p>"
        "<p>相关链接：</p><ul><li><a href='#'>另一篇文章的标题</a></li></ul>"
        "<p><a href='#'>点击进入专题&gt;&gt;</a></p>"
        "<p>（责任编辑：张三）</p></div>"
    )
    assert texts(html) == [LONG]


def test_caption_after_image_and_duplicate_image() -> None:
    html = page(
        "<div class='TRS_Editor'>"
        "<p><img src='a.jpg' alt=''></p><p>图为检查现场。（王五 摄）</p>"
        f"<p>{LONG}</p><p><img src='a.jpg'></p>"
        "<p><img src='icon_share.png' alt='分享'></p>"
        "<p><img src='b.jpg' width='16' height='16'></p>"
        "</div>"
    )
    blocks = extract_article(html).blocks
    images = [b for b in blocks if b.kind is BlockKind.IMAGE]
    assert len(images) == 1
    assert (images[0].src, images[0].text, images[0].alt) == (
        "a.jpg",
        "图为检查现场。（王五 摄）",
        "",
    )


def test_layout_table_is_walked_data_table_kept() -> None:
    html = page(
        "<table><tr><td><div class='TRS_Editor'>"
        f"<p>{LONG}</p>"
        "<table><tr><td>单位</td><td>检查次数</td></tr><tr><td>城关镇</td><td>12</td></tr></table>"
        "</div></td></tr></table>"
    )
    blocks = extract_article(html).blocks
    assert blocks[0].text == LONG
    assert blocks[1].kind is BlockKind.TABLE
    assert blocks[1].rows == (("单位", "检查次数"), ("城关镇", "12"))
    assert blocks[1].text == "单位\t检查次数\n城关镇\t12"


def test_numbered_subheads() -> None:
    html = page(
        f"<div class='TRS_Editor'><p>一、总体要求</p><p>{LONG}</p><p>（一）工作目标</p></div>"
    )
    blocks = extract_article(html).blocks
    assert [(b.kind, b.level) for b in blocks] == [
        (BlockKind.HEADING, 2),
        (BlockKind.PARAGRAPH, 0),
        (BlockKind.HEADING, 3),
    ]


def test_title_heading_in_body_is_not_repeated() -> None:
    html = page(f"<div class='TRS_Editor'><h1>关于开展消防安全检查的通知</h1><p>{LONG}</p></div>")
    assert texts(html) == [LONG]


def test_title_meta_wins_and_no_date_is_none() -> None:
    html = (
        "<html><head><meta name='ArticleTitle' content='标题来自元数据'><title>别的_站点</title>"
        f"</head><body><div id='zoom'><p>{LONG}</p></div></body></html>"
    )
    article = extract_article(html)
    assert article.title == "标题来自元数据"
    assert article.published is None


def test_date_from_fetched_url_as_last_resort() -> None:
    html = page(f"<div id='zoom'><p>{LONG}</p></div>")
    article = extract_article(html, url="http://www.example.gov.cn/art/2023/5/6/t20230506_1.html")
    assert article.published == "2023-05-06"


@pytest.mark.parametrize(
    "html", ["", "<html></html>", "<p>短</p>", page("<ul><li><a href='#'>链接一</a></li></ul>")]
)
def test_no_article(html: str) -> None:
    with pytest.raises(ExtractionError):
        extract_article(html)


@pytest.mark.parametrize(
    ("alt", "kept"),
    [
        ("0.jpg", ""),
        ("12-IMG_3886.jpg", ""),
        ("http://www.example.gov.cn/a.png", ""),
        ("3", ""),
        ("DSC_0042", ""),
        ("W020241202", ""),
        ("白鹭在湖面觅食", "白鹭在湖面觅食"),
    ],
)
def test_picture_description(alt: str, kept: str) -> None:
    body = (
        "<div class='TRS_Editor'><p>这是一段足够长的正文内容，用来测试图片的说明文字。</p>"
        f"<p><img src='a/W020241202.jpg' alt='{alt}'></p></div>"
    )
    article = extract_article(page(body))
    image = next(b for b in article.blocks if b.kind is BlockKind.IMAGE)
    assert (image.alt, image.text) == (kept, kept)


def test_flagged_wrapper_is_read_but_flagged_share_picture_is_not() -> None:
    body = (
        "<div class='story enableInArticleAd'>"
        "<div class='mbArticleSharePic'><img src='share.jpg' alt='分享图'></div>"
        "<p>市政府常务会议研究部署了今冬明春的安全生产工作，要求各地各部门压实责任。</p>"
        "<p>会议强调，要深入开展隐患排查整治，坚决防范遏制重特大事故的发生。</p></div>"
    )
    article = extract_article(page(body))
    text = "".join(b.text for b in article.blocks)
    assert "压实责任" in text and "重特大事故" in text
    assert all(b.kind is not BlockKind.IMAGE for b in article.blocks)


def test_flagged_list_of_links_is_dropped() -> None:
    body = (
        "<div class='TRS_Editor'>"
        "<p>市政府常务会议研究部署了今冬明春的安全生产工作，要求各地各部门压实责任。</p>"
        "<ul class='newsRelated'><li><a href='/a/1'>全市召开安全生产电视电话会议部署工作</a></li>"
        "<li><a href='/a/2'>市应急管理局开展冬季消防安全检查行动</a></li></ul>"
        "<p>会议强调，要深入开展隐患排查整治，坚决防范遏制重特大事故的发生。</p></div>"
    )
    text = "".join(b.text for b in extract_article(page(body)).blocks)
    assert "重特大事故" in text and "电视电话会议" not in text


def test_english_page_with_a_chinese_menu() -> None:
    menu = "".join(f"<a href='/{n}'>简体中文频道导航{n}</a>" for n in range(8))
    paragraphs = "".join(
        f"<p>The city council approved a new plan on Monday to expand bus services, "
        f"adding {n} routes that connect suburbs with the central station.</p>"
        for n in range(5)
    )
    html = (
        f"<html><head><title>Council expands bus services - Example</title></head><body>"
        f"<div class='menu'>{menu}</div><h1>Council expands bus services</h1>"
        f"<div class='story'>{paragraphs}</div></body></html>"
    )
    article = extract_article(html)
    assert article.title == "Council expands bus services"
    assert len(article.blocks) == 5


def test_date_from_a_time_element() -> None:
    body = (
        "<div class='side'><time datetime='2020-01-01'>旧闻</time></div>"
        "<div class='TRS_Editor'>"
        "<p>发布于<time datetime='2024-06-01T08:30:00+08:00'>3小时前</time></p>"
        "<p>这是一段足够长的正文内容，用来测试时间元素里的发布日期能否被读出来。</p></div>"
    )
    assert extract_article(page(body)).published == "2024-06-01T08:30"


def test_short_lines_the_article_introduces_are_kept() -> None:
    names = ["示范市第一中学", "示范市实验小学", "示范县职业中学", "示范区外国语学校", "示范镇小学"]
    html = page(
        f"<div class='TRS_Editor'><p>{LONG}</p><p>获评本年度消防安全示范学校的有：</p>"
        + "".join(f"<p>{n}</p>" for n in names)
        + "</div>"
    )
    assert texts(html)[-5:] == names


def test_a_back_home_link_ending_a_paragraph_is_dropped_and_other_links_kept() -> None:
    html = page(
        f"<div class='TRS_Editor'><p>{LONG}<a href='/'>返回首页</a></p>"
        f"<p>详见<a href='/x'>检查细则</a></p><p>检查时间为12月1日起。{LONG}</p></div>"
    )
    assert texts(html) == [LONG, "详见检查细则", f"检查时间为12月1日起。{LONG}"]


@pytest.mark.parametrize(
    ("info", "source"),
    [
        # The date and the channel in one source-classed box (新浪's "time-source").
        ("<span class='time-source'>2016年05月25日10:10 示范财经</span>", "示范财经"),
        # The site's address, the date, the channel and a comment button in one line.
        (
            "<div id='ArtFrom'><a href='http://ent.example.com'>http://ent.example.com</a>　"
            "2009年11月09日11:30　<a href='http://yue.example.com/'>示范音乐</a>　"
            "<a href='#'>我要评论(<span>0</span>)</a></div>",
            "示范音乐",
        ),
    ],
)
def test_a_channel_beside_the_date_is_the_source(info: str, source: str) -> None:
    html = page(
        f"<h1>关于开展消防安全检查的通知</h1>{info}<div class='content'><p>{LONG}</p>"
        f"<p>检查时间为12月1日至明年2月底。{LONG}</p></div>"
    )
    assert extract_article(html).source == source


def test_a_person_beside_the_date_in_a_plain_box_is_no_source() -> None:
    html = page(
        "<h1>关于开展消防安全检查的通知</h1><div class='info'>2016年05月25日10:10 李示范</div>"
        f"<div class='content'><p>{LONG}</p><p>检查时间为12月1日至明年2月底。{LONG}</p></div>"
    )
    assert extract_article(html).source is None


def test_the_lead_figure_between_the_headline_and_the_article_is_read_first() -> None:
    html = page(
        "<header><h1>关于开展消防安全检查的通知</h1></header>"
        "<figure><img src='lead.jpg'><div class='pictext'><p>检查组在商场查看消防通道。</p>"
        "</div></figure><div class='ad'></div>"
        f"<article><p>{LONG}</p><p>检查时间为12月1日至明年2月底。{LONG}</p></article>"
        "<div class='footer'>版权所有</div>"
    )
    first = extract_article(html).blocks[0]
    assert (first.kind, first.text) == (BlockKind.IMAGE, "检查组在商场查看消防通道。")


def test_a_name_beside_the_date_that_the_closing_credit_repeats_is_the_source() -> None:
    body = f"<p>{LONG}</p><p>检查时间为12月1日至明年2月底。{LONG}</p>"
    for closing, source in (("<p>(示时 )</p>", "示时"), ("", None)):
        html = page(
            "<h1>关于开展消防安全检查的通知</h1><article><div class='info'>"
            "<time>2018年09月16日 15:31</time> <a href='/news/11'>示时</a></div>"
            f"{body}{closing}</article>"
        )
        assert extract_article(html).source == source, closing


def test_an_icon_inside_a_line_of_text_is_no_picture() -> None:
    html = page(
        "<h1>关于开展消防安全检查的通知</h1><div class='content'>"
        "<p><img src='scene.jpg' alt='检查现场'></p>"
        "<p><a href='/star/1'>示范</a><a href='/albums'><img src='cd.gif' alt='所有专辑'></a>"
        f"宣传照</p><p>{LONG}</p><p>检查时间为12月1日至明年2月底。{LONG}</p></div>"
    )
    blocks = extract_article(html).blocks
    assert [(b.kind, b.text) for b in blocks[:2]] == [
        (BlockKind.IMAGE, "检查现场"),
        (BlockKind.PARAGRAPH, "示范宣传照"),
    ]


def test_a_more_news_heading_split_by_markup_still_opens_the_related_list() -> None:
    items = "".join(
        f"<a href='/n/{n}'><li><p>示范新闻标题第{n}条</p><p>{LONG[:30]}</p></li></a>"
        for n in range(3)
    )
    html = page(
        f"<h1>关于开展消防安全检查的通知</h1><div class='content'><p>{LONG}</p>"
        f"<p>检查时间为12月1日至明年2月底。{LONG}</p>"
        f"<div>更多<h2>《社会》</h2>新闻</div><ul>{items}</ul></div>"
    )
    assert texts(html) == [LONG, f"检查时间为12月1日至明年2月底。{LONG}"]


def test_a_title_from_a_labelled_field_is_the_value() -> None:
    html = page(
        "<pre>例稿名稱：示範地方法院公告（第二次拍賣）\n發文日期：中華民國107年3月13日\n"
        f"主旨：{LONG}\n依據：{LONG}</pre>",
        title="法拍屋查詢系統",
    )
    article = extract_article(html)
    assert (article.title, article.published) == ("示範地方法院公告（第二次拍賣）", "2018-03-13")


def test_a_pre_texts_lines_wrapped_at_a_fixed_width_are_put_back_together() -> None:
    html = page(
        "<pre>主旨：公告以投標方法拍賣本院106年度司執字第70394號清償債\n"
        "務強制執行事件，債務人所有如附表所示不動產有關事項。\n"
        "一、不動產所在地、種類、權利範圍、實際狀況、占有使用情\n"
        "形、拍賣最低價額：均詳如附表。\n"
        "二、投標書及保證金封存袋，向本院服務處購買。\n"
        "│ 編號 │ 土地坐落 │ 面積 │\n│ 1 │ 示範段 │ 120 │</pre>"
    )
    assert texts(html)[:3] == [
        "主旨：公告以投標方法拍賣本院106年度司執字第70394號清償債務強制執行事件，"
        "債務人所有如附表所示不動產有關事項。",
        "一、不動產所在地、種類、權利範圍、實際狀況、占有使用情形、拍賣最低價額：均詳如附表。",
        "二、投標書及保證金封存袋，向本院服務處購買。",
    ]


@pytest.mark.parametrize(
    "address", ["http://[news.example.cn/1.html", "http://发布日期：news.example.cn/1.html"]
)
def test_an_address_urllib_cannot_read_is_no_address(address: str) -> None:
    # urllib raises ValueError on these (an unclosed IPv6 bracket; a host NFKC breaks).
    html = (
        f"<html><head><title>关于开展消防安全检查的通知</title>"
        f"<meta property='og:url' content='{address}'></head><body>"
        f"<h1>关于开展消防安全检查的通知</h1><div class='content'><img src='{address}'>"
        f"<p>{LONG}</p><p>检查时间为12月1日至明年2月底。{LONG}</p></div></body></html>"
    )
    article = extract_article(html, url=address)
    assert article.url is None
    assert article.title == "关于开展消防安全检查的通知"


def test_a_head_row_group_nested_in_the_body_group_names_the_columns() -> None:
    """A CMS writes <tbody><thead>…</thead><tr>…</tbody>: the labels row is read, as the
    header, so the index is heard as 发布机构：…；文件编号：… and not as bare values."""
    html = page(
        "<div class='TRS_Editor'><table><tbody><thead><tr><td>索取号</td><td>发布机构</td>"
        "<td>文件编号</td></tr></thead><tr><td>076478684Q/2024-00112</td>"
        "<td>示范市卫生健康委员会</td><td>示卫基层〔2024〕5号</td></tr></tbody></table>"
        f"<p>{LONG}</p></div>"
    )
    table = extract_article(html).blocks[0]
    assert table.kind is BlockKind.TABLE and table.header_rows == 1
    assert table.rows[0] == ("索取号", "发布机构", "文件编号")
