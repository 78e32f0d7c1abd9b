"""Does pinyin input fix espeak-ng's Mandarin polyphones (多音字)?

For each phrase below we know the standard reading (现代汉语词典) of one polyphonic
character. espeak-ng's `cmn` voice accepts tone-number pinyin (`hang2`), so the
voice can be given (a) the Chinese text as it is, (b) every character replaced by
pypinyin's phrase-aware reading, or (c) only the words (pypinyin's segmentation)
holding a character with more than one reading replaced. We compare the phonemes
espeak-ng produces (`espeak_TextToPhonemes`, as `espeak-ng -v cmn -x -q` shows)
with those it produces for the reference pinyin, syllable by syllable: every
syllable must match in sounds, the polyphone's also in tone (third-tone sandhi
allowed).

The phrases are one list; the other (IN_CONTEXT) is every clause of the corpus
where the two inputs make the voice say different sounds, labelled by hand, which
shows how the choice plays out in real articles. Prints the counts side by side,
every case some variant gets wrong, and how many corpus clauses pinyin changes.
The library is the one bundled by the `espeakng-loader` wheel, so this runs
without a system espeak-ng.
"""

from __future__ import annotations

import ctypes
import re
import sys
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

# (phrase, reference pinyin with tone numbers, index of the polyphone in the phrase)
PHRASES: tuple[tuple[str, str, int], ...] = (
    ("银行", "yin2 hang2", 1),
    ("行业", "hang2 ye4", 0),
    ("行走", "xing2 zou3", 0),
    ("执行", "zhi2 xing2", 1),
    ("重庆", "chong2 qing4", 0),
    ("重要", "zhong4 yao4", 0),
    ("重新", "chong2 xin1", 0),
    ("重量", "zhong4 liang4", 0),
    ("长大", "zhang3 da4", 0),
    ("长度", "chang2 du4", 0),
    ("成长", "cheng2 zhang3", 1),
    ("县长", "xian4 zhang3", 1),
    ("还是", "hai2 shi4", 0),
    ("归还", "gui1 huan2", 1),
    ("都市", "du1 shi4", 0),
    ("首都", "shou3 du1", 1),
    ("都是", "dou1 shi4", 0),
    ("为了", "wei4 le5", 0),
    ("成为", "cheng2 wei2", 1),
    ("好奇", "hao4 qi2", 0),
    ("爱好", "ai4 hao4", 1),
    ("种植", "zhong4 zhi2", 0),
    ("种子", "zhong3 zi5", 0),
    ("处分", "chu3 fen4", 0),
    ("到处", "dao4 chu4", 1),
    ("处长", "chu4 zhang3", 0),
    ("音乐", "yin1 yue4", 1),
    ("快乐", "kuai4 le4", 1),
    ("参加", "can1 jia1", 0),
    ("人参", "ren2 shen1", 1),
    ("调查", "diao4 cha2", 0),
    ("调整", "tiao2 zheng3", 0),
    ("传记", "zhuan4 ji4", 0),
    ("传播", "chuan2 bo1", 0),
    ("教学", "jiao4 xue2", 0),
    ("教书", "jiao1 shu1", 0),
    ("会计", "kuai4 ji4", 0),
    ("开会", "kai1 hui4", 1),
    ("角色", "jue2 se4", 0),
    ("角度", "jiao3 du4", 0),
    ("供给", "gong1 ji3", 1),
    ("供奉", "gong4 feng4", 0),
    ("降落", "jiang4 luo4", 0),
    ("投降", "tou2 xiang2", 1),
    ("差别", "cha1 bie2", 0),
    ("出差", "chu1 chai1", 1),
    ("差不多", "cha4 bu5 duo1", 0),
    ("便宜", "pian2 yi5", 0),
    ("方便", "fang1 bian4", 1),
    ("睡觉", "shui4 jiao4", 1),
    ("觉得", "jue2 de5", 0),
    ("着急", "zhao2 ji2", 0),
    ("着陆", "zhuo2 lu4", 0),
    ("干净", "gan1 jing4", 0),
    ("干部", "gan4 bu4", 0),
    ("头发", "tou2 fa5", 1),
    ("发展", "fa1 zhan3", 0),
    ("几乎", "ji1 hu1", 0),
    ("几个", "ji3 ge4", 0),
    ("少年", "shao4 nian2", 0),
    ("少数", "shao3 shu4", 0),
    ("率领", "shuai4 ling3", 0),
    ("效率", "xiao4 lv4", 1),
    ("模样", "mu2 yang4", 0),
    ("模型", "mo2 xing2", 0),
    ("应该", "ying1 gai1", 0),
    ("应对", "ying4 dui4", 0),
    ("相关", "xiang1 guan1", 0),
    ("首相", "shou3 xiang4", 1),
    ("更新", "geng1 xin1", 0),
    ("更加", "geng4 jia1", 0),
    ("中奖", "zhong4 jiang3", 0),
    ("中心", "zhong1 xin1", 0),
    ("大夫", "dai4 fu5", 0),
    ("测量", "ce4 liang2", 1),
    ("数量", "shu4 liang4", 1),
    ("称号", "cheng1 hao4", 0),
    ("称职", "chen4 zhi2", 0),
    ("收藏", "shou1 cang2", 1),
    ("西藏", "xi1 zang4", 1),
    ("宿舍", "su4 she4", 1),
    ("舍得", "she3 de5", 0),
    ("暖和", "nuan3 huo5", 1),
    ("和平", "he2 ping2", 0),
    ("没有", "mei2 you3", 0),
    ("淹没", "yan1 mo4", 1),
    ("削弱", "xue1 ruo4", 0),
    ("剥削", "bo1 xue1", 1),
    ("结实", "jie1 shi5", 0),
    ("结果", "jie2 guo3", 0),
    ("空间", "kong1 jian1", 0),
    ("空闲", "kong4 xian2", 0),
    ("间接", "jian4 jie1", 0),
    ("记载", "ji4 zai3", 1),
    ("载体", "zai4 ti3", 0),
    ("厦门", "xia4 men2", 0),
    ("大厦", "da4 sha4", 1),
    ("蚌埠", "beng4 bu4", 0),
    ("六安", "lu4 an1", 0),
    ("乐山", "le4 shan1", 0),
    ("朝代", "chao2 dai4", 0),
    ("朝气", "zhao1 qi4", 0),
    ("尽力", "jin4 li4", 0),
    ("尽快", "jin3 kuai4", 0),
    ("薄弱", "bo2 ruo4", 0),
    ("恶心", "e3 xin5", 0),
    ("可恶", "ke3 wu4", 1),
    ("曾经", "ceng2 jing1", 0),
    ("似的", "shi4 de5", 0),
    ("似乎", "si4 hu1", 0),
    ("强调", "qiang2 diao4", 0),
    ("倔强", "jue2 jiang4", 1),
    ("的确", "di2 que4", 0),
    ("目的", "mu4 di4", 1),
    ("了解", "liao3 jie3", 0),
    ("好了", "hao3 le5", 1),
    ("假期", "jia4 qi1", 0),
    ("真假", "zhen1 jia3", 1),
    ("累计", "lei3 ji4", 0),
    ("劳累", "lao2 lei4", 1),
    ("畜牧", "xu4 mu4", 0),
    ("牲畜", "sheng1 chu4", 1),
    ("学校", "xue2 xiao4", 1),
    ("校对", "jiao4 dui4", 0),
    ("子弹", "zi3 dan4", 1),
    ("弹琴", "tan2 qin2", 0),
    ("奇数", "ji1 shu4", 0),
    ("兴奋", "xing1 fen4", 0),
    ("高兴", "gao1 xing4", 1),
    ("创伤", "chuang1 shang1", 0),
    ("创新", "chuang4 xin1", 0),
    ("省份", "sheng3 fen4", 0),
)

# Every clause of the corpus pages and seed text where espeak-ng says different
# sounds for the Chinese text and for polyphone-word pinyin (corpus_differences),
# cut to the words around the difference and labelled by hand with the standard
# reading. Left out: 标识 (biāozhì and biāoshí are both standard), 谁 (shéi/shuí),
# and a garbled lyric (嘿小姐你桑巴勒).
IN_CONTEXT: tuple[tuple[str, str, int], ...] = (
    ("两地路途遥远", "liang3 di4 lu4 tu2 yao2 yuan3", 1),
    ("为深化两地经贸", "wei4 shen1 hua4 liang3 di4 jing1 mao4", 4),
    ("但如果提供给测试人员", "dan4 ru2 guo3 ti2 gong1 gei3 ce4 shi4 ren2 yuan2", 5),
    ("但目前大都集中在沿海", "dan4 mu4 qian2 da4 dou1 ji2 zhong1 zai4 yan2 hai3", 4),
    ("做了无数嫁妆", "zuo4 le5 wu2 shu4 jia4 zhuang5", 1),
    ("关键词曝光", "guan1 jian4 ci2 bao4 guang1", 3),
    ("在月球上行走的人", "zai4 yue4 qiu2 shang4 xing2 zou3 de5 ren2", 4),
    ("消费品品质的提升", "xiao1 fei4 pin3 pin3 zhi4 de5 ti2 sheng1", 5),
    ("汽车生产资质的厂家", "qi4 che1 sheng1 chan3 zi1 zhi4 de5 chang3 jia1", 6),
    ("字里行间都是对儿子的爱", "zi4 li3 hang2 jian1 dou1 shi4 dui4 er2 zi5 de5 ai4", 7),
    ("对儿子的教诲", "dui4 er2 zi5 de5 jiao4 hui4", 1),
    ("老人为老伴儿修路", "lao3 ren2 wei4 lao3 ban4 er2 xiu1 lu4", 4),
    (
        "对世界发生的大小事都会留意",
        "dui4 shi4 jie4 fa1 sheng1 de5 da4 xiao3 shi4 dou1 hui4 liu2 yi4",
        9,
    ),
    ("很快普通人都会有机会", "hen3 kuai4 pu3 tong1 ren2 dou1 hui4 you3 ji1 hui4", 5),
    ("心中都会涌起", "xin1 zhong1 dou1 hui4 yong3 qi3", 2),
    ("每家酿酒商都想", "mei3 jia1 niang4 jiu3 shang1 dou1 xiang3", 5),
    ("收到多位同行粉笔字祝福", "shou1 dao4 duo1 wei4 tong2 hang2 fen3 bi3 zi4 zhu4 fu2", 5),
    ("收藏文章", "shou1 cang2 wen2 zhang1", 1),
    ("红军长征", "hong2 jun1 chang2 zheng1", 2),
    ("家国情怀也渐长", "jia1 guo2 qing2 huai2 ye3 jian4 zhang3", 6),
    ("演绎长姐华兰", "yan3 yi4 zhang3 jie3 hua2 lan2", 2),
    ("长三角青创港", "chang2 san1 jiao3 qing1 chuang4 gang3", 0),
    ("长山大道", "chang2 shan1 da4 dao4", 0),
    ("长山大道等道路桥梁", "chang2 shan1 da4 dao4 deng3 dao4 lu4 qiao2 liang2", 0),
    ("关注道路电子显示屏", "guan1 zhu4 dao4 lu4 dian4 zi3 xian3 shi4 ping2", 8),
    ("锡澄高速", "xi1 cheng2 gao1 su4", 1),
    ("靖江等地", "jing4 jiang1 deng3 di4", 3),
    ("很好地促进国民经济", "hen3 hao3 de5 cu4 jin4 guo2 min2 jing1 ji4", 2),
    ("人们自然地想到", "ren2 men5 zi4 ran2 de5 xiang3 dao4", 4),
    ("卢宇恳切地说", "lu2 yu3 ken3 qie4 de5 shuo1", 4),
    ("进一步地了解", "jin4 yi2 bu4 de5 liao3 jie3", 3),
    ("导致他们不断地打嗝", "dao3 zhi4 ta1 men5 bu2 duan4 de5 da3 ge2", 6),
    ("如火如荼地进行中", "ru2 huo3 ru2 tu2 de5 jin4 xing2 zhong1", 4),
    ("有效地帮助", "you3 xiao4 de5 bang1 zhu4", 2),
    ("有效地融入到国家", "you3 xiao4 de5 rong2 ru4 dao4 guo2 jia1", 2),
    ("更好地服务于", "geng4 hao3 de5 fu2 wu4 yu2", 2),
    ("胃里不停地翻滚", "wei4 li3 bu4 ting2 de5 fan1 gun3", 4),
    ("雨滴落浅似留殇", "yu3 di1 luo4 qian3 si4 liu2 shang1", 4),
    ("鱼似镜中悬", "yu2 si4 jing4 zhong1 xuan2", 1),
    ("张大千和溥心畬", "zhang1 da4 qian1 he2 pu3 xin1 yu2", 6),
    ("词人陈廷焯称赞", "ci2 ren2 chen2 ting2 zhuo2 cheng1 zan4", 4),
    ("新疆阿勒泰", "xin1 jiang1 a1 le4 tai4", 3),
)

_AUDIO_OUTPUT_SYNCHRONOUS = 0x02
_ESPEAK_CHARS_UTF8 = 1
_NOISE = re.compile(r"\((?:en|cmn)\)|_[:!|]?|[|',\s]")
_TONES = re.compile(r"\d+")
_HAN_RUN = re.compile(r"[\u4e00-\u9fff]{4,}")
_SYLLABLE = re.compile(r"(\D*)(\d+)(\D*)")


class Espeak:
    """espeak-ng's text-to-phoneme function through ctypes, cmn voice."""

    def __init__(self) -> None:
        import espeakng_loader

        self._lib = ctypes.CDLL(espeakng_loader.get_library_path())
        self._lib.espeak_Initialize.argtypes = [
            ctypes.c_int,
            ctypes.c_int,
            ctypes.c_char_p,
            ctypes.c_int,
        ]
        self._lib.espeak_SetVoiceByName.argtypes = [ctypes.c_char_p]
        self._lib.espeak_TextToPhonemes.argtypes = [
            ctypes.POINTER(ctypes.c_void_p),
            ctypes.c_int,
            ctypes.c_int,
        ]
        self._lib.espeak_TextToPhonemes.restype = ctypes.c_char_p
        data = espeakng_loader.get_data_path().encode()
        if self._lib.espeak_Initialize(_AUDIO_OUTPUT_SYNCHRONOUS, 0, data, 0) <= 0:
            raise RuntimeError("espeak_Initialize failed")
        if self._lib.espeak_SetVoiceByName(b"cmn") != 0:
            raise RuntimeError("no cmn voice")

    def phonemes(self, text: str) -> str:
        """espeak-ng's phoneme names for `text`, clause marks and stress removed."""
        buffer = ctypes.create_string_buffer(text.encode("utf-8"))
        pointer = ctypes.c_void_p(ctypes.addressof(buffer))
        parts: list[str] = []
        while pointer.value:
            result = self._lib.espeak_TextToPhonemes(ctypes.byref(pointer), _ESPEAK_CHARS_UTF8, 0)
            parts.append(result.decode("utf-8") if result else "")
        return _NOISE.sub("", "".join(parts))


def expected_pattern(espeak: Espeak, reference: str, target: int) -> re.Pattern[str]:
    """What a right reading looks like: every syllable's sounds; the target's tone too."""
    syllables = reference.split()
    pieces = []
    for index, syllable in enumerate(syllables):
        match = _SYLLABLE.fullmatch(espeak.phonemes(syllable))
        if match is None:
            raise ValueError(f"espeak-ng does not read {syllable!r} as one syllable")
        head, tone, tail = match.groups()
        if index != target:
            pieces.append(re.escape(head) + r"\d+" + re.escape(tail))
            continue
        tones = {tone}
        following = syllables[index + 1] if index + 1 < len(syllables) else ""
        if syllable.endswith("3") and following.endswith("3"):
            tones.add("35")  # third-tone sandhi
        pieces.append(re.escape(head) + "(?:" + "|".join(sorted(tones)) + ")" + re.escape(tail))
    return re.compile("".join(pieces))


@cache
def _pypinyin() -> tuple[
    Callable[[str], list[str]], Callable[[str], bool], Callable[[str], list[str]]
]:
    from pypinyin import Style, lazy_pinyin
    from pypinyin.pinyin_dict import pinyin_dict
    from pypinyin.seg.mmseg import seg

    def tone3(text: str) -> list[str]:
        result: list[str] = lazy_pinyin(
            text, style=Style.TONE3, neutral_tone_with_five=True, tone_sandhi=True
        )
        return result

    def heteronym(char: str) -> bool:
        return "," in pinyin_dict.get(ord(char), "")

    def words(text: str) -> list[str]:
        return list(seg.cut(text))

    return tone3, heteronym, words


def all_pinyin(text: str) -> str:
    """Every character replaced by pypinyin's phrase-aware reading."""
    tone3, _, _ = _pypinyin()
    return " ".join(tone3(text))


def polyphone_words_pinyin(text: str) -> str:
    """Only the words (pypinyin's segmentation) that hold a polyphone, as pinyin.

    Whole words, because a character left alone next to pinyin loses espeak-ng's
    word context; spaced, because glued syllables can make espeak-ng switch to
    English ("da4xiong2mao1").
    """
    tone3, heteronym, words = _pypinyin()
    out = []
    for word in words(text):
        if any(heteronym(char) for char in word):
            out.append(" " + " ".join(tone3(word)) + " ")
        else:
            out.append(word)
    return "".join(out).strip()


VARIANTS: dict[str, Callable[[str], str]] = {
    "Chinese text": lambda text: text,
    "all pinyin": all_pinyin,
    "polyphone words pinyin": polyphone_words_pinyin,
}


def score(
    espeak: Espeak, cases: tuple[tuple[str, str, int], ...]
) -> tuple[dict[str, int], list[str]]:
    """How many cases each variant gets right, and a line per case some variant misses."""
    right = dict.fromkeys(VARIANTS, 0)
    misses: list[str] = []
    for phrase, reference, target in cases:
        pattern = expected_pattern(espeak, reference, target)
        marks = []
        for name, make in VARIANTS.items():
            said = espeak.phonemes(make(phrase))
            ok = pattern.fullmatch(said) is not None
            right[name] += ok
            marks.append(f"{name}={'ok' if ok else said}")
        if not all(mark.endswith("=ok") for mark in marks):
            misses.append(f"  {phrase} ({reference}): " + ", ".join(marks))
    return right, misses


def corpus_clauses() -> list[str]:
    """Every run of 4+ Han characters in the corpus pages and the seed text."""
    from lxml import html

    shared = Path(__file__).resolve().parents[1].parent / "shared"
    texts = [path.read_text(encoding="utf-8") for path in sorted((shared / "seed").glob("*.txt"))]
    pages = sorted((shared / "corpus" / "pages").glob("**/*.html"))
    texts += [
        _visible_text(html.fromstring(path.read_text(encoding="utf-8", errors="replace")))
        for path in pages
    ]
    return sorted({run for text in texts for run in _HAN_RUN.findall(text)})


def _visible_text(root: Any) -> str:
    """The text a reader sees: scripts and styles dropped."""
    from lxml import etree

    etree.strip_elements(root, "script", "style", etree.Comment, with_tail=False)
    return "".join(root.itertext())


def corpus_differences(espeak: Espeak, clauses: list[str]) -> tuple[int, int]:
    """Clauses where polyphone-word pinyin changes what espeak-ng says: sounds, tones only."""
    sounds = tones = 0
    for clause in clauses:
        plain = espeak.phonemes(clause)
        with_pinyin = espeak.phonemes(polyphone_words_pinyin(clause))
        if plain == with_pinyin:
            continue
        if _TONES.sub("", plain) != _TONES.sub("", with_pinyin):
            sounds += 1
        else:
            tones += 1
    return sounds, tones


def _report(title: str, total: int, right: dict[str, int]) -> None:
    print(f"{title}: {total}")
    base = right["Chinese text"]
    for name, count in right.items():
        ratio = f"{count / base:.2f}×" if base else "n/a"
        print(f"  {name:24} {count:4d}/{total} right  ({ratio} the Chinese text)")


def main() -> int:
    try:
        espeak = Espeak()
    except (ImportError, OSError, RuntimeError) as error:
        print(f"skipped: espeak-ng not usable ({error})")
        return 0
    right, misses = score(espeak, PHRASES)
    _report("polyphone phrases", len(PHRASES), right)
    context_right, context_misses = score(espeak, IN_CONTEXT)
    _report("corpus clauses where the variants disagree", len(IN_CONTEXT), context_right)
    print("cases some variant gets wrong:")
    print("\n".join(misses + context_misses) if misses or context_misses else "  none")
    try:
        clauses = corpus_clauses()
    except OSError:
        clauses = []
    if clauses:
        sounds, tones = corpus_differences(espeak, clauses)
        print(
            f"corpus: {len(clauses)} clauses; polyphone-word pinyin changes the sounds of "
            f"{sounds} and only the tones of {tones}"
        )
    else:
        print("corpus clauses skipped: ../shared is absent")
    return 0


if __name__ == "__main__":
    sys.exit(main())
