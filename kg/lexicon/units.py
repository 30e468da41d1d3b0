"""Units and measure words of Chinese news prose, with the kind of quantity each measures.

Used by :mod:`kg.extract.quantities` and :mod:`kg.extract.dates`. Everything
here is general knowledge of written Chinese; nothing is specific to a page.

Kinds: ``money``, ``length``, ``area``, ``volume``, ``mass``, ``count``,
``people``, ``time``, ``ratio``, ``concentration``, ``age``.
"""

from __future__ import annotations

# unit as written → kind. Longer units win over their prefixes (平方米 over 米,
# 个百分点 over 个, 人次 over 人), so order does not matter here.
UNITS: dict[str, str] = {
    # money
    "元": "money", "美元": "money", "欧元": "money", "港元": "money", "日元": "money",
    # length
    "公里": "length", "千米": "length", "米": "length", "延米": "length",
    "厘米": "length", "毫米": "length",
    # area
    "平方米": "area", "平米": "area", "平方公里": "area", "平方千米": "area",
    "亩": "area", "公顷": "area",
    # volume
    "立方米": "volume", "立方": "volume", "升": "volume", "毫升": "volume",
    # mass
    "吨": "mass", "公斤": "mass", "千克": "mass", "克": "mass", "斤": "mass",
    # concentration
    "微克/立方米": "concentration", "毫克/立方米": "concentration",
    "毫克/升": "concentration", "微克/升": "concentration",
    # ratios
    "%": "ratio", "‰": "ratio", "个百分点": "ratio", "倍": "ratio",
    # time spans (not points in time: 年 after a four-digit year, 月, 日, 时 are dates)
    "年": "time", "个月": "time", "天": "time", "小时": "time", "分钟": "time",
    "秒": "time", "周": "time", "个工作日": "time", "工作日": "time", "个季度": "time",
    # people
    "人": "people", "名": "people", "人次": "people", "位": "people",
    # ages
    "岁": "age", "周岁": "age",
    # counts: measure words
    "个": "count", "座": "count", "套": "count", "所": "count", "件": "count",
    "项": "count", "条": "count", "张": "count", "台": "count", "家": "count",
    "处": "count", "棵": "count", "株": "count", "次": "count", "场": "count",
    "场次": "count", "期": "count", "份": "count", "根": "count", "块": "count",
    "辆": "count", "间": "count", "户": "count", "剂": "count", "剂次": "count",
    "例": "count", "批": "count", "轮": "count", "支": "count", "只": "count",
    "头": "count", "枚": "count", "副": "count", "部": "count", "部门": "count",
    "册": "count", "本": "count", "篇": "count", "首": "count", "栋": "count",
    "幢": "count", "层": "count", "盏": "count", "架": "count", "艘": "count",
    "眼": "count", "口": "count", "段": "count", "片": "count", "组": "count",
    "类": "count", "种": "count", "班": "count", "起": "count", "宗": "count",
    "笔": "count", "趟": "count", "遍": "count", "门": "count", "家次": "count",
    "户次": "count",
}

# Measure words that, after a Chinese numeral, usually form an ordinal or a
# name rather than an amount (二期水厂, 三级网络, 一号线): skipped there.
ORDINAL_PRONE_AFTER_CHINESE_NUMERAL = frozenset({"期", "门", "口", "头", "本", "起", "眼", "首", "层", "班", "段", "片", "组"})

# Multipliers written between the number and the unit.
MULTIPLIERS: dict[str, int] = {
    "万亿": 10**12, "千亿": 10**11, "百亿": 10**10, "千万": 10**7, "百万": 10**6,
    "亿": 10**8, "万": 10**4, "千": 10**3, "百": 10**2,
}

# A number with a multiplier but no measure word, followed (within a few
# characters) by one of these nouns, takes the unit and kind given here:
# 332.21万农村人口 → 人, 20万担保贷款 → 元, 1.56万“电代煤”用户 → 户.
IMPLIED_UNITS: dict[str, tuple[str, str]] = {
    "人口": ("人", "people"), "群众": ("人", "people"), "居民": ("人", "people"),
    "农民": ("人", "people"), "村民": ("人", "people"), "市民": ("人", "people"),
    "党员": ("人", "people"), "志愿者": ("人", "people"), "职工": ("人", "people"),
    "学生": ("人", "people"), "游客": ("人", "people"), "人员": ("人", "people"),
    "用户": ("户", "count"), "农户": ("户", "count"),
    "贷款": ("元", "money"), "资金": ("元", "money"), "补贴": ("元", "money"),
    "投资": ("元", "money"), "奖金": ("元", "money"), "经费": ("元", "money"),
    "收入": ("元", "money"), "产值": ("元", "money"), "销售额": ("元", "money"),
    "资产": ("元", "money"), "税收": ("元", "money"), "营业额": ("元", "money"),
}
IMPLIED_UNIT_MAX_GAP = 6  # characters allowed between the number and the noun

# Qualifiers, as written.
QUALIFIERS_BEFORE = (
    "最高不超过", "最长不超过", "最多不超过", "不超过", "不少于", "不低于", "不高于",
    "不足", "不到", "超过", "最高", "最多", "最长", "最低", "至少", "多达", "高达",
    "将近", "接近", "大约", "近", "约", "逾",
)
# A one-character qualifier preceded by one of these characters is the end of
# another word (附近, 节约, 赶超), not a qualifier.
QUALIFIER_FALSE_PREFIXES: dict[str, str] = {"近": "附最将接临邻贴亲靠", "约": "节签制预公条契合邀相"}
QUALIFIERS_IN = ("余", "多", "来")  # 7000余棵, 20多万名, 20来年
QUALIFIERS_AFTER = ("以上", "以下", "以内", "左右", "之多")

# Range connectors: 16至24岁, 3—5年.
RANGE_CONNECTORS = ("至", "到", "-", "—", "－", "~", "～")

# Chinese numerals.
CHINESE_DIGITS: dict[str, int] = {
    "零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
    "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
}
CHINESE_SMALL_UNITS: dict[str, int] = {"十": 10, "百": 100, "千": 1000}
CHINESE_BIG_UNITS: dict[str, int] = {"万": 10**4, "亿": 10**8}

# Full-width digits and signs → ASCII, one character for one so offsets hold.
# (not the full-width comma: in Chinese it separates clauses, never thousands)
FULLWIDTH = str.maketrans("０１２３４５６７８９．％＋－～／", "0123456789.%+-~/")

# --- words around a quantity, used to read its label ----------------------

# Characters that end a clause: the label never crosses them.
CLAUSE_DELIMITERS = "，,；;。：:！!？?\n（）()【】[]……"

# Words dropped from the start of a label: subjects, time adverbs and
# light verbs that say nothing about what is measured (完成管网铺设 → 管网铺设).
# 新增, 新建, 改造 … are kept: they are part of what is measured.
LABEL_LEADING_WORDS = (
    "截至目前", "截止目前", "截至年底", "到目前为止", "与此同时", "其中", "同时", "目前", "现已",
    "已经", "已", "共计", "总计", "合计", "累计", "共", "完成了", "完成", "实现了", "实现",
    "达到", "形成", "全年", "今年", "去年", "年内", "此外", "另外", "并且", "并", "还",
    "又", "均", "将", "对", "把", "向", "在", "从", "给", "由", "有", "约", "我市", "该市",
    "我县", "该县", "我区", "该区", "该局", "该镇", "该村", "他们", "我们", "其", "先后",
    "进一步", "确保", "已累计", "共有", "拥有", "主要", "当天", "目前已", "每年",
    "分别", "以及", "和", "及", "与", "的", "等", "全市", "全县", "全区", "全省",
)
LABEL_TRAILING_WORDS = (
    "达到了", "达到", "已达", "共计", "总计", "合计", "累计", "共有", "共", "计",
    "达", "为", "约", "是", "有", "了", "各", "分别", "均", "都", "已", "已经", "只",
    "今年", "去年", "全年", "全市", "全县", "全区", "全省", "全国", "我市", "该市", "目前",
)
# A leading time phrase: 五年来, 2017年以来, 近年来, 今年以来.
LABEL_LEADING_TIME = (
    r"(?:[0-9一二三四五六七八九十两]+年|近年|今年|去年|多年)(?:来|以来)"
    r"|截[至止]到?[^，,；;。]{0,12}?(?:月底|月初|月末|年底|年末|目前|日|月)"
)
# Verbs that take the counted thing as their object: after them the label is
# the noun that follows the unit (实施121个停车设施建设项目 → 停车设施建设项目).
VERBS_BEFORE_OBJECT = (
    "实施", "建成", "建成了", "涉及", "惠及", "覆盖", "容纳", "组建", "建立", "设立", "设置",
    "开通", "配备", "选派", "举办", "组织", "推出", "签约", "引进", "培育", "打造", "完成",
    "新建", "建设", "启动", "开工", "成立", "出台", "制定", "提出", "发放", "招用", "吸纳",
    "帮助", "服务", "带动", "联系", "走访", "调研", "拆除", "处理", "受理", "收到", "办理",
    "接待", "安装", "投放", "购置", "聘请", "邀请", "吸引", "举行", "开展", "确定", "表彰",
    "命名", "评选", "认定", "荣获", "获得", "拥有", "有", "列为", "列入", "纳入",
    "制订", "印发", "编制", "修订",
)
# Characters after which a long label may be cut to its last part.
LABEL_BREAKS = "、，,的等和及与”“\"’‘》《 "

# Words that end the noun read after a unit when nothing before the number
# names what is measured (对140个老旧小区进行了全面改造 → 老旧小区).
NOUN_AFTER_STOPS = (
    "的", "进行", "被", "已", "将", "在", "和", "与", "及", "全部", "均", "得到", "获得",
    "荣获", "实现", "完成", "开展", "参加", "参与", "共", "为", "是", "有", "涉及",
    "受益", "提供", "签约", "完成", "达到", "走", "进", "到", "中", "分别", "都",
    "也", "已经", "正", "接受", "注册", "纳入", "覆盖", "结对", "等", "进一步", "并", "全覆盖",
)
LABEL_MAX_CHARS = 20
NOUN_AFTER_MAX_CHARS = 12
