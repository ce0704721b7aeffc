"""E-mails: rendered from templates (text + HTML) and sent through Django's e-mail backend."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string

from notifications.models import SentEmail

TEMPLATE_DIR = "notifications/email"


def email_render(*, template: str, context: dict) -> tuple[str, str, str]:
    """Subject, plain text and HTML of one e-mail template."""
    context = {"client_url": settings.CLIENT_URL, **context}
    subject = render_to_string(f"{TEMPLATE_DIR}/{template}.subject.txt", context)
    text = render_to_string(f"{TEMPLATE_DIR}/{template}.txt", context)
    html = render_to_string(f"{TEMPLATE_DIR}/{template}.html", context)
    return " ".join(subject.split()), text, html


def email_send(*, to: str, template: str, context: dict, user_id: str = "", event_id: str = "") -> SentEmail:
    """Log and send one e-mail; raises when the mail server cannot take it.

    Call it as the last step of an event handler: the log row and the
    processed-event mark commit only if the send succeeded, so a failure rolls
    both back and the bus retries the event, and a success is never repeated.
    """
    subject, text, html = email_render(template=template, context=context)
    log = SentEmail.objects.create(
        to_email=to, user_id=user_id, template=template, subject=subject[:300], event_id=event_id
    )
    message = EmailMultiAlternatives(
        subject=subject,
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[to],
        headers={"X-Marketplace-Event": event_id} if event_id else None,
    )
    message.attach_alternative(html, "text/html")
    message.send(fail_silently=False)
    return log
