"""A real SMTP server for local work that writes every message it accepts to a mailbox folder.

    python -m shared.devtools.smtp_sink --port 1025 --mailbox .run/mail

Each message becomes ``<time>-<id>.eml``, readable by a person or a test.
"""

from __future__ import annotations

import argparse
import asyncio
import time
import uuid
from pathlib import Path

from aiosmtpd.controller import Controller


class MailboxHandler:
    def __init__(self, mailbox: Path):
        self.mailbox = mailbox
        self.mailbox.mkdir(parents=True, exist_ok=True)

    async def handle_DATA(self, server, session, envelope):
        name = f"{time.time():.6f}-{uuid.uuid4().hex[:8]}.eml"
        temporary = self.mailbox / f".{name}.tmp"
        temporary.write_bytes(envelope.original_content or envelope.content)
        temporary.rename(self.mailbox / name)  # readers never see half a message
        return "250 Message accepted for delivery"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=1025)
    parser.add_argument("--mailbox", default=".run/mail")
    args = parser.parse_args()
    controller = Controller(MailboxHandler(Path(args.mailbox)), hostname=args.host, port=args.port)
    controller.start()
    print(f"SMTP sink on {args.host}:{args.port} writing to {args.mailbox}", flush=True)
    try:
        asyncio.get_event_loop().run_forever()
    except KeyboardInterrupt:
        pass
    finally:
        controller.stop()


if __name__ == "__main__":
    main()
