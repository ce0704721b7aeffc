"""Documents as plain dicts: what the API answers and what the cache holds.

Plain data (no MongoEngine objects) so a cached profile pickles small and
reads back without a database round trip.
"""

from __future__ import annotations

from decimal import Decimal

from profiles.documents import STARS, Buyer, Seller

CENT = Decimal("0.01")


def cents_to_money(cents: int) -> Decimal:
    return (Decimal(cents) / 100).quantize(CENT)


def buyer_view(buyer: Buyer) -> dict:
    return {
        "id": str(buyer.pk),
        "user_id": buyer.user_id,
        "username": buyer.username,
        "email": buyer.email,
        "country": buyer.country,
        "profile_picture": buyer.profile_picture,
        "is_seller": buyer.is_seller,
        "purchased_gigs": list(buyer.purchased_gigs),
        "created_at": buyer.created_at,
        "updated_at": buyer.updated_at,
    }


def _experience_view(item) -> dict:
    return {
        "company": item.company,
        "title": item.title,
        "start_date": item.start_date.date(),
        "end_date": item.end_date.date() if item.end_date else None,
        "description": item.description,
        "current": item.current,
    }


def _average(rating_sum: int, count: int) -> float:
    return round(rating_sum / count, 2) if count else 0.0


def seller_view(seller: Seller) -> dict:
    categories = seller.rating_categories
    return {
        "id": str(seller.pk),
        "user_id": seller.user_id,
        "username": seller.username,
        "country": seller.country,
        "profile_picture": seller.profile_picture,
        "full_name": seller.full_name,
        "description": seller.description,
        "oneliner": seller.oneliner,
        "skills": list(seller.skills),
        "languages": [{"language": item.language, "level": item.level} for item in seller.languages],
        "experience": [_experience_view(item) for item in seller.experience],
        "education": [
            {"country": e.country, "university": e.university, "title": e.title, "major": e.major, "year": e.year}
            for e in seller.education
        ],
        "certificates": [{"name": c.name, "issuer": c.issuer, "year": c.year} for c in seller.certificates],
        "social_links": list(seller.social_links),
        "response_time": seller.response_time,
        "ratings_count": seller.ratings_count,
        "rating_sum": seller.rating_sum,
        "average_rating": _average(seller.rating_sum, seller.ratings_count),
        "rating_categories": {str(star): getattr(categories, name) for star, name in enumerate(STARS, start=1)},
        "ongoing_jobs": seller.ongoing_jobs,
        "completed_jobs": seller.completed_jobs,
        "cancelled_jobs": seller.cancelled_jobs,
        "total_earnings": cents_to_money(seller.total_earnings_cents),
        "total_gigs": seller.total_gigs,
        "recent_delivery": seller.recent_delivery,
        "created_at": seller.created_at,
        "updated_at": seller.updated_at,
    }
