"""Tests of kg.extract.dates on real sentences of the seed pages."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.extract.dates import DATATYPES, find_dates

# (sentence, article year, [(text, value, datatype), ...])
CASES = [
    ("12月16日，在故城县郑口镇师黄村", 2021, [("12月16日", "2021-12-16", "date")]),
    ("今年6月底前，我市全部完成了农村生活水源置换工程建设任务", 2021, [("今年6月底", "2021-06", "gYearMonth")]),
    ("截至去年6月底,该地完成老旧管网改造12.252公里", 2022, [("去年6月底", "2021-06", "gYearMonth")]),
    ("该水厂今年6月 29日试运营供水", 2021, [("今年6月 29日", "2021-06-29", "date")]),
    ("截止到 11 月底总计供水 252 万余吨", 2021, [("11 月底", "2021-11", "gYearMonth")]),
    ("12月 22 日上午8时，总额300万元的衡水市政府消费券将正式发放", 2021, [("12月 22 日", "2021-12-22", "date")]),
    ("活动时间为 12 月 22 日至 12 月 28 日", 2021,
     [("12 月 22 日", "2021-12-22", "date"), ("12 月 28 日", "2021-12-28", "date")]),
    ("衡水市“跨省通办”业务联调工作于2021年9月正式开展", 2022, [("2021年9月", "2021-09", "gYearMonth")]),
    ("自12月20日起，市区内小学生和幼儿在上下学时乘坐公共汽车的全部免费", 2021, [("12月20日", "2021-12-20", "date")]),
    ("2021年6月26日,衡水市开展了“善美衡水·社会志愿服务集中行动”", 2022, [("2021年6月26日", "2021-06-26", "date")]),
    ("此次专项行动时间为2022年1至3月", 2022, [("2022年1至3月", "2022-01", "gYearMonth")]),
    ("2020年12月份,“空中城管”在衡水市正式“上岗”", 2022, [("2020年12月份", "2020-12", "gYearMonth")]),
    ("11月初，该局就制订印发了《通知》", 2021, [("11月初", "2021-11", "gYearMonth")]),
    ("自2021年8月下旬开始,衡水市持续推进交通安全宣传", 2022, [("2021年8月下旬", "2021-08", "gYearMonth")]),
    ("武邑县被授牌命名为“2017-2020 年度平安中国建设示范县”", 2021, [("2017-2020 年度", "2017", "gYear")]),
    ("《河北省县域科技创新跃升计划 （2019-2025年）》", 2021, [("2019-2025年", "2019", "gYear")]),
    ("衡水成功入选2021—2023年创建周期全国文明城市提名城市名单", 2022, [("2021—2023年", "2021", "gYear")]),
    ("十三五期间，我市以打造创新型衡水为主线", 2021, []),
    ("正常运营6个月以上的", 2021, []),
    ("今年2月1日凌晨，93岁的吴春苗老人安然离世", 2023, [("今年2月1日", "2023-02-01", "date")]),
    ("1月 9日至 12月27日，共完成核酸检测2597.6807万例", 2021,
     [("1月 9日", "2021-01-09", "date"), ("12月27日", "2021-12-27", "date")]),
    ("去年以来，阜城县探索建立了干部教育培训体系", 2022, [("去年", "2021", "gYear")]),
    ("于2014年5月把老人送进养老院", 2023, [("2014年5月", "2014-05", "gYearMonth")]),
    ("新华社石家庄12月 19日电", 2021, [("12月 19日", "2021-12-19", "date")]),
    ("十二月二十日起正式运行", 2021, [("十二月二十日", "2021-12-20", "date")]),
    ("二〇二一年十二月", None, [("二〇二一年十二月", "2021-12", "gYearMonth")]),
    ("１２月２２日开抢", 2021, [("１２月２２日", "2021-12-22", "date")]),
    ("2021年2月30日", 2021, []),
    ("13月5日", 2021, []),
    ("2021年12", 2021, [("2021年", "2021", "gYear")]),
]


@pytest.mark.parametrize("text,year,expected", CASES)
def test_dates_resolve_against_year(text, year, expected):
    got = [(d.text, d.value, d.datatype) for d in find_dates(text, year)]
    assert got == expected


@pytest.mark.parametrize(
    "text",
    ["12月16日，在故城县郑口镇师黄村", "今年6月底前", "11月初，该局就制订印发了", "去年以来"],
)
def test_dates_without_year_skip_relative_dates(text):
    assert find_dates(text, None) == []


def test_dates_without_year_keep_explicit_years():
    assert [d.value for d in find_dates("于2014年5月把老人送进养老院，12月16日", None)] == ["2014-05"]


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet=st.sampled_from(list("0123456789０１２ 年月日号至-—今去前明份初底旬十一二三〇，的")), max_size=40),
    st.one_of(st.none(), st.integers(min_value=1, max_value=9998)),
)
def test_dates_any_text_offsets_slice_back_and_values_valid(text, year):
    for d in find_dates(text, year):
        assert text[d.start:d.end] == d.text
        assert d.datatype in DATATYPES
        if d.datatype == "date":
            import datetime

            datetime.date.fromisoformat(d.value)
        elif d.datatype == "gYearMonth":
            y, m = d.value.split("-")
            assert len(y) == 4 and 1 <= int(m) <= 12
        else:
            assert len(d.value) == 4 and d.value.isdigit()


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80))
def test_dates_arbitrary_unicode_no_crash(text):
    for d in find_dates(text, 2021):
        assert text[d.start:d.end] == d.text
