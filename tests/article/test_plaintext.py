"""Text dumps of portal pages, like the seed page."""

from __future__ import annotations

from pathlib import Path

import pytest

from accessible_reader.article.model import BlockKind
from accessible_reader.article.plaintext import parse_text_dump
from accessible_reader.errors import ExtractionError
from accessible_reader.text.segment import split_article

from .helpers import body_text

SEED = Path(__file__).resolve().parents[2].parent / "shared" / "seed"


@pytest.mark.corpus
@pytest.mark.skipif(not SEED.is_dir(), reason=f"the shared seed pages are not at {SEED}")
def test_seed_page() -> None:
    path = sorted(SEED.glob("*.txt"))[0]
    article = parse_text_dump(path.read_text(encoding="utf-8"))
    assert article.title.startswith("“两湖”焕新生长 城市更新而进")
    assert article.title.endswith("重点项目已完成投资57.7亿元")
    assert article.published == "2024-10-18"
    assert article.source == "武进日报"
    assert article.column == "政务要闻"
    headings = [b.text for b in article.blocks if b.kind is BlockKind.HEADING]
    assert headings == ["新质生产力加速领跑", "创新驱动 深融“科产城人”"]
    text = body_text(article)
    assert text.startswith("产业链上")
    assert text.endswith("一步一个脚印将“两湖”愿景化为现实图景。")
    for junk in (
        "登录个人中心",
        "繁體中文",
        "您当前的位置",
        "相关阅读",
        "CopyRight",
        "浏览次数",
        "站点地图",
    ):
        assert junk not in text


def test_plain_text_without_portal_shape() -> None:
    article = parse_text_dump("一封信\n\n今天天气很好，我们一起去公园散步。\n\n晚上回家吃饭。\n")
    assert article.title == "一封信"
    assert [b.text for b in article.blocks] == [
        "今天天气很好，我们一起去公园散步。",
        "晚上回家吃饭。",
    ]


def test_hard_wrapped_lines_are_joined() -> None:
    text = "标题行\n\n这是一段很长的文字，被复制的时候按照固定宽度\n折成了两行，应该重新接起来。\n"
    article = parse_text_dump(text)
    assert (
        article.blocks[0].text
        == "这是一段很长的文字，被复制的时候按照固定宽度折成了两行，应该重新接起来。"
    )


def test_one_line_text_is_its_title_alone() -> None:
    """Shown and read aloud once: as the title, not again as the only paragraph."""
    article = parse_text_dump("明天下午三点停水，请提前储水。\n")
    assert article.title == "明天下午三点停水，请提前储水。"
    assert article.blocks == ()
    assert [s.text for s in split_article(article)] == ["明天下午三点停水，请提前储水。"]


def test_one_line_too_long_for_a_title_is_the_body_too() -> None:
    line = "根据工作安排，" + "本区将对城区供水管网进行检修改造，" * 5 + "请提前储水。"
    article = parse_text_dump(line)
    assert article.title == line[:40] + "…"
    assert [b.text for b in article.blocks] == [line]


@pytest.mark.parametrize("text", ["", "   \n\n  ", "• 首页\n• 政务公开\n"])
def test_no_article(text: str) -> None:
    with pytest.raises(ExtractionError):
        parse_text_dump(text)


def test_a_notice_time_line_stays_in_the_body() -> None:
    text = (
        "关于召开2025年春季运动会的通知\n发布日期：2025-03-01\n\n"
        "各学院：学校定于3月20日召开春季运动会，现将有关事项通知如下。\n\n"
        "一、时间：2025年3月20日上午8:00\n\n二、地点：学校田径场\n\n"
        "请各单位做好组织工作，按时参加开幕式。\n"
    )
    article = parse_text_dump(text)
    assert article.published == "2025-03-01"
    body = "\n".join(b.text for b in article.blocks)
    assert "一、时间：2025年3月20日上午8:00" in body
    assert "二、地点：学校田径场" in body


def test_info_line_after_a_long_menu() -> None:
    menu = "\n".join(f"栏目{n}" for n in range(120))
    text = (
        f"{menu}\n示范市召开全市防汛工作会议\n发布时间：2024-06-03 来源：市水利局\n\n"
        "6月3日，示范市召开全市防汛工作会议，部署今年汛期防汛抗旱各项工作任务。\n"
    )
    article = parse_text_dump(text)
    assert (article.title, article.published, article.source) == (
        "示范市召开全市防汛工作会议",
        "2024-06-03",
        "市水利局",
    )


def test_contact_lines_are_no_menu() -> None:
    text = (
        "关于开展2025年度志愿服务项目申报的通知\n发布日期：2025-02-01\n\n"
        "各单位：为做好2025年度志愿服务项目申报工作，现将有关事项通知如下，请认真组织申报。\n\n"
        "联系人：张明\n电话：0519-88001234\n地址：示范市人民路100号\n邮编：213000\n"
    )
    body = "\n".join(b.text for b in parse_text_dump(text).blocks)
    assert "联系人：张明" in body and "邮编：213000" in body


_PROSE = (
    "市政府召开常务会议，研究部署春季农业生产、城乡供水保障和安全生产等重点工作，"
    "要求各地各部门压实责任。"
)


def test_lists_after_the_body_of_a_text_copy_are_left_out() -> None:
    text = (
        "春季农业生产工作会议召开\n发布时间：2025-03-02\n\n"
        f"{_PROSE}\n\n会议强调，要抓好春耕备耕，确保粮食播种面积稳定，做好农资供应和技术指导。\n\n"
        "热门推荐\n全市春耕备耕工作全面展开\n农资供应保障情况通报\n"
        "为您推荐\n今年首批高标准农田项目开工--2025年2月20日\n"
    )
    article = parse_text_dump(text)
    body = body_text(article)
    assert body.endswith("做好农资供应和技术指导。")
    for junk in ("热门推荐", "春耕备耕工作全面展开", "为您推荐", "高标准农田项目"):
        assert junk not in body


def test_a_related_box_inside_a_long_article_keeps_the_rest() -> None:
    text = (
        "春季农业生产工作会议召开\n发布时间：2025-03-02\n\n"
        f"{_PROSE}\n\n相关阅读\n去年全市粮食总产量再创新高\n\n"
        + "".join(f"第{n}项，{_PROSE}\n\n" for n in range(3))
    )
    body = body_text(parse_text_dump(text))
    assert body.count(_PROSE) == 4
    assert "去年全市粮食总产量" not in body


def test_a_notice_keeps_its_attachments_and_signature() -> None:
    text = (
        "关于开展2025年春季消防安全检查的通知\n发布日期：2025-03-05\n\n"
        f"{_PROSE}\n\n附件：1.检查安排表\n2.隐患整改登记表\n3.检查人员名单\n"
        "示范市消防救援支队办公室\n2025年3月5日\n"
    )
    body = body_text(parse_text_dump(text))
    for kept in ("检查安排表", "隐患整改登记表", "检查人员名单", "示范市消防救援支队办公室"):
        assert kept in body


def test_unlabelled_date_above_the_body_wins_over_a_source_below_it() -> None:
    text = (
        "首页 / 科技 / 正文\n\n快递员连升三级 获评最美快递员\n\n示范人文 2020-03-09 18:14:21\n\n"
        f"{_PROSE}\n\n“疫情过后，我希望能多陪陪家人。”\n\n{_PROSE}\n\n来源：网络\n"
        "4,786 条评论\n夜空中最低调的星 12小时前\n这样的人就应该提拔重用，值得大家学习。\n"
    )
    article = parse_text_dump(text)
    assert article.title == "快递员连升三级 获评最美快递员"
    assert article.published == "2020-03-09T18:14:21"
    assert article.source == "网络"
    body = body_text(article)
    assert "多陪陪家人" in body
    assert "条评论" not in body and "提拔重用" not in body


def test_a_traditional_related_links_heading_ends_the_body() -> None:
    text = (
        "春季農業生產工作會議召開\n發布時間：2025-03-02\n\n"
        "市政府召開常務會議，研究部署春季農業生產、城鄉供水保障和安全生產等重點工作，"
        "要求各地各部門壓實責任。\n\n"
        "會議強調，要抓好春耕備耕，確保糧食播種面積穩定，做好農資供應和技術指導。\n\n"
        "　相關鏈結 \t\n· \t全市春耕備耕工作全面展開\n· \t農資供應保障情況通報\n"
    )
    body = body_text(parse_text_dump(text))
    assert body.endswith("做好農資供應和技術指導。")
    assert "相關鏈結" not in body


def test_a_weekday_glued_to_the_date_is_no_account() -> None:
    text = (
        "示范市召开全市防汛工作会议\n\n星期一2024-06-03\n\n"
        "6月3日，示范市召开全市防汛工作会议，部署今年汛期防汛抗旱各项工作任务。\n"
    )
    article = parse_text_dump(text)
    assert (article.published, article.source) == ("2024-06-03", None)


def test_tab_strips_and_keyword_rows_after_the_body_end_it() -> None:
    # A tab strip's labels on one line ("新闻排行 阿里郎吧", "网友评论 欢迎发表评论")
    # and a keywords row (關鍵字：) open the page's lists as a heading alone does.
    for tail in (
        "新闻排行 示范吧\n转发此文至微博\n网友评论 欢迎发表评论\n登录名：  密码：  快速注册\n",
        "關鍵字： \n春耕\n農資\n追蹤示範新聞網 :\n加入\n訂閱\n留個言吧!\n延伸閱讀\n",
        "标签：春耕 农资\n分享到：\n",
    ):
        text = (
            "春季农业生产工作会议召开\n发布时间：2025-03-02\n\n"
            f"{_PROSE}\n\n会议强调，要抓好春耕备耕，确保粮食播种面积稳定，做好农资供应和技术指导。\n\n"
            + tail
        )
        body = body_text(parse_text_dump(text))
        assert body.endswith("做好农资供应和技术指导。"), tail


def test_font_size_buttons_are_no_text() -> None:
    text = (
        "春季农业生产工作会议召开\n2025/03/02 18:03:00\nA-\nA\nA+\n\n"
        f"{_PROSE}\n\n会议强调，要抓好春耕备耕，确保粮食播种面积稳定，做好农资供应和技术指导。\n"
    )
    article = parse_text_dump(text)
    assert body_text(article).startswith(_PROSE[:10])


def test_a_footer_menu_between_vertical_strokes_is_no_text() -> None:
    text = (
        "春季农业生产工作会议召开\n发布日期：2025-03-02\n\n"
        f"{_PROSE}\n\n打印 关闭\n安全隐私 丨 版权保护 丨 联系我们 丨 网站地图\n"
    )
    body = body_text(parse_text_dump(text))
    assert body.endswith(_PROSE[-10:])
    assert "联系我们" not in body


def test_a_subtitle_under_the_headline_is_read_as_the_first_heading() -> None:
    # A copy cannot show which line is set large: of "主题" and "副题" in one block over
    # the info line, the first is the headline and the second opens the body.
    text = (
        "首页\n> 要闻\n> 示范要闻\n示范品牌丝路行（南美站）正式启动\n"
        "成功举办中国（示范）－巴西双向经贸投资推介会\n时间：2019-09-18 06:23 来源： 示范日报\n"
        f"\n　　{_PROSE}\n"
    )
    article = parse_text_dump(text)
    assert article.title == "示范品牌丝路行（南美站）正式启动"
    first = article.blocks[0]
    subtitle = "成功举办中国（示范）－巴西双向经贸投资推介会"
    assert (first.kind, first.text) == (BlockKind.HEADING, subtitle)
    assert article.source == "示范日报"


def test_a_document_title_broken_over_lines_is_joined_and_its_note_is_no_title() -> None:
    text = (
        "首页 > 国务院公报 > 2007年第23号\n\n"
        "示范市人民代表大会常务委员会\n关于批准示范市发行专项债券及\n调整2007年末债务余额限额的决议\n"
        "（2007年6月29日示范市第十届人民代表大会常务委员会第二十八次会议通过）\n\n"
        f"　　{_PROSE}\n"
    )
    article = parse_text_dump(text)
    assert article.title == (
        "示范市人民代表大会常务委员会关于批准示范市发行专项债券及调整2007年末债务余额限额的决议"
    )
    assert article.blocks[0].text.startswith("（2007年6月29日")
    assert body_text(article).endswith(_PROSE[-10:])


def test_an_indented_line_opens_a_paragraph_after_a_caption() -> None:
    text = (
        "春季农业生产工作会议召开\n发布时间：2025-03-02\n\n"
        f"图为会议现场。（张三摄）\n　　{_PROSE}\n"
    )
    blocks = parse_text_dump(text).blocks
    assert [(b.kind, b.text) for b in blocks] == [
        (BlockKind.PARAGRAPH, "图为会议现场。（张三摄）"),
        (BlockKind.PARAGRAPH, _PROSE),
    ]


def test_the_headline_under_the_top_menu_when_toolbars_fill_the_lines_over_the_date() -> None:
    share = "".join(f"分享至{name}\n" for name in ("Facebook", "Google+", "Twitter", "Weibo"))
    text = (
        "首頁\n示時\n社會\n悲慟！示範市年邁母子 住處意外身亡\n\n友善列印\n小字型\n大字型\n"
        f"{share}2018年09月16日 15:31 示時\n\n{_PROSE}\n\n(示時 )\n"
    )
    article = parse_text_dump(text)
    assert article.title == "悲慟！示範市年邁母子 住處意外身亡"
    # The short name beside the date is the 来源 because the closing credit repeats it.
    assert article.source == "示時"


def test_a_name_beside_the_date_is_the_source_when_the_dispatch_opens_with_it() -> None:
    def source(opening: str) -> str | None:
        text = (
            "人民币中间价创逾五年新低 做市商称符合预期\n2016年05月25日10:10 示范财经\n"
            f"微博 微信 分享\n\n　　{opening}5月25日上午消息，{_PROSE}\n"
        )
        return parse_text_dump(text).source

    assert source("示范财经讯 ") == "示范财经"
    assert source("") is None


def test_rows_of_toolbar_words_before_the_first_paragraph_are_no_text() -> None:
    text = (
        "春季农业生产工作会议召开\n2025年03月02日10:10 示范网\n微博 微信 空间 分享 添加喜爱\n"
        f"热点栏目 资金流向 千股千评 个股诊断 最新评级\n\n{_PROSE}\n\n"
        "获奖名单：\n张三 李四 王五 赵六 钱七\n"
    )
    body = body_text(parse_text_dump(text))
    assert body.startswith(_PROSE[:10])
    assert "张三 李四 王五 赵六 钱七" in body  # a list of names in the text stays


def test_the_sites_calendar_and_a_tip_off_box_over_the_article_are_not_its_own() -> None:
    text = (
        "2024年11月12日 星期二\n首页 宏观 金融 证券 产经 消费 科技\n财经 > 宏观 > 正文\n"
        "春季农业生产工作会议召开\n2018年09月15日15:17  示范经济网\n"
        "新闻爆料:news@example.cn 电话:(010)12345678\n\n"
        f"　　{_PROSE}\n"
    )
    article = parse_text_dump(text)
    assert (article.title, article.published) == ("春季农业生产工作会议召开", "2018-09-15T15:17")
    assert article.source == "示范经济网"
    assert body_text(article).startswith(_PROSE[:10])


def test_a_breadcrumb_word_over_the_date_yields_to_the_headline_under_it() -> None:
    text = (
        "示範新聞雲\n>\n地方\n>\n地方\n2017年12月09日 00:26\n地方 地方焦點\n"
        "客運司機車禍致人於死　心情鬱悶陽台意外身亡\n即時+好看！按讚加入示範新聞雲\n\n"
        f"{_PROSE}\n"
    )
    article = parse_text_dump(text)
    assert article.title == "客運司機車禍致人於死\u3000心情鬱悶陽台意外身亡"
    assert body_text(article).startswith(_PROSE[:10])  # the like-the-page prompt is no text


def test_a_caption_between_the_headline_and_the_date_opens_the_body() -> None:
    text = (
        "示範市年邁母子 住處意外身亡\n\n示範市一年邁母子在住處意外身亡。\n\n"
        "友善列印\n小字型\n大字型\n2018年09月16日 15:31 示時\n\n"
        f"{_PROSE}\n"
    )
    blocks = parse_text_dump(text).blocks
    assert [b.text for b in blocks] == ["示範市一年邁母子在住處意外身亡。", _PROSE]


def test_a_blogs_related_posts_and_comments_end_the_body() -> None:
    text = (
        "春季农业生产工作会议召开\n发布时间：2025-03-02\n\n"
        f"{_PROSE}\n\n会议强调，要抓好春耕备耕，确保粮食播种面积稳定，做好农资供应和技术指导。\n\n"
        "相关日志\n示范局长谈春耕 (4)\n3 条评论 针对这篇 “春季农业生产工作会议召开”\n"
        "示范网友 评论道:\n十一月 6th, 2009 at 12:02 下午\n\n"
        "这篇文章写得很好，期待更多关于春耕备耕、农资供应和技术指导方面的深入报道和分析。\n"
    )
    body = body_text(parse_text_dump(text))
    assert body.endswith("做好农资供应和技术指导。")


def test_a_row_of_bracketed_buttons_is_no_text() -> None:
    text = (
        "春季农业生产工作会议召开\n发布时间：2025-03-02\n\n"
        f"{_PROSE}\n\n来源： 示范网 作者： 记者李示范 编辑： 王示范\n"
        "[ 复制本文标题地址 ] [ 发表评论 ]\n"
    )
    assert "复制本文标题地址" not in body_text(parse_text_dump(text))


def test_a_closing_credit_in_brackets_ends_the_body_before_the_lists_and_comment_rules() -> None:
    rules = (
        "示範電子報對留言系統使用者發布的文字、圖片或檔案保有片面修改或移除的權利，"
        "請遵守相關規定。"
    )
    text = (
        "示範市春耕備耕工作全面展開\n2025年03月02日 15:31 示時\n\n"
        "示範市各地春耕備耕工作全面展開，農資供應充足，技術指導到位，農民群眾積極投入生產。\n\n"
        "(示時 )\n\n相依為命 老婦伴夫… 遊向天湖失蹤…\n推薦閱讀\n示範新聞標題一則\n"
        "發表意見\n留言規則\n"
        + f"{rules}\n" * 4
    )
    body = body_text(parse_text_dump(text))
    assert body.endswith("(示時 )")
    assert "留言系統" not in body


def test_an_e_papers_headline_named_in_its_page_list_is_the_title_over_its_deck() -> None:
    # "本版新闻" lists the page's articles, this one too; under the headline the paper
    # prints a deck (副题) as a block of its own, longer than the headline.
    text = (
        "本版新闻\n示范市民盗窃被抓，看守所单独关押\n示范风筝飞得起来吗\n示范听写大赛开幕\n"
        "2014年5月21日 星期三\n示范市民盗窃被抓，看守所单独关押\n\n"
        "因缺钱导致手术不彻底，想通过盗窃攒钱再手术；目前已被取保候审\n\n2014年5月21日\n\n"
        f"　　{_PROSE}\n"
    )
    article = parse_text_dump(text)
    assert article.title == "示范市民盗窃被抓，看守所单独关押"
    first = article.blocks[0]
    assert first.kind is BlockKind.HEADING and first.text.startswith("因缺钱导致")


def test_a_deck_stays_the_title_when_the_line_over_it_is_not_listed_again() -> None:
    text = (
        "首页\n示范市民盗窃被抓，看守所单独关押\n\n"
        "因缺钱导致手术不彻底，想通过盗窃攒钱再手术；目前已被取保候审\n\n2014年5月21日\n\n"
        f"　　{_PROSE}\n"
    )
    assert parse_text_dump(text).title.startswith("因缺钱导致")


def test_a_credit_written_with_slashes_names_the_source() -> None:
    text = (
        "示范作家新书即将上市，论战仍在持续\n示范财经 2021-12-24 21:04\n\n"
        f"{_PROSE}\n\n来源/示范财经\n\n编辑/李示范\n"
    )
    article = parse_text_dump(text)
    assert article.source == "示范财经"
    assert body_text(article).startswith(_PROSE.strip())


def test_a_column_label_alone_is_not_glued_to_a_headline_with_a_colon() -> None:
    text = (
        "本页位置： 首页 → 新闻中心 → 健康新闻\n健康频道：\n"
        "示范部：手术前患者须提交无犯罪证明\n"
        "2009年06月16日 11:45　来源：示范新闻网　发表评论\n\n"
        f"　　{_PROSE}\n"
    )
    assert parse_text_dump(text).title == "示范部：手术前患者须提交无犯罪证明"


def test_a_picture_viewers_counter_and_reload_button_are_no_text() -> None:
    text = f"示范市举办春季运动会\n2019-05-28 19:56 来源：示范新闻\n\n{_PROSE}\n\n1/1\n重新加载\n"
    body = body_text(parse_text_dump(text))
    assert "重新加载" not in body and "1/1" not in body


def test_a_box_of_further_reading_in_paragraphs_is_part_of_the_article() -> None:
    box = (
        "示范省公安厅在新闻发布会上介绍，示范省监所系统多次收押过特殊人员，近段时间也出现了类似的情况。",
        "二〇一一年九月，示范监狱管理区的特殊病犯收治中心开始正式收押全省的特殊病犯，运行至今情况良好。",
    )
    text = (
        f"示范市民盗窃被抓\n2014年5月21日 来源：示范晨报\n\n{_PROSE}\n\n"
        f"[延伸阅读]\n\n特殊嫌犯如何关押\n\n{box[0]}\n\n{box[1]}\n\n下一篇  关闭本页\n"
    )
    body = body_text(parse_text_dump(text))
    assert body.endswith(box[1])
    assert "[延伸阅读]\n特殊嫌犯如何关押\n" in body


def test_a_further_reading_list_of_titles_still_ends_the_body() -> None:
    text = (
        f"示范市民盗窃被抓\n2014年5月21日 来源：示范晨报\n\n{_PROSE}\n\n{_PROSE}\n\n"
        "延伸阅读\n示范市春耕备耕工作全面展开\n示范市举办春季运动会开幕式\n示范市民营经济发展大会召开\n"
    )
    body = body_text(parse_text_dump(text))
    assert "春耕" not in body and body.endswith(_PROSE.strip())


@pytest.mark.parametrize(
    "trail",
    [
        "主页 > 政策法规 >",  # ends on its separator
        "> 政府信息公开\t> 工作动态\t> 图文报道",  # starts on one (a copied <ul> of crumbs)
        " 您当前所在的位置：示范新闻网 >> 新闻频道 >> 闽南新闻",  # another label, ">>"
        "示范网手机客户端下载 | 示范天气 | 更多网上媒体 教育频道> 图片轮显 > 正文",
    ],
)
def test_breadcrumbs_of_every_shape_are_no_title(trail: str) -> None:
    text = (
        f"首页\n新闻\n{trail}\n示范省印发诊疗技术管理规范\n"
        f"时间:2011-01-04 16:13来源:示范日报 作者:admin 点击:198次\n{_PROSE}\n"
    )
    assert parse_text_dump(text).title == "示范省印发诊疗技术管理规范"


def test_a_menus_last_word_is_not_glued_onto_a_title_beginning_with_guanyu() -> None:
    """Only an issuer's name ("…委员会") over "关于…" is one title set over two lines."""
    text = (
        "学科竞赛\n专业建设\n工作动态\n关于举办第十二届示范学术创意大赛校选拔赛决赛的通知\n\n"
        f"发布者：示范发布时间：2026-03-26浏览次数：10\n\n{_PROSE}\n"
    )
    assert parse_text_dump(text).title == "关于举办第十二届示范学术创意大赛校选拔赛决赛的通知"


def test_a_breadcrumb_under_a_hundred_menu_lines_bounds_the_title_search() -> None:
    menus = "".join(f"频道{n}\n" for n in range(95))
    text = (
        f"{menus}金融汽车食品房产信息化数字经济学术中国乡村振兴溯源中国城市旅游能源会展彩票\n"
        "示范网 > 体育 > 正文\n202303/24 15:15:51\n来源：示范社\n"
        "世界田联从严限制运动员参赛资格\n字体： 小 中 大\n分享到：\n"
        f"世界田联从严限制运动员参赛资格\n2023-03-24 15:15:51 来源： 示范社\n\n　　{_PROSE}\n"
    )
    article = parse_text_dump(text)
    assert article.title == "世界田联从严限制运动员参赛资格"
    assert article.published == "2023-03-24T15:15:51"


def test_an_epapers_page_label_and_pager_are_no_title() -> None:
    text = (
        "版面导航\nA4:示范·西安\nA5:示范·西安\n日期查询：\n\n第A5版：示范·西安\n\n下一版>\n\n<上一版\n\n"
        "日期:[2016年11月03日] -- 示范报 -- 版次:[A5]\n拥有一个梦想，却一直不敢说出口，煎熬着……\n"
        f"“我就想做个画家”\n\n{_PROSE}\n"
    )
    article = parse_text_dump(text)
    assert article.title == "“我就想做个画家”"
    assert article.published == "2016-11-03"


def test_with_only_the_sites_calendar_the_title_is_the_line_over_the_first_paragraph() -> None:
    """An e-paper copy dated only by its header (the edition's day): the calendar is
    no info line to seek the headline around ("[ 前往新版面 ]" is right under it)."""
    others = "".join(f"》其他新闻标题第{n}则 示范\n" for n in range(6))
    text = (
        "\t2018年9月22日 星期六\n\n[ 前往新版面 ]\n\n主頁    要聞     中國\n\n"
        f"其他新聞\n{others}\n\n"
        f" 示范男子看片自学行医 被判囚3年6月\n\n{_PROSE}\n"
    )
    article = parse_text_dump(text)
    assert article.title == "示范男子看片自学行医 被判囚3年6月"
    assert article.published == "2018-09-22"


def test_a_question_headline_over_a_byline_and_a_licence_line_after_the_text() -> None:
    """A research e-paper copy: carousel buttons, the headline (a question) repeated, a
    byline of a person and their post, and the site's Creative Commons line at the end."""
    text = (
        "電子報首頁 各期電子報 訂閱電子報 取消訂閱電子報\n示範研究院電子報\n第208期 2021-06\n搜尋\n"
        "首頁\n國際脈動\n各國如何推動示範教育？\n圖片製作：示範辦公室\nPrevious\nNext\n"
        "各國如何推動示範教育？\n\n教育政策研究中心 | 林某某 副研究員\n\n壹、議題重要性\n\n"
        f"　　{_PROSE}\n\n"
        "除另有註明，本報內容均依據創用授權「姓名標示—非商業性—禁止改作」條款釋出\n"
    )
    article = parse_text_dump(text)
    assert article.title == "各國如何推動示範教育？"
    assert _PROSE in body_text(article)
    assert "創用授權" not in body_text(article)


def test_a_headline_with_its_date_in_brackets_is_both() -> None:
    text = (
        "您现在所在的位置：\n首页\n政务公开\n基层卫生\n\n"
        "关于开展2024年“示范家庭医生日”主题宣传活动的通知 ( 2024-05-11)\n"
        "索取号\t发布时间\t发布机构\t文件编号\t备注\n"
        "076478684Q/2024-00112\t\t示范市卫生健康委员会\t示卫基层〔2024〕5号\t\n\n"
        f"各区卫生健康委：\n\n{_PROSE}\n\n示范市卫生健康委员会\n2024年5月10日\n"
    )
    article = parse_text_dump(text)
    assert article.title == "关于开展2024年“示范家庭医生日”主题宣传活动的通知"
    assert article.published == "2024-05-11"
    assert body_text(article).startswith("各区卫生健康委")  # the index rows are not read
    assert _PROSE in body_text(article)


@pytest.mark.parametrize(
    ("info", "tail", "source"),
    [
        # the outlet glued to the time, the copy's buttons after it
        ("2010年01月26日 12:05示范报【大 中 小】 【打印】 共有评论4条", "", "示范报"),
        # a writer's name glued to the date is no account
        ("谢某某2017-03-01 14:27:02", "", None),
        # the site's own name beside its address; the 来源 is under the text
        (
            "www.example.com.cn\u3000 2006年11月07日 13:12:11 \u3000示范在线新闻网站",
            "来源： 示范网 作者：",
            "示范网",
        ),
    ],
)
def test_what_stands_beside_the_date_in_a_copy(info: str, tail: str, source: str | None) -> None:
    text = f"首页\n新闻\n示范市春季农业生产工作会议召开\n{info}\n\n{_PROSE}\n\n{tail}\n"
    article = parse_text_dump(text)
    assert article.title == "示范市春季农业生产工作会议召开"
    assert article.source == source


def test_a_toolbar_row_opening_with_its_bar_is_no_text() -> None:
    text = (
        f"首页\n“伪娘”现象引发各界关注男孩成长\n来源：示范网 2010-05-31 13:58:07\n"
        f"| 挑战编辑部 | 复制链接 | 新闻报料 | 示范新闻网\n\n{_PROSE}\n"
    )
    assert "挑战编辑部" not in body_text(parse_text_dump(text))


def test_a_list_of_titles_with_dates_gives_no_headline() -> None:
    """Items of a 最新公告 list ("…通知 (2024-05-09)") are no "headline (date)" line."""
    text = (
        "最新公告\n关于开展春季爱国卫生运动的通知 (2024-05-09)\n"
        "关于做好汛期安全生产工作的通知 (2024-05-08)\n\n"
        f"关于开展示范家庭医生日主题宣传活动的通知\n\n{_PROSE}\n"
    )
    article = parse_text_dump(text)
    assert article.title == "关于开展示范家庭医生日主题宣传活动的通知"
    assert article.published is None


def test_a_headline_naming_a_post_without_a_bar_is_still_a_headline() -> None:
    text = f"首页\n专访 示范医院院长\n2024-05-09 来源：示范日报\n\n{_PROSE}\n"
    assert parse_text_dump(text).title == "专访 示范医院院长"


def test_the_articles_own_source_under_the_headline_wins_over_the_pages_index() -> None:
    """A 政务公开 copy: the index rows (发布机构: 省示范厅) over the headline, the article's
    own info line (来源：新闻办) under it."""
    text = (
        "当前位置：首页\t\n> 政府信息公开\t> 工作动态\t> 图文报道\n"
        "索引号: 002482082/2024-00332\t文件编号:\t发布机构: 省示范厅\n"
        "生成日期: 2024-10-21\t主题分类: 教育\t公开方式: 主动公开\n\n\n"
        "全省示范系统专题培训班举办\n\n\n\n"
        f"发布日期：2024-10-21\t来源：新闻办\t浏览次数：\t字体：[ 大 中 小 ]\n\n\n{_PROSE}\n"
    )
    article = parse_text_dump(text)
    assert (article.title, article.source) == ("全省示范系统专题培训班举办", "新闻办")
    assert "浏览次数" not in body_text(article)
