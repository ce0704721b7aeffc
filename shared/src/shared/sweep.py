"""The periodic sweep: stored files no record points at are deleted after a grace period.

Files normally go with their record, once the change that dropped them
commits. What that misses (a process killed between the upload and the
commit, a transaction rolled back after the file was written, a record
removed by hand) is found here: every file under a folder whose name no
record holds, older than the grace period (so an upload whose record is
still being written is never taken), is deleted.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime, timedelta, timezone

logger = logging.getLogger(__name__)
GRACE = timedelta(hours=6)


def stored_files(storage, folder: str) -> Iterator[str]:
    """Every file name under ``folder``, through Django's storage API (disk and S3 alike)."""
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:
        return
    for name in files:
        yield f"{folder}/{name}"
    for child in folders:
        yield from stored_files(storage, f"{folder}/{child}")


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def storage_sweep(
    storage,
    *,
    folder: str,
    referenced: Callable[[list[str]], Iterable[str]],
    grace: timedelta = GRACE,
    batch: int = 500,
) -> list[str]:
    """Delete unreferenced files under ``folder`` older than ``grace``; answers what was deleted.

    ``referenced(names)`` answers which of ``names`` a record still holds (asked
    in batches, so a large folder never needs one huge query).
    """
    cutoff = datetime.now(timezone.utc) - grace
    deleted: list[str] = []
    names = list(stored_files(storage, folder))
    for start in range(0, len(names), batch):
        chunk = names[start : start + batch]
        kept = set(referenced(chunk))
        for name in chunk:
            if name in kept or _aware(storage.get_modified_time(name)) > cutoff:
                continue
            storage.delete(name)
            deleted.append(name)
    if deleted:
        logger.info("swept %d unreferenced files under %s", len(deleted), folder)
    return deleted
