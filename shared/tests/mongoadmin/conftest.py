import pytest
from django.contrib.auth.models import Permission

from shared import mongo


@pytest.fixture(autouse=True)
def _empty_mongo():
    """Each test starts from an empty test_mongoadmin database (indexes kept)."""
    db = mongo.database()
    for name in db.list_collection_names():
        db[name].delete_many({})


@pytest.fixture
def staff_client(client, django_user_model):
    """A logged-in staff user without any permission; ``grant`` adds mongoadmin permissions."""
    user = django_user_model.objects.create_user(username="staff", password="pw-staff-123", is_staff=True)
    client.force_login(user)

    def grant(*codenames):
        user.user_permissions.add(
            *Permission.objects.filter(content_type__app_label="mongoadmin", codename__in=codenames)
        )

    client.user, client.grant = user, grant
    return client
