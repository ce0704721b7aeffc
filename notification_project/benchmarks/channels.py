"""What planning the e-mail, SMS and push of a notice costs on the event path.

    cd notification_project && ../.venv/bin/python -m benchmarks.channels [--samples 150]

Dispatches real ``order.created`` envelopes to this service's handlers (one
transaction, as the worker runs them) against the configured database, each
for a fresh seller reachable on every channel, with the channel planning on
and, interleaved, replaced by a no-op; prints both p50s and their ratio.
Nothing leaves the process: the after-commit hand-off to the channel task is
replaced by a no-op in both arms, so what is timed is the handlers' transaction.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
import uuid

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")


def main() -> None:
    import django

    django.setup()
    from notifications import services
    from notifications.channels import dispatch
    from notifications.models import Contact, PushSubscription, VerifiedPhone
    from notifications.tests import events

    from shared.events.consumers import dispatch as deliver
    from shared.events.contracts import make_envelope

    parser = argparse.ArgumentParser()
    parser.add_argument("--samples", type=int, default=150)
    samples = parser.parse_args().samples
    dispatch.delivery_enqueue = lambda delivery_id: None
    planning = services.notice_deliveries_plan

    def sample(on: bool) -> float:
        seller, buyer = uuid.uuid4().hex[:12], uuid.uuid4().hex[:12]
        Contact.objects.create(user_id=seller, email=f"{seller}@example.com")
        Contact.objects.create(user_id=buyer, email=f"{buyer}@example.com")
        VerifiedPhone.objects.create(user_id=seller, phone="+4791234567")
        PushSubscription.objects.create(
            user_id=seller,
            endpoint=f"https://fcm.googleapis.com/fcm/send/{seller}",
            p256dh="B" + "A" * 86,
            auth="A" * 22,
        )
        services.notice_deliveries_plan = planning if on else (lambda **kwargs: [])
        envelope = make_envelope(events.order_created(order_id=uuid.uuid4().hex, seller_user_id=seller, buyer_id=buyer))
        start = time.perf_counter()
        deliver(envelope)
        return (time.perf_counter() - start) * 1000

    timings: dict[bool, list[float]] = {True: [], False: []}
    for index in range(samples):
        for on in (True, False) if index % 2 else (False, True):
            timings[on].append(sample(on))
    with_plan, without = statistics.median(timings[True]), statistics.median(timings[False])
    print(
        f"order.created handlers p50: with channel planning {with_plan:.2f} ms, without {without:.2f} ms, "
        f"ratio {with_plan / without:.2f}x (n={samples} each)"
    )


if __name__ == "__main__":
    main()
