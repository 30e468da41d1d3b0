"""Name grammar of public programs and the cue words that link them to agencies.

General knowledge of how Chinese government writing names initiatives — a
specific modifier plus a head noun (…工程, …专项行动, …制度改革) — which
verbs introduce them (实施, 开展, 深入推进), and which verbs and phrases say
who organises, undertakes or leads them (主办/承办/牵头, 由…负责). Sources:
the conventions of government work reports and official news (政府工作报告,
部门通知), not any particular page.
"""

from __future__ import annotations

# --- head nouns -----------------------------------------------------------------

#: Heads that make a program name on their own, given any modifier.
STRONG_PROGRAM_HEADS: frozenset[str] = frozenset(
    {
        "工程", "项目", "行动", "专项行动", "三年行动", "攻坚行动",
        "百日行动", "集中行动", "行动计划", "活动", "实践活动", "主题活动",
        "主题实践活动", "主题教育", "专项活动", "宣传活动", "志愿服务活动",
        "宣传月", "宣传周", "宣传季", "活动月", "活动周", "计划", "规划",
        "专项规划", "制度", "责任制", "管理制度", "改革", "制度改革",
        "综合改革", "政策", "方案", "实施方案", "工作方案", "专项整治",
        "集中整治", "综合整治", "专项治理", "综合治理", "攻坚战", "战略",
        "工作法", "发布会", "新闻发布会", "颁奖活动", "颁奖典礼", "演练",
        "应急演练", "大赛", "竞赛", "技能大赛", "论坛", "博览会", "展览会",
        "交易会", "洽谈会", "招聘会", "运动会", "文化节", "艺术节", "旅游节",
        "会议", "工作会议", "推进会", "现场会", "座谈会", "动员会",
        "部署会", "专题会议", "全体会议", "常务会议", "提升工程",
        "民生工程", "民生实事", "民生实事项目", "改造工程", "补贴",
        "贷款", "专项债", "消费券", "热线", "试点", "示范区创建",
        "创建", "评选", "普查", "教育", "学习教育", "专项斗争",
        "运动", "三年行动计划", "五年规划", "奥运会", "冬奥会",
        "残奥会", "冬残奥会", "亚运会", "全运会", "省运会",
        "交流会", "恳谈会", "对接会", "推介会", "表彰大会", "培训班",
        "研讨班", "专题培训班", "大讲堂", "大排查", "大会战",
        "专项检查", "专项督查", "大检查", "春季攻势", "百日攻坚",
        "保卫战", "长制",
        "绿色通道", "服务月", "志愿服务月", "安全生产月",
        "消费季", "活动季", "文化季", "旅游季", "消费节", "购物节", "美食节", "文化周", "消费月",
        "文旅节", "丰收节", "农民丰收节", "采摘节", "音乐节", "电影节", "灯会", "庙会", "马拉松赛",
        "嘉年华", "展销会", "年货节", "读书节", "体育节", "冰雪节", "美食文化节",
        "签约仪式", "开工仪式", "签约开工仪式", "集中开工仪式", "竣工仪式",
    }
)

#: Heads that name a program only with a specific modifier (…体系 alone is
#: any system; 扬尘监管体系 is a program): an extractor should require a
#: stem of several characters, a quotation, or a number (20项民生实事).
WEAK_PROGRAM_HEADS: frozenset[str] = frozenset(
    {
        "工作", "建设", "服务", "治理", "改造", "体系", "机制", "系统",
        "平台", "整治", "整改", "攻坚", "防治", "防控", "保护", "修复",
        "管理", "监管", "帮扶", "培训", "评定", "收缴",
        "登记", "缴费", "发放", "置换", "清淤", "扩建", "新建", "翻建",
        "维修", "封场", "分类", "一体化", "全覆盖", "振兴", "通办",
        "专线", "绿化", "改造提升", "提升改造", "提质升级", "升级改造",
        "运输", "保障", "救助", "补助", "奖励", "优惠", "减免",
        "窗口", "专窗", "专区", "直通车", "问题整改", "督察",
        "产业园", "产业园区", "产业集聚区", "示范带", "产业带", "革命", "收购", "一件事",
    }
)

#: Short names of the two head sets, as the program extractor reads them.
STRONG_HEADS: frozenset[str] = STRONG_PROGRAM_HEADS
WEAK_HEADS: frozenset[str] = WEAK_PROGRAM_HEADS

#: Every head, longest first (ties in code-point order).
PROGRAM_HEADS: tuple[str, ...] = tuple(
    sorted(STRONG_PROGRAM_HEADS | WEAK_PROGRAM_HEADS, key=lambda s: (-len(s), s))
)

# --- words to strip around a name -----------------------------------------------

_LEADING_VERBS: tuple[str, ...] = (
    # bare verbs
    "实施", "开展", "推进", "推动", "启动", "完成", "落实", "深化", "加快",
    "组织", "举办", "召开", "建立", "建设", "打造", "实行", "推行", "推广",
    "执行", "开通", "上线", "出台", "制定", "印发", "发布", "部署", "抓好",
    "做好", "搞好", "抓实", "强化", "加强", "健全", "完善", "创新",
    "巩固", "提升", "持续", "坚持", "全面", "积极", "大力", "扎实",
    "深入", "继续", "进一步", "着力", "全力", "统筹", "助力", "聚焦",
    "围绕", "参与", "参加", "承担", "负责", "牵头", "主办", "承办",
    "发起", "筹备", "谋划", "规划", "启用", "投用", "竣工", "开工",
    "新建", "改造", "扩建", "翻建", "维修", "施划", "复划", "安装",
    "实现", "迎接", "应对", "普及", "服务", "保障", "支持", "鼓励", "引导", "以",
    "给予", "享受", "领取", "申领", "申请", "编制", "探索", "加大", "采用",
    "发挥", "培育", "整合", "凭", "科学", "合理", "动态", "优化", "压实", "夯实",
    "督促", "察看", "实地察看", "查看", "走访",
    # compounds
    "深入推进", "深入开展", "深入实施", "加快推进", "加快实施",
    "全力推进", "全面推进", "全面实施", "全面开展", "全面落实",
    "扎实推进", "扎实开展", "扎实做好", "稳步推进", "有序推进",
    "持续开展", "持续推进", "持续深化", "大力实施", "大力推进",
    "大力开展", "积极开展", "积极推进", "认真落实", "认真开展",
    "着力推进", "统筹推进", "高质量推进", "高标准推进", "强力推进",
    "集中开展", "广泛开展", "组织开展", "全力做好", "切实做好",
    "进一步推进", "进一步加强", "进一步完善", "以开展", "通过开展",
    "打响", "打好", "打赢", "全面打响", "坚决打赢",
    "特别是", "尤其是", "特别是在", "尤其是在",
    "投放", "计划投放", "计划实施", "计划开展", "计划新建", "计划完成", "计划投资",
    "拟实施", "拟开展", "拟投放", "预计投放",
    "结合开展", "围绕开展", "启动实施", "组织实施", "推动实施",
    "推进实施", "正式启动", "正式实施", "率先实施", "全面启动",
    "全面完成", "提前完成", "圆满完成", "顺利完成", "如期完成",
    "基本完成", "全部完成", "超额完成", "科学安排", "科学布局",
    "动态调整", "探索实施", "探索建立", "积极探索",
)

#: Verbs (and adverb + verb compounds) that introduce a program and are not
#: part of its name, longest first.
LEADING_VERBS: tuple[str, ...] = tuple(
    sorted(set(_LEADING_VERBS), key=lambda s: (-len(s), s))
)

#: Words that may follow a program name but are not part of it. 工作 is kept
#: when the text itself names the program with it (冬季植树工作) and dropped
#: only when a shorter form is also attested; it is listed here as a
#: candidate, not a rule.
TRAILING_STOP: tuple[str, ...] = tuple(
    sorted(
        {
            "的", "等", "中", "上", "里", "时", "后", "前", "以来", "期间",
            "过程中", "工作中", "方面", "领域", "当中", "之中", "之际",
            "以后", "以前", "完成", "顺利", "进展", "情况", "成效",
            "成果", "任务", "要求", "部署", "目标", "进度", "工作", "相关工作",
            "有关工作", "各项工作", "为契机", "为抓手", "为载体", "为重点",
            "为主线", "为引领", "为依托",
        },
        key=lambda s: (-len(s), s),
    )
)

# --- relation cues --------------------------------------------------------------

#: Verbs that link an organisation to a program, by role. The role names
#: are the optional sub-properties of ``kg:runs`` (SCHEMA.md); "runs" is the
#: generic one.
CUE_VERBS: dict[str, tuple[str, ...]] = {
    "organizes": (
        "主办", "举办", "组织", "召开", "发起", "倡议", "策划", "联合主办",
        "共同主办", "联合举办", "组织召开", "组织开展", "举行",
    ),
    "undertakes": (
        "承办", "协办", "实施", "执行", "负责", "具体实施", "具体负责",
        "组织实施", "承担", "承建", "施工", "建设", "运营", "落实",
    ),
    "leads": (
        "牵头", "领导", "主导", "统筹", "指导", "督导", "主抓", "牵头负责",
        "统一领导", "统筹协调", "总牵头", "督办",
    ),
    "runs": (
        "开展", "推进", "推出", "启动", "出台", "制定", "印发", "建立",
        "完成", "实行", "推行", "打造", "推动", "深化", "开通", "发放",
        "投资", "投入", "设立", "创建", "部署", "安排", "推广", "开设",
        "发布", "编制", "修订", "改造", "整治", "治理", "新建", "扩建",
        "建成", "提供", "举措", "上线",
    ),
}

#: Markers of the agent in passive or topical constructions: 由…主办,
#: 在…的指导下, 经…批准.
AGENT_MARKERS: tuple[str, ...] = (
    "由", "经", "在", "据", "受", "按照", "根据", "依托",
)

#: Phrases that close an agent phrase opened by AGENT_MARKERS.
AGENT_CLOSERS: tuple[str, ...] = (
    "的指导下", "的领导下", "的支持下", "的组织下", "的带领下", "的推动下",
    "批准", "统一部署", "安排", "要求",
)

#: Cues that introduce parts of a list or a wider program (partOfProgram).
LIST_CUES: tuple[str, ...] = (
    "之一", "包括", "涉及", "其中", "分别是", "分别为", "主要有", "具体为",
    "具体包括", "主要包括", "涵盖", "如", "诸如", "一是", "二是", "三是",
    "作为", "列入", "纳入", "属于",
)

#: National strategies and goals (and their usual wordings): the wider
#: frame local works serve, never a part of a local program.
NATIONAL_STRATEGIES: frozenset[str] = frozenset(
    {
        "乡村振兴", "乡村振兴战略", "全面推进乡村振兴", "新型城镇化", "新型城镇化战略",
        "区域协调发展", "区域协调发展战略", "高质量发展", "共同富裕", "脱贫攻坚",
        "巩固拓展脱贫攻坚成果", "生态文明建设", "京津冀协同发展", "长江经济带发展",
        "黄河流域生态保护和高质量发展", "粤港澳大湾区建设", "长三角一体化发展",
        "成渝地区双城经济圈建设", "西部大开发", "东北振兴", "中部崛起", "健康中国",
        "健康中国行动", "数字中国", "平安中国建设", "美丽中国建设", "碳达峰碳中和",
        "双碳", "创新驱动发展战略", "科教兴国战略", "人才强国战略", "制造强国",
        "交通强国", "体育强国", "文化强国", "教育强国", "农业强国", "网络强国",
        "乡村建设行动", "一带一路",
    }
)

#: Labels that name the organisations responsible for a task in lists and
#: tables (责任单位：市住建局), with the role they give (``kg:runs`` or one of
#: its sub-properties); None for bodies that guide or support a task without
#: carrying it out.
RESPONSIBILITY_ROLES: dict[str, str | None] = {
    "责任部门": "runs", "责任单位": "runs", "主责单位": "runs", "主责部门": "runs",
    "实施单位": "runs", "实施主体": "runs", "责任主体": "runs", "建设单位": "runs",
    "实施部门": "runs", "承担单位": "runs", "执行单位": "runs", "项目单位": "runs",
    "配合单位": "runs", "配合部门": "runs", "参与单位": "runs", "协同单位": "runs",
    "牵头单位": "leads", "牵头部门": "leads", "牵头领导": None,
    "主办单位": "organizes", "承办单位": "undertakes", "协办单位": "undertakes",
    "支持单位": None, "指导单位": None, "督导单位": None, "监督单位": None,
}
RESPONSIBILITY_CUES: tuple[str, ...] = tuple(RESPONSIBILITY_ROLES)

#: Names that are not programs by themselves: a bare head, or a head with a
#: demonstrative. 民生工程 and 民生实事 alone are generic; with a count or a
#: jurisdiction (全市20项民生实事) they are a program.
#: Targets and results a work is to reach, quoted like names but no works
#: (确保一季度实现“开门红”、上半年实现“双过半”).
TARGET_SLOGANS: frozenset[str] = frozenset(
    {
        "开门红", "双过半", "时间过半、任务过半", "全年红", "满堂红", "全面开花",
        "零事故", "零伤亡", "零发案", "零投诉", "零上访", "零死亡", "零感染",
    }
)

GENERIC_PROGRAM_WORDS: frozenset[str] = frozenset(
    {
        "工作", "活动", "项目", "工程", "行动", "计划", "规划", "制度",
        "政策", "方案", "改革", "建设", "服务", "治理", "改造", "体系",
        "机制", "系统", "平台", "会议", "整治", "攻坚", "战略", "补贴",
        "贷款", "演练", "创建", "试点", "民生工程", "民生实事", "重点项目",
        "重点工程", "重大项目", "建设项目", "新建项目", "续建项目",
        "该项目", "该工程", "该活动", "此项目", "此次活动", "本次活动",
        "这项工作", "此项工作", "各项工作", "相关工作", "有关工作",
        "这项活动", "这一工程", "这一项目", "这些项目", "各类项目",
        "日常工作", "重点工作", "中心工作", "主要工作", "具体工作",
        "全年工作", "基础设施建设", "城市建设", "项目建设",
        "工程建设", "相关政策", "优惠政策", "惠民政策", "扶持政策",
        "工作方案", "实施方案", "工作机制", "长效机制",
        "工作制度", "管理制度", "工作体系", "系列活动", "主题活动",
        "专项行动", "专项整治", "集中整治", "工作会议",
        "发布会", "新闻发布会", "实际行动", "具体行动", "自觉行动", "共同行动",
        "用实际行动", "以实际行动", "用行动", "以行动",
        "主题创建活动", "创建活动", "志愿服务活动",
        # parts and kinds of works, not works of their own
        "主体工程", "配套工程", "附属工程", "龙头项目", "补偿方案", "问题整改", "督察",
        # fields of work rather than programs
        "疫情防控", "防控", "传染病防控",
    }
)
