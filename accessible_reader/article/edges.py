"""Page furniture at the edges of the body, which templates put inside the container.

After the article: a site's contact block (a 联系信息 heading over 联系人 / 电话 /
邮箱 fields), its view counter (点阅次数, 浏览次数), the fields of who posted it
(发布单位), links to the previous and next article (上一篇, 下一則) or back home
(返回首页), a prompt to read on in the site's app or browser, its reprint disclaimer
(免责声明, 转载请注明, 版权归原作者所有, 如有侵权请联系删除) and the permalink line
(本文固定链接). Before a reposted WeChat article: the
account card copied with it (the account's name, 微信号, 功能介绍, 长按识别二维码关注).

Only a run of such lines reaching the first or last line of the body is cut, and only
from a line that says what it is (a heading, a label, the site speaking of itself): a
body sentence that merely mentions 联系人 or 转载 stays, and so do the contact lines
that end a notice (they are part of it) unless a 联系信息 heading of the template
sets them apart. Traditional and simplified forms are both matched (Taiwan and Hong
Kong sites).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TypeAlias

from accessible_reader.article.model import BlockKind
from accessible_reader.article.textutil import normalize_space

Line: TypeAlias = tuple[BlockKind, str]
"""A block as the edge rules see it: its kind and text."""

# --- After the article -------------------------------------------------------

_CONTACT_HEADING_RE = re.compile(
    r"^(?:联系|聯繫|联络|聯絡|連絡)(?:信息|資訊|资讯|資料|资料|窗口)\s*[：:]?$"
)
"""A template's heading over its contact fields. Not 联系方式: a notice's own last
section is often called so, and its contact lines belong to the notice."""

_FIELD_RE = re.compile(
    r"^(?:联系人|聯絡人|聯繫人|连络人|連絡人|联络人|联系电话|聯絡電話|連絡電話|联络电话|"
    r"聯繫電話|电话|電話|手机|手機|传真|傳真|邮箱|郵箱|电子邮箱|電子郵箱|电子邮件|電子郵件|"
    r"电子信箱|電子信箱|e-?mail|地址|邮编|郵編|郵遞區號|分机|分機|承办人|承辦人)\s*[：:]",
    re.IGNORECASE,
)
"""A contact field: part of the furniture only below a contact heading or beside a
line that is furniture anyway."""

_NAME_RE = re.compile(r"^(?:联系人|聯絡人|聯繫人|连络人|連絡人|联络人)\s*[：:]\s*(\S{2,12})$")

_POSTER_RE = re.compile(
    r"^(?:发布单位|發布單位|发布部门|發布部門|发布机构|發布機構|发布者|發布者|发布人|發布人|"
    r"发稿单位|發稿單位|供稿单位|供稿單位|撰稿单位|撰稿單位|公告单位|公告單位|张贴单位|張貼單位)"
    r"\s*[：:]"
)
"""Who posted the page, a CMS field (a notice names its issuer without a label)."""

_COUNT = r"[0-9][0-9.,，]*\s*[万萬wWkK]?\+?"
_COUNTER_RE = re.compile(
    r"^(?:点阅|點閱|浏览|瀏覽|阅读|閱讀|点击|點擊|访问|訪問|查看|觀看|观看)"
    rf"(?:(?:次数|次數|量|人次|数|數)\s*[：:]?\s*(?:{_COUNT})?|\s*[：:]\s*{_COUNT})\s*次?$"
)
"""A view counter, its number often filled in by a script (and so missing)."""

_DATE_FIELD_RE = re.compile(
    r"^(?:最后编辑|最後編輯|最后更新|最後更新|最后修改|最後修改|编辑日期|編輯日期|更新时间|"
    r"更新時間|更新日期|修改时间|修改時間|发布时间|發布時間|发布日期|發布日期|發佈日期)\s*[：:]?\s*[0-9]{2,4}[-/.年][0-9]{1,2}[-/.月][0-9]{1,2}"
    r"[日号號]?(?:\s+[0-9]{1,2}[:：][0-9]{2}(?:[:：][0-9]{2})?)?$"
)
"""When the page was last edited: furniture between two furniture lines."""

_DISCLAIMER_LABEL_RE = re.compile(
    r"^[【\[]?(?:[\u3400-\u9fff]{2,10}?(?:网|網|站))?(?:(?:版权|版權)(?:与|與|和|及))?"
    r"(?:免责声明|免責聲明|版权声明|版權聲明|特别声明|特別聲明|郑重声明|鄭重聲明|"
    r"版权说明|版權說明)[】\]]?\s*(?:[：:]|$)"
)
"""A disclaimer's heading, or its label in front of it, the site's name before it
("示范新闻网版权与免责声明：")."""

_PERMALINK_RE = re.compile(
    r"^(?:(?:本文|文章|原文|本页|本頁)(?:固定|永久)?|(?:固定|永久))"
    r"(?:链接|鏈接|連結|地址|网址|網址)\s*[：:]"
)

_REPRINT_START_RE = re.compile(
    r"^[（(【\[]?(?:注[：:])?(?:转载请|轉載請|如需转载|如需轉載|如要转载|如要轉載|欢迎转载|歡迎轉載|"
    r"禁止转载|禁止轉載|谢绝转载|謝絕轉載|严禁转载|嚴禁轉載|"
    r"未(?:经|經)(?:授权|授權|许可|許可|同意).{0,10}(?:转载|轉載|复制|複製|摘编|摘編|镜像|鏡像)|"
    r"版权归|版權歸|版权属于|版權屬於|著作权归|著作權歸|如有侵权|如有侵權|若有侵权|若有侵權|"
    r"本文(?:系|為|为|属|屬)?(?:转载|轉載)|(?:文章|图片|圖片|内容|內容)(?:来源于|來源於|来自|來自)网络|"
    r"(?:文章|图片|圖片|内容|內容)(?:来源于|來源於|来自|來自)網絡)"
)
"""A reprint or copyright note, from its first words ("未经许可，不得进入" is a rule of
the notice, "未经许可不得转载" the site's)."""
_REPRINT_NOTE_RE = re.compile(
    r"(?:转载|轉載)\s*(?:请|請|须|須|务必|務必|时请|時請)\s*(?:注明|註明|标明|標明|保留)"
)
_REPRINT_NOTE_MAX = 40
"""A short line asking reprints to credit the site, wherever it stands in the line
("——示范教育频道专稿，转载请注明出处。——")."""

_LICENCE_RE = re.compile(
    r"(?:创用|創用)\s*(?:CC|授权|授權)|知识共享|知識共享|creative\s+commons|"
    r"(?:姓名标示|姓名標示|署名)\s*[—\-－]\s*(?:非商业|非商業)",
    re.IGNORECASE,
)
"""The Creative Commons licence a site publishes under ("本報內容均依據創用授權「姓名標示—
非商業性—禁止改作」條款釋出")."""
_ADVICE_NOTE_RE = re.compile(
    r"不(?:构成|構成)(?:任何|实质性|實質性)?(?:的)?(?:投资|投資)(?:建议|建議|依据|依據)|"
    r"据此操作[，,]?\s*(?:风险|風險)自(?:担|擔)|據此操作[，,]?\s*(?:风险|風險)自(?:担|擔)"
)
"""A financial site's note that its news is no investment advice ("文章提及内容仅供参考，
不构成实质性投资建议，据此操作风险自担"): the site's, under every story."""
_SELF_RE = re.compile(
    r"本站|本网|本網|本平台|本号|本號|本公众号|本公眾號|本刊|本报|本報|本社|本文|我们将|我們將"
)
_DISCLAIMER_WORD_RE = re.compile(
    r"转载|轉載|版权|版權|著作权|著作權|侵权|侵權|删除|刪除|立场|立場|原创|原創|"
    r"仅代表|僅代表|不代表.{0,12}(?:观点|觀點)|(?:负|負|承担|承擔)(?:任何)?(?:法律)?(?:责任|責任)|"
    r"注明(?:来源|來源|出处|出處)|维权|維權|水印"
)
_DISCLAIMER_MAX = 400
"""A disclaimer is a paragraph at most; longer text is article."""


def _is_disclaimer(text: str) -> bool:
    """The site speaking of its own rights and duties: a reprint note, or a paragraph
    where the site (本站, 本网站, 本文…) says what it takes no responsibility for."""
    if len(text) > _DISCLAIMER_MAX:
        return False
    if _DISCLAIMER_LABEL_RE.match(text) or _PERMALINK_RE.match(text):
        return True
    if _REPRINT_START_RE.match(text) or _LICENCE_RE.search(text):
        return True
    if _ADVICE_NOTE_RE.search(text):
        return True
    if len(text) <= _REPRINT_NOTE_MAX and _REPRINT_NOTE_RE.search(text):
        return True
    return bool(_SELF_RE.search(text)) and len(set(_DISCLAIMER_WORD_RE.findall(text))) >= 2


def is_site_note(text: str) -> bool:
    """The site speaking of itself after an article (a disclaimer, a reprint note, the
    permalink line): what a text copy's body ends at."""
    return _is_disclaimer(normalize_space(text))


_APP_PROMPT_RE = re.compile(
    r"^(?:\S{0,4}[，,]\s*)?(?:来|去|到|打开|用|上|前往|下载)\s*[\w\u3400-\u9fff]{1,10}?"
    r"(?:浏览器|瀏覽器|客户端|客戶端|APP|App|app|新闻|新聞)[，,\s]*"
    r"(?:看|查看|观看|觀看|阅读|閱讀|体验|體驗)\S{0,10}$"
)
"""A prompt to go on reading in the site's app or browser ("Hi，来示范浏览器看专属推荐吧~",
"去示范浏览器查看", "打开示范新闻，阅读体验更佳")."""
_APP_PROMPT_MAX = 30

_PAGER_LINK_RE = re.compile(
    r"^(?:上一|下一)(?:篇|则|則|条|條|页|頁|主题|主題)\s*[：:]"
    r"|^(?:返回|回到)\S{0,6}(?:首页|首頁|主页|主頁|顶部|頂部|列表)\s*(?:>>|》》|>|》)?$"
)
"""A link to the previous or next article ("上一則：…", "下一篇：…") or back to the home
page ("返回首页"), under the article."""


def _is_sure_tail(kind: BlockKind, text: str) -> bool:
    """A line that is furniture after the article whatever surrounds it."""
    if (kind is BlockKind.HEADING or len(text) <= 12) and _CONTACT_HEADING_RE.match(text):
        return True
    if _COUNTER_RE.match(text) or _POSTER_RE.match(text) or _is_card_mark(text):
        return True
    if len(text) <= _APP_PROMPT_MAX and _APP_PROMPT_RE.match(text):
        return True
    if len(text) <= _DISCLAIMER_MAX and _PAGER_LINK_RE.match(text):
        return True
    return _is_disclaimer(text)


def _is_soft_tail(text: str) -> bool:
    """A line that is furniture only inside a run of it (a contact field, a date)."""
    return len(text) <= 80 and bool(_FIELD_RE.match(text) or _DATE_FIELD_RE.match(text))


_NOTICE_LOOK = 8
"""A disclaimer's heading is among the last lines of the body…"""
_NOTICE_AFTER_MAX = 3 * _DISCLAIMER_MAX
"""…with no more than a few of the site's paragraphs under it."""


def _disclaimer_heading(lines: Sequence[Line], start: int) -> int | None:
    """A disclaimer's heading standing alone near the end ("示范网版权与免责声明："):
    whatever follows it is the site's notice, its numbered clauses and contact line
    included, though no single one of them reads as a disclaimer."""
    after = 0
    for index in range(len(lines) - 1, max(start, len(lines) - _NOTICE_LOOK) - 1, -1):
        text = lines[index][1]
        label = _DISCLAIMER_LABEL_RE.match(text)  # the clauses may sit in layout tables
        if label is not None and not text[label.end() :].strip():
            return index if after <= _NOTICE_AFTER_MAX else None
        after += len(text)
    return None


def _tail_start(lines: Sequence[Line], start: int) -> int:
    """Where the furniture after the article begins (len(lines) when there is none)."""
    heading = _disclaimer_heading(lines, start)
    cut = len(lines) if heading is None else heading
    index = cut - 1
    soft_from = -1
    while index >= start:
        kind, text = lines[index]
        if kind is BlockKind.TABLE:
            break
        if kind is not BlockKind.IMAGE and text:
            if _is_sure_tail(kind, text):
                cut = index
            elif _is_soft_tail(text):
                soft_from = index
            else:
                if soft_from >= 0 and cut == len(lines) and _SIGNED_DATE_RE.match(text):
                    # The notice ends on its signature's date: the contact fields under
                    # it are the site's footer ("地址：… 邮编：…", "邮箱：…").
                    cut = soft_from
                break
        index -= 1
    return cut


_SIGNED_DATE_RE = re.compile(
    r"^(?:19|20)[0-9]{2}\s*(?:年\s*[0-9]{1,2}\s*月\s*[0-9]{1,2}\s*日|[-/.][0-9]{1,2}[-/.][0-9]{1,2})$"
)
"""The date a notice is signed with, alone on its line at the end ("2026年3月26日")."""


# --- Before the article ------------------------------------------------------

_CARD_ID_RE = re.compile(
    r"^(?:微信号|微信號|微信ID|微信id|公众号ID|公眾號ID)\s*[：:]?\s*[A-Za-z][\w-]{3,}$"
)
"""The account's WeChat ID, which makes the lines around it a card."""
_CARD_FIELD_RE = re.compile(r"^(?:功能介绍|功能介紹|账号主体|帳號主體|(?:公众号|公眾號)\s*[：:])")
"""Other fields of the card (the labels glued to the value in copies): a card's only
beside its ID or a follow prompt (an article about an app may open on 功能介绍)."""

_FOLLOW_RE = re.compile(
    r"(?:点击|點擊|轻触|輕觸|轻点|輕點|戳)(?:上方|上面|标题下|標題下|题目下|題目下|蓝字|藍字).{0,16}"
    r"(?:关注|關注|订阅|訂閱|设为星标|設為星標)"
    r"|长按.{0,10}(?:二维码|二維碼|关注|關注)|長按.{0,10}(?:二維碼|關注)"
    r"|^(?:关注|關注)(?:我们|我們|公众号|公眾號)(?:[，,。！!：:\s]|$)"
    r"|^(?:点击|點擊|欢迎|歡迎)(?:关注|關注)[\w\u3400-\u9fff]{1,10}$"
    r"|(?:按讚|按赞)(?:加入|追蹤|追踪|關注|关注)"
)
"""A prompt to follow the account (or to like the site's page: "按讚加入示範新聞雲")."""

_CARD_LOOK = 10
"""The card is among the first lines of the body."""
_CARD_HEAD_MAX = 80
"""Lines before the card's fields (the repeated title, date and account name) are short."""
_FOLLOW_MAX = 40


def _is_card_mark(text: str) -> bool:
    """The card's ID or a prompt to follow the account."""
    if _CARD_ID_RE.match(text):
        return True
    return len(text) <= _FOLLOW_MAX and bool(_FOLLOW_RE.search(text))


def _card_end(lines: Sequence[Line]) -> int:
    """Where the article begins after a WeChat account card (0 when there is none).
    What comes before the card's last field is the card's head if it is only short
    lines, no sentence among them."""
    last = -1
    marked = False
    for index, (kind, text) in enumerate(lines[:_CARD_LOOK]):
        if kind is BlockKind.IMAGE or not text:
            continue
        if kind is BlockKind.TABLE:
            break
        if _is_card_mark(text):
            last, marked = index, True
        elif _CARD_FIELD_RE.match(text):
            last = index
        elif len(text) > _CARD_HEAD_MAX or text.endswith(("。", "！", "？", "!", "?")):
            break
    return last + 1 if marked else 0


def _poster_line_end(lines: Sequence[Line], start: int, contact: str | None) -> int:
    """Past a first line naming the posting office and the contact person of the cut
    contact block ("公關事務處 / 李明"): the same furniture, shown at the top."""
    if contact is None or start >= len(lines):
        return start
    kind, text = lines[start]
    parts = [p.strip() for p in re.split(r"[/／|｜]", text)]
    if kind is BlockKind.PARAGRAPH and len(text) <= 30 and len(parts) >= 2 and parts[-1] == contact:
        return start + 1
    return start


def _contact_name(lines: Sequence[Line]) -> str | None:
    for _, text in lines:
        match = _NAME_RE.match(normalize_space(text))
        if match:
            return match[1]
    return None


def body_edges(lines: Sequence[Line]) -> tuple[int, int]:
    """The slice of the body that is article: the card before it and the furniture
    after it left out. The whole body is kept when nothing would remain."""
    start = _card_end(lines)
    end = _tail_start(lines, start)
    start = _poster_line_end(lines, start, _contact_name(lines[end:]))
    if not any(kind is not BlockKind.IMAGE and text for kind, text in lines[start:end]):
        return 0, len(lines)
    return start, end
