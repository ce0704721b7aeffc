"""Background work: settle money the provider did not confirm, complete idle deliveries, announce late orders.

Each task is safe to run in several beat/worker processes at once: the
services they call change an order only through a conditional write.
"""

from __future__ import annotations

from celery import shared_task

from orders.services import orders_announce_late, orders_auto_complete_due, orders_settle_pending_money


@shared_task(name="orders.settle_pending_money", acks_late=True, ignore_result=True)
def settle_pending_money() -> int:
    return orders_settle_pending_money()


@shared_task(name="orders.auto_complete_delivered", acks_late=True, ignore_result=True)
def auto_complete_delivered() -> int:
    return orders_auto_complete_due()


@shared_task(name="orders.announce_late", acks_late=True, ignore_result=True)
def announce_late() -> int:
    return orders_announce_late()


@shared_task(name="orders.delivery_files_sweep", acks_late=True, ignore_result=True)
def delivery_files_sweep() -> int:
    from orders.file_sweep import delivery_files_sweep as sweep

    return len(sweep())
