"""Ten thousand realistic gigs for the search benchmark, written in bulk into its own database (gig_bench).

Benchmark data only: its sellers exist nowhere else and its ratings have no
reviews behind them, so it must never be written into a real database. The
demo marketplace is `manage_all.py seed` (deploy/local/demo_seed.py).
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta, timezone
from decimal import Decimal

from gigs import cache
from gigs.documents import Gig, Seller
from gigs.search import get_backend

from shared import mongo

SEED_PREFIX = "seed-"
FIRST = "Ava Ben Chloe Dev Elif Femi Gia Hugo Ines Jonas Kemi Liam Maya Nikhil Omar Priya Quinn Rosa Sami Tara".split()
LAST = "Adeyemi Baker Costa Dubois Evans Fischer Garcia Haddad Ito Jensen Kowalski Lopez Mensah Novak Okafor".split()

# category -> (sub-categories, services, tags, audiences)
CATALOGUE = {
    "graphics-design": (
        ["Logo Design", "Brand Style Guides", "Illustration", "Flyer Design", "Book Covers"],
        [
            "a modern minimalist logo",
            "a hand drawn illustration",
            "an eye catching flyer",
            "a book cover",
            "a brand style guide",
        ],
        ["logo", "branding", "minimalist", "illustration", "flyer", "vector", "book cover", "typography"],
    ),
    "digital-marketing": (
        ["SEO", "Social Media Marketing", "Email Marketing", "Content Marketing"],
        ["on page SEO", "a social media content calendar", "an email marketing campaign", "keyword research"],
        ["seo", "instagram", "facebook ads", "mailchimp", "keyword research", "backlinks", "marketing"],
    ),
    "writing-translation": (
        ["Articles & Blog Posts", "Translation", "Proofreading & Editing", "Copywriting"],
        ["SEO blog articles", "English to Spanish translation", "proofreading of your thesis", "website copy"],
        ["blog", "article", "translation", "spanish", "proofreading", "copywriting", "editing"],
    ),
    "video-animation": (
        ["Video Editing", "Explainer Videos", "Logo Animation", "Subtitles & Captions"],
        [
            "YouTube video editing",
            "a 2D animated explainer video",
            "a logo animation intro",
            "subtitles for your videos",
        ],
        ["video editing", "youtube", "animation", "explainer", "intro", "subtitles", "motion graphics"],
    ),
    "music-audio": (
        ["Mixing & Mastering", "Voice Over", "Podcast Editing", "Jingles"],
        ["mixing and mastering of your song", "a professional voice over", "podcast editing", "a catchy jingle"],
        ["mixing", "mastering", "voice over", "podcast", "jingle", "audio"],
    ),
    "programming-tech": (
        ["Website Development", "Mobile Apps", "Bug Fixes", "APIs & Integrations", "Chatbots"],
        [
            "a responsive WordPress website",
            "your Django REST API",
            "a React Native mobile app",
            "bug fixes in your Python code",
            "a Shopify store",
        ],
        ["wordpress", "django", "python", "react", "api", "shopify", "website", "mobile app", "javascript"],
    ),
    "photography": (
        ["Product Photography", "Photo Editing", "Portraits"],
        ["product photos on white background", "photo retouching", "background removal for your photos"],
        ["photo editing", "retouching", "product photography", "photoshop", "background removal"],
    ),
    "data": (
        ["Data Entry", "Data Analysis", "Data Visualization", "Web Scraping"],
        [
            "data entry in Excel",
            "data analysis in Python and pandas",
            "a Power BI dashboard",
            "web scraping of any website",
        ],
        ["excel", "data entry", "pandas", "power bi", "dashboard", "web scraping", "sql"],
    ),
    "business": (
        ["Business Plans", "Market Research", "Virtual Assistant", "Financial Consulting"],
        ["a complete business plan", "market research for your startup", "virtual assistant work", "a financial model"],
        ["business plan", "market research", "virtual assistant", "pitch deck", "startup", "financial model"],
    ),
    "ai-services": (
        ["AI Chatbots", "Prompt Engineering", "AI Art"],
        ["a custom ChatGPT chatbot", "prompt engineering for your product", "AI generated artwork"],
        ["chatgpt", "openai", "chatbot", "prompt engineering", "midjourney", "ai art"],
    ),
}
OPENERS = [
    "I will create",
    "I will deliver",
    "I will do",
    "I will make",
    "I will write",
    "I will build",
    "I will design",
]
PROMISES = ["with fast delivery", "in 24 hours", "with unlimited revisions", "for your business", "that converts"]


def seeded() -> dict:
    """Gigs of seed sellers. A prefix range, not a regex: the stand-in's index scan misses
    ``^prefix`` regexes on the indexed seller_id."""
    return {"seller_id": {"$gte": SEED_PREFIX, "$lt": SEED_PREFIX[:-1] + chr(ord(SEED_PREFIX[-1]) + 1)}}


def _seller(number: int) -> Seller:
    first, last = FIRST[number % len(FIRST)], LAST[(number // len(FIRST)) % len(LAST)]
    return Seller(
        seller_id=f"{SEED_PREFIX}seller-{number}",
        user_id=f"{SEED_PREFIX}user-{number}",
        username=f"{first.lower()}{last.lower()}{number}",
        full_name=f"{first} {last}",
    )


def _gig(rng: random.Random, seller: Seller, now: datetime) -> Gig:
    category = rng.choice(list(CATALOGUE))
    sub_categories, services, tags = CATALOGUE[category]
    service = rng.choice(services)
    title = f"{rng.choice(OPENERS)} {service} {rng.choice(PROMISES)}"[:100]
    ratings = rng.choice([0, 0, rng.randint(1, 5), rng.randint(5, 300)])
    stars = [rng.choices([5, 4, 3, 2, 1], weights=[70, 18, 7, 3, 2])[0] for _ in range(ratings)]
    return Gig(
        seller_id=seller.seller_id,
        seller_user_id=seller.user_id,
        username=seller.username,
        title=title,
        description=(
            f"Looking for {service}? I have {rng.randint(2, 12)} years of experience and will deliver "
            f"{service} {rng.choice(PROMISES)}. Message me before ordering so we agree on the details."
        ),
        basic_title="Basic",
        basic_description=f"{service.capitalize()}, one revision"[:200],
        category=category,
        sub_categories=rng.sample(sub_categories, rng.randint(1, min(3, len(sub_categories)))),
        tags=rng.sample(tags, rng.randint(2, min(5, len(tags)))),
        price=Decimal(rng.choice([5, 10, 15, 20, 25, 40, 50, 75, 100, 150, 250, 500]))
        + Decimal(rng.choice(["0", "0.99", "0.50"])),
        expected_delivery_days=rng.choice([1, 2, 3, 3, 5, 7, 7, 14, 21, 30]),
        active=rng.random() > 0.05,
        ratings_count=len(stars),
        rating_sum=sum(stars),
        rating_categories={str(star): stars.count(star) for star in range(1, 6)},
        created_at=now - timedelta(minutes=rng.randint(0, 60 * 24 * 365)),
    )


def seed(*, sellers: int, gigs: int, random_seed: int = 42) -> tuple[int, int]:
    """Replace earlier seed data with ``sellers`` sellers and ``gigs`` gigs; rebuild the search index."""
    rng = random.Random(random_seed)
    now = datetime.now(timezone.utc)
    Gig.objects(__raw__=seeded()).delete()
    Seller.objects(__raw__={"_id": seeded()["seller_id"]}).delete()
    made_sellers = [_seller(number) for number in range(1, sellers + 1)]
    mongo.collection(Seller).insert_many([seller.to_mongo() for seller in made_sellers])
    collection = mongo.collection(Gig)
    for start in range(0, gigs, 1000):
        batch = [_gig(rng, rng.choice(made_sellers), now) for _ in range(min(1000, gigs - start))]
        for gig in batch:
            gig.updated_at = gig.created_at
            gig.validate()
        collection.insert_many([gig.to_mongo() for gig in batch])
    get_backend().rebuild()
    cache.catalogue_changed()  # the seeded gigs were written around the services
    return len(made_sellers), gigs
