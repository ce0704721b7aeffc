"""Background work: settle refunds and payouts the provider did not confirm at the time."""
from __future__ import annotations

from celery import shared_task

from orders.services import orders_settle_pending_money


@shared_task(name="orders.settle_pending_money", acks_late=True, ignore_result=True)
def settle_pending_money() -> int:
    return orders_settle_pending_money()


@shared_task(name="orders.delivery_files_sweep", acks_late=True, ignore_result=True)
def delivery_files_sweep() -> int:
    from orders.file_sweep import delivery_files_sweep as sweep

    return len(sweep())
