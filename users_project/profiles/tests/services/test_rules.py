from datetime import date, timedelta

import pytest

from profiles.rules import EARLIEST_YEAR, EDUCATION_YEARS_AHEAD, seller_profile_check
from shared.errors import ValidationFailed

TODAY = date.today()


def check(**overrides):
    profile = {
        "skills": ["a"],
        "languages": [{"language": "English", "level": "native"}],
        "experience": [],
        "education": [],
        "certificates": [],
    }
    profile.update(overrides)
    seller_profile_check(**profile)


def test_the_boundaries_are_accepted():
    check(
        experience=[
            {"company": "A", "title": "B", "start_date": TODAY, "end_date": TODAY, "current": False},
            {"company": "A", "title": "B", "start_date": TODAY, "end_date": None, "current": True},
        ],
        education=[{"year": EARLIEST_YEAR}, {"year": TODAY.year + EDUCATION_YEARS_AHEAD}],
        certificates=[{"year": EARLIEST_YEAR}, {"year": TODAY.year}],
    )


def test_every_broken_rule_is_reported_at_once():
    tomorrow = TODAY + timedelta(days=1)

    with pytest.raises(ValidationFailed) as raised:
        check(
            skills=["Go", "go"],
            experience=[{"company": "A", "title": "B", "start_date": tomorrow, "end_date": None, "current": True}],
            education=[{"year": TODAY.year + EDUCATION_YEARS_AHEAD + 1}],
            certificates=[{"year": TODAY.year + 1}],
        )

    assert set(raised.value.fields) == {
        "skills.1",
        "experience.0.start_date",
        "education.0.year",
        "certificates.0.year",
    }
    assert raised.value.code == "invalid"
