"""Profiles as tests need them, stored through the same documents the code uses."""

from __future__ import annotations

from datetime import date

import factory
from factory.mongoengine import MongoEngineFactory

from profiles.documents import Buyer, Language, Seller


class BuyerFactory(MongoEngineFactory):
    class Meta:
        model = Buyer

    user_id = factory.Sequence(lambda n: str(1000 + n))
    username = factory.Sequence(lambda n: f"buyer{n}")
    username_key = factory.LazyAttribute(lambda o: o.username.casefold())
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.com")
    country = "Portugal"


class SellerFactory(MongoEngineFactory):
    class Meta:
        model = Seller

    user_id = factory.Sequence(lambda n: str(5000 + n))
    username = factory.Sequence(lambda n: f"seller{n}")
    username_key = factory.LazyAttribute(lambda o: o.username.casefold())
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.com")
    full_name = factory.Faker("name")
    description = "I build things."
    oneliner = "Builder"
    skills = factory.LazyFunction(lambda: ["python"])
    languages = factory.LazyFunction(lambda: [Language(language="English", level="fluent")])
    response_time = 4


def seller_payload(**overrides) -> dict:
    """A valid POST/PUT /sellers body; override any field."""
    body = {
        "full_name": "Alice Example",
        "description": "I design logos and brand identities.",
        "oneliner": "Logo designer",
        "skills": ["logo design", "branding"],
        "languages": [{"language": "English", "level": "native"}, {"language": "French", "level": "basic"}],
        "experience": [
            {
                "company": "Acme",
                "title": "Designer",
                "start_date": "2018-03-01",
                "end_date": "2021-06-30",
                "description": "Brand work.",
                "current": False,
            },
            {"company": "Studio", "title": "Lead", "start_date": "2021-07-01", "current": True},
        ],
        "education": [{"country": "France", "university": "Sorbonne", "title": "BA", "major": "Art", "year": 2017}],
        "certificates": [{"name": "Adobe Certified", "from": "Adobe", "year": 2019}],
        "social_links": ["https://example.com/alice", "http://portfolio.example.org"],
        "response_time": 6,
    }
    body.update(overrides)
    return body


def today_iso() -> str:
    return date.today().isoformat()
