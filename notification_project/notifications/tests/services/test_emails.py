import pytest
from django.db import transaction

from notifications.emails import email_render, email_send
from notifications.models import SentEmail
from notifications.notices import Notice
from notifications.tests import events
from shared.devtools.mailbox import body_text, messages_to

pytestmark = pytest.mark.django_db


def test_the_verification_email_travels_through_a_real_smtp_server(deliver, envelope_of, smtp_sink):
    envelope = envelope_of(events.verification_requested(email="carol@example.com", username="carol", token="tok-9"))

    deliver(envelope)

    [message] = messages_to("carol@example.com", mailbox=smtp_sink)
    assert message["Subject"] == "Verify your e-mail address"
    assert message["X-Marketplace-Event"] == envelope["event_id"]
    assert "http://client.test/confirm_email?token=tok-9" in body_text(message)
    html = next(part for part in message.walk() if part.get_content_type() == "text/html")
    assert 'href="http://client.test/confirm_email?token=tok-9"' in html.get_payload(decode=True).decode()


def test_a_replayed_event_leaves_one_message_in_the_mailbox(deliver, envelope_of, smtp_sink):
    envelope = envelope_of(events.reset_requested(email="dave@example.com"))

    deliver(envelope)
    deliver(envelope)

    assert len(messages_to("dave@example.com", mailbox=smtp_sink)) == 1


def test_an_unreachable_mail_server_raises_and_logs_nothing(settings, closed_smtp_port):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", closed_smtp_port

    with pytest.raises(OSError):
        with transaction.atomic():
            email_send(to="erin@example.com", template="password_changed", context={"username": "erin", "link": "x"})

    assert not SentEmail.objects.exists()


def test_a_failed_verification_email_is_parked_with_its_link_until_it_is_sent(
    deliver, envelope_of, settings, closed_smtp_port, mailoutbox, django_capture_on_commit_callbacks
):
    from notifications.channels.tasks import delivery_retry
    from notifications.models import Delivery

    envelope = envelope_of(events.verification_requested(token="tok-123"))
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", closed_smtp_port

    deliver(envelope)

    parked = Delivery.objects.get(kind="email_verification")
    assert parked.status == "failed" and not SentEmail.objects.exists()
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with django_capture_on_commit_callbacks(execute=True):
        delivery_retry(delivery=parked)
    [message] = mailoutbox
    assert "token=tok-123" in message.body
    parked.refresh_from_db()
    assert parked.status == "sent" and parked.content == {"secret": True}  # the link does not outlive its send


def test_notice_subjects_are_plain_text(settings):
    notice = Notice(kind="order_received", title='Bob & Co\'s "rush" order', body="<b>now</b>", link="/orders/o1")

    subject, text, html = email_render(
        template="notice", context={"notice": notice, "action_url": "http://client.test/orders/o1"}
    )

    assert subject == 'Bob & Co\'s "rush" order'
    assert "<b>now</b>" in text
    assert "&lt;b&gt;now&lt;/b&gt;" in html
    assert 'href="http://client.test/orders/o1"' in html


@pytest.mark.parametrize("template", ["verify_email", "reset_password", "password_changed"])
def test_every_account_template_renders_its_link_in_both_parts(template):
    subject, text, html = email_render(
        template=template, context={"username": "frank", "link": "http://client.test/x?token=1"}
    )

    assert subject and "\n" not in subject
    assert "http://client.test/x?token=1" in text
    assert "http://client.test/x?token=1" in html
    assert "frank" in text and "frank" in html
