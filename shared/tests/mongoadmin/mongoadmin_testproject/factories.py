from decimal import Decimal

from mongoadmin_testproject.catalog.documents import Address, Gig, Language, Seller

SELLERS = "/admin/mongoadmin/catalog/seller/"
GIGS = "/admin/mongoadmin/catalog/gig/"


def seller(username="amina", **fields) -> Seller:
    values = {"email": f"{username}@example.com", "country": "KE", "skills": ["python"]}
    values.update(fields)
    return Seller(username=username, **values).save()


def full_seller() -> Seller:
    return seller(
        "wanjiru",
        rating=4.5,
        jobs_completed=12,
        earnings=Decimal("120.50"),
        website="https://wanjiru.example.com",
        skills=["django", "mongodb"],
        address=Address(city="Nairobi", zip_code="00100"),
        languages=[Language(name="Swahili", level="native")],
        social={"github": "wanjiru"},
    )


def gig(slug="logo-design", owner=None, **fields) -> Gig:
    values = {"title": "I will design your logo", "price": Decimal("25.00"), "status": "active"}
    values.update(fields)
    return Gig(slug=slug, seller=owner or seller(), **values).save()


def change_url(base: str, document) -> str:
    return f"{base}{document.pk}/change/"


def form_data(document, **overrides) -> dict:
    """What the change form posts for a seller, as a browser would send it."""
    data = {
        "username": document.username,
        "email": document.email,
        "country": document.country or "",
        "rating": "" if document.rating is None else str(document.rating),
        "jobs_completed": str(document.jobs_completed),
        "earnings": str(document.earnings),
        "website": document.website or "",
        "skills": "\n".join(document.skills),
        "address": "",
        "languages": "[]",
        "social": "{}",
        "joined_at": document.joined_at.strftime("%Y-%m-%d %H:%M:%S"),
        "_save": "Save",
    }
    if document.is_verified:
        data["is_verified"] = "on"
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}
