"""The results table as residents and staff read it: without a quorum no option is marked
approved, however large its share of those who took part (art. 278)."""

from __future__ import annotations

from rich.console import Console

from kiosk import i18n
from kiosk.domain import votes
from kiosk.render import votes as render
from votes_helpers import ACTOR, make_estate, simple_flats


def _text(renderable) -> str:
    console = Console(width=100, record=True)
    console.print(renderable)
    return console.export_text()


def _closed_poll(voters: int) -> votes.Tally:
    estate_id, ids = make_estate(f"表决{voters}", simple_flats([10000] * 9))
    p = votes.create_poll(ACTOR, estate_id, "铺路", ["沥青", "水泥"])
    for h in ids[:voters]:
        votes.cast(ACTOR, p.id, h, "沥青", "paper")
    return votes.close_poll(ACTOR, p.id)


def test_no_quorum_means_no_option_marked_approved(db):
    i18n.set_language("en")
    t = _closed_poll(3)  # a third took part, all for 沥青
    assert not t.quorate and votes.has_majority(t.options[0].counts, t.participating, t.matter)
    assert not any(o.approved for o in t.options)  # the domain's one decision ...
    assert "approved" not in _text(render.results(t)).replace("not approved", "")  # ... is what is drawn
    assert "not valid" in _text(render.results(t))


def test_with_a_quorum_the_majority_is_marked_approved(db):
    i18n.set_language("en")
    t = _closed_poll(7)
    assert t.quorate and t.outcome == "沥青"
    text = _text(render.results_table(t))
    assert "approved" in text.replace("not approved", "") and "not approved" in text


def test_an_open_poll_marks_nothing_and_says_why(db):
    i18n.set_language("en")
    estate_id, ids = make_estate("表决开放", simple_flats([10000] * 9))
    p = votes.create_poll(ACTOR, estate_id, "铺路", ["沥青", "水泥"])
    for h in ids:
        votes.cast(ACTOR, p.id, h, "沥青", "paper")  # everyone, all for 沥青
    text = _text(render.results(votes.tally(p.id)))
    assert "approved" not in text.replace("no option is approved", "") and "not closed" in text
