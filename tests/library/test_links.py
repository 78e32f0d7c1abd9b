"""Finding article links on portal list pages of the common CMS families."""

from __future__ import annotations

from accessible_reader.library.links import find_article_links, looks_like_article_url, page_title

HANWEB_LIST = """<!DOCTYPE html><html><head><meta charset="utf-8">
<title>通知公告_示范市人民政府</title></head>
<body>
<div class="header"><ul class="nav">
  <li><a href="/index.html">首页</a></li>
  <li><a href="/col/col124/index.html">政务公开</a></li>
  <li><a href="/art/2020/1/1/art_1_1.html">关于本网（导航里的文章）</a></li>
</ul></div>
<div class="position">当前位置：<a href="/index.html">首页</a> &gt; 通知公告</div>
<div class="list">
<ul>
  <li><a href="/art/2024/10/18/art_123_1001.html" target="_blank">关于开展营商环境提升行动的通知</a>
    <span>2024-10-18</span></li>
  <li><a href="../../art/2024/10/17/art_123_1002.html">城市供水管网改造公告</a>
    <span>2024-10-17</span></li>
  <li><a href="/news/notice-a.html">冬季供暖工作安排的公告</a>
    <span>[10-16]</span></li>
  <li><a href="http://www.example.gov.cn/art/2024/10/15/art_123_1004.html#content">重复链接带片段</a></li>
  <li><a href="/art/2024/10/18/art_123_1001.html">关于开展营商环境提升行动的通知</a></li>
  <li><a href="/uploads/2024/附件.pdf">附件：申报表（2024-10-15）</a></li>
  <li><a href="https://other.example.com/art/2024/10/14/art_9_9.html">外站文章链接标题</a>
    <span>2024-10-14</span></li>
  <li><a href="javascript:void(0)">脚本链接的标题很长</a>
    <span>2024-10-14</span></li>
  <li><a href="/about.html">关于我们</a></li>
</ul>
<div class="page"><a href="/col/col123/index_2.html">下一页</a>
  <a href="/col/col123/index_9.html">尾页</a>
  <a href="/art/2024/10/1/art_123_2.html">2</a></div>
</div>
<div class="footer"><a href="/art/2019/1/1/art_1_2.html">网站声明</a></div>
</body></html>
"""


def test_hanweb_list_page() -> None:
    links = find_article_links(HANWEB_LIST, "http://www.example.gov.cn/col/col123/index.html")
    assert [(link.url, link.evidence) for link in links] == [
        ("http://www.example.gov.cn/art/2024/10/18/art_123_1001.html", "address"),
        ("http://www.example.gov.cn/art/2024/10/17/art_123_1002.html", "address"),
        ("http://www.example.gov.cn/news/notice-a.html", "dated list"),
        ("http://www.example.gov.cn/art/2024/10/15/art_123_1004.html", "address"),
    ]
    assert links[0].text == "关于开展营商环境提升行动的通知"


def test_same_site_ignores_www() -> None:
    links = find_article_links(HANWEB_LIST, "http://example.gov.cn/col/col123/index.html")
    assert len(links) == 4


def test_trs_and_govcn_shapes() -> None:
    page = """<html><head><base href="http://www.gov.example.cn/zhengce/"></head><body>
    <div class="list_box"><ul>
      <li><a href="./202410/t20241018_123456.html">国务院办公厅关于进一步优化政务服务的意见</a></li>
      <li><a href="content/2024-10/17/content_6981234.htm">关于印发实施方案的通知</a></li>
      <li><a href="/xinwen/2024-10/16/content_6981000.htm">国务院常务会议部署相关工作</a></li>
      <li><a href="/n1/2024/1015/c1001-40342345.html">人民网报道的一篇文章</a></li>
      <li><a href="/info/1021/12345.htm">博达系统里的文章</a></li>
      <li><a href="/detail.jsp?id=778">详情页带编号</a></li>
      <li><a href="/detail.jsp">详情页没有编号</a></li>
      <li><a href="/zhengce/index.htm">政策首页</a></li>
    </ul></div></body></html>"""
    links = find_article_links(page, "http://www.gov.example.cn/zhengce/index.htm")
    assert [link.url for link in links] == [
        "http://www.gov.example.cn/zhengce/202410/t20241018_123456.html",
        "http://www.gov.example.cn/zhengce/content/2024-10/17/content_6981234.htm",
        "http://www.gov.example.cn/xinwen/2024-10/16/content_6981000.htm",
        "http://www.gov.example.cn/n1/2024/1015/c1001-40342345.html",
        "http://www.gov.example.cn/info/1021/12345.htm",
        "http://www.gov.example.cn/detail.jsp?id=778",
    ]


def test_address_shapes() -> None:
    assert looks_like_article_url("http://a.gov.cn/art/2024/1/5/art_1229_5678.html")
    assert looks_like_article_url("http://a.gov.cn/gk/202401/t20240105_5678.shtml")
    assert not looks_like_article_url("http://a.gov.cn/col/col1229/index.html")
    assert not looks_like_article_url("http://a.gov.cn/gk/index_3.html")
    assert not looks_like_article_url("http://a.gov.cn/art/2024/1/5/附件.pdf")
    assert not looks_like_article_url("http://a.gov.cn/")


def test_not_a_page() -> None:
    assert find_article_links("", "http://a.gov.cn/") == []
    assert page_title(HANWEB_LIST) == "通知公告_示范市人民政府"
    assert page_title("<html><body>x</body></html>") is None
