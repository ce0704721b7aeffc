"""Background work: sweeping stored attachments no message holds."""

from celery import shared_task


@shared_task(name="chats.attachments_sweep", acks_late=True, ignore_result=True)
def attachments_sweep() -> int:
    from chats.attachments import attachments_sweep as sweep

    return len(sweep())
