"""The service side of read-your-writes, as one Django middleware (in every service's common settings).

Before the view: wait, at most ``CONSISTENCY_WAIT_SECONDS``, until this
service has applied the pending events the gateway sent that it consumes
(``X-Events-Pending``; the gateway strips any a client sends). After the
view: name the events this request committed (``X-Events-Published``).

A request without pending ids (every other user's) costs a dict lookup. When
the bound is reached the request is answered as it would be without this
mechanism, and a warning names the events that were late.
"""

from __future__ import annotations

import logging

from asgiref.sync import iscoroutinefunction, markcoroutinefunction
from django.conf import settings

from shared.consistency.collector import collecting
from shared.consistency.marks import applied_events
from shared.consistency.wire import PENDING_META_KEY, PUBLISHED_HEADER, consumed_by, format_events, parse_events

logger = logging.getLogger("shared.consistency")


class ReadYourWritesMiddleware:
    sync_capable = True
    async_capable = True

    def __init__(self, get_response):
        self.get_response = get_response
        self.service = settings.SERVICE_NAME
        self.timeout = float(getattr(settings, "CONSISTENCY_WAIT_SECONDS", 2.0))
        from shared.events.consumers import load_handlers  # here: shared.events imports this package

        load_handlers()  # which pending events this service waits for: its handlers' (at start, not in a request)
        if iscoroutinefunction(get_response):
            markcoroutinefunction(self)

    def _pending(self, request) -> list[str]:
        header = request.META.get(PENDING_META_KEY)
        if not header:
            return []
        return [event_id for _name, event_id in consumed_by(self.service, parse_events(header))]

    def _late(self, request, missing: set[str]) -> None:
        if missing:
            logger.warning(
                "answering %s %s before %s applied %s (waited %.1fs)",
                request.method,
                request.path,
                self.service,
                sorted(missing),
                self.timeout,
            )

    def _name_published(self, response, published, unsent) -> None:
        if published:
            response[PUBLISHED_HEADER] = format_events(published)
        if unsent:
            _send_when_closed(response, unsent)

    def __call__(self, request):
        if iscoroutinefunction(self):
            return self.__acall__(request)
        pending = self._pending(request)
        if pending:
            self._late(request, applied_events(self.service).wait(pending, self.timeout))
        with collecting() as (published, unsent):
            response = self.get_response(request)
        self._name_published(response, published, unsent)
        return response

    async def __acall__(self, request):
        pending = self._pending(request)
        if pending:
            self._late(request, await applied_events(self.service).wait_async(pending, self.timeout))
        with collecting() as (published, unsent):
            response = await self.get_response(request)
        self._name_published(response, published, unsent)
        return response


def _send_when_closed(response, unsent: list[dict]) -> None:
    """The server closes a response once it has sent it (WSGI, Django's ASGI handler, the test client):
    the broker sends and their confirms happen then, off the client's wait, and before ``request_finished``
    lets the database connection go. A request whose client left before the answer leaves its events in
    the outbox, where the workers' relay sends them (EVENTS_RELAY_INTERVAL)."""
    from shared.events.bus import send_after_answer

    close = response.close

    def send_then_close():
        try:
            send_after_answer(unsent)
        finally:
            close()

    response.close = send_then_close
