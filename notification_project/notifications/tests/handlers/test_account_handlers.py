import pytest

from notifications.models import Contact, Notification, SentEmail
from notifications.tests import events

pytestmark = pytest.mark.django_db


def html_of(message) -> str:
    return next(content for content, mimetype in message.alternatives if mimetype == "text/html")


def test_verification_request_emails_the_confirm_link(deliver, envelope_of, mailoutbox):
    deliver(envelope_of(events.verification_requested(token="tok-123")))

    [message] = mailoutbox
    assert message.to == ["alice@example.com"]
    assert message.subject == "Verify your e-mail address"
    assert "http://client.test/confirm_email?token=tok-123" in message.body
    assert "Hi alice" in message.body
    assert 'href="http://client.test/confirm_email?token=tok-123"' in html_of(message)


def test_verification_token_is_url_encoded(deliver, envelope_of, mailoutbox):
    deliver(envelope_of(events.verification_requested(token="a+b/c=&d")))

    assert "/confirm_email?token=a%2Bb%2Fc%3D%26d" in mailoutbox[0].body


def test_verification_email_is_logged_with_its_event(deliver, envelope_of, mailoutbox):
    envelope = envelope_of(events.verification_requested())

    deliver(envelope)

    log = SentEmail.objects.get()
    assert (log.to_email, log.template, log.user_id, log.event_id) == (
        "alice@example.com",
        "verify_email",
        "7",
        envelope["event_id"],
    )
    assert mailoutbox[0].extra_headers["X-Marketplace-Event"] == envelope["event_id"]


def test_a_replayed_verification_event_sends_one_email(deliver, envelope_of, mailoutbox):
    envelope = envelope_of(events.verification_requested())

    deliver(envelope)
    ran_again = deliver(envelope)

    assert ran_again == 0
    assert len(mailoutbox) == 1
    assert SentEmail.objects.count() == 1


def test_a_new_verification_request_sends_a_new_email(deliver, envelope_of, mailoutbox):
    deliver(envelope_of(events.verification_requested(token="first")))
    deliver(envelope_of(events.verification_requested(token="second")))

    assert ["first" in mailoutbox[0].body, "second" in mailoutbox[1].body] == [True, True]


def test_an_event_without_an_address_sends_nothing(deliver, envelope_of, mailoutbox):
    deliver(envelope_of(events.verification_requested(email="")))

    assert mailoutbox == []
    assert not SentEmail.objects.exists()
    assert not Contact.objects.exists()


def test_reset_request_emails_a_link_valid_for_an_hour(deliver, envelope_of, mailoutbox):
    deliver(envelope_of(events.reset_requested(token="reset-456")))

    [message] = mailoutbox
    assert message.subject == "Reset your password"
    assert "http://client.test/reset_password?token=reset-456" in message.body
    assert "valid for 1 hour" in message.body
    assert "valid for 1 hour" in html_of(message)


def test_a_replayed_reset_event_sends_one_email(deliver, envelope_of, mailoutbox):
    envelope = envelope_of(events.reset_requested())

    deliver(envelope)
    deliver(envelope)

    assert len(mailoutbox) == 1


def test_password_change_is_confirmed_by_email(deliver, envelope_of, mailoutbox):
    envelope = envelope_of(events.password_changed())

    deliver(envelope)
    deliver(envelope)

    [message] = mailoutbox
    assert message.subject == "Your password was changed"
    assert "password was changed" in message.body
    assert "http://client.test/forgot_password" in message.body


def test_a_new_account_gets_a_welcome_notification(deliver, envelope_of, mailoutbox):
    deliver(envelope_of(events.user_created(user_id="7", username="alice")))

    notification = Notification.objects.get()
    assert (notification.user_id, notification.kind) == ("7", "welcome")
    assert "alice" in notification.title
    assert mailoutbox == []  # the verification e-mail is its own event


def test_a_replayed_account_event_creates_one_welcome(deliver, envelope_of):
    envelope = envelope_of(events.user_created())

    deliver(envelope)
    deliver(envelope)

    assert Notification.objects.count() == 1


def test_account_events_remember_where_to_email_the_user(deliver, envelope_of):
    deliver(envelope_of(events.user_created(user_id="7", username="alice", email="alice@example.com")))
    deliver(envelope_of(events.verification_requested(user_id="7", username="alice", email="alice@new.example.com")))

    contact = Contact.objects.get(user_id="7")
    assert (contact.username, contact.email) == ("alice", "alice@new.example.com")


def test_html_escapes_what_users_typed(deliver, envelope_of, mailoutbox):
    deliver(envelope_of(events.verification_requested(username="<b>eve</b>")))

    assert "&lt;b&gt;eve&lt;/b&gt;" in html_of(mailoutbox[0])
    assert "Hi <b>eve</b>" in mailoutbox[0].body  # plain text is not HTML: no entities there
