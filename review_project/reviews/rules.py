"""Limits on what a review may say, shared by the request schema and the services.

The schema answers 422 for HTTP callers; the services check again so that
any other caller (admin, shell, a future importer) cannot store a bad review.
"""

from __future__ import annotations

MIN_RATING = 1
MAX_RATING = 5
MAX_REVIEW_LENGTH = 2000


def clean_rating(value) -> tuple[int, str]:
    """The rating and "" when valid, else the message for the field."""
    # bool is an int in Python; True is not a star rating.
    if isinstance(value, bool) or not isinstance(value, int):
        return 0, "Give a whole number of stars."
    if not MIN_RATING <= value <= MAX_RATING:
        return 0, f"Give between {MIN_RATING} and {MAX_RATING} stars."
    return value, ""


def clean_review_text(value) -> tuple[str, str]:
    """The stripped text and "" when valid, else the message for the field."""
    if not isinstance(value, str):
        return "", "Write the review as text."
    text = value.strip()
    if not text:
        return "", "Write a few words about the order."
    if len(text) > MAX_REVIEW_LENGTH:
        return "", f"Keep the review to {MAX_REVIEW_LENGTH} characters."
    return text, ""
