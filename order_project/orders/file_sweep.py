"""Delivery uploads no order holds (a delivery that failed after its files were stored, an order
removed by staff) are swept away periodically; see shared.sweep for the grace period."""

from __future__ import annotations

from datetime import timedelta

from django.core.files.storage import default_storage

from orders.documents import Order
from orders.files import FOLDER
from shared.sweep import GRACE, storage_sweep


def _referenced(names: list[str]) -> set[str]:
    """Which of ``names`` an order holds (as a file's path, or as the plain string of an older record)."""
    query = {"$or": [{"deliveries.files.path": {"$in": names}}, {"deliveries.files": {"$in": names}}]}
    held: set[str] = set()
    for order in Order.objects(__raw__=query).only("deliveries"):
        held.update(file.path for delivery in order.deliveries for file in delivery.files)
    return held & set(names)


def delivery_files_sweep(*, grace: timedelta = GRACE) -> list[str]:
    return storage_sweep(default_storage, folder=FOLDER, referenced=_referenced, grace=grace)
