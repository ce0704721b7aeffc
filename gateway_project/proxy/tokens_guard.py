"""The last line of the session contract: no answer outside the session routes carries auth's tokens.

The session routes (proxy/sessions.py) turn ``{"user", "tokens"}`` into
cookies. Should auth ever answer tokens anywhere else (a new route, a path
spelling the gateway did not see as a session route), the client must still
never read them: the ``tokens`` key is dropped from the body and the event is
logged as an error, since it means the contract and the routes disagree.
"""

from __future__ import annotations

import json
import logging

from proxy.request import GatewayRequest
from proxy.responses import GatewayResponse

logger = logging.getLogger("gateway.sessions")


def scrub_tokens(request: GatewayRequest, response: GatewayResponse) -> GatewayResponse:
    if response.upstream is not None or not response.body:
        return response
    try:
        payload = json.loads(response.body)
    except ValueError:
        return response
    if not isinstance(payload, dict) or "tokens" not in payload:
        return response
    logger.error(
        "Auth answered tokens to %s %s, outside the session routes: removed",
        request.method,
        request.path,
        extra={"request_id": request.request_id},
    )
    del payload["tokens"]
    body = json.dumps(payload, separators=(",", ":")).encode()
    headers = [(name, value) for name, value in response.headers if name != b"content-length"]
    return GatewayResponse(response.status, headers, body)
