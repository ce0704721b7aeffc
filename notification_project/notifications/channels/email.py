"""E-mail: Django templates (plain and HTML) through Django's mail backend, logged in ``SentEmail``."""

from __future__ import annotations

from django.template import TemplateDoesNotExist
from django.template.loader import get_template

from notifications.emails import TEMPLATE_DIR, email_send
from notifications.models import Delivery

# Kinds whose e-mail says more than the generic notice (the template is named after what it is).
TEMPLATES = {
    "order_placed": "order_receipt",
    "extension_decided": "extension_decided",
    "offer_received": "offer_received",
    "review_received": "review_received",
}


def template_for(kind: str) -> str:
    name = TEMPLATES.get(kind, "notice")
    try:
        get_template(f"{TEMPLATE_DIR}/{name}.txt")
    except TemplateDoesNotExist:
        return "notice"
    return name


class EmailSender:
    channel = "email"

    def send(self, delivery: Delivery) -> None:
        email_send(
            to=delivery.target,
            template=delivery.content["template"],
            context=delivery.content.get("context", {}),
            user_id=delivery.user_id,
            event_id=delivery.event_id,
        )

    def forget(self, delivery: Delivery) -> None:
        pass  # an address or number is auth's to change, not ours
