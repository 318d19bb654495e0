"""The demo's content: the four estates of the Binhe sub-district report (滨河街道, Pinggu), with
their projects, money, works, meetings, notices and residents' reports. Days count back from
today, so that the history always looks current; the order of the rows is the order of the ids."""

from __future__ import annotations

from kiosk.demo import rules
from kiosk.demo.model import WAN, Block, Estate, Gift, HouseholdPlan, Meeting, Milestone, Notice, Poll, Project, Report, Stage
from kiosk.demo.rules import LIFT, PARKING, ROAD, ROOF, WH_WORKS

ACTOR = "demo"
SUB_DISTRICT = "滨河街道"
DEMO_STAFF = (("admin", "admin", "社区管理员"), ("fang", "staff", "方书记"), ("wuye", "staff", "物业值班"))
# Who writes the demo's audit entries: its builder, its staff (a payment is entered by one and
# approved by another), residents answering at its kiosk. `kiosk demo` wipes a database whose
# entries are all theirs, and no other.
ACTORS = (ACTOR, "kiosk", *(username for username, _role, _name in DEMO_STAFF))
DEMO_PASSWORD = "demo-pass-2026"

# Fictional owners: names drawn from these; mobile numbers in the mainland format precisely so that
# tests can prove no public screen ever shows them.
SURNAMES = "王李张刘陈杨赵黄周吴徐孙马朱胡郭何林高罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "秀英桂英玉兰建华建国淑珍凤英志强秀兰海燕丽华国庆春梅红梅文华德明永刚晓东金凤玉梅振华淑兰立新宝山雪梅国华桂兰子涵宇轩浩然欣怡"

_YG_KINDS = ["communication", "onsite", "communication", "onsite", "heart_to_heart", "deliberation"]
_YG_TOPICS = ["楼顶漏雨情况摸排", "资金筹集方案（六个点）", "施工方案与施工方确定", "单元门更换选型", "众筹公示方式",
              "道路铺设沥青还是水泥", "施工期间停车安排", "楼道地砖修复标准", "车棚修缮", "工程进度通报"]
_YG_DECISIONS = {1: "同意按“六个点”模式筹资；每天公示众筹进度和工程进度。", 5: "投票结果：道路铺设沥青（沥青 68%，水泥 32%）。"}

# 盈谷中心小区: built 2003, 270 households; roof, walls, doors, tiles, roads; ~¥500,000 raised.
YINGU = Estate(
    "盈谷中心小区", "建西社区", 2003, address="平谷区滨河街道",
    blocks=(Block(tuple(f"{i}号楼" for i in range(1, 7)), 3, 5, 3),),
    projects=(
        Project(ROOF, 30 * WAN, "in_progress", "六栋楼楼顶防水层翻新，墙体、窗户渗水处修补，单元门更换，楼道地砖修复。",
                {"government": 9 * WAN, "subdistrict": 5 * WAN, "units": 4 * WAN, "community": 2 * WAN, "owners": 6 * WAN, "property": 4 * WAN}),
        Project(ROAD, 20 * WAN, "in_progress", "院内及车库出入口粉化路面铣刨重铺。经居民投票，路面铺设沥青。",
                {"government": 6 * WAN, "subdistrict": 3 * WAN, "units": 3 * WAN, "community": 1 * WAN, "owners": 5 * WAN, "property": 2 * WAN}),
    ),
    gifts=(
        Gift(ROOF, "government", 9 * WAN, "received", 60, "平谷区老旧小区综合整治专项", receipt="YG-0001", key="demo-yg-org-1"),
        Gift(ROOF, "subdistrict", 5 * WAN, "received", 55, "滨河街道办事处", receipt="YG-0002", key="demo-yg-org-2"),
        Gift(ROOF, "units", 25_000_00, "received", 50, "京平建设工程有限公司", receipt="YG-0003", key="demo-yg-org-3"),
        Gift(ROOF, "units", 15_000_00, "received", 48, "滨河商贸中心", receipt="YG-0004", key="demo-yg-org-4"),
        Gift(ROOF, "community", 2 * WAN, "received", 45, "建西社区居委会", receipt="YG-0005", key="demo-yg-org-5"),
        Gift(ROOF, "property", 4 * WAN, "received", 40, "盈谷物业服务中心", receipt="YG-0006", key="demo-yg-org-6"),
        Gift(ROAD, "government", 6 * WAN, "received", 20, "平谷区老旧小区综合整治专项", receipt="YG-0007", key="demo-yg-org-7"),
        Gift(ROAD, "subdistrict", 3 * WAN, "received", 18, "滨河街道办事处", receipt="YG-0008", key="demo-yg-org-8"),
        Gift(ROAD, "units", 2 * WAN, "received", 15, "平谷供电服务站", receipt="YG-0009", key="demo-yg-org-9"),
        Gift(ROAD, "units", 1 * WAN, "pledged", 5, "京平建设工程有限公司", key="demo-yg-org-10"),
        Gift(ROAD, "community", 1 * WAN, "received", 12, "建西社区居委会", receipt="YG-0011", key="demo-yg-org-11"),
        Gift(ROAD, "property", 15_000_00, "received", 10, "盈谷物业服务中心", receipt="YG-0012", key="demo-yg-org-12"),
        Gift(ROAD, "property", 5_000_00, "pledged", 2, "盈谷物业服务中心", key="demo-yg-org-13"),
        rules.yingu_owners,
    ),
    stages=(
        Stage(ROOF, "楼顶防水层翻新", 35, 100), Stage(ROOF, "墙体、窗户渗水修补", 25, 100), Stage(ROOF, "单元门更换", 15, 100),
        Stage(ROOF, "楼道地砖修复", 15, 70), Stage(ROOF, "竣工验收与公示", 10, 0),
        Stage(ROAD, "旧路面铣刨", 30, 100), Stage(ROAD, "沥青摊铺", 50, 60), Stage(ROAD, "车库坡道防滑处理", 20, 0),
    ),
    milestones=(
        Milestone(ROOF, 40, "施工方进场", True), Milestone(ROOF, 20, "楼顶防水完工", True),
        Milestone(ROOF, -7, "楼道地砖完工", False), Milestone(ROAD, 25, "居民投票：沥青还是水泥", True),
        Milestone(ROAD, 3, "沥青摊铺开始", True), Milestone(ROAD, -10, "道路通车", False),
    ),
    meetings=tuple(
        Meeting(_YG_KINDS[i % len(_YG_KINDS)], 120 - i * 5, 19 if i % 2 else 10, _YG_TOPICS[i % len(_YG_TOPICS)],
                ROAD if i in (5, 6) else ROOF, location="社区议事厅" if i % 2 else "小区现场",
                attendance=12 + (i * 7) % 30, decisions=_YG_DECISIONS.get(i, ""))
        for i in range(22)
    ) + (Meeting("onsite", -3, 15, "车库坡道施工现场办公会", ROAD, location="车库入口"),),
    notices=(
        Notice("众筹与工程进度每日公示", "每天 18:00 更新**资金到账**和**工程进度**，请在大厅屏幕或公告栏查看。\n\n"
               "- 资金来源：政府补一点、街道奖一点、单位帮一点、社区筹一点、业主出一点、物业搭一点\n- 如有疑问请到社区居委会咨询。",
               30, category="money", pinned=True),
        Notice("道路施工期间车辆绕行", "院内道路沥青摊铺期间，请从北门进出，车库坡道暂停使用。", 3, category="works",
               expires_days_ago=-10),
        Notice("投票结果：院内道路铺设沥青", "经全体业主投票，院内道路铺设**沥青**。感谢各位居民参与。", 24, category="vote"),
        Notice("旧通知：楼顶施工安全提示", "已过期。", 60, expires_days_ago=30),
        Notice("冬季供暖与防火提示", "楼道内请勿堆放杂物，电动车请勿入户充电。", 5, category="safety", everywhere=True),
    ),
    reports=(
        Report("roof_leak", "3号楼", "顶层卧室天花板漏雨，下雨就滴水。", 40, unit=0, floor=3, phone=True,
               steps=(("accepted", "已受理，物业将上门查看。"), ("in_progress", "施工队已安排维修。"), ("resolved", "已修复，请居民确认。"))),
        Report("seepage", "5号楼", "二单元北侧墙体渗水，墙皮脱落。", 10, unit=1, floor=3, phone=True,
               steps=(("accepted", "已受理，物业将上门查看。"), ("in_progress", "施工队已安排维修。"))),
        Report("unit_door", "2号楼", "三单元单元门锁坏了，关不上。", 1, unit=2, floor=3, phone=True),
        Report("stair_tiles", "4号楼", "楼道三层地砖松动，老人容易绊倒。", 4, unit=0, floor=3, phone=True,
               steps=(("accepted", "已受理，物业将上门查看。"),)),
        Report("road", "1号楼", "楼前路面坑洼，雨后积水。", 30, phone=True,
               steps=(("accepted", "已受理，物业将上门查看。"), ("in_progress", "施工队已安排维修。"), ("resolved", "已修复，请居民确认。"),
                      ("closed", "居民确认，办结。"))),
        Report("carport", "6号楼", "车棚顶棚破损漏雨。", 2, phone=True),
        Report("parking", "2号楼", "消防通道有车辆长期停放。", 6, phone=True,
               steps=(("rejected", "已转交物业与停车公司协调，不作为维修事项。"),)),
        Report("seepage", "5号楼", "5号楼二单元四层窗户渗水。", None, unit=1, floor=4),
    ),
)

# 五号公寓小区: built 2001; road, light wells, carport roof; the owners raise the money.
WUHAO = Estate(
    "五号公寓小区", "建西社区", 2001,
    blocks=(Block(tuple(f"{i}号楼" for i in range(1, 5)), 2, 6, 2),),
    projects=(
        Project(WH_WORKS, 18 * WAN, "fundraising",
                "不属于老旧小区维修范围，维修基金有限：经业委会、党员代表和居民代表多次协商，以业主集资为主。",
                {"government": 0, "subdistrict": 1 * WAN, "units": 0, "community": 1 * WAN, "owners": 15 * WAN, "property": 1 * WAN}),
    ),
    gifts=(
        rules.wuhao_owners,
        Gift(WH_WORKS, "community", 1 * WAN, "received", 8, "建西社区居委会", receipt="WH-C01"),
        Gift(WH_WORKS, "subdistrict", 1 * WAN, "pledged", 3, "滨河街道办事处"),
    ),
    stages=(Stage(WH_WORKS, "方案与预算公示", 10, 100), Stage(WH_WORKS, "路面修复", 50, 0),
            Stage(WH_WORKS, "采光井修缮", 20, 0), Stage(WH_WORKS, "车棚顶棚更换", 20, 0)),
    milestones=(Milestone(WH_WORKS, 12, "业主集资方案通过", True), Milestone(WH_WORKS, -20, "计划开工", False)),
    meetings=(
        Meeting("communication", 40, 19, "路面与车棚问题梳理", WH_WORKS, attendance=15),
        Meeting("deliberation", 31, 19, "集资方案协商", WH_WORKS, attendance=19),
        Meeting("communication", 22, 19, "集资方案表决", WH_WORKS, attendance=23, decisions="确定以“业主集资”方式筹集资金。"),
        Meeting("deliberation", 13, 19, "施工单位比选", WH_WORKS, attendance=27),
        Meeting("courtyard", -5, 19, "施工安排与集资进度通报", WH_WORKS, location="2号楼前小广场"),
    ),
    notices=(Notice("业主集资进度公示", "集资款由业委会与社区共同监管，每笔到账均公示。", 10, category="money", pinned=True),),
    reports=(Report("road", "1号楼", "院内路面破损，坑洼积水。", 15, steps=(("accepted", "已纳入院内路面修缮项目。"),), spread=False),),
)

# 文乐胡同14号楼: the first whole-building lift retrofit in Pinggu; one household, one policy.
WENLE = Estate(
    "文乐胡同14号楼", "建西社区", 1994,
    blocks=(Block(("14号楼",), 6, 6, 2),),
    projects=(
        Project(LIFT, 240 * WAN, "completed", "庭院议事会、实地问询、恳谈会、微网格沟通征求意见，制定“一户一策”，电梯已交付使用。",
                {"government": 144 * WAN, "subdistrict": 12 * WAN, "units": 10 * WAN, "community": 4 * WAN, "owners": 64 * WAN, "property": 6 * WAN}),
    ),
    gifts=(
        Gift(LIFT, "government", 144 * WAN, "received", 200, "北京市老楼加装电梯补贴", receipt="WL-001"),
        Gift(LIFT, "subdistrict", 12 * WAN, "received", 190, "滨河街道办事处", receipt="WL-002"),
        Gift(LIFT, "units", 10 * WAN, "received", 180, "平谷区电梯安装企业联合体", receipt="WL-003"),
        Gift(LIFT, "community", 4 * WAN, "received", 170, "建西社区居委会", receipt="WL-004"),
        Gift(LIFT, "property", 6 * WAN, "received", 160, "文乐物业", receipt="WL-005"),
        rules.wenle_owners,
    ),
    stages=tuple(Stage(LIFT, name, 20, 100) for name in ["征求意见与一户一策", "设计与审批", "基础施工", "电梯安装", "验收交付"]),
    milestones=(Milestone(LIFT, 300, "全体住户签署意见", True), Milestone(LIFT, 60, "电梯交付使用", True)),
    meetings=(
        Meeting("courtyard", 400, 19, "加装电梯意愿摸底", LIFT, attendance=20),
        Meeting("heart_to_heart", 360, 19, "低楼层住户诉求恳谈", LIFT, attendance=25),
        Meeting("courtyard", 320, 19, "一户一策分摊方案", LIFT, attendance=30),
        Meeting("heart_to_heart", 280, 19, "高龄住户出行需求", LIFT, attendance=35),
        Meeting("communication", 240, 19, "施工期间安全", LIFT, attendance=40),
    ),
    notices=(Notice("电梯使用须知", "电梯已交付使用。请爱护电梯设施，儿童须由成人陪同乘坐。", 50, pinned=True),),
)

# 金谷东园社区 府前西街7号楼: parking by a parking company, under owners' and the property's supervision.
FUQIAN = Estate(
    "府前西街7号楼", "金谷东园社区", 1998,
    blocks=(Block(("7号楼",), 4, 6, 2),),
    projects=(
        Project(PARKING, 35 * WAN, "in_progress",
                "问卷调查征集全体业主意见，7次议事讨论，引入北京美丽城停车服务有限公司：居民优惠、车位共享、先到先停、计时封顶。",
                {"government": 0, "subdistrict": 5 * WAN, "units": 25 * WAN, "community": 1 * WAN, "owners": 0, "property": 4 * WAN}),
    ),
    gifts=(
        Gift(PARKING, "units", 25 * WAN, "received", 35, "北京美丽城停车服务有限公司", receipt="FQ-001"),
        Gift(PARKING, "subdistrict", 5 * WAN, "received", 28, "滨河街道办事处", receipt="FQ-002"),
        Gift(PARKING, "property", 4 * WAN, "pledged", 6, "金谷东园物业"),
        Gift(PARKING, "community", 1 * WAN, "received", 0, "金谷东园社区居委会", receipt="FQ-003"),
    ),
    stages=(Stage(PARKING, "问卷调查", 10, 100), Stage(PARKING, "场地平整", 30, 100),
            Stage(PARKING, "划线与道闸", 30, 80), Stage(PARKING, "收费系统与试运行", 30, 20)),
    meetings=tuple(
        Meeting("deliberation", 90 - i * 10, 19, f"停车问题第{i + 1}次议事会", PARKING, location="社区会议室",
                attendance=10 + i * 3, decisions="引入北京美丽城停车服务有限公司，接受物业企业和业主的共同监督。" if i == 6 else "")
        for i in range(7)
    ),
    notices=(Notice("停车场试运行与居民优惠", "7号楼居民凭登记车辆享受优惠，车位共享、先到先停、计时封顶。", 2, category="works"),),
)

ESTATES = (YINGU, WUHAO, WENLE, FUQIAN)

# Votes: the decided road poll of 盈谷中心小区 (closed, quorate, 沥青 approved) and an open carport
# poll with partial turnout.
POLLS = (
    Poll("盈谷中心小区", "道路铺设沥青还是水泥", ("沥青", "水泥"), 32, 25, 0.86, "道路铺设沥青还是水泥", project=ROAD,
         split=0.68, closed_days_ago=25),
    Poll("盈谷中心小区", "车棚顶棚更换材料：阳光板还是彩钢板", ("阳光板", "彩钢板"), 3, -7, 0.45, "车棚修缮",
         buildings=("5号楼", "6号楼"), draw=("阳光板", "阳光板", "彩钢板")),
)

# 文乐胡同14号楼: the lift's cost shares, floor by floor; floors 1-2 pay nothing.
PLANS = (
    HouseholdPlan(
        "文乐胡同14号楼", LIFT, "加装电梯一户一策分摊方案", "14号楼", 104_00, {3: 100, 4: 140, 5: 180, 6: 220}, 2, "exempt", 330,
        hardship=((("2单元", 4, "01"), 50, "低保家庭"), (("5单元", 6, "02"), 30, "家中有重病患者")),
        overrides=((("3单元", 6, "01"), 12_000_00, "顶层屋面漏水多年，协商定额分摊"),),
        notes={("6单元", 6, "01"): "老两口都80岁了，7年没下过楼，盼电梯。",
               ("1单元", 5, "02"): "大姐腰不好，上楼要忍着疼。",
               ("4单元", 1, "01"): "担心采光和噪音，恳谈会后仍有顾虑。"},
        objects=(("4单元", 1, "01"),),
        undecided=(("2单元", 2, "02"),),
    ),
)
