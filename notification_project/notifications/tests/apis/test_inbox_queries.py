"""The inbox, this service's hot read: its SQL queries pinned (assertNumQueries) and its sort served by an index."""

import pytest
from django.db import connection

from notifications.selectors import notification_inbox
from notifications.tests.factories import NotificationFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/notifications"


def test_an_inbox_that_fits_on_its_first_page_costs_one_query(api, django_assert_num_queries):
    for number in range(5):
        NotificationFactory(user_id="7", title=f"n{number}", read=number % 2 == 0)
    user = api.as_user(user_id="7", username="bob")

    with django_assert_num_queries(1):
        body = user.get(URL).json()

    assert (body["total"], body["unread"], len(body["items"])) == (5, 2, 5)


def test_a_longer_inbox_costs_the_page_and_one_count_of_both_totals(api, django_assert_num_queries):
    for number in range(7):
        NotificationFactory(user_id="7", title=f"n{number}", read=number < 3)
    NotificationFactory(user_id="8", title="someone else's")
    user = api.as_user(user_id="7", username="bob")

    with django_assert_num_queries(2):
        first = user.get(URL, {"size": 5}).json()
    with django_assert_num_queries(2):
        second = user.get(URL, {"size": 5, "page": 2}).json()
    with django_assert_num_queries(2):
        unread = user.get(URL, {"size": 2, "unread_only": "true"}).json()

    assert (first["total"], first["unread"], len(first["items"])) == (7, 4, 5)
    assert (second["total"], second["unread"], len(second["items"])) == (7, 4, 2)
    assert (unread["total"], unread["unread"], len(unread["items"])) == (4, 4, 2)
    assert all(not item["read"] for item in unread["items"])


def _page_queryset(unread_only: bool):
    """The page query notification_inbox runs, read back from what it sends."""
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        notification_inbox(user_id="7", page=2, size=5, unread_only=unread_only)
    return captured.captured_queries[0]["sql"]


@pytest.mark.parametrize(("unread_only", "index"), [(False, "notif_inbox"), (True, "notif_unread_inbox")])
def test_the_inbox_page_is_read_in_its_sort_from_an_index(unread_only, index):
    for number in range(12):
        NotificationFactory(user_id="7", title=f"n{number}", read=number % 3 == 0)
    sql = _page_queryset(unread_only)

    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_bitmapscan = off")
        cursor.execute(f"EXPLAIN {sql}")
        plan = "\n".join(row[0] for row in cursor.fetchall())

    assert "ORDER BY" in sql
    assert index in plan, plan
    assert "Sort" not in plan, plan  # the index gives the order: no sort step, however long the inbox
