"""`kiosk demo`: the estates of the Binhe sub-district report, with their history.

Deterministic: the same content on every run (a fixed random seed); only dates sit relative to
today so that notices and works look current. Owners are fictional; their mobile numbers are in
the mainland format precisely so that tests can prove no public screen ever shows them.
"""

from __future__ import annotations

import datetime as dt
import random

from kiosk import clock
from kiosk.db.models import Building, Household, Unit
from kiosk.domain import audit, auth, estates, funding, ledger, meetings, notices, reports, works

ACTOR = "demo"
SUB_DISTRICT = "滨河街道"
WAN = 1_000_000  # fen in 1万 yuan

SURNAMES = "王李张刘陈杨赵黄周吴徐孙马朱胡郭何林高罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "秀英桂英玉兰建华建国淑珍凤英志强秀兰海燕丽华国庆春梅红梅文华德明永刚晓东金凤玉梅振华淑兰立新宝山雪梅国华桂兰子涵宇轩浩然欣怡"

DEMO_STAFF = (("admin", "admin", "社区管理员"), ("fang", "staff", "方书记"), ("wuye", "staff", "物业值班"))
DEMO_PASSWORD = "demo-pass-2026"


def _name(rng: random.Random) -> str:
    i = rng.randrange(0, len(GIVEN) // 2) * 2
    return rng.choice(SURNAMES) + GIVEN[i:i + 2]


def _phone(rng: random.Random) -> str:
    return rng.choice(["13", "15", "18", "17"]) + f"{rng.randrange(0, 10**9):09d}"


def _households(estate_id: int, buildings: list[tuple[str, int, int, int]], rng: random.Random,
                share_owner_every: int = 40) -> list[int]:
    """buildings: (name, units, floors, flats per floor). Returns household ids in order."""
    ids = []
    n = 0
    for b_sort, (bname, units, floors, per_floor) in enumerate(buildings):
        b = Building.create(estate=estate_id, name=bname, sort=b_sort)
        for u_sort in range(units):
            u = Unit.create(building=b, name=f"{u_sort + 1}单元", sort=u_sort)
            for floor in range(1, floors + 1):
                for flat in range(1, per_floor + 1):
                    n += 1
                    area = rng.choice([5870, 6432, 7515, 8650, 9025, 10288, 11960])
                    # Now and then one owner holds two flats: they count once in a vote.
                    owner = f"E{estate_id}-O{n - 1 if n % share_owner_every == 0 else n}"
                    h = Household.create(unit=u, room=f"{floor}{flat:02d}", floor=floor, area_cm2=area,
                                         owner_key=owner, owner_name=_name(rng), phone=_phone(rng))
                    ids.append(h.id)
    return ids


def _structure(estate_id: int, buildings, rng) -> list[int]:
    with audit.write(ACTOR) as w:
        ids = _households(estate_id, buildings, rng)
        w.record("household.import", "household_batch", w.next_seq(), file="demo", count=len(ids))
    return ids


def build() -> dict:
    """Fill an empty, initialised database. Returns a few ids for the caller's summary."""
    from kiosk.domain import codes

    # Report tickets are random: drawn from a seeded generator here, the demo's are the same every run.
    with codes.seeded(random.Random(2611)):
        return _build()


def _build() -> dict:
    rng = random.Random(2003)
    today = clock.today()
    now = clock.now()
    d = lambda days: today - dt.timedelta(days=days)  # noqa: E731
    t = lambda days, hour=9: dt.datetime.combine(today - dt.timedelta(days=days), dt.time(hour))  # noqa: E731

    for username, role, display in DEMO_STAFF:
        auth.add_staff(ACTOR, username, DEMO_PASSWORD, role=role, display_name=display)

    # 盈谷中心小区: built 2003, 270 households; roof, walls, doors, tiles, roads; ~¥500,000 raised.
    yg = estates.add_estate(ACTOR, "盈谷中心小区", "建西社区", 2003, SUB_DISTRICT, "平谷区滨河街道")
    yg_h = _structure(yg.id, [(f"{i}号楼", 3, 5, 3) for i in range(1, 7)], rng)
    roof = funding.create_project(
        ACTOR, yg.id, "楼顶防水与墙体渗水修缮", 300 * WAN // 10 * 1, status="in_progress",
        description="六栋楼楼顶防水层翻新，墙体、窗户渗水处修补，单元门更换，楼道地砖修复。",
        plan={"government": 9 * WAN, "subdistrict": 5 * WAN, "units": 4 * WAN, "community": 2 * WAN, "owners": 6 * WAN, "property": 4 * WAN},
    )
    road = funding.create_project(
        ACTOR, yg.id, "院内道路及车库出入口路面修复", 20 * WAN, status="in_progress",
        description="院内及车库出入口粉化路面铣刨重铺。经居民投票，路面铺设沥青。",
        plan={"government": 6 * WAN, "subdistrict": 3 * WAN, "units": 3 * WAN, "community": 1 * WAN, "owners": 5 * WAN, "property": 2 * WAN},
    )
    orgs = [
        (roof.id, "government", 9 * WAN, "平谷区老旧小区综合整治专项", "received", 60),
        (roof.id, "subdistrict", 5 * WAN, "滨河街道办事处", "received", 55),
        (roof.id, "units", 25_000_00, "京平建设工程有限公司", "received", 50),
        (roof.id, "units", 15_000_00, "滨河商贸中心", "received", 48),
        (roof.id, "community", 2 * WAN, "建西社区居委会", "received", 45),
        (roof.id, "property", 4 * WAN, "盈谷物业服务中心", "received", 40),
        (road.id, "government", 6 * WAN, "平谷区老旧小区综合整治专项", "received", 20),
        (road.id, "subdistrict", 3 * WAN, "滨河街道办事处", "received", 18),
        (road.id, "units", 2 * WAN, "平谷供电服务站", "received", 15),
        (road.id, "units", 1 * WAN, "京平建设工程有限公司", "pledged", 5),
        (road.id, "community", 1 * WAN, "建西社区居委会", "received", 12),
        (road.id, "property", 15_000_00, "盈谷物业服务中心", "received", 10),
        (road.id, "property", 5_000_00, "盈谷物业服务中心", "pledged", 2),
    ]
    for i, (pid, src, amount, who, status, ago) in enumerate(orgs, 1):
        c = ledger.record(ACTOR, pid, src, amount, status=status, contributor=who, on=d(ago),
                          receipt_no=f"YG-{i:04d}" if status == "received" else None, idempotency_key=f"demo-yg-org-{i}")
    # Owners: most households put in a little, toward each project.
    for i, hid in enumerate(yg_h):
        if i % 9 == 8:
            continue
        ledger.record(ACTOR, roof.id, "owners", rng.choice([20_000, 25_000, 30_000]), status="received",
                      household_id=hid, on=d(30 + i % 20), receipt_no=f"YG-H{i + 1:04d}", idempotency_key=f"demo-yg-h1-{i}")
        if i % 3 == 0:
            status = "received" if i % 2 == 0 else "pledged"
            ledger.record(ACTOR, road.id, "owners", rng.choice([30_000, 50_000]), status=status, household_id=hid,
                          on=d(i % 10), receipt_no=f"YG-R{i + 1:04d}" if status == "received" else None,
                          idempotency_key=f"demo-yg-h2-{i}")
    for name, weight, pct, ago in [("楼顶防水层翻新", 35, 100, 20), ("墙体、窗户渗水修补", 25, 100, 12),
                                   ("单元门更换", 15, 100, 9), ("楼道地砖修复", 15, 70, 1), ("竣工验收与公示", 10, 0, 1)]:
        s = works.add_stage(ACTOR, roof.id, name, weight, pct)
    for name, weight, pct in [("旧路面铣刨", 30, 100), ("沥青摊铺", 50, 60), ("车库坡道防滑处理", 20, 0)]:
        works.add_stage(ACTOR, road.id, name, weight, pct)
    for pid, title, ago, done in [(roof.id, "施工方进场", 40, True), (roof.id, "楼顶防水完工", 20, True),
                                  (roof.id, "楼道地砖完工", -7, False), (road.id, "居民投票：沥青还是水泥", 25, True),
                                  (road.id, "沥青摊铺开始", 3, True), (road.id, "道路通车", -10, False)]:
        works.add_milestone(ACTOR, pid, d(ago), title, done)
    kinds = ["communication", "onsite", "communication", "onsite", "heart_to_heart", "deliberation"]
    topics = ["楼顶漏雨情况摸排", "资金筹集方案（六个点）", "施工方案与施工方确定", "单元门更换选型", "众筹公示方式",
              "道路铺设沥青还是水泥", "施工期间停车安排", "楼道地砖修复标准", "车棚修缮", "工程进度通报"]
    for i in range(22):
        meetings.record(ACTOR, yg.id, kinds[i % len(kinds)], t(120 - i * 5, 19 if i % 2 else 10), topics[i % len(topics)],
                        location="社区议事厅" if i % 2 else "小区现场", attendance=12 + (i * 7) % 30,
                        decisions="同意按“六个点”模式筹资；每天公示众筹进度和工程进度。" if i == 1 else
                        ("投票结果：道路铺设沥青（沥青 68%，水泥 32%）。" if i == 5 else ""),
                        project_id=road.id if i in (5, 6) else roof.id)
    meetings.record(ACTOR, yg.id, "onsite", t(-3, 15), "车库坡道施工现场办公会", location="车库入口", project_id=road.id)
    notices.post(ACTOR, "众筹与工程进度每日公示", "每天 18:00 更新**资金到账**和**工程进度**，请在大厅屏幕或公告栏查看。\n\n"
                 "- 资金来源：政府补一点、街道奖一点、单位帮一点、社区筹一点、业主出一点、物业搭一点\n- 如有疑问请到社区居委会咨询。",
                 estate_id=yg.id, category="money", pinned=True, publish_at=t(30))
    notices.post(ACTOR, "道路施工期间车辆绕行", "院内道路沥青摊铺期间，请从北门进出，车库坡道暂停使用。",
                 estate_id=yg.id, category="works", publish_at=t(3), expires_at=t(-10))
    notices.post(ACTOR, "投票结果：院内道路铺设沥青", "经全体业主投票，院内道路铺设**沥青**。感谢各位居民参与。",
                 estate_id=yg.id, category="vote", publish_at=t(24))
    notices.post(ACTOR, "旧通知：楼顶施工安全提示", "已过期。", estate_id=yg.id, publish_at=t(60), expires_at=t(30))
    notices.post(ACTOR, "冬季供暖与防火提示", "楼道内请勿堆放杂物，电动车请勿入户充电。", category="safety", publish_at=t(5))

    b = {x.name: x for x in estates.layout(yg.id)}
    report_plan = [
        ("roof_leak", "3号楼", 0, "顶层卧室天花板漏雨，下雨就滴水。", ["accepted", "in_progress", "resolved"], 40),
        ("seepage", "5号楼", 1, "二单元北侧墙体渗水，墙皮脱落。", ["accepted", "in_progress"], 10),
        ("unit_door", "2号楼", 2, "三单元单元门锁坏了，关不上。", [], 1),
        ("stair_tiles", "4号楼", 0, "楼道三层地砖松动，老人容易绊倒。", ["accepted"], 4),
        ("road", "1号楼", None, "楼前路面坑洼，雨后积水。", ["accepted", "in_progress", "resolved", "closed"], 30),
        ("carport", "6号楼", None, "车棚顶棚破损漏雨。", [], 2),
        ("parking", "2号楼", None, "消防通道有车辆长期停放。", ["rejected"], 6),
    ]
    for category, bname, unit_idx, text, steps, ago in report_plan:
        clock.freeze(now - dt.timedelta(days=ago))
        try:
            bi = b[bname]
            r = reports.submit(ACTOR, yg.id, category, bi.id, text, unit_id=bi.units[unit_idx].id if unit_idx is not None else None,
                               floor=3 if unit_idx is not None else None, phone=_phone(rng))
            notes = {"accepted": "已受理，物业将上门查看。", "in_progress": "施工队已安排维修。", "resolved": "已修复，请居民确认。",
                     "closed": "居民确认，办结。", "rejected": "已转交物业与停车公司协调，不作为维修事项。"}
            for k, st in enumerate(steps):
                clock.advance(dt.timedelta(days=max(1, ago // (len(steps) + 1))))
                reports.transition(ACTOR, r.id, st, notes[st])
        finally:
            clock.freeze(None)
    if True:
        r = reports.submit(ACTOR, yg.id, "seepage", b["5号楼"].id, "5号楼二单元四层窗户渗水。", unit_id=b["5号楼"].units[1].id, floor=4)
        reports.me_too(ACTOR, r.id)
        reports.me_too(ACTOR, r.id)

    # 五号公寓小区: built 2001; road, light wells, carport roof; the owners raise the money.
    wh = estates.add_estate(ACTOR, "五号公寓小区", "建西社区", 2001, SUB_DISTRICT)
    wh_h = _structure(wh.id, [(f"{i}号楼", 2, 6, 2) for i in range(1, 5)], rng)
    wp = funding.create_project(
        ACTOR, wh.id, "院内路面、采光井及车棚修缮", 18 * WAN, status="fundraising",
        description="不属于老旧小区维修范围，维修基金有限：经业委会、党员代表和居民代表多次协商，以业主集资为主。",
        plan={"government": 0, "subdistrict": 1 * WAN, "units": 0, "community": 1 * WAN, "owners": 15 * WAN, "property": 1 * WAN},
    )
    for i, hid in enumerate(wh_h):
        status = "received" if i % 4 else "pledged"
        ledger.record(ACTOR, wp.id, "owners", 150_000, status=status, household_id=hid, on=d(i % 14),
                      receipt_no=f"WH-{i + 1:04d}" if status == "received" else None, idempotency_key=f"demo-wh-{i}")
    ledger.record(ACTOR, wp.id, "community", 1 * WAN, status="received", contributor="建西社区居委会", on=d(8), receipt_no="WH-C01")
    ledger.record(ACTOR, wp.id, "subdistrict", 1 * WAN, status="pledged", contributor="滨河街道办事处", on=d(3))
    for name, weight, pct in [("方案与预算公示", 10, 100), ("路面修复", 50, 0), ("采光井修缮", 20, 0), ("车棚顶棚更换", 20, 0)]:
        works.add_stage(ACTOR, wp.id, name, weight, pct)
    works.add_milestone(ACTOR, wp.id, d(12), "业主集资方案通过", True)
    works.add_milestone(ACTOR, wp.id, d(-20), "计划开工", False)
    for i, topic in enumerate(["路面与车棚问题梳理", "集资方案协商", "集资方案表决", "施工单位比选"]):
        meetings.record(ACTOR, wh.id, "deliberation" if i % 2 else "communication", t(40 - i * 9, 19), topic,
                        attendance=15 + i * 4, decisions="确定以“业主集资”方式筹集资金。" if i == 2 else "", project_id=wp.id)
    meetings.record(ACTOR, wh.id, "courtyard", t(-5, 19), "施工安排与集资进度通报", location="2号楼前小广场", project_id=wp.id)
    notices.post(ACTOR, "业主集资进度公示", "集资款由业委会与社区共同监管，每笔到账均公示。", estate_id=wh.id, category="money", pinned=True, publish_at=t(10))
    clock.freeze(now - dt.timedelta(days=15))
    try:
        r = reports.submit(ACTOR, wh.id, "road", estates.layout(wh.id)[0].id, "院内路面破损，坑洼积水。")
        reports.transition(ACTOR, r.id, "accepted", "已纳入院内路面修缮项目。")
    finally:
        clock.freeze(None)

    # 文乐胡同14号楼: the first whole-building lift retrofit in Pinggu; one household, one policy.
    wl = estates.add_estate(ACTOR, "文乐胡同14号楼", "建西社区", 1994, SUB_DISTRICT)
    wl_h = _structure(wl.id, [("14号楼", 6, 6, 2)], rng)
    lift = funding.create_project(
        ACTOR, wl.id, "整栋老楼加装电梯（6部）", 240 * WAN, status="completed",
        description="庭院议事会、实地问询、恳谈会、微网格沟通征求意见，制定“一户一策”，电梯已交付使用。",
        plan={"government": 144 * WAN, "subdistrict": 12 * WAN, "units": 10 * WAN, "community": 4 * WAN, "owners": 64 * WAN, "property": 6 * WAN},
    )
    for i, (src, amount, who) in enumerate([("government", 144 * WAN, "北京市老楼加装电梯补贴"), ("subdistrict", 12 * WAN, "滨河街道办事处"),
                                            ("units", 10 * WAN, "平谷区电梯安装企业联合体"), ("community", 4 * WAN, "建西社区居委会"),
                                            ("property", 6 * WAN, "文乐物业")]):
        ledger.record(ACTOR, lift.id, src, amount, status="received", contributor=who, on=d(200 - i * 10), receipt_no=f"WL-{i + 1:03d}")
    owners_total = 0
    for i, hid in enumerate(wl_h):
        floor = (i // 2) % 6 + 1
        share = {1: 0, 2: 0, 3: 700_000, 4: 1_000_000, 5: 1_300_000, 6: 1_600_000}[floor]
        if share:
            ledger.record(ACTOR, lift.id, "owners", share, status="received", household_id=hid, on=d(180 - i),
                          receipt_no=f"WL-H{i + 1:03d}")
            owners_total += share
    for name in ["征求意见与一户一策", "设计与审批", "基础施工", "电梯安装", "验收交付"]:
        works.add_stage(ACTOR, lift.id, name, 20, 100)
    works.add_milestone(ACTOR, lift.id, d(300), "全体住户签署意见", True)
    works.add_milestone(ACTOR, lift.id, d(60), "电梯交付使用", True)
    for i, kind in enumerate(["courtyard", "heart_to_heart", "courtyard", "heart_to_heart", "communication"]):
        meetings.record(ACTOR, wl.id, kind, t(400 - i * 40, 19), ["加装电梯意愿摸底", "低楼层住户诉求恳谈", "一户一策分摊方案",
                        "高龄住户出行需求", "施工期间安全"][i], attendance=20 + i * 5, project_id=lift.id)
    notices.post(ACTOR, "电梯使用须知", "电梯已交付使用。请爱护电梯设施，儿童须由成人陪同乘坐。", estate_id=wl.id, publish_at=t(50), pinned=True)

    # 金谷东园社区 府前西街7号楼: parking by a parking company, under owners' and the property's supervision.
    fq = estates.add_estate(ACTOR, "府前西街7号楼", "金谷东园社区", 1998, SUB_DISTRICT)
    _structure(fq.id, [("7号楼", 4, 6, 2)], rng)
    park = funding.create_project(
        ACTOR, fq.id, "停车场建设与停车秩序治理", 35 * WAN, status="in_progress",
        description="问卷调查征集全体业主意见，7次议事讨论，引入北京美丽城停车服务有限公司：居民优惠、车位共享、先到先停、计时封顶。",
        plan={"government": 0, "subdistrict": 5 * WAN, "units": 25 * WAN, "community": 1 * WAN, "owners": 0, "property": 4 * WAN},
    )
    ledger.record(ACTOR, park.id, "units", 25 * WAN, status="received", contributor="北京美丽城停车服务有限公司", on=d(35), receipt_no="FQ-001")
    ledger.record(ACTOR, park.id, "subdistrict", 5 * WAN, status="received", contributor="滨河街道办事处", on=d(28), receipt_no="FQ-002")
    ledger.record(ACTOR, park.id, "property", 4 * WAN, status="pledged", contributor="金谷东园物业", on=d(6))
    ledger.record(ACTOR, park.id, "community", 1 * WAN, status="received", contributor="金谷东园社区居委会", on=d(0), receipt_no="FQ-003")
    for name, weight, pct in [("问卷调查", 10, 100), ("场地平整", 30, 100), ("划线与道闸", 30, 80), ("收费系统与试运行", 30, 20)]:
        works.add_stage(ACTOR, park.id, name, weight, pct)
    for i in range(7):
        meetings.record(ACTOR, fq.id, "deliberation", t(90 - i * 10, 19), f"停车问题第{i + 1}次议事会", location="社区会议室",
                        attendance=10 + i * 3, decisions="引入北京美丽城停车服务有限公司，接受物业企业和业主的共同监督。" if i == 6 else "",
                        project_id=park.id)
    notices.post(ACTOR, "停车场试运行与居民优惠", "7号楼居民凭登记车辆享受优惠，车位共享、先到先停、计时封顶。", estate_id=fq.id, category="works", publish_at=t(2))
    votes_and_plans()
    return {"estates": 4, "projects": [roof.id, road.id, wp.id, lift.id, park.id]}


# ---- votes and 一户一策 (schema version 2) ----------------------------------------------------------

def _project_id(estate_id: int, title: str) -> int:
    return next(p.id for p in funding.list_projects(estate_id) if p.title == title)


def _meeting_id(estate_id: int, topic: str) -> int | None:
    found = [m for m in meetings.list_meetings(estate_id, upcoming=False) if m.topic == topic]
    return found[-1].id if found else None  # the earliest one (the list is newest first)


def _run_poll(poll_id: int, voters: list[int], choices: list[str], start: dt.datetime, rng: random.Random) -> None:
    """Cast the ballots over the voting days: most at the kiosk with their codes, the rest on paper
    or by proxy, entered by staff."""
    from kiosk.domain import votes

    clock.freeze(start)
    try:
        slips = {}
        for slip in votes.issue_codes(ACTOR, poll_id):
            slips[(slip.building, slip.unit, slip.room)] = slip.code
        info = votes.get_poll(poll_id)
        where = {h.id: (h.unit.building.name, h.unit.name, h.room)
                 for h in Household.select(Household, Unit, Building).join(Unit).join(Building).where(Household.id.in_(voters))}
        for i, (hid, choice) in enumerate(zip(voters, choices)):
            clock.freeze(start + dt.timedelta(hours=2 + i * 100 // max(1, len(voters))))
            channel = rng.choices(["kiosk", "paper", "proxy"], weights=[6, 3, 1])[0]
            if channel == "kiosk":
                votes.cast_with_code(ACTOR, slips[where[hid]], choice)
            else:
                votes.cast(ACTOR, info.id, hid, choice, channel)
    finally:
        clock.freeze(None)


def votes_and_plans() -> None:
    """The decided road poll of 盈谷中心小区 (closed, quorate, 沥青 approved), an open carport poll
    with partial turnout, and the 一户一策 plan of 文乐胡同14号楼's lift with its consents."""
    from kiosk.domain import codes, plans, votes

    rng = random.Random(278)
    today = clock.today()
    at = lambda days, hour=9: dt.datetime.combine(today - dt.timedelta(days=days), dt.time(hour))  # noqa: E731
    with codes.seeded(rng):
        yg = estates.resolve_estate("盈谷中心小区")
        road = _project_id(yg.id, "院内道路及车库出入口路面修复")
        households = [h.id for h in Household.select(Household.id).join(Unit).join(Building)
                      .where(Building.estate == yg.id).order_by(Household.id)]
        clock.freeze(at(32, 8))
        try:
            poll = votes.create_poll(ACTOR, yg.id, "道路铺设沥青还是水泥", ["沥青", "水泥"], closes_at=at(25, 20),
                                     meeting_id=_meeting_id(yg.id, "道路铺设沥青还是水泥"), project_id=road)
        finally:
            clock.freeze(None)
        voters = [h for h in households if rng.random() < 0.86]
        rng.shuffle(voters)
        asphalt = round(len(voters) * 0.68)
        _run_poll(poll.id, voters, ["沥青"] * asphalt + ["水泥"] * (len(voters) - asphalt), at(32, 8), rng)
        clock.freeze(at(25, 21))
        try:
            votes.close_poll(ACTOR, poll.id)
        finally:
            clock.freeze(None)

        clock.freeze(at(3, 8))
        try:
            carport = votes.create_poll(ACTOR, yg.id, "车棚顶棚更换材料：阳光板还是彩钢板", ["阳光板", "彩钢板"],
                                        closes_at=at(-7, 20), buildings=["5号楼", "6号楼"],
                                        meeting_id=_meeting_id(yg.id, "车棚修缮"))
        finally:
            clock.freeze(None)
        covered = [h.id for h in Household.select(Household.id).join(Unit).join(Building)
                   .where(Building.estate == yg.id, Building.name.in_(["5号楼", "6号楼"])).order_by(Household.id)]
        voters = [h for h in covered if rng.random() < 0.45]
        _run_poll(carport.id, voters, [rng.choice(["阳光板", "阳光板", "彩钢板"]) for _ in voters], at(3, 8), rng)

        # 文乐胡同14号楼: the lift's cost shares, floor by floor; floors 1-2 pay nothing.
        wl = estates.resolve_estate("文乐胡同14号楼")
        lift = _project_id(wl.id, "整栋老楼加装电梯（6部）")
        clock.freeze(at(330, 10))
        try:
            plan = plans.create_plan(ACTOR, lift, title="加装电梯一户一策分摊方案", rate_fen_per_m2=104_00,
                                     coefficients={3: 100, 4: 140, 5: 180, 6: 220}, low_floors=2, low_floor_mode="exempt",
                                     building="14号楼")
            lines = plans.shares(plan.id)
            by_place = {(x.unit, x.floor, x.room[-2:]): x.household_id for x in lines}
            plans.set_hardship(ACTOR, plan.id, by_place[("2单元", 4, "01")], 50, "低保家庭")
            plans.set_hardship(ACTOR, plan.id, by_place[("5单元", 6, "02")], 30, "家中有重病患者")
            plans.set_override(ACTOR, plan.id, by_place[("3单元", 6, "01")], 12_000_00, "顶层屋面漏水多年，协商定额分摊")
            notes = {("6单元", 6, "01"): "老两口都80岁了，7年没下过楼，盼电梯。",
                     ("1单元", 5, "02"): "大姐腰不好，上楼要忍着疼。",
                     ("4单元", 1, "01"): "担心采光和噪音，恳谈会后仍有顾虑。"}
            for i, x in enumerate(lines):
                key = (x.unit, x.floor, x.room[-2:])
                consent = "object" if key == ("4单元", 1, "01") else ("undecided" if key == ("2单元", 2, "02") else "agree")
                clock.freeze(at(330 - i % 30, 19))
                plans.set_consent(ACTOR, plan.id, x.household_id, consent, notes.get(key))
            plans.issue_codes(ACTOR, plan.id)
        finally:
            clock.freeze(None)
