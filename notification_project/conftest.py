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
