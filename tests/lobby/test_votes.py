"""The vote section of the lobby (home tile 7), driven as residents use it, on the fixed demo:
vote with a household's one-time code and get a receipt; the same code refused; a receipt
checked; results of the closed poll; 一户一策 statements; meetings; the live quorum meter."""

from __future__ import annotations

import datetime as dt

from kiosk import clock
from kiosk.apps.live import DataChanged
from kiosk.db.models import Ballot
from kiosk.domain import changes, codes, plans, votes
from kiosk.domain.money import area_text
from kiosk.render.quorum import quorum_line, turnout_figures
from support import screen_text, settle
from support import press as press_keys
from test_privacy import leaks, private_data

YG = "盈谷中心小区"  # the demo estate with an open and a closed vote
WL = "文乐胡同14号楼"  # the demo estate with a 一户一策 plan


async def press(pilot, *keys: str) -> None:
    """Press, then wait until the screen shown is drawn: a new screen can take a moment on a busy
    machine, and a blank screen would fail the next look for the wrong reason."""
    for key in keys:
        await press_keys(pilot, key)
        for _ in range(200):
            if screen_text(pilot.app).strip():
                break
            await pilot.pause(0.05)


def open_poll(app) -> votes.PollInfo:
    return votes.open_polls(app.estate.id)[0]


def closed_poll(app) -> votes.PollInfo:
    return votes.closed_polls(app.estate.id)[0]


def chosen(receipt: str) -> str:
    """What the ballot behind a receipt chose: only the database knows (the receipt does not)."""
    return Ballot.get(Ballot.receipt == receipt).option.label


def assert_private(text: str) -> None:
    phones, names, rooms = private_data()
    assert leaks(text, phones, names, rooms) == []


async def test_seven_opens_the_votes_by_digit_click_and_arrows(make_app):
    app = make_app()

    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert " 7 " in screen_text(app)
        await press(pilot, "7")
        assert type(app.screen).__name__ == "VoteScreen"
        await press(pilot, "escape")
        assert type(app.screen).__name__ == "HomeScreen"
        await pilot.click("#tile-7")
        await settle(pilot)
        assert type(app.screen).__name__ == "VoteScreen"
        await press(pilot, "0")
        assert type(app.screen).__name__ == "HomeScreen"
        app.screen.query_one("#tile-6").focus()
        await press(pilot, "right")
        assert app.focused.id == "tile-7"
        await press(pilot, "enter")
        assert type(app.screen).__name__ == "VoteScreen"
        # every button of the section has its digit, and a touch works too
        text = screen_text(app)
        for key in "12345":
            assert f" {key} " in text
        assert " 0 " in text.splitlines()[-1]  # the key bar: 0 goes back
        await pilot.click("#choice-5")
        await settle(pilot)
        assert type(app.screen).__name__ == "MeetingsScreen"
    assert app.errors == []


async def test_vote_with_a_code_then_the_same_code_is_refused(make_app):
    app = make_app()

    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        p = open_poll(app)
        slip = votes.issue_codes("staff", p.id, reissue=True)[0]
        before = votes.ballot_count(p.id)
        await press(pilot, "7", "1")
        assert "12 位投票码" in screen_text(app)
        await press(pilot, *codes.show(slip.code), "enter")
        text = screen_text(app)
        assert "1  阳光板" in text and "2  彩钢板" in text and f"{slip.building}{slip.unit}" in text  # 5号楼1单元
        assert_private(text)  # building and unit only, never the room
        await press(pilot, "2")
        assert "「彩钢板」" in screen_text(app)
        assert votes.ballot_count(p.id) == before  # nothing written before the confirmation
        await press(pilot, "1")
        assert type(app.screen).__name__ == "VoteDoneScreen"
        text = screen_text(app)
        receipt = app.screen.receipt.receipt
        assert codes.show(receipt) in text and chosen(receipt) == "彩钢板"
        assert "彩钢板" not in text.replace(p.title, "")  # the receipt screen does not repeat the choice
        assert votes.ballot_count(p.id) == before + 1
        assert_private(text)
        await press(pilot, "0")  # the flow is over: 0 goes home
        assert type(app.screen).__name__ == "HomeScreen"
        await press(pilot, "7", "1", *slip.code, "enter")
        assert type(app.screen).__name__ == "VoteCodeScreen"
        assert "这个投票码已经使用过了。" in screen_text(app)
        assert votes.ballot_count(p.id) == before + 1
    assert app.errors == []


async def test_a_code_used_elsewhere_meanwhile_is_refused_at_the_confirmation(make_app):
    app = make_app()

    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        p = open_poll(app)
        slip = votes.issue_codes("staff", p.id, reissue=True)[1]
        await press(pilot, "7", "1", *slip.code, "enter", "1")
        assert type(app.screen).__name__ == "VoteConfirmScreen"
        votes.cast_with_code("another kiosk", slip.code, "彩钢板")
        count = votes.ballot_count(p.id)
        await press(pilot, "1")
        assert type(app.screen).__name__ == "VoteConfirmScreen"
        assert "这个投票码已经使用过了。" in screen_text(app)
        assert votes.ballot_count(p.id) == count
    assert app.errors == []


async def test_a_quick_second_key_never_lands_on_the_wrong_step(make_app):
    app = make_app()

    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        p = open_poll(app)
        slip = votes.issue_codes("staff", p.id, reissue=True)[2]
        await press(pilot, "7", "1", *slip.code, "enter")
        await pilot.press("2", "1")  # choose 彩钢板, confirm — typed without a pause
        for _ in range(200):
            if type(app.screen).__name__ == "VoteDoneScreen":
                break
            await pilot.pause(0.05)
        assert type(app.screen).__name__ == "VoteDoneScreen"
        assert chosen(app.screen.receipt.receipt) == "彩钢板"
    assert app.errors == []


async def test_wrong_codes_lock_the_kiosk_for_a_minute_even_after_going_back(make_app):
    app = make_app()

    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        p = open_poll(app)
        slip = votes.issue_codes("staff", p.id, reissue=True)[3]
        await press(pilot, "7", "1")
        for _ in range(5):
            await press(pilot, *"000000000000", "enter", *["backspace"] * 12)
        await press(pilot, "escape", "1")  # leaving and coming back does not reset the count
        await press(pilot, *slip.code, "enter")
        assert "一分钟" in screen_text(app)
        assert type(app.screen).__name__ == "VoteCodeScreen"
        clock.advance(dt.timedelta(seconds=61))
        await press(pilot, "enter")  # the code is still typed: nothing is lost
        assert type(app.screen).__name__ == "VoteChoiceScreen"
    assert app.errors == []


async def test_check_a_receipt(make_app):
    app = make_app()

    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        p = open_poll(app)
        slip = votes.issue_codes("staff", p.id, reissue=True)[4]
        r = votes.cast("staff", p.id, votes.find_household(p, slip.building, slip.unit, slip.room), "阳光板", "proxy", proxy_holder="李四")
        await press(pilot, "7", "2", *codes.show(r.receipt), "enter")
        text = screen_text(app)
        assert "已计入" in text and "委托" in text
        assert "选择" not in text and "阳光板" not in text.replace(p.title, "")  # counted, never the choice
        assert_private(text)
        wrong = "1234567890" if r.receipt != "1234567890" else "1234567891"
        await press(pilot, *["backspace"] * 12, *wrong, "enter")
        text = screen_text(app)
        assert "已计入" not in text and f"没有回执号为 {codes.show(wrong)} 的选票" in text
        await press(pilot, *["backspace"] * 12, "1", "2", "enter")
        assert "10 位" in screen_text(app)
    assert app.errors == []


async def test_results_of_the_closed_poll_by_area_and_owners(make_app):
    app = make_app()

    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        closed, still_open = closed_poll(app), open_poll(app)
        await press(pilot, "7", "3")
        text = screen_text(app)
        assert closed.title in text and still_open.title not in text  # open: no results yet
        await press(pilot, "1")
        assert type(app.screen).__name__ == "ResultScreen"
        app.screen.query_one("#read").scroll_end(animate=False)
        await settle(pilot)
        text = screen_text(app)
        await press(pilot, "8")
        text = screen_text(app) + "\n" + text
        t = votes.public_results(closed.id)
        for o in t.options:
            row = next(line for line in text.splitlines() if line.strip().startswith(o.label))
            assert area_text(o.counts.area_cm2) in row and f" {o.counts.owners} " in row and f" {o.counts.households} " in row
        assert t.outcome and f"「{t.outcome}」" in text
        assert_private(text)
    assert app.errors == []


async def test_the_quorum_meter_on_home_and_in_the_section_equals_the_turnout(make_app):
    app = make_app()

    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        p = open_poll(app)
        t = votes.turnout(p.id)
        meter = quorum_line(t).plain
        assert meter == f"参与：面积 {turnout_figures(t)[0]}% / 人数 {turnout_figures(t)[1]}%，需 2/3"
        assert meter in screen_text(app)
        assert "表决：" in screen_text(app)
        # Ballots counted elsewhere (paper, entered by staff) move the meter by themselves.
        for slip in votes.issue_codes("staff", p.id, reissue=True)[5:45]:
            votes.cast("staff", p.id, votes.find_household(p, slip.building, slip.unit, slip.room), "阳光板", "paper")
        t2 = votes.turnout(p.id)
        assert (t2.area_percent, t2.owners_percent) != (t.area_percent, t.owners_percent)
        app.post_message(DataChanged(changes.revision()))
        await settle(pilot)
        text = screen_text(app)
        assert quorum_line(t2).plain in text and meter not in text
        await press(pilot, "7")
        text = screen_text(app)
        assert quorum_line(t2).plain in text
        assert f"{turnout_figures(t2)[0]}%" in text.splitlines()[5]  # the area bar's figure
    assert app.errors == []


async def test_no_meter_on_home_where_no_vote_is_open(make_app):
    app = make_app(estate=WL)

    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert votes.open_polls(app.estate.id) == []
        assert "参与：" not in screen_text(app)
        await press(pilot, "7")
        assert "目前没有正在进行的投票。" in screen_text(app)
    assert app.errors == []


async def test_household_statement_with_its_code(make_app):
    app = make_app(estate=WL)

    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        [plan] = plans.list_plans(estate_id=app.estate.id)
        line = next(x for x in plans.shares(plan.id) if x.unit == "2单元" and x.floor == 4 and x.room.endswith("01"))
        [slip] = plans.issue_codes("staff", plan.id, household_id=line.household_id)
        await press(pilot, "7", "4")
        text = screen_text(app)
        assert "14号楼1单元" in text and "12/12" in text and "11/12" in text
        assert "反对" not in text  # only agreement is shown per unit
        await press(pilot, "1", *slip.code, "enter")
        assert type(app.screen).__name__ == "PlanMineScreen"
        text = screen_text(app)
        assert f"¥{line.share_fen // 100:,}" in text and "困难减免" in text and "2单元" in text
        assert_private(text)
        await press(pilot, "0")  # back to the overview, not to the typed code
        assert type(app.screen).__name__ == "PlanOverviewScreen"
        assert f"¥{line.share_fen // 100:,}" not in screen_text(app)
    assert app.errors == []


async def test_meetings_with_decisions_and_the_votes_they_led_to(make_app):
    app = make_app()

    async with app.run_test(size=(80, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "7", "5")
        text = screen_text(app)
        assert "即将召开" in text and "车库坡道施工现场办公会" in text
        for _ in range(6):
            await press(pilot, "9")
            text += screen_text(app)
        assert "已召开" in text and "道路铺设沥青还是水泥" in text
        assert_private(text)
    assert app.errors == []


async def test_typed_titles_and_options_are_inert(make_app):
    app = make_app()

    async with app.run_test(size=(100, 30)) as pilot:
        p = votes.create_poll("staff", app.estate.id, "[@click=app.quit]退出[/] \u202e测试", ["[b]粗[/b]", "[red]红"])
        slip = votes.issue_codes("staff", p.id)[0]
        app.post_message(DataChanged(changes.revision()))
        await settle(pilot)
        assert "[@click=app.quit]退出[/]" in screen_text(app)  # the home meter
        await press(pilot, "7", "1", *slip.code, "enter")
        text = screen_text(app)
        assert "[b]粗[/b]" in text and "[red]红" in text and "⟨U+202E⟩" in text
        assert app.is_running
    assert app.errors == []


async def test_english(make_app):
    app = make_app("en")

    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "Votes" in screen_text(app) and "Turnout: area" in screen_text(app)
        await press(pilot, "7")
        text = screen_text(app)
        assert "Turnout: area" in text and "Vote" in text and "Meetings" in text and "Back" in text
    assert app.errors == []


async def test_idle_on_the_ballot_goes_home_and_forgets_the_code(make_app):
    app = make_app(idle_seconds=90)

    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        p = open_poll(app)
        slip = votes.issue_codes("staff", p.id, reissue=True)[0]
        await press(pilot, "7", "1", *slip.code, "enter", "1")
        assert type(app.screen).__name__ == "VoteConfirmScreen"
        clock.advance(dt.timedelta(seconds=91))
        app.check_inactivity()
        await settle(pilot, 5)
        assert type(app.screen).__name__ == "HomeScreen"
        assert not any(getattr(s, "code", None) for s in app.screen_stack)  # no screen keeps it
        await press(pilot, "7", "1")
        assert app.screen.query_one("Input").value == ""
        assert votes.check_code(slip.code)  # never used: the household can still vote
    assert app.errors == []
