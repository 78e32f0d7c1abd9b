"""Numbers that carry meaning (issue 17, point 1): signs, ranges, 文号 years, service
numbers, road numbers, units, codes. Each row is a phrase as portal pages print it and
what a newsreader says; the spoken text is what the voice gets and what `speak --print`
shows."""

from __future__ import annotations

import pytest

from accessible_reader.text.normalize import normalize

MEANING: list[tuple[str, str, str]] = [
    # (category, displayed, spoken)
    ("sign", "-3～5℃", "负三至五摄氏度"),
    ("sign", "气温-3~-1℃", "气温负三至负一摄氏度"),
    ("sign", "最低气温－5℃", "最低气温负五摄氏度"),
    ("sign", "同比增长-2.5%", "同比增长负百分之二点五"),
    ("sign", "降至−0.3%", "降至负百分之零点三"),
    ("sign", "-3至-1℃", "负三至负一摄氏度"),
    ("sign", "差值为-12", "差值为负十二"),
    ("sign", "气温+3℃", "气温正三摄氏度"),
    ("sign", "-5%～5%", "负百分之五至百分之五"),
    ("sign", "环比-0.2个百分点", "环比负零点二个百分点"),
    ("sign", "第三期-12", "第三期-十二"),  # a hyphen in a title is no sign
    ("range", "5月20日-31日", "五月二十日至三十一日"),
    ("range", "5月20日—6月3日", "五月二十日至六月三日"),
    ("range", "2024年-2025年", "二〇二四年至二〇二五年"),
    ("range", "9时-17时", "九时至十七时"),
    ("range", "1-9月", "一至九月"),
    ("range", "3~5个工作日", "三至五个工作日"),
    ("range", "10%-20%", "百分之十至百分之二十"),
    ("range", "2023年12月-2024年1月", "二〇二三年十二月至二〇二四年一月"),
    ("range", "9:00-17:00", "九点至十七点"),
    ("docyear", "国发〔2024〕5号", "国发〔二〇二四〕五号"),
    ("docyear", "苏政办发［2023］12号", "苏政办发［二〇二三］十二号"),
    ("docyear", "（2024）京0105民初123号", "（二〇二四）京零幺零五民初一百二十三号"),
    ("service", "火警119", "火警幺幺九"),
    ("service", "急救120", "急救幺二零"),
    ("service", "报警电话：110", "报警电话：幺幺零"),
    ("service", "交通事故报警122", "交通事故报警幺二二"),
    ("service", "拨打120急救电话", "拨打幺二零急救电话"),
    ("service", "市民可通过12345反映", "市民可通过幺二三四五反映"),
    ("service", "12315消费者投诉", "幺二三幺五消费者投诉"),
    ("service", "122交通事故报警", "幺二二交通事故报警"),
    ("service", "96110反诈专线", "九六幺幺零反诈专线"),
    ("service", "共120人", "共一百二十人"),
    ("service", "全年接警110起", "全年接警一百一十起"),
    ("service", "110千伏变电站", "一百一十千伏变电站"),
    ("road", "G312国道", "G三幺二国道"),
    ("road", "S229省道", "S二二九省道"),
    ("road", "G15沈海高速", "G幺五沈海高速"),
    ("road", "G20峰会", "G二十峰会"),
    ("unit", "8.5万m²", "八点五万平方米"),
    ("unit", "1.2万㎡", "一点二万平方米"),
    ("unit", "面积（㎡）", "面积（平方米）"),
    ("unit", "356km²", "三百五十六平方千米"),
    ("unit", "3‰", "千分之三"),
    ("unit", "25℃", "二十五摄氏度"),
    ("unit", "120㎞", "一百二十千米"),
    ("unit", "这个1米80的男人", "这个一米八零的男人"),  # a height, as it is said
    ("unit", "1米20厘米", "一米二十厘米"),
    ("year", "1500年前", "一千五百年前"),
    ("year", "距今2000年", "距今两千年"),
    ("year", "2000年前完成", "二〇〇〇年前完成"),
    ("year", "2024年", "二〇二四年"),
    ("code", "N95口罩", "N九五口罩"),
    ("code", "KN95", "K N九五"),
    (
        "code",
        "统一社会信用代码：91320100MA1MXXXX0L",
        "统一社会信用代码：九幺三二零幺零零M A幺M X X X X零L",
    ),
    ("code", "邮编213159", "邮编二幺三幺五九"),
    ("code", "司执字第70394号", "司执字第七零三九四号"),
    ("code", "（2024）京0105民初23456号", "（二〇二四）京零幺零五民初二三四五六号"),
    ("code", "第1234号", "第一千二百三十四号"),
    ("code", "索引号：002482082/2024-00332", "索引号：零零二四八二零八二斜杠二〇二四杠零零三三二"),
    ("code", "076478684Q/2024-00112", "零七六四七八六八四Q斜杠二〇二四杠零零幺幺二"),
]


@pytest.mark.parametrize(("category", "display", "spoken"), MEANING)
def test_meaning_bearing_numbers(category: str, display: str, spoken: str) -> None:
    assert normalize(display).text == spoken, category


def test_every_category_is_covered() -> None:
    categories = {row[0] for row in MEANING}
    assert {"sign", "range", "docyear", "service", "road", "unit", "year", "code"} <= categories


def test_credit_code_keeps_its_final_letter() -> None:
    spoken = normalize("代码：91320100MA1MXXXX0L").text
    assert spoken.endswith("零L")
    assert "升" not in spoken
