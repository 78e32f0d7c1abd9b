"""Furniture at the edges of the body (contact blocks, disclaimers, account cards) is
cut; the same words inside the article, or ending a notice, are not."""

from __future__ import annotations

from accessible_reader.article.edges import Line, body_edges
from accessible_reader.article.model import BlockKind

P = BlockKind.PARAGRAPH
H = BlockKind.HEADING
IMG = BlockKind.IMAGE

PROSE = "区卫生健康局近日组织专家深入社区，为居民开展慢性病筛查和健康咨询服务，受到群众欢迎。"
MORE = "活动将持续到月底，居民可就近到社区卫生服务站参加，现场还提供免费测量血压和血糖。"


def _kept(lines: list[Line]) -> list[str]:
    start, end = body_edges(lines)
    return [text for _, text in lines[start:end]]


def test_simplified_contact_block_and_counter_are_cut() -> None:
    lines: list[Line] = [
        (P, PROSE),
        (P, MORE),
        (H, "联系信息"),
        (P, "联系人：赵示范"),
        (P, "联系电话：0571-88886666"),
        (P, "电子邮箱：news@example.cn"),
        (P, "阅读次数："),
    ]
    assert _kept(lines) == [PROSE, MORE]


def test_notice_keeps_its_contact_lines() -> None:
    lines: list[Line] = [
        (P, PROSE),
        (H, "联系方式"),
        (P, "联系人：张明"),
        (P, "电话：0519-88001234"),
        (P, "浏览次数：35"),
    ]
    assert _kept(lines) == [PROSE, "联系方式", "联系人：张明", "电话：0519-88001234"]


def test_poster_field_after_the_article_is_cut() -> None:
    lines: list[Line] = [(P, PROSE), (P, MORE), (P, "发布单位：区卫生健康局办公室")]
    assert _kept(lines) == [PROSE, MORE]


def test_last_sentence_about_copyright_stays() -> None:
    last = "法院审理认为，被告未经许可转载原告的文章并删去署名，侵犯了原告的著作权，应当赔偿损失。"
    lines: list[Line] = [(P, PROSE), (P, last)]
    assert _kept(lines) == [PROSE, last]


def test_disclaimer_and_permalink_at_the_end_are_cut() -> None:
    lines: list[Line] = [
        (P, PROSE),
        (P, "本文地址：https://www.example.cn/a/1.html"),
        (P, "最后更新：2024-05-01"),
        (P, "（文章来源于网络，仅代表作者观点，与本站立场无关，如有侵权请联系删除。）"),
        (IMG, ""),
    ]
    assert _kept(lines) == [PROSE]


def test_disclaimer_words_in_the_middle_stay() -> None:
    middle = "转载请注明出处，这是作者在文章开头写下的一句话，也是这场版权争议的起点。"
    lines: list[Line] = [(P, PROSE), (P, middle), (P, MORE)]
    assert _kept(lines) == [PROSE, middle, MORE]


def test_account_card_before_the_article_is_cut() -> None:
    lines: list[Line] = [
        (P, "社区健康行 2024-05-01 示范健康"),
        (P, "微信号：sfjk2020"),
        (P, "功能介绍 传播健康知识，服务社区居民。"),
        (IMG, ""),
        (P, PROSE),
        (P, MORE),
    ]
    start, end = body_edges(lines)
    assert (start, end) == (3, 6)  # the article's first picture stays


def test_follow_prompt_alone_at_the_start_is_cut() -> None:
    lines: list[Line] = [(P, "点击上方蓝字关注我们"), (P, PROSE), (P, MORE)]
    assert _kept(lines) == [PROSE, MORE]


def test_card_after_prose_is_not_the_head() -> None:
    lines: list[Line] = [(P, PROSE), (P, "微信号：sfjk2020"), (P, MORE)]
    assert _kept(lines) == [PROSE, "微信号：sfjk2020", MORE]


def test_nothing_is_cut_when_nothing_would_remain() -> None:
    disclaimer = "本站部分内容转载自网络，版权归原作者所有，如有侵权请联系删除。"
    lines: list[Line] = [(P, "免责声明"), (P, disclaimer)]
    assert _kept(lines) == [text for _, text in lines]


def test_counter_forms() -> None:
    for counter in ("点击：35次", "瀏覽人次：1,024", "阅读量 1.2万", "點閱次數"):
        assert _kept([(P, PROSE), (P, counter)]) == [PROSE], counter
    assert _kept([(P, PROSE), (P, "阅读全文")]) == [PROSE, "阅读全文"]


def test_disclaimer_label_and_account_footer_at_the_end() -> None:
    lines: list[Line] = [
        (P, PROSE),
        (P, "免责声明：本文来自作者投稿，不代表本平台的观点和立场。"),
        (P, "微信号：sffb2019"),
        (P, "关注我们，了解更多社区服务信息"),
    ]
    assert _kept(lines) == [PROSE]


def test_taiwan_contact_window_with_update_date() -> None:
    lines: list[Line] = [
        (P, PROSE),
        (H, "聯絡窗口"),
        (P, "承辦人：林小姐"),
        (P, "電話：(07) 123-4567"),
        (P, "更新日期：2024/03/05"),
    ]
    assert _kept(lines) == [PROSE]


def test_article_opening_on_app_features_is_no_card() -> None:
    lines: list[Line] = [
        (P, "示范市政务服务APP正式上线"),
        (H, "功能介绍"),
        (P, "市民可在手机上办理社保查询、公积金提取和不动产登记预约等一百多项业务。"),
        (P, "关注我们身边的数字生活"),
    ]
    assert _kept(lines) == [text for _, text in lines]


def test_notice_rule_starting_like_a_reprint_note_stays() -> None:
    rule = "未经许可，任何单位和个人不得在保护区内开展采砂、取土等活动。"
    assert _kept([(P, PROSE), (P, rule)]) == [PROSE, rule]
    note = "未经许可，不得转载或镜像本网内容。"
    assert _kept([(P, PROSE), (P, note)]) == [PROSE]


def test_site_notes_in_their_usual_words() -> None:
    for note in (
        "本文为示范网原创稿件，转载请注明出处。",
        "凡本网注明“来源：示范网”的作品，均转载自其它媒体，目的在于传递更多信息，"
        "并不代表本网赞同其观点和对其真实性负责。",
        "图片来源于网络，如有侵权请联系删除",
        "【版权声明】",
    ):
        assert _kept([(P, PROSE), (P, note)]) == [PROSE], note
    last = "他说，原创作品被随意转载的现象仍然存在，维权成本高是主要原因。"
    assert _kept([(P, PROSE), (P, last)]) == [PROSE, last]


def test_app_prompts_and_pager_links_at_the_end_are_cut() -> None:
    lines: list[Line] = [
        (P, PROSE),
        (P, MORE),
        (P, "上一篇：示范区开展义诊活动"),
        (P, "下一則：社區圖書館延長開放時間"),
        (H, "点击关注示范宝"),
        (H, "返回首页"),
        (P, "Hi，来示范浏览器看专属推荐吧~"),
        (P, "去示范浏览器查看"),
        (P, "打开示范新闻，阅读体验更佳"),
    ]
    assert _kept(lines) == [PROSE, MORE]


def test_a_last_sentence_about_going_to_read_stays() -> None:
    last = "去年以来，不少居民养成了到社区图书馆看书的习惯，馆内还开设了电子阅览室。"
    lines: list[Line] = [(P, PROSE), (P, "去示范图书馆看展览"), (P, last)]
    assert _kept(lines) == [PROSE, "去示范图书馆看展览", last]


def test_contact_fields_under_the_notices_signed_date_are_the_sites_footer() -> None:
    lines: list[Line] = [
        (P, PROSE),
        (P, "联系人：张明，电话：0571-88001234。"),
        (P, "教务处"),
        (P, "2026年3月26日"),
        (P, "地址：示范市经济开发区白杨街道2号大街1158号  邮编：310018"),
        (P, "邮箱：jwc@example.edu.cn"),
    ]
    assert _kept(lines) == [PROSE, "联系人：张明，电话：0571-88001234。", "教务处", "2026年3月26日"]
