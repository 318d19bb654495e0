"""Votes: check a ballot's receipt (it proves the ballot was counted, never what it chose) and,
once a poll is closed, its result by area and by owners (the shares every screen prints)."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from kiosk.domain import votes
from kiosk.domain.errors import DomainError, NotFound
from kiosk.domain.money import area_text
from kiosk.i18n import _
from kiosk.render.votes import option_shares
from kiosk.web.pages import client_allowed, estate_of, handler, in_scope, query, query_int, render


@handler
def receipt(request: Request) -> Response:
    typed = query(request, "receipt")
    estate = estate_of(request)
    closed = votes.closed_polls(estate.id) if estate else []
    found, error, status = None, "", 200
    if typed.strip():
        if not client_allowed(request):
            error, status = _("Too many tries from this device. Please wait a few minutes."), 429
        else:
            try:
                found = votes.check_receipt(typed)
                in_scope(request, votes.get_poll(found.poll_id).estate_id)
            except DomainError as exc:
                found, error, status = None, str(exc), 404
    return render(request, "vote.html", status=status, typed=typed, found=found, error=error, closed=closed,
                  channel_label=votes.channel_label)


@handler
def result(request: Request) -> Response:
    poll_id = query_int(request, "poll")
    if poll_id is None:
        raise NotFound(_("No such poll."))
    poll = votes.get_poll(poll_id)
    in_scope(request, poll.estate_id)
    tally = votes.public_results(poll_id)
    rows = [(o, area, owners) for o, (area, owners) in zip(tally.options, option_shares(tally))]
    return render(request, "result.html", poll=poll, tally=tally, rows=rows, area_text=area_text,
                  matter=votes.matter_label(tally.matter))


def routes() -> list[Route]:
    return [Route("/vote", receipt, methods=["GET", "HEAD"]), Route("/vote/result", result, methods=["GET", "HEAD"])]
