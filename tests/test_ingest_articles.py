"""Article splitting on every seed page, against gold and hand-written tables."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.ingest import read_page, split_articles
from kg.ingest.articles import dedupe_repeated, guess_year, parse_people

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
GOLD = Path("/work/shared/gold")


def _seed(prefix: str) -> Path:
    return next(SEEDS.glob(prefix + "_*.txt"))


def _gold_articles(prefix: str):
    path = next(GOLD.glob(prefix + "_*.json"), None)
    if path is None:
        pytest.skip("gold annotations not available")
    rows = json.loads(path.read_text(encoding="utf-8"))["articles"]
    # the gold marks a missing source as "none"; the page model uses ""
    return [(a["headline"], "" if a["source"] == "none" else a["source"], a["reporters"]) for a in rows]


# pages without gold articles: read by hand
EXPECTED = {
    "001": [
        ("让群众真切感到“幸福来敲门”", "河北日报讯", ["陈凤来"]),
        ("迎新春 助冬奥 防疫情 全市开展爱国卫生专项行动", "河北日报讯", ["焦磊"]),
        ("“我为群众办实事” 最美人物(集体)颁奖", "河北日报讯", ["焦磊"]),
        ("去年全市完成营造林31.1万亩", "河北日报讯", ["焦磊"]),
        ("大讲堂+微党课+专班+实训课 阜城强化乡村基层干部培训", "河北日报讯", ["焦磊", "张敬波"]),
        ("衡水开展河湖生态修复、全社会节水、水资源统筹利用、 水污染防治、岸线空间管控 实施“五大行动”治理河湖空间",
         "河北日报讯", ["陈凤来"]),
    ],
    "003": [
        ("市住建局让百姓清洁温暖过冬", "本报讯", ["张月亭"]),
        ("把实事办到群众心坎上", "", ["高占峰", "任玉静"]),
        ("", "", ["袁占林"]),  # photo with caption only
        ("莫道春光难揽取 浮云过后艳阳天", "本报讯", ["李晨阔"]),
        ("我市深化公平竞争审查制度营造有序市场环境", "本报讯", ["张向南"]),
        ("武邑荣膺“平安中国建设示范县”称号", "本报讯", ["李辉", "亓雨"]),
        ("我市综合创新生态体系建设实现新突破", "本报讯", ["张向南"]),
    ],
    "004": [
        ("衡水加快建设北方平原地区统筹城乡发展先行区 融合发展 城乡蝶变", "河北日报讯", ["孟宪峰"]),
        ("武邑每年4000万元支持企业转型升级", "河北日报", ["陈凤来"]),
        ("衡水启动学雷锋志愿服务系列活动", "河北日报", ["焦磊"]),
        ("16年如一日帮扶孤寡老人", "河北日报", ["孟宪峰"]),
        ("安平“证照分离”改革全覆盖", "河北日报", ["焦磊"]),
        ("景县开展便民办税春风行动", "河北日报", ["焦磊"]),
    ],
}


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_articles_match_expected_list(prefix):
    expected = EXPECTED.get(prefix) or _gold_articles(prefix)
    page = read_page(_seed(prefix))
    got = [(a.headline, a.source, a.reporters) for a in page.articles]
    assert len(got) == len(expected)
    assert [g[0] for g in got] == [e[0] for e in expected]
    assert got == expected


@pytest.mark.parametrize("prefix, index, subtitles, dateline", [
    ("000", 1, ["打通农村群众安全饮水“最后一公里”"], ""),
    ("000", 4, ["已成功办理相关业务203件"], ""),
    ("000", 5, [], "石家庄12月19日电"),
    ("001", 0, ["衡水深入推进全国文明城市创建"], ""),
    ("002", 0, ["衡水补短板强基础推进城市精细化管理探访"], ""),
    ("002", 5, ["深入推进“我为群众办实事”主题实践活动"], ""),
    ("003", 1, ["深州市深化党史学习教育办实事开新局纪实"], ""),
    ("003", 3, ["我市疫情防控工作综述"], ""),
])
def test_articles_subtitles_and_dateline(prefix, index, subtitles, dateline):
    a = read_page(_seed(prefix)).articles[index]
    assert a.subtitles == subtitles
    assert a.dateline == dateline


def test_articles_kickers_and_continuations_are_not_headlines():
    page = read_page(_seed("003"))
    heads = {a.headline for a in page.articles} | {s for a in page.articles for s in a.subtitles}
    for label in ("学党史 悟思想 办实事 开新局", "奋斗百年路 启航新征程", "盘 点 2021"):
        assert label not in heads
        assert any(label in a.text for a in page.articles)  # kept in the text
    assert not any("下转" in h for h in heads)


def test_articles_section_headings_stay_inside_their_article():
    page = read_page(_seed("003"))
    a = page.articles[1]
    assert "坚持问题导向，统筹兼顾，高质量建设民生工程" in a.text
    assert a.text.startswith("“今天要去衡水看大孙子。”")
    a = page.articles[3]
    assert "织密“监测网”" in a.text and a.text.startswith("一年来")


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_articles_offsets_slice_back(prefix):
    page = read_page(_seed(prefix))
    last_end = 0
    for i, a in enumerate(page.articles):
        assert a.index == i
        assert page.text[a.start:a.end] == a.text
        assert a.start >= last_end  # in page order, no overlap
        last_end = a.end
        assert a.sentences
        for s in a.sentences:
            assert a.text[s.start:s.end] == s.text


@pytest.mark.parametrize("prefix, year", [("000", 2021), ("002", 2021), ("003", 2021), ("004", 2023)])
def test_articles_year_is_the_publication_year(prefix, year):
    assert {a.year for a in read_page(_seed(prefix)).articles} == {year}


@pytest.mark.parametrize("text, year", [
    ("今年6月底前完成。2021年9月正式开展，2021年实施。2022年城乡居民医保收缴。", 2021),
    ("2007年，他第一次上门。衡水市2023年学雷锋志愿服务活动启动。", 2023),
    ("由2017年的193家发展到522家，由2017年的25家发展到76家。市2021年重点项目，2021年20项民生工程。", 2021),
    ("《县域科技创新跃升计划（2019-2025年）》印发。", 2019),
    ("没有年份。1800年的事。", None),
])
def test_articles_guess_year(text, year):
    assert guess_year(text) == year


@pytest.mark.parametrize("people, names", [
    ("记者张玲玲", ["张玲玲"]),
    ("马森", ["马森"]),
    ("记者焦磊 通讯员张敬波", ["焦磊", "张敬波"]),
    ("河北日报记者 陈凤来 通讯员 田静云", ["陈凤来", "田静云"]),
    ("本报记者 李晨阔", ["李晨阔"]),
])
def test_articles_parse_people(people, names):
    assert parse_people(people) == names


@pytest.mark.parametrize("text, expected", [
    ("把实事办到群众心坎上把实事办到群众心坎上把实事办到群众心坎上", "把实事办到群众心坎上"),
    ("哈哈", "哈"),
    ("衡水新建停车位13901个", "衡水新建停车位13901个"),
])
def test_articles_dedupe_repeated_headline(text, expected):
    assert dedupe_repeated(text) == expected


@pytest.mark.parametrize("text, headline, source, reporters", [
    # headline above, markdown levels: the top-level heading is the headline
    ("### 小标题\n\n# 大标题\n\n河北日报记者 王五\n\n正文第一段。", "大标题", "河北日报讯", ["王五"]),
    # headline below the body, subtitle between
    ("本报讯（记者赵六）正文。\n\n副题在这里\n\n主标题在这里\n\n本报讯（钱七）另一篇。\n\n另一篇标题",
     "主标题在这里", "本报讯", ["赵六"]),
    # continuation mark ends the visible part; it is not a headline
    ("本报讯（记者赵六）正文还没完， (下转A4版)\n\n主标题在这里", "主标题在这里", "本报讯", ["赵六"]),
])
def test_articles_layouts(text, headline, source, reporters):
    a = split_articles(text)[0]
    assert (a.headline, a.source, a.reporters) == (headline, source, reporters)


def test_a_dateline_of_a_county_media_centre_starts_an_article():
    text = (
        "### 第一条新闻\n\n本报讯（记者甲乙）正文一。\n\n"
        "### 茶旅文化节开幕\n\n上犹县融媒体中心讯（记者刘萍 通讯员曾志强）9月21日，文化节开幕。\n\n"
        "### 医保征缴\n\n南康讯（通讯员谢丽萍）记者从南康区医保局获悉。\n"
    )
    arts = split_articles(text)
    assert [a.headline for a in arts] == ["第一条新闻", "茶旅文化节开幕", "医保征缴"]
    assert [a.source for a in arts] == ["本报讯", "上犹县融媒体中心讯", "南康讯"]
    assert arts[1].reporters == ["刘萍", "曾志强"]


def test_a_news_sites_dateline_with_the_day_starts_an_article():
    text = (
        "### 第一条新闻\n\n本报讯（记者甲乙）正文一。\n\n"
        "### 8家长者食堂同步开餐\n\n嵌入式服务设施让老人“乐享晚年”\n\n"
        "晋江新闻网6月12日讯（记者蔡雅婷 通讯员王丽君）“一荤两素一汤，才12块钱。”\n"
    )
    arts = split_articles(text)
    assert [a.headline for a in arts] == ["第一条新闻", "8家长者食堂同步开餐"]
    assert arts[1].source == "晋江新闻网" and arts[1].reporters == ["蔡雅婷", "王丽君"]


def test_a_portals_source_line_and_the_dateline_after_it_open_one_article():
    text = (
        "### 全县抓好春季麦田管理\n\n——全县已完成春灌26.8万亩\n\n来源：某县融媒体中心　　发布时间：2024-03-15\n\n"
        "某县融媒体中心讯（记者 王志刚 通讯员 李晓燕）3月13日，记者获悉。\n\n眼下正值小麦返青。\n\n"
        "### 医共体建设\n\n来源：某县医疗保障局　　发布时间：2024-03-16\n\n某县医疗保障局讯（通讯员 赵文静）近日，县医保局召开会议。\n"
    )
    arts = split_articles(text)
    assert [a.headline for a in arts] == ["全县抓好春季麦田管理", "医共体建设"]
    assert arts[0].reporters == ["王志刚", "李晓燕"]


def test_a_portals_source_line_starts_an_article_and_a_closing_credit_names_its_reporters():
    text = ("### 甲镇开展人居环境整治\n\n本报讯（记者王强）3月12日，甲镇召开会议。\n\n"
            "### 乙镇推进农田建设\n\n来源：某县融媒体中心　　发布时间：2024-03-20\n\n乙镇建设高标准农田5000亩。\n\n"
            "（通讯员 李晓东 张倩）\n\n"
            "### 丙镇开展义诊\n\n某县融媒体中心讯（记者 马晓琳）丙镇开展义诊活动。\n")
    arts = split_articles(text)
    assert [a.headline for a in arts] == ["甲镇开展人居环境整治", "乙镇推进农田建设", "丙镇开展义诊"]
    assert arts[1].source == "某县融媒体中心"
    assert arts[1].reporters == ["李晓东", "张倩"]
    assert arts[1].text.rstrip().endswith("（通讯员 李晓东 张倩）")
    assert arts[2].reporters == ["马晓琳"]


def test_a_portals_source_line_with_the_date_first_and_its_authors():
    text = (
        "### 甲镇召开春耕生产会议\n\n发布时间：2023-04-11　来源：某县融媒体中心　作者：周晓红　刘成\n\n"
        "4月10日，甲镇召开会议，部署春耕生产。\n\n全镇落实种子2万公斤。\n\n"
        "### 乙镇开展消防演练\n\n——全镇各村参与\n\n"
        "发布时间：2023-04-12 09:30　来源：某县应急管理局　作者：孙立　通讯员：韩雪梅\n\n"
        "4月11日，乙镇开展消防演练。\n\n"
        "### 丙镇举办农民技能培训\n\n发布时间：2023-04-13　来源：某县人社局\n\n丙镇举办培训班3期。\n"
    )
    arts = split_articles(text)
    assert [a.headline for a in arts] == ["甲镇召开春耕生产会议", "乙镇开展消防演练", "丙镇举办农民技能培训"]
    assert [a.source for a in arts] == ["某县融媒体中心", "某县应急管理局", "某县人社局"]
    assert arts[0].reporters == ["周晓红", "刘成"]
    assert arts[1].reporters == ["孙立", "韩雪梅"]
    assert arts[2].reporters == []


def test_a_body_line_that_opens_with_a_date_field_is_no_source_line():
    text = ("### 丁镇推进道路硬化\n\n本报讯（记者 王强）丁镇推进道路硬化。\n\n"
            "发布时间：2023-04-12　全镇完成道路硬化12公里。\n")
    arts = split_articles(text)
    assert len(arts) == 1 and "全镇完成道路硬化12公里" in arts[0].text
