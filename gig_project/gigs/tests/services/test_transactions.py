import threading

import pytest

from gigs.documents import Gig
from gigs.ratings import gig_apply_review
from gigs.services import gig_create
from gigs.tests.factories import gig_data, make_gig
from shared.testing.tokens import token_user


def test_concurrent_writes_all_commit_despite_conflicts(seller, published_events):
    errors: list[Exception] = []

    def create(n):
        try:
            gig_create(user=token_user(seller.user_id), data=gig_data(title=f"I will paint portrait number {n}"))
        except Exception as exc:
            errors.append(exc)

    threads = [threading.Thread(target=create, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert Gig.objects.count() == 4


def test_concurrent_reviews_of_one_gig_are_all_counted(seller, published_events):
    gig = make_gig(seller)

    threads = [
        threading.Thread(target=gig_apply_review, kwargs={"review_id": f"r{n}", "gig_id": str(gig.pk), "rating": 5})
        for n in range(4)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    stored = Gig.objects.get(id=gig.pk)
    assert (stored.ratings_count, stored.rating_sum) == (4, 20)


def test_a_failed_write_leaves_neither_gig_nor_event(seller, monkeypatch):
    from shared.events import mongo_documents

    def broken_publish(payload):
        raise RuntimeError("outbox unavailable")

    monkeypatch.setattr("gigs.services.publish", broken_publish)

    with pytest.raises(RuntimeError):
        gig_create(user=token_user(seller.user_id), data=gig_data())

    assert Gig.objects.count() == 0
    assert mongo_documents.OutboxEvent.objects.count() == 0
