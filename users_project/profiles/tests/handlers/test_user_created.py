import pytest

from profiles.documents import Buyer
from profiles.tests.factories import SellerFactory

pytestmark = pytest.mark.django_db


def test_a_new_account_gets_a_buyer_profile(deliver, buyer_event):
    ran = deliver(buyer_event(user_id="7", username="Bob", email="bob@example.com", country="Kenya"))

    assert ran == 1
    buyer = Buyer.objects.get(user_id="7")
    assert (buyer.username, buyer.username_key, buyer.email, buyer.country) == (
        "Bob",
        "bob",
        "bob@example.com",
        "Kenya",
    )
    assert buyer.is_seller is False


def test_a_replayed_account_event_changes_nothing(deliver, buyer_event):
    envelope = buyer_event(user_id="7")
    deliver(envelope)

    ran = deliver(envelope)

    assert ran == 0
    assert Buyer.objects(user_id="7").count() == 1


def test_a_second_event_for_the_same_account_keeps_the_first_profile(deliver, buyer_event):
    deliver(buyer_event(user_id="7", country="Kenya"))

    deliver(buyer_event(user_id="7", country="Chile"))

    assert Buyer.objects(user_id="7").count() == 1
    assert Buyer.objects.get(user_id="7").country == "Kenya"


def test_a_user_who_became_a_seller_before_the_event_is_marked_as_seller(deliver, buyer_event):
    SellerFactory(user_id="7")

    deliver(buyer_event(user_id="7"))

    assert Buyer.objects.get(user_id="7").is_seller is True


def test_an_event_with_an_invalid_profile_fails_and_leaves_no_processed_mark(deliver, buyer_event):
    from mongoengine import ValidationError

    from shared.events.mongo_documents import ProcessedEvent

    with pytest.raises(ValidationError):
        deliver(buyer_event(user_id="7", email="x" * 300))

    assert Buyer.objects.count() == 0
    assert ProcessedEvent.objects.count() == 0
