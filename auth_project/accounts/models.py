import uuid
from pathlib import PurePath

from django.contrib.auth.models import AbstractUser, UserManager
from django.core.validators import RegexValidator
from django.db import models

USERNAME_RULE = RegexValidator(
    r"^[A-Za-z0-9_-]{3,30}\Z",
    "Use 3 to 30 letters, digits, '_' or '-'.",
    code="invalid_username",
)

# Uniqueness must ignore case ("Alice" and "alice" are one account). MariaDB has no
# expression indexes, so the unique indexes use a case-insensitive collation instead;
# services also check with iexact first to answer a clean 409.
CASE_INSENSITIVE = "utf8mb4_unicode_ci"


def profile_picture_path(instance, filename: str) -> str:
    # A random name: the uploader's file name is neither trusted nor published.
    suffix = PurePath(filename).suffix.lower()[:8]
    return f"profile_pictures/{uuid.uuid4().hex}{suffix}"


class User(AbstractUser):
    username = models.CharField(
        max_length=30,
        unique=True,
        db_collation=CASE_INSENSITIVE,
        validators=[USERNAME_RULE],
        error_messages={"unique": "This username is taken."},
    )
    email = models.EmailField(
        max_length=254,
        unique=True,
        db_collation=CASE_INSENSITIVE,
        error_messages={"unique": "An account already uses this e-mail."},
    )
    country = models.CharField(max_length=64, blank=True, default="")
    profile_picture = models.ImageField(upload_to=profile_picture_path, blank=True, default="")
    email_verified = models.BooleanField(default=False)
    email_verified_at = models.DateTimeField(null=True, blank=True)

    REQUIRED_FIELDS = ["email"]
    objects = UserManager()

    class Meta:
        ordering = ["id"]

    @property
    def profile_picture_url(self) -> str:
        # Served by this service under the public API (accounts.pictures), never a storage URL.
        return f"/api/v1/auth/pictures/{self.profile_picture.name.rsplit('/', 1)[-1]}" if self.profile_picture else ""


class OneTimeToken(models.Model):
    """A token mailed to the user; only its SHA-256 is kept, so a database leak reveals none."""

    class Purpose(models.TextChoices):
        VERIFY_EMAIL = "verify_email", "verify e-mail"
        RESET_PASSWORD = "reset_password", "reset password"

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="one_time_tokens")
    purpose = models.CharField(max_length=20, choices=Purpose.choices)
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["user", "purpose"], name="accounts_ott_user_purpose")]

    def __str__(self) -> str:
        return f"{self.purpose} for user {self.user_id}"


def new_family_id() -> str:
    return uuid.uuid4().hex


class SessionFamily(models.Model):
    """Every refresh token descended from one sign-in; revoking it ends that session everywhere."""

    id = models.CharField(primary_key=True, max_length=32, default=new_family_id, editable=False)
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="session_families")
    created_at = models.DateTimeField(auto_now_add=True)
    # What the user sees in their list of sessions: the browser and address that signed in,
    # and when (and from where) the session last refreshed.
    user_agent = models.CharField(max_length=256, blank=True, default="")
    address = models.CharField(max_length=45, blank=True, default="")
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_reason = models.CharField(max_length=32, blank=True, default="")

    class Meta:
        verbose_name_plural = "session families"
        indexes = [models.Index(fields=["user", "revoked_at"], name="accounts_session_user_live")]

    def __str__(self) -> str:
        return f"session {self.id} of user {self.user_id}"


from accounts.security_models import KnownDevice, PhoneNumber, TwoStepSetting, VerificationCode  # noqa: E402,F401
