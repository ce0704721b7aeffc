"""Validation errors name the field the client sent, even one called "body" or "data"."""

from __future__ import annotations

import pytest

from shared.api_ninja import _location_name


@pytest.mark.parametrize(
    ("loc", "name"),
    [
        (("body", "payload", "body"), "body"),
        (("body", "payload", "offer", "price"), "offer.price"),
        (("body", "data", "items", 0, "data"), "items.0.data"),
        (("query", "size"), "size"),
        (("path", "gig_id"), "gig_id"),
        (("body", "payload"), "__all__"),
        ((), "__all__"),
    ],
)
def test_only_the_location_and_parameter_are_dropped(loc, name):
    assert _location_name(loc) == name
