"""The bundled welcome article is the first thing every user sees: it must be perfect."""

from __future__ import annotations

from accessible_reader.article.load import load_welcome, welcome_path
from accessible_reader.article.model import BlockKind

from .helpers import body_text


def test_welcome_path_is_the_bundled_file() -> None:
    path = welcome_path()
    assert path.is_file()
    assert path.parts[-3:] == ("resources", "welcome", "welcome.html")


def test_welcome_metadata() -> None:
    article = load_welcome()
    assert article.title == "欢迎使用无障碍阅读器"
    assert article.published == "2026-11-28T09:30"
    assert article.source == "无障碍阅读器项目组"
    assert article.column == "使用指南"
    assert article.site == "无障碍阅读器"
    assert article.language == "zh-Hans"
    assert article.origin == str(welcome_path())
    assert ("keywords", "无障碍,读屏,大字,朗读,繁体") in article.extra


def test_welcome_blocks() -> None:
    article = load_welcome()
    kinds = [block.kind for block in article.blocks]
    headings = [b.text for b in article.blocks if b.kind is BlockKind.HEADING]
    assert headings == [
        "一、看得清：字号和配色",
        "二、听得见：朗读和指读",
        "三、常用快捷键",
        "四、更多功能",
    ]
    assert all(b.level == 2 for b in article.blocks if b.kind is BlockKind.HEADING)
    assert kinds.count(BlockKind.PARAGRAPH) == 9
    assert kinds.count(BlockKind.LIST_ITEM) == 4
    assert article.blocks[0].text.startswith("无障碍阅读器把政府网站")
    assert article.blocks[-1].text == "祝您阅读愉快！"

    image = next(b for b in article.blocks if b.kind is BlockKind.IMAGE)
    assert image.src == "toolbar.png"
    assert image.alt.startswith("阅读器工具条示意图")
    assert image.text == image.alt

    table = next(b for b in article.blocks if b.kind is BlockKind.TABLE)
    assert table.header_rows == 1
    assert table.rows[0] == ("按键", "功能")
    assert table.rows[1] == ("空格", "开始或暂停朗读")
    assert table.rows[3] == ("Alt+↑ / Alt+↓", "放大 / 缩小字号")
    assert len(table.rows) == 7

    items = [b for b in article.blocks if b.kind is BlockKind.LIST_ITEM]
    assert items[0].text.startswith("简繁转换：")
    assert all(item.level == 0 and not item.ordered for item in items)


def test_welcome_has_no_page_furniture() -> None:
    article = load_welcome()
    text = body_text(article)
    for junk in (
        "常见问题",
        "您当前的位置",
        "关闭窗口",
        "分享到",
        "微信",
        "相关阅读",
        "如何保存网页文章",
        "CopyRight",
        "站点地图",
        "字号：",
        "发布日期：",
    ):
        assert junk not in text, junk
    for block in article.blocks:
        assert not block.text.startswith(("首页", "打印本页", "发布日期")), block.text
