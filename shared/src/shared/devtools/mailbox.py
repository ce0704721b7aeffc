"""Read the SMTP sink's mailbox (tests and people)."""

from __future__ import annotations

import email
import time
from email.message import Message
from pathlib import Path

from shared.conf import env, run_dir


def mailbox_dir() -> Path:
    return Path(env.str("SMTP_SINK_MAILBOX", default=str(run_dir() / "mail")))


def messages_to(address: str, mailbox: Path | None = None) -> list[Message]:
    folder = mailbox or mailbox_dir()
    found = []
    for path in sorted(folder.glob("*.eml")):
        message = email.message_from_bytes(path.read_bytes())
        if address.lower() in (message.get("To") or "").lower():
            found.append(message)
    return found


def wait_for_message(address: str, timeout: float = 20.0, mailbox: Path | None = None) -> Message:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = messages_to(address, mailbox)
        if found:
            return found[-1]
        time.sleep(0.2)
    raise TimeoutError(f"no e-mail to {address} within {timeout}s")


def body_text(message: Message) -> str:
    if message.is_multipart():
        for part in message.walk():
            if part.get_content_type() == "text/plain":
                return part.get_payload(decode=True).decode()
    return message.get_payload(decode=True).decode()
