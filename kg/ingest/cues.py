"""Language data used to read newspaper pages: punctuation classes, byline
roles, common surnames and the verbs that open kicker lines.

General knowledge of Chinese newspaper typography only; nothing here is
taken from a particular page.
"""

from __future__ import annotations

# characters that end a sentence
SENTENCE_END = "。！？!?；;"
# an ellipsis also ends a line of text without ending a word
ELLIPSIS = "…"
# closing quotes and brackets that may follow a sentence end
CLOSERS = "”’」』）)》〉】\"'"
# punctuation found inside running text (rarely inside headlines)
INNER_PUNCT = "，、；：,;:"

# the number of an item of a list: （二）, 三、, 4.
NUMBERING = r"[（(][一二三四五六七八九十\d]{1,3}[)）]|[一二三四五六七八九十]{1,3}、|\d{1,2}[.、．]"
# an item number in brackets, as lists written inline use it: （一）, (三)
PAREN_ORDINAL = r"[（(][一二三四五六七八九十]{1,3}[）)]"
# what opens an item of a list: its number, or 一是, 二是…
ORDINAL = rf"[一二三四五六七八九十]{{1,3}}是|{NUMBERING}"

# roles that prefix a name in a byline
ROLES = ("特约记者", "见习记者", "实习记者", "实习生", "记者", "通讯员", "摄影", "摄")

# verbs that typically open a kicker (引题) standing above a main headline
KICKER_VERBS = (
    "深入", "推进", "加大", "加快", "加强", "解放", "坚持", "持续", "全面",
    "扎实", "聚焦", "着力", "强化", "奋力", "践行", "学习", "贯彻", "落实",
    "喜迎", "迎接", "庆祝", "牢记", "奋进", "勇担", "凝心", "砥砺", "坚定",
)

# the 120 or so most common single-character surnames, plus common
# two-character ones; used to recognise name-only byline lines
SURNAMES = set(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董"
    "袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟"
    "熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文"
    "牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符"
    "舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房"
    "滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席"
    "卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩"
    "明佘池查麻苑迟邝亓"
)
COMPOUND_SURNAMES = ("欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文", "司徒", "夏侯")
