import factory

from accounts.models import User

PASSWORD = "Correct-Horse-42"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user_{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.com")
    country = "Germany"
    password = factory.django.Password(PASSWORD)


def bearer_for(user) -> dict:
    """Headers with a real access token minted by this service for ``user``."""
    from accounts.services.sessions import session_start

    return {"HTTP_AUTHORIZATION": f"Bearer {session_start(user=user).access}"}
