"""The people and things `manage_all.py seed` creates: a small, fixed marketplace.

Usernames start with ``demo_`` and e-mails end with ``@demo.example.com``
(a reserved domain), so demo accounts are easy to tell from real ones.
Every account signs in with ``DEMO_PASSWORD``.
"""

from __future__ import annotations

DEMO_PASSWORD = "Demo-Lantern-2024"

LANGUAGES = [{"language": "English", "level": "fluent"}]

SELLERS = [
    {
        "username": "demo_ava_costa",
        "country": "Portugal",
        "full_name": "Ava Costa",
        "oneliner": "Minimalist logos and brand kits",
        "description": "Brand designer for small businesses: logos, colour palettes and simple brand guides that last.",
        "skills": ["logo design", "branding", "illustration"],
        "response_time": 4,
        "gigs": [
            {
                "title": "I will design a modern minimalist logo for your business",
                "category": "graphics-design",
                "sub_categories": ["Logo Design"],
                "tags": ["logo", "minimalist", "branding"],
                "price": 45,
                "expected_delivery_days": 3,
                "revisions": 2,
            },
            {
                "title": "I will create a complete brand style guide",
                "category": "graphics-design",
                "sub_categories": ["Brand Style Guides"],
                "tags": ["brand guide", "typography"],
                "price": 120,
                "expected_delivery_days": 7,
                "revisions": 1,
            },
        ],
    },
    {
        "username": "demo_nikhil_rao",
        "country": "India",
        "full_name": "Nikhil Rao",
        "oneliner": "Django and React, shipped",
        "description": "Full-stack developer: Django REST APIs, React front ends and the bug fixes in between.",
        "skills": ["python", "django", "react"],
        "response_time": 2,
        "gigs": [
            {
                "title": "I will build your Django REST API with tests",
                "category": "programming-tech",
                "sub_categories": ["APIs & Integrations"],
                "tags": ["django", "python", "api"],
                "price": 250,
                "expected_delivery_days": 10,
                "revisions": 2,
            },
            {
                "title": "I will fix bugs in your Python code within a day",
                "category": "programming-tech",
                "sub_categories": ["Bug Fixes"],
                "tags": ["python", "bug fix"],
                "price": 30,
                "expected_delivery_days": 1,
                "revisions": 1,
            },
        ],
    },
    {
        "username": "demo_elif_sahin",
        "country": "Turkey",
        "full_name": "Elif Sahin",
        "oneliner": "SEO that brings real visitors",
        "description": "SEO consultant: keyword research, on page fixes and content plans for growing websites.",
        "skills": ["seo", "keyword research", "content strategy"],
        "response_time": 6,
        "gigs": [
            {
                "title": "I will do keyword research and an on page SEO audit",
                "category": "digital-marketing",
                "sub_categories": ["SEO"],
                "tags": ["seo", "keyword research"],
                "price": 60,
                "expected_delivery_days": 4,
                "revisions": 1,
            },
        ],
    },
    {
        "username": "demo_jonas_fischer",
        "country": "Germany",
        "full_name": "Jonas Fischer",
        "oneliner": "YouTube editing with rhythm",
        "description": "Video editor for creators: cuts, captions, colour and sound for YouTube and short videos.",
        "skills": ["video editing", "subtitles", "color grading"],
        "response_time": 8,
        "gigs": [
            {
                "title": "I will edit your YouTube video with captions and music",
                "category": "video-animation",
                "sub_categories": ["Video Editing"],
                "tags": ["youtube", "video editing", "subtitles"],
                "price": 80,
                "expected_delivery_days": 3,
                "revisions": 2,
            },
        ],
    },
    {
        "username": "demo_priya_menon",
        "country": "United Kingdom",
        "full_name": "Priya Menon",
        "oneliner": "Words that sell, in English and Spanish",
        "description": "Copywriter and translator: website copy, blog articles and English to Spanish translation.",
        "skills": ["copywriting", "translation", "proofreading"],
        "response_time": 5,
        "gigs": [
            {
                "title": "I will write SEO blog articles that people finish reading",
                "category": "writing-translation",
                "sub_categories": ["Articles & Blog Posts"],
                "tags": ["blog", "article", "seo"],
                "price": 35,
                "expected_delivery_days": 2,
                "revisions": 1,
            },
            {
                "title": "I will translate English to Spanish naturally",
                "category": "writing-translation",
                "sub_categories": ["Translation"],
                "tags": ["translation", "spanish"],
                "price": 25,
                "expected_delivery_days": 2,
                "revisions": 0,
            },
        ],
    },
]

BUYERS = [
    {"username": "demo_maya_lopez", "country": "Mexico"},
    {"username": "demo_omar_haddad", "country": "Jordan"},
    {"username": "demo_tara_novak", "country": "Croatia"},
]

# (buyer, seller, index of the seller's gig, stars, review): each becomes a completed, reviewed order.
ORDERS = [
    ("demo_maya_lopez", "demo_ava_costa", 0, 5, "Three concepts on day two and the final logo is exactly our cafe."),
    (
        "demo_omar_haddad",
        "demo_ava_costa",
        0,
        4,
        "Clean work and quick replies; one extra round of changes was needed.",
    ),
    ("demo_tara_novak", "demo_ava_costa", 1, 5, "The style guide finally made our team consistent."),
    ("demo_maya_lopez", "demo_nikhil_rao", 1, 5, "Found and fixed the bug in an hour, with a test for it."),
    ("demo_tara_novak", "demo_nikhil_rao", 0, 4, "Solid API and good docs; delivery took the full ten days."),
    ("demo_omar_haddad", "demo_elif_sahin", 0, 3, "Useful audit, though some advice was generic."),
    ("demo_maya_lopez", "demo_priya_menon", 0, 5, "Articles our readers actually share. Will order again."),
]


def email_of(username: str) -> str:
    return f"{username}@demo.example.com"


def gig_payload(gig: dict) -> dict:
    service = gig["title"].removeprefix("I will ")
    return {
        **gig,
        "description": f"I will {service}. Tell me about your project before ordering so we agree on the details.",
        "basic_title": "Standard",
        "basic_description": f"{service[:1].upper()}{service[1:]}"[:200],
    }
