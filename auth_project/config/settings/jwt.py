"""Token minting: simplejwt with RS256, our issuer/audience and lifetimes from the environment.

The keys are not read here: ``accounts.tokens`` builds the signing backend on
first use from ``shared.keys``, so settings import works before keys exist.
"""

from datetime import timedelta

from shared.conf import env
from shared.tokens import USER_TOKEN_ALGORITHM, USER_TOKEN_AUDIENCE, USER_TOKEN_ISSUER

ACCESS_TOKEN_LIFETIME = timedelta(seconds=env.int("AUTH_ACCESS_TOKEN_LIFETIME", default=15 * 60))
REFRESH_TOKEN_LIFETIME = timedelta(seconds=env.int("AUTH_REFRESH_TOKEN_LIFETIME", default=7 * 24 * 3600))

SIMPLE_JWT = {
    "ALGORITHM": USER_TOKEN_ALGORITHM,
    "SIGNING_KEY": None,
    "VERIFYING_KEY": None,
    "ISSUER": USER_TOKEN_ISSUER,
    "AUDIENCE": USER_TOKEN_AUDIENCE,
    "LEEWAY": 5,
    "ACCESS_TOKEN_LIFETIME": ACCESS_TOKEN_LIFETIME,
    "REFRESH_TOKEN_LIFETIME": REFRESH_TOKEN_LIFETIME,
    "ROTATE_REFRESH_TOKENS": True,
    "BLACKLIST_AFTER_ROTATION": True,
    "UPDATE_LAST_LOGIN": False,
    "USER_ID_FIELD": "id",
    "USER_ID_CLAIM": "user_id",
    "TOKEN_TYPE_CLAIM": "token_type",
    "JTI_CLAIM": "jti",
    "AUTH_HEADER_TYPES": ("Bearer",),
}
