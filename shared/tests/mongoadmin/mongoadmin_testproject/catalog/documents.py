from decimal import Decimal

from django.utils import timezone
from mongoengine import (
    BooleanField,
    DateTimeField,
    DecimalField,
    DictField,
    Document,
    EmailField,
    EmbeddedDocument,
    EmbeddedDocumentField,
    FloatField,
    IntField,
    ListField,
    ReferenceField,
    StringField,
    URLField,
    ValidationError,
)

COUNTRIES = [("KE", "Kenya"), ("NG", "Nigeria"), ("US", "United States")]


class Address(EmbeddedDocument):
    city = StringField(required=True, max_length=50)
    zip_code = StringField(regex=r"^\d{5}$")


class Language(EmbeddedDocument):
    name = StringField(required=True)
    level = StringField(choices=["basic", "fluent", "native"], required=True)


class Seller(Document):
    username = StringField(required=True, unique=True, max_length=30)
    email = EmailField(required=True)
    country = StringField(choices=COUNTRIES)
    is_verified = BooleanField(default=False)
    rating = FloatField(min_value=0, max_value=5)
    jobs_completed = IntField(min_value=0, default=0)
    earnings = DecimalField(precision=2, default=Decimal("0"))
    website = URLField()
    skills = ListField(StringField(max_length=30))
    address = EmbeddedDocumentField(Address)
    languages = ListField(EmbeddedDocumentField(Language))
    social = DictField()
    joined_at = DateTimeField(default=timezone.now)

    meta = {"collection": "sellers", "ordering": ["username"]}

    def clean(self):
        if self.is_verified and not self.country:
            raise ValidationError("A verified seller needs a country.")

    def __str__(self):
        return self.username


class Gig(Document):
    slug = StringField(primary_key=True, regex=r"^[a-z0-9-]+$", max_length=60)
    title = StringField(required=True, max_length=80)
    seller = ReferenceField(Seller, required=True)
    price = DecimalField(precision=2, min_value=Decimal("5"), required=True)
    status = StringField(choices=["draft", "active", "paused"], default="draft")
    tags = ListField(StringField())

    meta = {"collection": "gigs"}

    def __str__(self):
        return self.title
