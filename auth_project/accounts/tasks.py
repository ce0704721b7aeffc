"""Background work: sweeping stored pictures no account holds."""

from celery import shared_task


@shared_task(name="accounts.pictures_sweep", acks_late=True, ignore_result=True)
def pictures_sweep() -> int:
    from accounts.pictures import pictures_sweep as sweep

    return len(sweep())
