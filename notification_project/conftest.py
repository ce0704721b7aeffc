import socket

import pytest

pytest_plugins = ["shared.testing.plugin"]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def closed_smtp_port() -> int:
    """A local port nobody listens on: connecting to it fails at once, like a mail server that is down."""
    return free_port()


@pytest.fixture
def smtp_sink(tmp_path, settings):
    """The project's real SMTP sink on a free port, with Django's SMTP backend pointed at it."""
    from aiosmtpd.controller import Controller

    from shared.devtools.smtp_sink import MailboxHandler

    mailbox = tmp_path / "mail"
    controller = Controller(MailboxHandler(mailbox), hostname="127.0.0.1", port=free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", controller.port
    yield mailbox
    controller.stop()


@pytest.fixture
def deliver(django_capture_on_commit_callbacks):
    """Hand an envelope to the consumers as the worker would, then run what they queued after commit
    (the channel tasks run eagerly in tests), so a test sees the e-mail, SMS and push of an event."""
    from shared.events.consumers import dispatch

    def run(envelope):
        with django_capture_on_commit_callbacks(execute=True):
            return dispatch(envelope)

    return run


@pytest.fixture
def sms_sink(tmp_path, settings):
    """The SMS sink writing into the test's own folder."""
    from notifications.channels.sms import sms_provider

    settings.NOTIFICATION_SMS_PROVIDER, settings.NOTIFICATION_SMS_SINK_DIR = "sink", str(tmp_path / "sms")
    sms_provider.cache_clear()
    yield tmp_path / "sms"
    sms_provider.cache_clear()
