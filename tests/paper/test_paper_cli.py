"""`kiosk print` from the command line: its help lists every document, a document lands in the
file named, a closed vote's result only, and `kiosk qr --out FILE.pdf` is the A4 poster."""

from __future__ import annotations

import pytest

from kiosk.cli import main
from kiosk.domain import funding, votes
from support import pdf as read

pytestmark = read.needs_poppler
DOCUMENTS = ("funding", "result", "ballots", "vote-slips", "household-codes", "statements", "poster")


def test_help_lists_every_document(capsys):
    with pytest.raises(SystemExit) as done:
        main(["print", "--help"])
    out = capsys.readouterr().out
    assert done.value.code == 0
    assert all(name in out for name in DOCUMENTS)


def test_a_document_to_a_file(paper_db, tmp_path, capsys):
    out = tmp_path / "funding.pdf"
    assert main(["--db", paper_db, "print", "funding", "1", "--from", "2026-11-25", "--to", "2026-12-04", "--out", str(out)]) == 0
    assert "已写入" in capsys.readouterr().out
    text = read.text(out.read_bytes())
    assert "资金公示" in text and "公示期：2026年11月25日至2026年12月4日" in text
    # An existing file stays unless --force.
    assert main(["--db", paper_db, "print", "funding", "1", "--out", str(out)]) == 1
    assert "--force" in capsys.readouterr().err


def test_a_vote_still_open_has_no_result_sheet(paper_db, tmp_path, capsys):
    open_poll = next(p for p in votes.list_polls() if p.closed_at is None)
    assert main(["--db", paper_db, "print", "result", str(open_poll.id), "--out", str(tmp_path / "r.pdf")]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert not (tmp_path / "r.pdf").exists()


def test_kiosk_qr_makes_the_a4_poster(paper_db, tmp_path):
    (tmp_path / "k.toml").write_text('public_url = "https://gongshi.yinggu.example"\n', encoding="utf-8")
    out = tmp_path / "poster.pdf"
    assert main(["--config", str(tmp_path / "k.toml"), "--db", paper_db, "qr", "1", "--out", str(out)]) == 0
    text = read.text(out.read_bytes())
    assert read.squeeze(funding.get_project(1).title) in text and "扫一扫" in text
