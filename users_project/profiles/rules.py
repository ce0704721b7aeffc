"""Business rules of a seller profile that a schema cannot express alone.

The schema checks shapes, lengths and enums (422); these rules compare values
with each other and with today's date (400), so the service enforces them for
every caller: the API, the staff admin, a future import.
"""

from __future__ import annotations

from datetime import date, datetime, timezone

from shared.errors import ValidationFailed

EARLIEST_YEAR = 1950
# Students list the year they expect to graduate, so education may be ahead.
EDUCATION_YEARS_AHEAD = 8


def _today() -> date:
    return datetime.now(timezone.utc).date()


def _languages_errors(languages: list[dict]) -> dict:
    errors, seen = {}, set()
    for index, item in enumerate(languages):
        key = item["language"].casefold()
        if key in seen:
            errors[f"languages.{index}.language"] = ["This language is listed twice."]
        seen.add(key)
    return errors


def _experience_errors(experience: list[dict], today: date) -> dict:
    errors: dict[str, list[str]] = {}
    for index, item in enumerate(experience):
        start, end, current = item["start_date"], item.get("end_date"), item.get("current", False)
        prefix = f"experience.{index}"
        if start > today:
            errors[f"{prefix}.start_date"] = ["The start date cannot be in the future."]
        if current and end is not None:
            errors[f"{prefix}.end_date"] = ["A current position has no end date."]
        elif not current and end is None:
            errors[f"{prefix}.end_date"] = ["Give an end date, or mark the position as current."]
        elif end is not None and end > today:
            errors[f"{prefix}.end_date"] = ["The end date cannot be in the future."]
        elif end is not None and end < start:
            errors[f"{prefix}.end_date"] = ["The end date must not be before the start date."]
    return errors


def _year_errors(items: list[dict], section: str, latest: int) -> dict:
    return {
        f"{section}.{index}.year": [f"The year must be between {EARLIEST_YEAR} and {latest}."]
        for index, item in enumerate(items)
        if not EARLIEST_YEAR <= item["year"] <= latest
    }


def _skills_errors(skills: list[str]) -> dict:
    lowered = [skill.casefold() for skill in skills]
    return {
        f"skills.{index}": ["This skill is listed twice."]
        for index, skill in enumerate(lowered)
        if skill in lowered[:index]
    }


def seller_profile_check(*, skills, languages, experience, education, certificates, **_ignored) -> None:
    """Raise ValidationFailed naming every field that breaks a rule."""
    today = _today()
    errors: dict[str, list[str]] = {}
    errors.update(_skills_errors(skills))
    errors.update(_languages_errors(languages))
    errors.update(_experience_errors(experience, today))
    errors.update(_year_errors(education, "education", today.year + EDUCATION_YEARS_AHEAD))
    errors.update(_year_errors(certificates, "certificates", today.year))
    if errors:
        raise ValidationFailed(fields=errors)
