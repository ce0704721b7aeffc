"""Limits of the order API, in one place for schemas and services."""

QUANTITY = (1, 10)
REQUIREMENTS_MAX_LENGTH = 5000
DELIVERY_MESSAGE_LENGTH = (1, 5000)
FILE_URL_MAX_LENGTH = 500
EXTENSION_DAYS = (1, 30)
EXTENSION_REASON_LENGTH = (1, 500)
# A gig event without expected_delivery_days (older producers) still gets a due date.
DEFAULT_DELIVERY_DAYS = 7
PAGE_SIZE = (1, 100)
REVISION_MESSAGE_LENGTH = (1, 5000)
# One sweep handles at most this many orders; the next sweep takes the rest.
SWEEP_BATCH = 200
