import pytest


@pytest.fixture
def outbox():
    """Names of the events written to the outbox so far (what the data's transaction committed to send)."""
    from shared.events.django_app.models import OutboxEvent

    return lambda: list(OutboxEvent.objects.order_by("id").values_list("name", flat=True))


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run the after-commit publishes that the test's wrapping transaction would otherwise hold back."""
    return lambda: django_capture_on_commit_callbacks(execute=True)
