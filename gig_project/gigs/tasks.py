"""Background work: keeping the Elasticsearch index in step with the gigs."""

from celery import shared_task


@shared_task(
    name="gigs.search_sync_gig",
    acks_late=True,
    autoretry_for=(Exception,),
    retry_backoff=True,
    retry_backoff_max=300,
    max_retries=10,
)
def search_sync_gig(gig_id: str) -> None:
    """Enqueued by the Elasticsearch backend once a gig write commits."""
    from gigs.search.elastic import ElasticsearchBackend

    ElasticsearchBackend().sync_gig(gig_id)


@shared_task(name="gigs.cover_images_sweep", acks_late=True, ignore_result=True)
def cover_images_sweep() -> int:
    from gigs.covers import cover_images_sweep as sweep

    return len(sweep())
