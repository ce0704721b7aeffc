from http import HTTPStatus

import pytest

from gigs.documents import Gig


def url(gig):
    return f"/api/v1/gigs/{gig.pk}"


def test_anyone_reads_a_gig(api, gig):
    response = api.get(url(gig))

    assert response.status_code == HTTPStatus.OK
    assert response.json()["id"] == str(gig.pk)
    assert response.json()["title"] == gig.title


@pytest.mark.parametrize("gig_id", ["6b0700000000000000000000", "not-an-id"])
def test_a_missing_gig_is_404(api, gig_id):
    response = api.get(f"/api/v1/gigs/{gig_id}")

    assert response.status_code == HTTPStatus.NOT_FOUND
    assert response.json()["code"] == "gig_not_found"


def test_the_owner_changes_some_fields_and_gig_updated_is_published(as_bob, gig, published_events):
    response = as_bob.put(url(gig), {"title": "I will design a bold vintage logo", "price": "35.5"})

    assert response.status_code == HTTPStatus.OK
    assert response.json()["title"] == "I will design a bold vintage logo"
    assert b'"price": 35.50' in response.content
    assert response.json()["description"] == gig.description
    stored = Gig.objects.get(id=gig.pk)
    assert str(stored.price) == "35.50"
    assert stored.updated_at > gig.updated_at
    assert published_events[-1]["name"] == "gig.updated"
    assert published_events[-1]["payload"]["price"] == "35.50"


def test_an_edit_keeps_ratings_counted_meanwhile(as_bob, gig):
    from gigs.ratings import gig_apply_review

    gig_apply_review(review_id="r1", gig_id=str(gig.pk), rating=5)

    as_bob.put(url(gig), {"title": "I will design a bold vintage logo"})

    assert Gig.objects.get(id=gig.pk).ratings_count == 1


def test_another_seller_cannot_change_the_gig(as_carol, gig, published_events):
    before = len(published_events)

    response = as_carol.put(url(gig), {"title": "I will steal this nice gig today"})

    assert response.status_code == HTTPStatus.FORBIDDEN
    assert response.json()["code"] == "not_owner"
    assert Gig.objects.get(id=gig.pk).title == gig.title
    assert len(published_events) == before


def test_signed_out_users_cannot_change_a_gig(api, gig):
    assert api.put(url(gig), {"title": "I will do something else now"}).status_code == HTTPStatus.UNAUTHORIZED


@pytest.mark.parametrize(
    "body, field",
    [
        ({"price": 2}, "price"),
        ({"expected_delivery_days": 120}, "expected_delivery_days"),
        ({"tags": ["t"] * 11}, "tags"),
        ({"sub_categories": []}, "sub_categories"),
        ({"title": "short"}, "title"),
        ({"active": False}, "active"),
    ],
)
def test_bad_changes_are_refused_field_by_field(as_bob, gig, body, field):
    response = as_bob.put(url(gig), body)

    assert response.status_code == HTTPStatus.UNPROCESSABLE_ENTITY
    assert field in response.json()["fields"]


def test_an_unknown_category_in_an_update_is_400(as_bob, gig):
    response = as_bob.put(url(gig), {"category": "nope"})

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "category" in response.json()["fields"]


def test_an_empty_update_is_400(as_bob, gig):
    response = as_bob.put(url(gig), {})

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert response.json()["code"] == "empty_update"


def test_updating_a_missing_gig_is_404(as_bob):
    response = as_bob.put("/api/v1/gigs/6b0700000000000000000000", {"title": "I will do something else now"})

    assert response.status_code == HTTPStatus.NOT_FOUND


def test_the_owner_deletes_a_gig_and_gig_deleted_is_published(as_bob, gig, published_events):
    response = as_bob.delete(url(gig))

    assert response.status_code == HTTPStatus.NO_CONTENT
    assert Gig.objects(id=gig.pk).count() == 0
    assert published_events[-1]["name"] == "gig.deleted"
    assert published_events[-1]["payload"] == {"gig_id": str(gig.pk), "seller_id": "seller-bob", "seller_user_id": "7"}
    assert as_bob.get(url(gig)).status_code == HTTPStatus.NOT_FOUND


def test_another_user_cannot_delete_the_gig(as_carol, gig):
    response = as_carol.delete(url(gig))

    assert response.status_code == HTTPStatus.FORBIDDEN
    assert Gig.objects(id=gig.pk).count() == 1


def test_signed_out_users_cannot_delete(api, gig):
    assert api.delete(url(gig)).status_code == HTTPStatus.UNAUTHORIZED
    assert Gig.objects(id=gig.pk).count() == 1


def test_deleting_a_missing_gig_is_404(as_bob):
    assert as_bob.delete("/api/v1/gigs/6b0700000000000000000000").status_code == HTTPStatus.NOT_FOUND


def test_the_owner_pauses_and_resumes(as_bob, gig, published_events):
    paused = as_bob.put(f"{url(gig)}/active", {"active": False})
    assert paused.status_code == HTTPStatus.OK
    assert paused.json()["active"] is False
    assert published_events[-1]["payload"]["active"] is False

    resumed = as_bob.put(f"{url(gig)}/active", {"active": True})
    assert resumed.json()["active"] is True
    assert Gig.objects.get(id=gig.pk).active is True


def test_only_the_owner_pauses(as_carol, api, gig):
    assert as_carol.put(f"{url(gig)}/active", {"active": False}).status_code == HTTPStatus.FORBIDDEN
    assert api.put(f"{url(gig)}/active", {"active": False}).status_code == HTTPStatus.UNAUTHORIZED
    assert Gig.objects.get(id=gig.pk).active is True


@pytest.mark.parametrize("body", [{}, {"active": "maybe"}, {"active": None}])
def test_pause_needs_a_boolean(as_bob, gig, body):
    response = as_bob.put(f"{url(gig)}/active", body)

    assert response.status_code == HTTPStatus.UNPROCESSABLE_ENTITY
    assert "active" in response.json()["fields"]
