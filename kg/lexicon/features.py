"""Name grammar of geographic features (``kg:adminLevel "feature"``).

General knowledge of how Chinese names of rivers, canals, lakes, roads,
highways, parks, squares, stations, residential compounds and scenic areas
are formed: a proper-name stem plus a generic suffix (通名), as described by
the national rules for geographic names (地名管理条例) and the road-naming
customs of Chinese cities (东西向 路/大街, 经一路/纬二路, 东延/西延 for
extensions, two-city abbreviations + 线 for highways such as 京九线). No name
of a particular feature is listed.

Development zones (开发区, 高新区, 新区) are administrative units of county
level in SCHEMA.md, not features: they are in ``ADMIN_ZONE_SUFFIXES``.
"""

from __future__ import annotations

# suffix → kind. Kinds: water, road, highway, bridge, park, scenic, station,
# transport, residential, industrial, terrain, venue.
_FEATURE_SUFFIX_KINDS: dict[str, str] = {
    # water
    "河": "water",
    "江": "water",
    "湖": "water",
    "渠": "water",
    "运河": "water",
    "大运河": "water",
    "干渠": "water",
    "总干渠": "water",
    "支渠": "water",
    "斗渠": "water",
    "排渠": "water",
    "排河": "water",
    "减河": "water",
    "引河": "water",
    "新河": "water",
    "故道": "water",
    "水库": "water",
    "调蓄水库": "water",
    "淀": "water",
    "洼": "water",
    "湿地": "water",
    "泊": "water",
    "海": "water",
    "溪": "water",
    "沟": "water",
    "塘": "water",
    "池": "water",
    "泉": "water",
    "湾": "water",
    "滩": "water",
    "岛": "water",
    "闸": "water",
    "水系": "water",
    "水利枢纽": "water",
    # roads and streets
    "路": "road",
    "大街": "road",
    "街": "road",
    "大道": "road",
    "道": "road",
    "胡同": "road",
    "巷": "road",
    "环路": "road",
    "外环": "road",
    "内环": "road",
    "外环路": "road",
    "内环路": "road",
    "中环路": "road",
    "二环路": "road",
    "三环路": "road",
    "环线": "road",
    "快速路": "road",
    "高架": "road",
    "步行街": "road",
    "商业街": "road",
    "一路": "road",
    "二路": "road",
    "三路": "road",
    "四路": "road",
    "五路": "road",
    "六路": "road",
    "七路": "road",
    "八路": "road",
    "九路": "road",
    # highways and railways
    "线": "highway",
    "高速": "highway",
    "高速公路": "highway",
    "国道": "highway",
    "省道": "highway",
    "县道": "highway",
    "乡道": "highway",
    "公路": "highway",
    "铁路": "highway",
    "高铁": "highway",
    "城际铁路": "highway",
    "客运专线": "highway",
    "连接线": "highway",
    "隧道": "highway",
    "立交": "bridge",
    "立交桥": "bridge",
    "大桥": "bridge",
    "桥": "bridge",
    "高架桥": "bridge",
    # parks, squares, scenic areas
    "公园": "park",
    "湿地公园": "park",
    "森林公园": "park",
    "郊野公园": "park",
    "口袋公园": "park",
    "街心公园": "park",
    "生态公园": "park",
    "遗址公园": "park",
    "主题公园": "park",
    "植物园": "park",
    "动物园": "park",
    "游园": "park",
    "广场": "park",
    "文化广场": "park",
    "绿道": "park",
    "景区": "scenic",
    "风景区": "scenic",
    "风景名胜区": "scenic",
    "旅游区": "scenic",
    "度假区": "scenic",
    "旅游度假区": "scenic",
    "自然保护区": "scenic",
    "小镇": "scenic",
    "特色小镇": "scenic",
    "古镇": "scenic",
    "古城": "scenic",
    "古村": "scenic",
    "遗址": "scenic",
    "故居": "scenic",
    "陵园": "scenic",
    "烈士陵园": "scenic",
    "纪念碑": "scenic",
    "塔": "scenic",
    "寺": "scenic",
    "庙": "scenic",
    # stations
    "站": "station",
    "火车站": "station",
    "高铁站": "station",
    "北站": "station",
    "南站": "station",
    "东站": "station",
    "西站": "station",
    "汽车站": "station",
    "汽车总站": "station",
    "长途汽车站": "station",
    "客运站": "station",
    "客运总站": "station",
    "客运中心": "station",
    "公交站": "station",
    "公交枢纽站": "station",
    "地铁站": "station",
    "收费站": "station",
    "服务区": "station",
    "综合交通枢纽": "station",
    # other transport
    "机场": "transport",
    "国际机场": "transport",
    "港": "transport",
    "港口": "transport",
    "码头": "transport",
    "口岸": "transport",
    "货场": "transport",
    "物流园": "transport",
    "物流园区": "transport",
    "陆港": "transport",
    # residential compounds
    "小区": "residential",
    "综合小区": "residential",
    "花园": "residential",
    "家园": "residential",
    "公寓": "residential",
    "新村": "residential",
    "城": "residential",
    "苑": "residential",
    "园区": "industrial",
    "嘉园": "residential",
    "佳苑": "residential",
    "名苑": "residential",
    "雅苑": "residential",
    "华府": "residential",
    "公馆": "residential",
    "山庄": "residential",
    "别墅": "residential",
    "宿舍": "residential",
    "家属院": "residential",
    "安置小区": "residential",
    "安置房": "residential",
    "回迁房": "residential",
    # industrial zones (not administrative)
    "产业园": "industrial",
    "产业园区": "industrial",
    "工业园": "industrial",
    "工业园区": "industrial",
    "工业区": "industrial",
    "产业基地": "industrial",
    "产业集聚区": "industrial",
    "科技园": "industrial",
    "创业园": "industrial",
    "孵化园": "industrial",
    "农业园区": "industrial",
    "农业示范园": "industrial",
    # terrain
    "山": "terrain",
    "岭": "terrain",
    "峰": "terrain",
    "峡": "terrain",
    "谷": "terrain",
    "坡": "terrain",
    "原": "terrain",
    "林": "terrain",
    "林带": "terrain",
    "森林": "terrain",
    "平原": "terrain",
    "洼地": "terrain",
    "堤": "terrain",
    "大堤": "terrain",
    # venues (places of an event; an extractor may keep or skip them)
    "体育馆": "venue",
    "体育场": "venue",
    "体育中心": "venue",
    "会展中心": "venue",
    "展览馆": "venue",
    "文化中心": "venue",
    "市民中心": "venue",
    "大厦": "venue",
    "大楼": "venue",
    "礼堂": "venue",
    "大礼堂": "venue",
    "会堂": "venue",
    "宾馆": "venue",
    "农贸市场": "venue",
    "批发市场": "venue",
    "商贸城": "venue",
    "商业综合体": "venue",
    "停车场": "venue",
    "垃圾填埋场": "venue",
}

#: suffix → kind, longest suffix first.
FEATURE_SUFFIX_KINDS: dict[str, str] = dict(
    sorted(_FEATURE_SUFFIX_KINDS.items(), key=lambda kv: (-len(kv[0]), kv[0]))
)

#: Suffixes that end a feature name, longest first.
FEATURE_SUFFIXES: tuple[str, ...] = tuple(FEATURE_SUFFIX_KINDS)

#: Suffixes that also end common words or other kinds of names. A name that
#: ends in one is trusted only with a proper-name stem that the extractor
#: knows (a gazetteer place, a person-free two-character stem in the grammar
#: of that kind) or a cue (位于, 沿, 路口): 道 (渠道, 频道, 知道), 线 (一线, 热线,
#: 红线 — a highway line is two place abbreviations + 线), 城 (进城, 县城,
#: 商贸城), 站 (加油站, 工作站, 进站), 海/江/湖 (人海; 江 also ends personal
#: names and 浙江 the province), 苑/林/原/山 (personal and firm names) …
#: Single characters that end far more common words than names — 园 (幼儿园),
#: 府 (政府), 庭 (家庭), 里 (公里) — are not suffixes at all; their longer
#: forms are (公园, 华府, 嘉园).
AMBIGUOUS_FEATURE_SUFFIXES: frozenset[str] = frozenset(
    {
        "道", "线", "城", "站", "海", "江", "湖", "河", "渠",
        "沟", "塘", "池", "泉", "湾", "滩", "岛", "闸", "泊", "洼", "淀",
        "溪", "苑", "林", "原", "山", "岭", "峰", "峡", "谷",
        "坡", "堤", "塔", "寺", "庙", "港", "桥", "街", "巷", "路", "花园",
        "家园", "公寓", "宿舍", "公路", "铁路", "高铁",
        "高速", "服务区", "大厦", "大楼", "宾馆", "会堂", "礼堂",
        "广场", "小镇", "遗址", "森林", "平原", "洼地", "安置房", "回迁房",
        "停车场", "别墅", "山庄", "林带", "客运中心", "文化中心",
        "体育中心", "市民中心", "故道", "新河", "一路", "二路", "三路",
        "四路", "五路", "六路", "七路", "八路", "九路",
    }
)

#: Suffixes of development zones and new districts: administrative units of
#: county level (SCHEMA.md), not features → level.
ADMIN_ZONE_SUFFIXES: dict[str, str] = dict(
    sorted(
        {
            "经济技术开发区": "county",
            "高新技术产业开发区": "county",
            "经济开发区": "county",
            "经开区": "county",
            "开发区": "county",
            "高新区": "county",
            "新区": "county",
            "综合保税区": "county",
            "保税区": "county",
            "自由贸易试验区": "county",
            "自贸区": "county",
            "示范区": "county",
            "管理区": "county",
        }.items(),
        key=lambda kv: (-len(kv[0]), kv[0]),
    )
)

#: Words after a road name that mark an extension or a part of it: they are
#: not part of the road's name (人民路东延 is 人民路), though a program may
#: take them (…路东延工程).
STREET_DIRECTION_WORDS: tuple[str, ...] = (
    "东延伸段",
    "西延伸段",
    "南延伸段",
    "北延伸段",
    "延长线",
    "延伸段",
    "东延",
    "西延",
    "南延",
    "北延",
    "东段",
    "西段",
    "南段",
    "北段",
    "中段",
    "东侧",
    "西侧",
    "南侧",
    "北侧",
    "两侧",
    "沿线",
    "以东",
    "以西",
    "以南",
    "以北",
    "路口",
    "交叉口",
    "交口",
    "辅路",
    "主路",
)

#: Prefix letters of national route codes (G106, S040) → the kind of road.
ROUTE_CODE_PREFIXES: dict[str, str] = {
    "G": "国道",
    "S": "省道",
    "X": "县道",
    "Y": "乡道",
    "Z": "专用公路",
}

#: Words that end in a feature suffix but name no feature: common nouns of
#: roads, water, parks and neighbourhoods, and the many words ending in 线,
#: 道, 城, 站, 园 that are not places.
GENERIC_FEATURE_WORDS: frozenset[str] = frozenset(
    {
        # figures of speech for a river
        "母亲河", "幸福河", "生态河", "致富河",
        # common nouns that end like a feature (锂电池, 蓝色海湾, 沙滩修复, 入海排污口)
        "电池", "蓄电池", "锂电池", "动力电池", "海湾", "港湾", "沙滩", "河滩", "海滩", "滩涂", "滨海", "入海", "公海", "近海",
        "古桥", "山路", "海岸", "岸线",
        # along or into a river, not its name (沿河入河排污口, 滨江绿道; 滨河路 is a road's name)
        "沿河", "入河", "沿河入河", "滨河绿道", "滨江绿道", "沿河绿道", "沿江绿道", "环湖绿道",
        # roads of the fields
        "生产路", "田间路", "田间道路", "机耕路", "作业路", "生产便道",
        # roads
        "道路", "马路", "公路", "街道", "大街小巷", "背街小巷", "小街巷",
        "街巷", "主干道", "次干道", "主干路", "次干路", "支路", "干道",
        "路段", "路口", "路面", "沿路", "道口", "车道", "人行道", "盲道",
        "便道", "通道", "绿道", "辅道", "匝道", "跑道", "步道", "栈道",
        "快速路", "环路", "断头路", "无名路", "农村公路", "国道", "省道",
        "县道", "乡道", "村道", "高速", "高速公路", "铁路", "高铁", "街",
        "大街", "路", "桥", "桥梁", "隧道", "立交",
        # not roads: words in 道
        "渠道", "频道", "知道", "领道", "轨道", "赛道", "管道", "报道",
        "地道", "之道", "味道", "一道", "公道", "称道", "难道", "正道",
        "河道",
        # not roads: words in 线
        "一线", "热线", "专线", "红线", "底线", "防线", "生命线", "路线",
        "航线", "干线", "支线", "管线", "电线", "视线", "界线", "边境线",
        "海岸线", "标线", "斑马线", "人行横道线", "流水线", "生产线",
        "主线", "连线", "上线", "下线", "在线", "沿线", "战线", "前线",
        "全线", "直线", "曲线", "无线", "有线", "天线", "基线", "高压线",
        "中心线", "分界线", "公交线", "线路", "导线", "光纤线", "警戒线",
        "水位线", "起跑线", "时间线", "阵线", "毛线",
        # water
        "河流", "河湖", "湖泊", "水库", "坑塘", "沟渠", "河渠", "水系", "河塘", "河沟", "沟塘", "塘坝",
        "湿地", "海洋", "江河", "江湖", "水面", "池塘", "水塘", "山水",
        # parks and areas
        "公园", "公园绿地", "绿地", "游园", "广场", "景区", "风景区",
        "景点", "园区", "产业园", "工业园区", "产业园区", "开发区", "新区",
        "城区", "市区", "县城", "主城区", "老城区", "新城区", "城市",
        "城乡", "全城", "进城", "古城", "小镇", "乡镇", "园林", "家园",
        "花园", "庭院", "校园", "幼儿园", "田园", "果园", "菜园",
        # residential
        "小区", "老旧小区", "住宅小区", "居民小区", "新建小区", "社区",
        "片区", "城中村", "公寓", "宿舍",
        # stations that are generic
        "车站", "站点", "基站", "加油站", "服务站", "工作站", "监测站",
        "充电站", "变电站", "泵站", "公交站", "火车站", "高铁站", "汽车站",
        "收费站", "服务区", "网站", "驿站",
        # others
        "机场", "港口", "码头", "口岸", "市场", "山区", "平原", "海外",
        "里面", "这里", "那里", "公里", "千里", "邻里", "府", "政府",
        "家庭", "法庭", "森林", "林地", "风景线", "调线", "进站",
        "出站", "到站", "换热站", "热力站", "城管热线", "园", "庭",
    }
)


def split_extension(name: str) -> tuple[str, str]:
    """Split a trailing direction word off a road name.

    Returns ``(road, direction)``; ``direction`` is ``""`` when there is none.

    >>> split_extension("人民路东延")
    ('人民路', '东延')
    >>> split_extension("建设大街")
    ('建设大街', '')
    """
    for word in _DIRECTIONS_LONGEST_FIRST:
        if name.endswith(word) and len(name) > len(word):
            return name[: -len(word)], word
    return name, ""


_DIRECTIONS_LONGEST_FIRST: tuple[str, ...] = tuple(
    sorted(STREET_DIRECTION_WORDS, key=lambda s: (-len(s), s))
)
