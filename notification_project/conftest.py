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
