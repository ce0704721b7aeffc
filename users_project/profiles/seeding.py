"""Demo sellers for local work: some seeded buyers become sellers, through the real service."""
from __future__ import annotations

import random
import time
from datetime import date

from faker import Faker

from profiles.documents import LANGUAGE_LEVELS, Buyer
from profiles.services import seller_create
from shared.tokens import TokenUser

SKILLS = ["logo design", "copywriting", "django", "react", "video editing", "seo", "translation", "illustration",
          "data analysis", "voice over", "wordpress", "mobile apps", "branding", "photography", "excel"]
LANGUAGES = ["English", "Spanish", "French", "German", "Portuguese", "Swahili", "Hindi", "Japanese"]


def _experience(fake: Faker, rng: random.Random) -> list[dict]:
    start_year = rng.randint(2008, 2018)
    ended = date(rng.randint(start_year + 1, 2022), rng.randint(1, 12), 1)
    return [
        {"company": fake.company()[:100], "title": fake.job()[:100], "start_date": date(start_year, rng.randint(1, 12), 1),
         "end_date": ended, "description": fake.sentence(), "current": False},
        {"company": fake.company()[:100], "title": fake.job()[:100], "start_date": date(ended.year + 1, 1, 1),
         "end_date": None, "description": fake.sentence(), "current": True},
    ]


def demo_profile(fake: Faker, rng: random.Random) -> dict:
    languages = rng.sample(LANGUAGES, k=rng.randint(1, 3))
    return {
        "full_name": fake.name(),
        "description": fake.paragraph(nb_sentences=4),
        "oneliner": fake.catch_phrase()[:120],
        "skills": rng.sample(SKILLS, k=rng.randint(2, 5)),
        "languages": [{"language": name, "level": rng.choice(LANGUAGE_LEVELS)} for name in languages],
        "experience": _experience(fake, rng),
        "education": [{"country": fake.country()[:100], "university": f"University of {fake.city()}"[:150],
                       "title": rng.choice(["BSc", "BA", "MSc", "MA"]), "major": fake.bs()[:100], "year": rng.randint(2000, 2020)}],
        "certificates": [{"name": f"{rng.choice(SKILLS).title()} Professional", "issuer": fake.company()[:100], "year": rng.randint(2010, 2024)}],
        "social_links": [f"https://example.com/{fake.user_name()}"],
        "response_time": rng.choice([1, 2, 4, 8, 12, 24]),
    }


def wait_for_buyers(timeout: float) -> int:
    """Buyers arrive from auth's events through the worker; give them a moment."""
    deadline = time.monotonic() + timeout
    while Buyer.objects.count() == 0 and time.monotonic() < deadline:
        time.sleep(0.5)
    return Buyer.objects.count()


def seed_sellers(*, count: int, random_seed: int = 7) -> list[str]:
    """Make up to ``count`` buyers who are not sellers yet into sellers; returns their usernames."""
    fake, rng = Faker(), random.Random(random_seed)
    fake.seed_instance(random_seed)
    made = []
    for buyer in Buyer.objects(is_seller=False).order_by("created_at").limit(count):
        user = TokenUser(id=buyer.user_id, username=buyer.username, email=buyer.email, email_verified=True, token_id="seed", expires_at=0)
        seller_create(user=user, **demo_profile(fake, rng))
        made.append(buyer.username)
    return made
