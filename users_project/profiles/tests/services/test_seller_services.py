import pytest

from profiles import services
from profiles.documents import Seller
from profiles.tests.factories import SellerFactory
from shared.errors import Conflict
from shared.events.mongo_documents import OutboxEvent
from shared.tokens import TokenUser

pytestmark = pytest.mark.django_db


def profile(**overrides) -> dict:
    from datetime import date

    values = {
        "full_name": "Alice",
        "description": "d",
        "oneliner": "o",
        "skills": ["s"],
        "languages": [{"language": "English", "level": "fluent"}],
        "experience": [
            {
                "company": "A",
                "title": "T",
                "start_date": date(2020, 1, 1),
                "end_date": None,
                "description": "",
                "current": True,
            }
        ],
        "education": [],
        "certificates": [{"name": "C", "issuer": "I", "year": 2020}],
        "social_links": [],
        "response_time": 3,
    }
    values.update(overrides)
    return values


def user(user_id="7") -> TokenUser:
    return TokenUser(
        id=user_id, username="alice", email="alice@example.com", email_verified=True, token_id="t", expires_at=0
    )


def test_the_seller_and_its_event_commit_together(published_events):
    seller = services.seller_create(user=user(), **profile())

    outbox = OutboxEvent.objects.get()
    assert outbox.name == "users.seller.created"
    assert outbox.envelope["payload"]["seller_id"] == str(seller.pk)
    assert outbox.published_at is not None


def test_a_racing_second_request_is_a_conflict_not_a_second_seller(monkeypatch, published_events):
    SellerFactory(user_id="7")
    # Both requests passed the existence check before either wrote: the unique index decides.
    monkeypatch.setattr(services, "seller_exists_for_user", lambda **kwargs: False)

    with pytest.raises(Conflict):
        services.seller_create(user=user(), **profile())

    assert Seller.objects(user_id="7").count() == 1
    assert OutboxEvent.objects.count() == 0
    assert published_events == []


def test_an_update_leaves_concurrently_counted_statistics_alone(monkeypatch, published_events):
    seller = SellerFactory(user_id="7", username="alice")

    def count_a_gig_meanwhile(**profile):
        # An event handler counts a gig after the service loaded the seller, before it writes.
        Seller.objects(pk=seller.pk).update(inc__total_gigs=1)

    monkeypatch.setattr(services, "seller_profile_check", count_a_gig_meanwhile)

    services.seller_update(seller_id=str(seller.pk), user=user(), **profile(full_name="New"))

    stored = Seller.objects.get(pk=seller.pk)
    assert (stored.full_name, stored.total_gigs) == ("New", 1)
