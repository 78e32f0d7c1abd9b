"""Portal-style pages written for the library tests, and where the shared corpus is."""

from __future__ import annotations

import html
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus"
"""The real pages kept beside the project (../shared/corpus); absent on users' machines."""


def portal_page(
    title: str,
    paragraphs: list[str],
    *,
    published: str | None = "2024-10-18 09:30",
    url: str | None = None,
    site: str = "示范市人民政府",
    column: str = "通知公告",
    source: str = "示范市政府办公室",
) -> str:
    """An article page the way Hanweb (大汉) portals write them: meta tags, menus, #zoom."""
    metas = [
        f'<meta name="SiteName" content="{html.escape(site)}">',
        f'<meta name="ColumnName" content="{html.escape(column)}">',
        f'<meta name="ArticleTitle" content="{html.escape(title)}">',
        f'<meta name="ContentSource" content="{html.escape(source)}">',
    ]
    if published:
        metas.append(f'<meta name="PubDate" content="{published}">')
    if url:
        metas.append(f'<meta name="Url" content="{html.escape(url)}">')
    body = "\n".join(f"<p>{html.escape(text)}</p>" for text in paragraphs)
    info = f"发布日期：{published}　" if published else ""
    return f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8">
<title>{html.escape(title)}_{html.escape(column)}_{html.escape(site)}</title>
{chr(10).join(metas)}
</head><body>
<div class="header"><ul class="nav"><li><a href="/">首页</a></li>
<li><a href="/col/col123/index.html">{html.escape(column)}</a></li></ul></div>
<div class="position">您当前的位置：首页 &gt; {html.escape(column)} &gt; 内容</div>
<div class="article">
<h1>{html.escape(title)}</h1>
<div class="info">{info}来源：{html.escape(source)}　字号：〖大 中 小〗
　<a href="#">打印本页</a></div>
<div id="zoom">
{body}
</div>
<div class="share">分享到：<a href="#">微信</a> <a href="#">微博</a></div>
</div>
<div class="footer">主办：{html.escape(site)}　网站标识码：0000000000
　<a href="/sitemap.html">网站地图</a></div>
</body></html>
"""


PARAGRAPHS = [
    "为进一步推动经济社会高质量发展，市政府决定于今年第四季度开展营商环境提升行动。",
    "行动重点围绕政务服务、市场准入、要素保障三个方面，推出二十项具体措施，"
    "涉及企业开办、工程建设项目审批、水电气报装等高频事项。",
    "各区县、各部门要明确责任分工，细化工作举措，确保各项任务落到实处。"
    "市政府督查室将定期通报工作进展情况。",
]
