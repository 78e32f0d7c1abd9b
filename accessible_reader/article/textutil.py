"""Text helpers shared by the HTML and the plain-text extractors.

Whitespace is normalised the way a listener needs it: full-width indentation and
non-breaking spaces go, a line break between two Chinese characters disappears
(as CSS does with segment breaks in CJK text), and what remains is one space.
The boilerplate patterns are the lines that every portal template wraps around an
article: font-size switches, print/close links, share bars, breadcrumbs, related
lists, previous/next links, QR-code blurbs and footers.
"""

from __future__ import annotations

import re

_ZERO_WIDTH_RE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_CONTROL_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
_SPACE_CLASS = "\\s\u00a0\u3000"
_CJK = (
    "\u2e80-\u2fdf\u3001-\u303f\u3040-\u30ff\u3100-\u312f\u3400-\u4dbf\u4e00-\u9fff"
    "\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\U00020000-\U0003134f"
)
_CJK_BREAK_RE = re.compile(f"(?<=[{_CJK}])[{_SPACE_CLASS}]*[\\r\\n][{_SPACE_CLASS}]*(?=[{_CJK}])")
_SPACES_RE = re.compile(f"[{_SPACE_CLASS}]+")
_ALL_SPACE_RE = re.compile(f"[{_SPACE_CLASS}\u200b\u200c\u200d\u2060\ufeff\u00ad]+")
_CJK_CHAR_RE = re.compile(f"[{_CJK}]")
_HAN_RE = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")

SENTENCE_END = '。！？!?…；;」』”"）)'
"""Characters that end a sentence (or close a quotation or bracket after one)."""

CLAUSE_END = "，,、：:"


def strip_controls(text: str) -> str:
    """Text without control characters, lone surrogates and non-characters.

    lxml refuses strings containing them, and they are never meant to be read.
    """
    return _CONTROL_RE.sub("", text)


def normalize_space(text: str) -> str:
    """One line of displayed text: trimmed, single spaces, no CJK line-break gaps."""
    text = _ZERO_WIDTH_RE.sub("", text)
    text = _CJK_BREAK_RE.sub("", text)
    return _SPACES_RE.sub(" ", text).strip()


def _title_gap(match: re.Match[str]) -> str:
    gap = match.group()
    # One on a line of its own is indentation of the source, not the headline's.
    return "\u3000" if "\u3000" in gap and "\n" not in gap and "\r" not in gap else " "


def normalize_title_space(text: str) -> str:
    """A title on one line, trimmed, as normalize_space makes it but with an ideographic
    space (U+3000) kept, once, where the page puts one.

    Chinese headlines set two clauses apart with it ("…变性\u3000蒋万安吁…"): the
    title reads as the page shows it. Same length as normalize_space's result, so
    the two line up character for character."""
    text = _ZERO_WIDTH_RE.sub("", text)
    text = _CJK_BREAK_RE.sub("", text)
    return _SPACES_RE.sub(_title_gap, text).strip()


def squash(text: str) -> str:
    """Text with every kind of space removed, for comparing titles and headings."""
    return _ALL_SPACE_RE.sub("", text)


def collapse_space(text: str) -> str:
    """Runs of any space (line breaks included) as one space, trimmed.

    For info lines, where a break between two elements separates two fields.
    """
    return _SPACES_RE.sub(" ", _ZERO_WIDTH_RE.sub("", text)).strip()


def has_words(text: str) -> bool:
    """Whether text has any letter, digit or Chinese character (not just symbols)."""
    return any(ch.isalnum() for ch in text)


def is_cjk(char: str) -> bool:
    """Whether a character is Chinese/Japanese script or CJK punctuation."""
    return bool(_CJK_CHAR_RE.match(char))


def han_count(text: str) -> int:
    """How many Han characters the text has (a measure of real Chinese prose).

    Counted on the UTF-8 bytes (all but the shortest texts): the scorer asks this of
    every container, and on a 15 MB page the regular expression took 16 s; counting
    lead bytes is 2.5–5× faster with the same result (tests/article/test_han_count.py).
    """
    if len(text) < _BYTE_COUNT_FROM:
        return len(_HAN_RE.findall(text))
    data = text.encode("utf-8", "surrogatepass")
    count = sum(data.count(lead) for lead in _HAN_LEADS)  # U+4000–U+9FFF
    count -= data.count(b"\xe4\xb7")  # U+4DC0–U+4DFF are hexagrams, not Han
    return count + len(_RARE_HAN_UTF8_RE.findall(data))


_BYTE_COUNT_FROM = 32
_HAN_LEADS = tuple(bytes([lead]) for lead in range(0xE4, 0xEA))
_RARE_HAN_UTF8_RE = re.compile(
    rb"\xe3[\x90-\xbf]"  # U+3400–U+3FFF
    rb"|\xef[\xa4-\xab]"  # U+F900–U+FAFF
    rb"|\xf0[\xa0-\xb0]|\xf0\xb1[\x80-\x8c]|\xf0\xb1\x8d[\x80-\x8f]"  # U+20000–U+3134F
)


_LATIN_WORD_RE = re.compile(r"[A-Za-z\u00c0-\u024f]{2,}")


def latin_word_count(text: str) -> int:
    """How many words of two or more Latin letters the text has (the prose measure of
    an English page, where han_count finds nothing)."""
    return len(_LATIN_WORD_RE.findall(text))


def han_and_latin_count(text: str) -> int:
    """Chinese characters and Latin-script words together: the prose of a Chinese
    page whose article is partly or wholly in English (a bilingual 双语 page), where
    counting Chinese characters alone sees only the summary and the disclaimers."""
    return han_count(text) + latin_word_count(text)


_FILE_NAME_RE = re.compile(
    r"^[\w.\-()（）\s]*\.(?:jpe?g|png|gif|bmp|webp|tiff?|svg|ico|pdf|docx?|xlsx?|wps)$", re.I
)
_ADDRESS_RE = re.compile(
    r"^(?:(?:https?|ftp|file|data|blob|mailto):|//|www\.|\.{0,2}/|[0-9a-f]{12,}$)", re.I
)
_CAMERA_NAME_RE = re.compile(
    r"^(?:[\w\-]*[_\-])?(?:IMG|DSC|DSCN|DSCF|PIC|P|IMAG|MVIMG|image|photo|pic)[_\-]?\d+[\w\-]*$",
    re.I,
)
_NOT_WORDS_RE = re.compile(r"^[\d\W_]*$")


def picture_description(text: str, src: str = "") -> str:
    """A picture's alt or title text, or "" when it describes nothing: a file name
    ("0.jpg", "12-IMG_3886.jpg"), an address, a number, or the picture's own name."""
    value = normalize_space(text)
    if not value:
        return ""
    if _FILE_NAME_RE.match(value) or _ADDRESS_RE.match(value) or _NOT_WORDS_RE.match(value):
        return ""
    if _CAMERA_NAME_RE.match(value):
        return ""
    name = src.strip().split("?", 1)[0].rstrip("/").rsplit("/", 1)[-1]
    if name and value in (name, name.rsplit(".", 1)[0]):
        return ""
    return value


def join_pieces(left: str, right: str) -> str:
    """Join two pieces of one line: no space between Chinese characters, else one."""
    if not left:
        return right
    if not right:
        return left
    if is_cjk(left[-1]) or is_cjk(right[0]):
        return left + right
    return f"{left} {right}"


def ends_sentence(text: str) -> bool:
    """Whether text ends like a sentence or clause (so it is no heading)."""
    text = text.rstrip()
    return bool(text) and text[-1] in SENTENCE_END + CLAUSE_END and text[-1] not in '）)”"」』'


# --- Boilerplate ---------------------------------------------------------------

_JUNK_PREFIX_RE = re.compile(
    r"^[\[【〖（(<《]?\s*(?:"
    r"分享到|分享至|分享本文|分享：|分享:|转播到|"
    r"相关阅读|相关链接|相关新闻|相关稿件|相关文章|相关推荐|相关信息|延伸阅读|推荐阅读|热点推荐|"
    r"上一篇|下一篇|上一条|下一条|上一页|下一页|"
    r"扫一扫|微信扫一扫|用微信扫|扫描二维码|手机扫描|手机阅读本文|在手机上阅读|"
    r"您当前的位置|您当前位置|当前位置|您现在的位置|您的位置|所在位置|"
    r"责任编辑|责编|编辑：|编辑:|审核：|审核:|校对：|校对:|"
    r"点击查?看?清晰大图|点击查?看?大图|点击图片|正在加载|加载中|"
    r"我要纠错|网站纠错|【纠错】|打印本页|打印此页|打印文章|关闭窗口|关闭本页|返回顶部|回到顶部|"
    r"版权所有|版权声明|copyright|技术支持：|技术支持:|"
    r"字号\s*[:：〖【\[]|字体\s*[:：〖【\[]|阅读次数|浏览次数|访问次数|点击次数|点击数|"
    r"advertisement$|share this|sign up for|subscribe to|all rights reserved"
    r")",
    re.IGNORECASE,
)

_JUNK_ANYWHERE_RE = re.compile(r"二维码|扫码|扫一扫", re.IGNORECASE)
_LOADING_RE = re.compile(
    r"加载中[，,。…\s]*请稍[候后等]|请刷新(?:本|此)?页面"
    r"|^(?:重新加载|點擊重試|点击重试|加载失败|載入失敗)[，,!！\s]*(?:点击重试|请重试)?$"
)
"""A script's placeholder left in a copy ("调查问题加载中，请稍候。"), or a picture
viewer's button ("重新加载", under its "1/1")."""
_LOADING_MAX = 30
_PICTURE_BUTTON_RE = re.compile(
    r"^(?:点击|點擊)?(?:查看|檢視|检视|下载|下載)?(?:高清)?(?:原图|原圖|大图|大圖)$"
    r"|^(?:点击|點擊)?放大(?:图片|圖片)?$"
)
"""A picture's button copied on its own line ("查看原圖", "点击放大"): no text."""
_APP_PROMO_RE = re.compile(
    r"(?:尽在|盡在|下载|下載|打开|打開|登录|登錄|登入|关注|關注|安装|安裝)"
    r".{0,12}(?:APP|App|app|客户端|客戶端|公众号|公眾號|小程序)"
)
"""A line that sends the reader to the site's app ("…尽在新浪财经APP", "點我下載APP")."""
_OPEN_FOR_MORE_RE = re.compile(
    r"^(?:打开|下载|安装|前往)\S{1,12}?[，,\s]*(?:查看|观看|阅读|浏览|看)更多\S{0,6}(?<![。！!])$"
)
"""A prompt laid over a picture by an app's proxy ("打开WiFi万能钥匙，查看更多图片"):
the app has no APP/客户端 in its name, but "open X to see more" is never prose."""
_FOOTER_RE = re.compile(r"ICP备|ICP证|公网安备|网站标识码|版权所有|copyright\s*[©(]", re.IGNORECASE)

_TOOL_WORDS_RE = re.compile(
    r"打印本页|打印此页|打印|关闭窗口|关闭本页|关闭|收藏本页|收藏|加入收藏|返回顶部|返回|"
    r"字[号號]|字[体體]|字[级級](?:设定|設定)?|超大|默认|放大|缩小|正常|"
    r"分享到|分享|微信|微博|新浪微博|QQ空间|腾讯微博|"
    r"人民微博|朋友圈|我要纠错|纠错|保存本页|保存|浏览次数|阅读次数|点击数|次|"
    r"联系我们|站点地图|网站地图|网站声明|关于我们|"
    r"[大中小特]|[\[\]【】〖〗()（）|｜·•:：/\s\d\u3000\xa0>＞]"
)

_JUNK_MAX_LEN = 120
"""Longer lines are prose even when they start like boilerplate."""

_PAGE_NUMBERS_RE = re.compile(
    r"^(?:[\[【(（]?\s*(?:\d{1,3}|首页|尾页|上一页|下一页)\s*[\]】)）]?\s*)+$"
)


_PICTURE_COUNTER_RE = re.compile(r"^\d{1,3}\s*/\s*\d{1,3}$")
_SHARE_TARGET = (
    r"(?:(?:新浪|腾讯|騰訊)?微博|微信|朋友圈|QQ空[间間]|QQ好友|QQ|豆瓣|人人网|"
    r"(?i:facebook|messenger|line|weibo|twitter|telegram|whatsapp|linkedin|plurk|email)|"
    r"(?:复制|複製)(?:链接|連結|网址|網址)?)"
)
_SHARE_TARGET_RE = re.compile(rf"{_SHARE_TARGET}(?:[\s|｜/·•、]+{_SHARE_TARGET})*")
"""A share bar copied as text ("新浪微博 腾讯微博 微信", "Telegram", "複製連結"): the names
of the places an article can be sent to, no words of its own."""
_LIKE_COUNT_RE = re.compile(r"^(?:讚|赞|点赞|點讚|按讚|喜欢|喜歡|like)\s*[0-9]+$", re.I)
"""A like button with its count ("讚 223"): no text."""
_HASHTAG_ROW_RE = re.compile(r"^(?:[#＃][^\s#＃]{1,20}\s*){2,}$")
"""A row of hashtags under the text ("#墨子科技 #行動電源 #網紅"): the site's tags."""


def is_boilerplate(text: str) -> bool:
    """Whether a line is template furniture rather than article text."""
    line = text.strip()
    if not line:
        return True
    if len(line) > _JUNK_MAX_LEN:
        return False
    if _JUNK_PREFIX_RE.match(line):
        return True
    if len(line) <= 60 and _JUNK_ANYWHERE_RE.search(line):
        return True
    if len(line) <= 40 and (_APP_PROMO_RE.search(line) or _OPEN_FOR_MORE_RE.match(line)):
        return True
    if len(line) <= _LOADING_MAX and _LOADING_RE.search(line):
        return True
    if _FOOTER_RE.search(line):
        return True
    if _PAGE_NUMBERS_RE.match(line) and not line.isdigit():
        return True
    if _PICTURE_BUTTON_RE.match(line):
        return True
    if _PICTURE_COUNTER_RE.match(line):
        return True  # "1/1": a picture viewer's counter
    if _HASHTAG_ROW_RE.match(line) or _LIKE_COUNT_RE.match(line):
        return True
    if _SHARE_TARGET_RE.fullmatch(line):
        return True
    return _is_tool_row(line)


_BUTTON_RE = re.compile(r"【[^【】]{1,12}】")
_BUTTON_ROW = 3
_BUTTON_ROW_LABEL = 6
"""A row of bracketed buttons may have a short label before it ("页面功能")."""


def _is_tool_row(line: str) -> bool:
    """A line made only of toolbar words (打印 / 关闭 / 字号 大 中 小 / 分享…), or a row
    of bracketed buttons among which a toolbar word ("页面功能 【我来说两句】【推荐】
    【字体：大 中 小】【打印】【关闭】")."""
    if len(line) > 60 and len(_BUTTON_RE.findall(line)) < _BUTTON_ROW:
        return False
    buttons = _BUTTON_RE.findall(line)
    if len(buttons) >= _BUTTON_ROW and len(squash(_BUTTON_RE.sub("", line))) <= _BUTTON_ROW_LABEL:
        return any(_TOOL_WORDS_RE.fullmatch(b[1:-1]) or _is_tool_row(b) for b in buttons)
    if len(line) > 60:
        return False
    rest = _TOOL_WORDS_RE.sub("", line)
    if rest:
        return False
    # Single characters like 大/中/小 only count beside a real toolbar word.
    return bool(
        re.search(
            r"打印|关闭|字[号號]|字[体體]|字[级級]|分享|收藏|纠错|返回|浏览次数|阅读次数|联系我们|站点地图",
            line,
        )
    )


RELATED_RE = re.compile(
    r"^[\[【〖]?\s*(?:相关|关联(?:稿件|文件|文章|阅读|链接)|延伸阅读|推荐阅读|热点推荐|精彩推荐|精彩视频推荐|视频推荐|更多|"
    r"(?i:related|read more|more from|most popular|recommended|you may also like))"
)
"""A heading or line that introduces a list of links to other articles."""
