"""Words that end a name when scanning leftwards from its head.

A name (of a program, an organisation or a geographic feature) is read
from its head word leftwards, token by token; it stops before any of these
words. They are function words and verbs of Chinese news prose, not names.
"""

# prepositions and coverbs
PREPOSITIONS = frozenset(
    "在 对 为 以 将 把 由 从 向 于 与 和 同 跟 给 被 让 使 经 经过 通过 按照 依照 根据 围绕 "
    "针对 关于 随着 沿 沿着 至 到 往 自 自从 当 据 为了 作为 借助 依托 结合 聚焦 紧扣 对于 "
    "以及 并 并且 或 或者 还 也 又 再 就 都 即 且".split()
)

# particles, pronouns, determiners
PARTICLES = frozenset(
    "的 地 得 了 着 过 是 之 等 等等 其 该 这 那 此 本 各 每 某 诸 其中 这些 那些 这个 那个 "
    "这项 该项 此次 本次 这次 一项 一批 一个 一系列 多项 各项 各类 各种 有关 相关 所有 全部 "
    "一些 部分 一部分 所在 我们 他们 她们 它们 大家 自己 记者 人员".split()
)

# adverbs and aspect words that precede a verb phrase
ADVERBS = frozenset(
    "科学 合理 提前 按时 如期 顺利 全面 积极 深入 大力 持续 扎实 进一步 切实 不断 加快 着力 全力 稳步 认真 努力 继续 正式 已 已经 正在 将要 先后 相继 率先 首次 逐步 有序 "
    "精心 主动 及时 坚持 坚决 严格 广泛 依法 分别 同时 目前 今年 去年 近年 近日 日前 近期 当前 高位 强力 全速 深化 "
    "随后 此后 之后 然后 届时 ".split()
)

# verbs that introduce a program or an object (the name starts after them)
VERBS = frozenset(
    "开展 推进 推动 实施 启动 完成 落实 组织 举办 召开 举行 建立 建设 打造 推出 出台 制定 "
    "制订 印发 发布 实行 推行 执行 贯彻 部署 谋划 规划 筹备 开工 竣工 投用 投入 参加 参与 "
    "承办 主办 协办 牵头 负责 抓好 做好 搞好 办好 抓实 加强 强化 提升 优化 完善 健全 构建 "
    "形成 开通 开设 设立 成立 创建 申请 争取 获得 荣获 获评 入选 纳入 列为 列入 作为 成为 "
    "进行 发起 提出 明确 确定 决定 表决 审议 通过 实现 取得 助力 服务 保障 支持 促进 深化 "
    "开启 拉开 迎来 达到 达 新增 新建 改造 扩建 修建 铺设 累计 共 共计 总计 合计 包括 涉及 "
    "是 有 为 要 应 可 能 会 将 拟 计划 准备 开始 继续 持续 坚持 聚焦 围绕 结合 依托 借助 "
    "介绍 表示 说 称 获悉 了解 看到 显示 介入 协调 对接 召集 调度 督导 指导 检查 排查 整治 "
    "清理 拆除 治理 修复 提高 增强 扩大 满足 解决 缓解 破解 消除 减少 降低 增加 带动 引导 "
    "鼓励 倡导 宣传 动员 号召 开创 迎接 抓住 抢抓 立足 着眼 紧盯 紧抓 攻坚 冲刺 "
    "加大 投身 涵盖 支撑 用于 确保 保证 力争 给予 提供 享受 申请 发挥 利用 充分发挥 充分利用 上报 报送 选派 购置 采取 采用 "
    "开辟 安排 用好 用活 拨付 搭建 设置 建成 筹集 整合 虽然 但是 因为 如果 原有 已为 "
    "督促 察看 查看 走访".split()
)

# verbs that are also nominal heads inside names (老旧小区改造, 水源置换工程建设):
# they never end a name by themselves
NOMINAL_VERBS = frozenset(
    "建设 规划 改造 扩建 修建 新建 整治 治理 修复 服务 保障 排查 清理 拆除 宣传 攻坚 检查 "
    "铺设 提升 改造提升 提升改造 提质升级 升级改造 计划 督导 指导 调度 开工 竣工 投用 创建 新增 冲刺 达 共".split()
)
VERBS = VERBS - NOMINAL_VERBS

# localisers and other words after which a new noun phrase begins
# (single-character localisers 内/中/前… also occur inside names — 产前检测 —
# and are left to the part-of-speech checks of the name scans)
LOCALISERS = frozenset("方面 领域 期间 以来 以后 以前 之际 当中".split())

STOPS = PREPOSITIONS | PARTICLES | ADVERBS | VERBS | LOCALISERS

# punctuation that always ends a name
HARD_PUNCT = frozenset("，,。；;：:！!？?（）()【】[]<>|\n\t …—·/\\")
