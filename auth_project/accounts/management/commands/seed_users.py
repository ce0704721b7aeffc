"""``manage.py seed_users N [--password P]``: realistic accounts that can sign in."""

from __future__ import annotations

import re

from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from faker import Faker

from accounts.models import User
from shared.events import publish
from shared.events.contracts import UserCreated

DEFAULT_PASSWORD = "Marketplace-Seed-2024"


def _username(fake: Faker, taken: set[str]) -> str:
    while True:
        base = re.sub(r"[^A-Za-z0-9_-]", "", fake.user_name())[:24] or "user"
        name = f"{base}{fake.random_int(10, 9999)}" if len(base) < 3 or base.lower() in taken else base
        if name.lower() not in taken and 3 <= len(name) <= 30:
            taken.add(name.lower())
            return name


class Command(BaseCommand):
    help = "Create N realistic users (verified e-mails) sharing one password, publishing auth.user.created."

    def add_arguments(self, parser):
        parser.add_argument("count", type=int)
        parser.add_argument(
            "--password", default=DEFAULT_PASSWORD, help=f"password of every seeded user (default {DEFAULT_PASSWORD})"
        )
        parser.add_argument("--unverified", action="store_true", help="leave the e-mails unverified")
        parser.add_argument("--seed", type=int, default=None, help="Faker seed, for repeatable names")

    def handle(self, *args, count: int, password: str, unverified: bool, seed: int | None, **options):
        if count < 1:
            raise CommandError("count must be at least 1")
        fake = Faker()
        if seed is not None:
            Faker.seed(seed)
        taken = {name.lower() for name in User.objects.values_list("username", flat=True)}
        # One hash for all: hashing each of thousands of seeds would take minutes, and they
        # share the password anyway. Seeds are for local work, never production.
        hashed = make_password(password)
        now = timezone.now()
        users = []
        for _ in range(count):
            username = _username(fake, taken)
            users.append(
                User(
                    username=username,
                    email=f"{username.lower()}@{fake.free_email_domain()}",
                    password=hashed,
                    first_name=fake.first_name(),
                    last_name=fake.last_name(),
                    country=fake.country()[:64],
                    email_verified=not unverified,
                    email_verified_at=None if unverified else now,
                )
            )
        with transaction.atomic():
            for user in users:
                user.save()
                publish(
                    UserCreated(user_id=str(user.pk), username=user.username, email=user.email, country=user.country)
                )
        self.stdout.write(
            self.style.SUCCESS(f"Created {count} users; every one signs in with the password: {password}")
        )
        for user in users[:5]:
            self.stdout.write(f"  {user.username} / {user.email}")
