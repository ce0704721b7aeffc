"""The limits a gig must respect, shared by the request schemas and the services."""

from decimal import Decimal

TITLE_LENGTH = (10, 100)
DESCRIPTION_LENGTH = (20, 1200)
BASIC_TITLE_LENGTH = (3, 60)
BASIC_DESCRIPTION_LENGTH = (10, 200)
SUB_CATEGORIES_COUNT = (1, 5)
SUB_CATEGORY_LENGTH = (2, 50)
TAGS_MAX = 10
TAG_LENGTH = (1, 30)
MIN_PRICE = Decimal("5")
MAX_PRICE = Decimal("100000")
DELIVERY_DAYS = (1, 90)
REVISIONS = (0, 10)  # included in an order; the buyer may send a delivery back this many times
DEFAULT_REVISIONS = 1
COVER_IMAGE_URL_LENGTH = 500
COVER_IMAGE_MAX_BYTES = 2 * 1024 * 1024
COVER_IMAGE_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp", "GIF": "gif"}
PAGE_SIZE_MAX = 50
