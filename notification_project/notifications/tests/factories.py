import factory

from notifications.models import Contact, Notification, OrderParties


class NotificationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Notification

    user_id = "1"
    kind = Notification.Kind.ORDER_RECEIVED
    title = factory.Sequence(lambda n: f"Notice {n}")
    body = "Something happened."
    link = "/orders/o1"
    data = factory.LazyFunction(lambda: {"order_id": "o1"})


class ContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contact
        django_get_or_create = ("user_id",)

    user_id = factory.Sequence(lambda n: str(100 + n))
    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda contact: f"{contact.username}@example.com")


class OrderPartiesFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OrderParties

    order_id = factory.Sequence(lambda n: f"order{n}")
    buyer_id = "10"
    seller_id = "s20"
    seller_user_id = "20"
    buyer_username = "bob"
    seller_username = "sally"
