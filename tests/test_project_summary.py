"""The home screen's project summary keeps both bars and both figures on its line, however far
over its target a project is."""

from kiosk.domain.funding import FundingSnapshot, SourceFigures
from kiosk.domain.sources import SOURCES
from kiosk.render.project_summary import summary


def _snap(received_fen: int, target_fen: int) -> FundingSnapshot:
    sources = tuple(SourceFigures(k, 0, received_fen if k == "owners" else 0, 0) for k in SOURCES)
    return FundingSnapshot(1, "路面修复", "in_progress", target_fen, received_fen, 0, sources)


def test_a_project_funded_many_times_over_keeps_the_works_figure_on_the_line():
    for received in (15_000_00, 2_444_880_000_00):
        text = summary("院内道路及车库出入口路面修复", _snap(received, 200_000_00), 60.0, 78)
        second = text.plain.splitlines()[1]
        assert len(second) <= 78 and second.rstrip().endswith("60.0%"), second
    assert ">999%" in summary("x", _snap(2_444_880_000_00, 200_000_00), 60.0, 78).plain
