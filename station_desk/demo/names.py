"""Chinese names and addresses that look real (deterministic from a seeded Random)."""

from __future__ import annotations

import random

SURNAMES = ("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤")
GIVEN = ("伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国建华志强文斌海燕红梅玉兰丹丹晓东晓燕"
         "春梅金凤淑珍小红小军志刚德明家豪子涵浩然雨欣佳怡思远宇航俊杰欣怡梓萱一诺")
BUILDINGS = ("幸福小区", "金桥花园", "阳光新村", "红星家园", "滨江苑", "建设路", "东风街", "人民路", "古五镇中心街",
             "肖家地新村", "简易一巷", "简易二巷", "粮站宿舍", "供销社宿舍", "学校家属院", "农机站小区", "卫生院宿舍",
             "水利局小区", "南关村", "北坡村", "西河沿", "老街", "新街", "站前路")


def person_name(rng: random.Random) -> str:
    surname = rng.choice(SURNAMES)
    if rng.random() < 0.55:
        return surname + rng.choice(GIVEN)
    return surname + rng.choice(GIVEN) + rng.choice(GIVEN)


def mobile(rng: random.Random) -> str:
    return rng.choice(("138", "139", "135", "136", "137", "150", "151", "152", "158", "159", "187", "188", "133",
                       "153", "180", "189", "130", "131", "132", "155", "156", "186")) + f"{rng.randrange(10**8):08d}"


def building(rng: random.Random) -> tuple[str, str, str]:
    """(building, unit, room)"""
    b = rng.choice(BUILDINGS)
    if "村" in b or "巷" in b or "街" in b or "路" in b:
        return b, "", f"{rng.randint(1, 220)}号"
    return f"{b}{rng.randint(1, 24)}栋", f"{rng.randint(1, 4)}单元", f"{rng.randint(1, 7)}0{rng.randint(1, 4)}室"
