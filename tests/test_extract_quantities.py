"""Tests of kg.extract.quantities on real sentences of the seed pages."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.extract.quantities import Quantity, find_quantities, parse_chinese_number
from kg.lexicon.units import UNITS

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
GOLD = Path("/work/shared/gold")


def unwrap(raw: str) -> str:
    """Join column-wrapped lines (a single newline inside a paragraph)."""
    return re.sub(r"(?<!\n)\n(?!\n)", "", raw)


def find(text: str, value: float, unit: str) -> Quantity | None:
    for q in find_quantities(text):
        if q.unit == unit and abs(q.value - value) <= 1e-9 * max(1.0, abs(value)):
            return q
    return None


# (sentence, value, unit, qualifier, label)
CASES = [
    ("大麻森乡共栽种精选国槐、紫叶李等树种 7000余 棵", 7000, "棵", "余", "大麻森乡共栽种精选国槐、紫叶李等树种"),
    ("完成管网铺设1784.41公里", 1784.41, "公里", "", "管网铺设"),
    ("形成压采能力8084万立方米", 80840000, "立方米", "", "压采能力"),
    ("将全市332.21万农村人口全部纳入生活水源置换范畴", 3322100, "人", "", "农村人口"),
    ("五年来累计争取省级以上资金16.6亿元", 1660000000, "元", "", "争取省级以上资金"),
    ("多渠道筹集资金8.67亿元", 867000000, "元", "", "多渠道筹集资金"),
    ("我市新建、扩建地表水厂 9座、新建农村水厂7座", 9, "座", "", "新建、扩建地表水厂"),
    ("我市新建、扩建地表水厂 9座、新建农村水厂7座", 7, "座", "", "新建农村水厂"),
    ("修建检修井、排气井、排空井等附属设施2467座", 2467, "座", "", "修建检修井、排气井、排空井等附属设施"),
    ("508个行政村，约 42万人口的居民用水", 420000, "人", "约", "人口"),
    ("日均供水量约 1.7 万吨", 17000, "吨", "约", "日均供水量"),
    ("截止到 11 月底总计供水 252 万余吨", 2520000, "吨", "余", "供水"),
    ("12月 22日上午8时，总额300万元的衡水市政府消费券将正式发放", 3000000, "元", "", "总额"),
    ("分别设置7.5万张和 3万张", 75000, "张", "", "设置"),
    ("新建停车位 13901 个", 13901, "个", "", "新建停车位"),
    ("谋划确定 2021 年实施121 个停车设施建设项目", 121, "个", "", "停车设施建设项目"),
    ("超额完成省厅停车位任务数量1901 个，完成率达到 115%", 115, "%", "", "完成率"),
    ("非机动车位 40000余平方米", 40000, "平方米", "余", "非机动车位"),
    ("完成路口路缘石黑黄警示漆粉刷 2300余米", 2300, "米", "余", "路口路缘石黑黄警示漆粉刷"),
    ("办结率 90.73%，极大降低了运输从业人员的办事成本", 90.73, "%", "", "办结率"),
    ("“学生免费卡”免费乘车次数为每月 92 次", 92, "次", "", "“学生免费卡”免费乘车次数为每月"[1:]),
    ("组建各类志愿服务组织3000余个", 3000, "个", "余", "组建各类志愿服务组织"),
    ("骑电动车头盔佩戴率超过90%", 90, "%", "超过", "骑电动车头盔佩戴率"),
    ("投资3.8亿元,对140个老旧小区进行了全面改造", 380000000, "元", "", "投资"),
    ("投资3.8亿元,对140个老旧小区进行了全面改造", 140, "个", "", "老旧小区"),
    ("衡水市建成了60多个“口袋公园”", 60, "个", "多", "口袋公园"),
    ("衡水市20多万名有志愿服务能力的共产党员", 200000, "名", "多", "衡水市"),
    ("总体罩面面积190余万平方米", 1900000, "平方米", "余", "总体罩面面积"),
    ("新建两座公厕,改造提升26座", 2, "座", "", "公厕"),
    ("清理乱贴乱画小广告、喷绘字等“大花脸”2.25万平方米", 22500, "平方米", "", "清理乱贴乱画小广告、喷绘字等“大花脸"),
    ("高校毕业生网络创业可申请最高20万担保贷款", 200000, "元", "最高", "担保贷款"),
    ("可以申请最高不超过20万元的担保贷款", 200000, "元", "最高不超过", "可以申请"),
    ("正常运营6个月以上的,给予5000元一次性创业补贴", 6, "个月", "以上", "正常运营"),
    ("16至24岁登记失业青年", 16, "岁", "至24", "登记失业青年"),
    ("PM2.5平均浓度为42微克/立方米,同比下降17.6%", 42, "微克/立方米", "", "PM2.5平均浓度"),
    ("PM2.5平均浓度为42微克/立方米,同比下降17.6%", 17.6, "%", "", "同比下降"),
    ("达标天数257天,同比增加19天", 257, "天", "", "达标天数"),
    ("选派全县50余名农技人员以及10余名特聘农技员深入一线", 50, "名", "余", "农技人员以"),
    ("指导种植户解决技术问题累计达3.5万个", 35000, "个", "", "指导种植户解决技术问题"),
    ("全长345.34公里,总投资2.16亿元", 216000000, "元", "", "总投资"),
    ("新增蓄水能力1530万立方米", 15300000, "立方米", "", "新增蓄水能力"),
    ("建成后容纳24个教学班,增加学位1320个", 24, "个", "", "教学班"),
    ("建成后容纳24个教学班,增加学位1320个", 1320, "个", "", "增加学位"),
    ("改造农户卫生厕所5800座,建设农村公厕150座", 5800, "座", "", "改造农户卫生厕所"),
    ("改造农户卫生厕所5800座,建设农村公厕150座", 150, "座", "", "建设农村公厕"),
    ("新建5G基站130个", 130, "个", "", "新建5G基站"),
    ("解决了前磨头镇及周边六万余群众出行问题", 60000, "人", "余", "群众"),
    ("目前，全市 1.56万“电代煤”用户", 15600, "户", "", "“电代煤”用户"),
    ("惠及1.7万户居民", 17000, "户", "", "居民"),
    ("共完成核酸检测2597.6807万例", 25976807, "例", "", "核酸检测"),
    ("累计检测 915.0564 万人次", 9150564, "人次", "", "检测"),
    ("全市累计消毒消杀 33亿平方米", 3300000000, "平方米", "", "消毒消杀"),
    ("公园绿地服务半径覆盖市区近130个居住小区", 130, "个", "近", "公园绿地服务半径覆盖市区"),
    ("深州市61岁的郭坚大爷", 61, "岁", "", "深州市"),
    ("全年累计组织演练 40 余场次,参加演练 2300 余人次", 2300, "人次", "余", "参加演练"),
    ("一年挣个20来万元不成问题", 200000, "元", "来", "一年挣个"),
    ("截至目前，新增审查文件1481件，适用例外规定两件", 2, "件", "", "适用例外规定"),
]


@pytest.mark.parametrize("text,value,unit,qualifier,label", CASES)
def test_quantities_reads_value_unit_qualifier_label(text, value, unit, qualifier, label):
    q = find(text, value, unit)
    assert q is not None, [(x.text, x.value, x.unit) for x in find_quantities(text)]
    assert (q.qualifier, q.label) == (qualifier, label)
    assert text[q.start:q.end] == q.text
    assert q.kind == UNITS.get(q.unit, q.kind)


# sentences whose numbers are not quantities: (text, numbers that must not be read)
NOT_QUANTITIES = [
    ("十三五期间，我市以打造创新型衡水为主线", []),
    ("给予5000元一次性创业补贴", [1]),
    ("扩建第九小学，目前教学楼已竣工验收", [9]),
    ("一季可多卖 3000 元", [1]),
    ("2021年9月正式开展", [2021, 9]),
    ("12月 22日上午8时至 23时", [12, 22, 8, 23]),
    ("3岁以上人群第1剂次累计接种达366.88万人", [1]),
    ("12319城管热线电话受理各类问题1883件", [12319]),
    ("新建5G基站130个", [5]),
    ("PM10平均浓度达到70微克/立方米", [10]),
    ("持续推进以种植业、冷库、棚室为主的“3+X”集体增收带贫机制", [3]),
    ("组建“1+6+1+1”信息平台数据专班", [1, 6]),
    ("严格落实“2+4+24”流调要求", [2, 4, 24]),
    ("武邑县被授牌命名为“2017-2020 年度平安中国建设示范县”", [2017, 2020]),
    ("2021年修缮辖区三分之一背街小巷的路面", [2021, 3, 1]),
    ("设施蔬菜万亩棚室内一派繁忙景象", [10000]),
    ("事关农村千家万户饮水安全", [1000]),
    ("深州市第七届人民代表大会第二次会议", [7, 2]),
    ("在故城县二期农村地表水厂的监控室里", [2]),
    ("“大小专实”四位一体干部教育培训体系", [4]),
    ("有感于俊超16年如一日关心", []),
    ("借助5A景区创建工作", [5]),
]


@pytest.mark.parametrize("text,forbidden", NOT_QUANTITIES)
def test_quantities_skips_years_dates_codes_ordinals_idioms(text, forbidden):
    qs = find_quantities(text)
    assert not [q for q in qs if q.value in forbidden], [(q.text, q.value) for q in qs]
    if text.startswith("有感"):
        assert qs and qs[0].qualifier == ""


def test_quantities_keeps_quoted_voucher_amounts_marked():
    qs = find_quantities("此次活动共设置“100元减 20 元”和“200 元减 50元”两种消费券,分别设置7.5万张和 3万张")
    quoted = [(q.value, q.in_quotes) for q in qs if q.unit == "元"]
    assert quoted == [(100, True), (20, True), (200, True), (50, True)]
    assert [q.value for q in qs if q.unit == "张"] == [75000, 30000]
    assert not any(q.in_quotes for q in qs if q.unit == "张")


def test_quantities_fullwidth_digits_keep_offsets():
    text = "新建停车位１３９０１个，完成率１１５％"
    qs = find_quantities(text)
    assert [(q.value, q.unit) for q in qs] == [(13901, "个"), (115, "%")]
    assert [text[q.start:q.end] for q in qs] == ["１３９０１个", "１１５％"]


def test_quantities_thousands_separators():
    assert [(q.value, q.unit) for q in find_quantities("投资1,250万元，完成12 500平方米")] == [
        (12500000, "元"),
        (12500, "平方米"),
    ]


def test_quantities_percent_word():
    q = find_quantities("覆盖率达到百分之九十五")[0]
    assert (q.value, q.unit, q.kind, q.text) == (95, "%", "ratio", "百分之九十五")


@pytest.mark.parametrize(
    "numeral,value",
    [("三万", 30000), ("两", 2), ("十七", 17), ("一百二十", 120), ("一千零五", 1005),
     ("三亿五千万", 350000000), ("二十万", 200000), ("十三五", None), ("万", None), ("一二", None),
     ("一百五", None), ("十十", None)],
)
def test_quantities_parse_chinese_number(numeral, value):
    assert parse_chinese_number(numeral) == value


def _gold_measures():
    out = []
    for path in sorted(GOLD.glob("*.json")) if GOLD.is_dir() else []:
        gold = json.loads(path.read_text(encoding="utf-8"))
        page = SEEDS / gold["seed"]
        if page.exists():
            out.append((gold["seed"], unwrap(page.read_text(encoding="utf-8")), gold["measures"]))
    return out


def _renderings(value: float) -> list[str]:
    def fmt(x: float) -> str:
        return f"{x:.6f}".rstrip("0").rstrip(".")

    forms = [fmt(value)]
    for mult, word in ((10**4, "万"), (10**8, "亿")):
        if value >= mult:
            forms.append(fmt(value / mult) + word)
    return forms


def gold_recall() -> tuple[int, int, list[str]]:
    """(found, findable, misses) over every gold measure whose number is written on its page."""
    found = findable = 0
    misses = []
    for seed, text, measures in _gold_measures():
        flat = re.sub(r"\s", "", text)
        values = [q.value for q in find_quantities(text)]
        for m in measures:
            v = float(m["value"])
            if not any(r in flat for r in _renderings(v)):
                continue
            findable += 1
            if any(abs(x - v) <= 0.005 * abs(v) for x in values):
                found += 1
            else:
                misses.append(f"{seed}: {m['value']} {m['unit']} ({m['label']})")
    return found, findable, misses


@pytest.mark.skipif(not _gold_measures(), reason="no gold files next to the seeds")
def test_quantities_recall_of_gold_measures():
    found, findable, misses = gold_recall()
    assert findable >= 40
    assert found / findable >= 0.9, misses


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("0123456789０１２.,% 万亿千百余多近约超过至-+第年月日个元米平方人名两三十一二五的，。“”、新建改造PMG")), max_size=60))
def test_quantities_any_text_offsets_slice_back(text):
    for q in find_quantities(text):
        assert text[q.start:q.end] == q.text
        assert q.start < q.end
        if q.label_start >= 0:
            assert text[q.label_start:q.label_start + len(q.label)] == q.label
        else:
            assert q.label == ""


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80))
def test_quantities_arbitrary_unicode_no_crash(text):
    for q in find_quantities(text):
        assert text[q.start:q.end] == q.text


def test_quantities_deterministic_and_ordered():
    text = unwrap((SEEDS / sorted(p.name for p in SEEDS.glob("*.txt"))[0]).read_text(encoding="utf-8"))
    a, b = find_quantities(text), find_quantities(text)
    assert a == b
    assert [q.start for q in a] == sorted(q.start for q in a)
    assert all(x.end <= y.start for x, y in zip(a, a[1:]))
