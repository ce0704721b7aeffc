"""The order.completed handlers of the kernel's "service" (it plays review), for every test that delivers events.

A module of its own, not a test file: pytest imports a test file under a name of its own (``kernel.test_...``),
so a test module importing another as ``tests.kernel.test_...`` would make a second copy and register every
handler in it twice.
"""

from __future__ import annotations

from shared.events import consumes
from shared.events.contracts import OrderCompleted

CALLS: list[str] = []
AUDITED: list[str] = []
OUTSIDE: list[str] = []


@consumes(OrderCompleted)
def count_completion(event: OrderCompleted, meta) -> None:
    if event.order_id.startswith("poison"):
        raise ValueError("this handler cannot digest poison")
    CALLS.append(meta.event_id)


@consumes(OrderCompleted)
def audit_completion(event: OrderCompleted, meta) -> None:
    AUDITED.append(meta.event_id)


@consumes(OrderCompleted, external=True)
def tell_the_outside_world(event: OrderCompleted, meta) -> None:
    if event.order_id.startswith("unreachable"):
        raise ConnectionError("the mail server is down")
    OUTSIDE.append(meta.event_id)
