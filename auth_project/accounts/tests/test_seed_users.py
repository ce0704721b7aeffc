from http import HTTPStatus
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from accounts.models import User
from accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_seeded_users_can_sign_in_with_the_printed_password(api, outbox):
    out = StringIO()

    call_command("seed_users", "4", "--password", "Seeded-Pass-5521", stdout=out)

    assert "Seeded-Pass-5521" in out.getvalue()
    users = list(User.objects.all())
    assert len(users) == 4
    for user in users:
        response = api.post("/api/v1/auth/signin", {"username": user.username, "password": "Seeded-Pass-5521"})
        assert response.status_code == HTTPStatus.OK, user.username
        assert response.json()["user"]["email_verified"] is True
        user.full_clean()  # the seeds obey the same rules as signups
    assert sorted(event["user_id"] for event in outbox("auth.user.created")) == sorted(str(user.pk) for user in users)


def test_seeding_twice_never_collides_with_existing_names():
    UserFactory(username="taken")

    call_command("seed_users", "30", "--seed", "7", stdout=StringIO())
    call_command("seed_users", "30", "--seed", "7", stdout=StringIO())

    assert User.objects.count() == 61


def test_seeding_can_leave_emails_unverified():
    call_command("seed_users", "2", "--unverified", stdout=StringIO())

    assert not User.objects.filter(email_verified=True).exists()


def test_a_count_below_one_is_refused():
    with pytest.raises(CommandError):
        call_command("seed_users", "0", stdout=StringIO())
