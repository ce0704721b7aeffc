"""A small real upstream for the gateway's tests: an aiohttp server that speaks the services' contract.

It checks the gateway token like a service does, echoes what it received,
implements the auth token contract (rotating refresh tokens with reuse
detection) and serves sockets. Run: ``python -m proxy.tests.upstream_app --port N --service users``.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import secrets
import socket
import zlib

from aiohttp import web

from shared.testing.tokens import user_token
from shared.tokens import GatewayTokenVerifier, TokenError, verify_user_token

ACCESS_LIFETIME = 300


def create_app(service: str, port: int, access_lifetime: int = ACCESS_LIFETIME) -> web.Application:
    verifier = GatewayTokenVerifier(service)
    open_sockets: set = set()
    refresh_tokens: dict[str, dict] = {}  # token -> {"user": ..., "family": ..., "used": bool}
    revoked_families: set[str] = set()

    def user_of(request):
        header = request.headers.get("Authorization", "")
        if not header.startswith("Bearer "):
            return None
        try:
            return verify_user_token(header[7:])
        except TokenError:
            return None

    def issue(user: dict, family: str | None = None) -> dict:
        refresh = secrets.token_urlsafe(24)
        refresh_tokens[refresh] = {"user": user, "family": family or secrets.token_hex(8), "used": False}
        access = user_token(user["id"], user["username"], lifetime=access_lifetime)
        return {"access": access, "refresh": refresh, "access_expires_in": access_lifetime, "refresh_expires_in": 3600}

    @web.middleware
    async def guard(request, handler):
        if request.path == "/health":
            return await handler(request)
        token = request.headers.get("X-Gateway-Token")
        if not token:
            return web.json_response({"detail": "Gateway only.", "code": "gateway_token_missing"}, status=401)
        try:
            verifier.verify(token)
        except TokenError:
            return web.json_response({"detail": "Bad gateway token.", "code": "gateway_token_invalid"}, status=403)
        return await handler(request)

    @web.middleware
    async def publishes(request, handler):
        """A test asks for ``X-Test-Publish: name=id,...`` and gets it back as the service's published events."""
        response = await handler(request)
        if "X-Test-Publish" in request.headers:
            response.headers["X-Events-Published"] = request.headers["X-Test-Publish"]
        return response

    async def health(request):
        return web.json_response({"status": "ok", "service": service})

    async def echo(request):
        body = await request.read()
        user = user_of(request)
        return web.json_response(
            {
                "service": service,
                "port": port,
                "method": request.method,
                "path": request.path,
                "raw_path": request.raw_path,
                "query": request.query_string,
                "headers": dict(request.headers),
                "body": body.decode("utf-8", "replace"),
                "user": user.username if user else None,
            }
        )

    async def slow(request):
        await asyncio.sleep(float(request.query.get("seconds", "5")))
        return web.json_response({"slow": True, "port": port})

    async def boom(request):
        return web.Response(status=500, text="Traceback (most recent call last): secret internals")

    async def html_error(request):
        # What gunicorn answers to a request line it will not read: an HTML page.
        return web.Response(status=400, text="<html><body><h1>Bad Request</h1></body></html>", content_type="text/html")

    async def leaky(request):
        # A route outside the session contract that answers tokens anyway: the gateway must not pass them on.
        user = {"id": "1", "username": "leaky"}
        return web.json_response({"user": user, "tokens": issue(user)})

    async def conflict(request):
        return web.json_response({"detail": "Wrong order state.", "code": "conflict"}, status=409)

    async def big(request):
        response = web.StreamResponse(headers={"Content-Type": "application/octet-stream"})
        await response.prepare(request)
        for _ in range(8):
            await response.write(b"x" * 100_000)
        await response.write_eof()
        return response

    async def signup(request):
        data = await request.json()
        if not data.get("username"):
            return web.json_response(
                {"detail": "Some fields are not valid.", "code": "invalid", "fields": {"username": ["Required."]}},
                status=422,
            )
        user = {
            "id": str(zlib.crc32(data["username"].encode())),
            "username": data["username"],
            "email": data.get("email", ""),
        }
        return web.json_response({"user": user, "tokens": issue(user)}, status=201)

    async def signin(request):
        data = await request.json()
        if data.get("password") != "correct-horse":
            return web.json_response(
                {"detail": "Wrong username or password.", "code": "invalid_credentials"}, status=401
            )
        username = data.get("username", "alice")
        if username == "twostep" and request.cookies.get("device_token") != "known-device":
            return web.json_response(
                {"two_step_required": True, "challenge_id": "c" * 32, "channel": "email"}, status=202
            )
        user = {"id": str(zlib.crc32(username.encode())), "username": username, "email": f"{username}@example.com"}
        return web.json_response({"user": user, "tokens": issue(user)})

    async def signin_verify(request):
        data = await request.json()
        if data.get("code") != "123456":
            return web.json_response(
                {"detail": "Wrong code.", "code": "code_wrong", "fields": {"code": ["Wrong code."]}}, status=400
            )
        user = {"id": "42", "username": "twostep", "email": "twostep@example.com"}
        return web.json_response(
            {"user": user, "tokens": issue(user), "device": {"token": "known-device", "max_age": 31536000}}
        )

    async def refresh(request):
        data = await request.json()
        record = refresh_tokens.get(data.get("refresh", ""))
        if record is None or record["family"] in revoked_families:
            return web.json_response({"detail": "Sign in again.", "code": "token_invalid"}, status=401)
        if record["used"]:
            revoked_families.add(record["family"])  # reuse: someone else holds this family
            return web.json_response({"detail": "Refresh token reused.", "code": "token_reused"}, status=401)
        record["used"] = True
        return web.json_response({"user": record["user"], "tokens": issue(record["user"], record["family"])})

    async def change_password(request):
        user = user_of(request)
        if user is None:
            return web.json_response({"detail": "Sign in first.", "code": "not_authenticated"}, status=401)
        data = await request.json()
        if data.get("current_password") != "correct-horse":
            return web.json_response(
                {"detail": "Wrong password.", "code": "invalid", "fields": {"current_password": ["Wrong password."]}},
                status=400,
            )
        profile = {"id": user.id, "username": user.username, "email": user.email}
        return web.json_response({"user": profile, "tokens": issue(profile)})

    async def signout(request):
        data = await request.json()
        record = refresh_tokens.get(data.get("refresh", ""))
        if record:
            revoked_families.add(record["family"])
        return web.json_response({"detail": "Signed out."})

    async def me(request):
        user = user_of(request)
        if user is None:
            return web.json_response({"detail": "Sign in first.", "code": "not_authenticated"}, status=401)
        return web.json_response({"user": {"id": user.id, "username": user.username}})

    async def socket(request):
        user = user_of(request)
        if user is None:
            return web.Response(status=403)
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        open_sockets.add(ws)
        hello = {
            "type": "hello",
            "user": user.username,
            "service": service,
            "request_id": request.headers.get("X-Request-ID"),
        }
        if request.query_string:  # what a resyncing client asked for (?last_id=) must reach the service
            hello["query"] = request.query_string
        await ws.send_json(hello)
        async for message in ws:
            data = json.loads(message.data)
            if data.get("type") == "close-me":
                await ws.close(code=4000 + int(data.get("code", 0)))
                break
            await ws.send_json({"type": "echo", "data": data})
        open_sockets.discard(ws)
        return ws

    async def sockets_open(request):
        return web.json_response({"open": len(open_sockets)})

    async def admin_login(request):
        if request.method == "POST":
            response = web.HTTPFound(f"/admin/{service}/")
            response.set_cookie(f"{service}_admin_session", "s3ss10n", path=f"/admin/{service}/", httponly=True)
            raise response
        return web.Response(text=f"<form>admin of {service}</form>", content_type="text/html")

    async def admin_index(request):
        has_session = request.cookies.get(f"{service}_admin_session") == "s3ss10n"
        return web.json_response({"admin": service, "signed_in": has_session, "cookies": dict(request.cookies)})

    app = web.Application(middlewares=[guard, publishes], client_max_size=50 * 1024 * 1024)
    app.router.add_get("/health", health)
    app.router.add_route("*", "/api/v1/gigs/slow", slow)
    app.router.add_route("*", "/api/v1/gigs/boom", boom)
    app.router.add_route("*", "/api/v1/gigs/conflict", conflict)
    app.router.add_route("*", "/api/v1/gigs/html-error", html_error)
    app.router.add_route("*", "/api/v1/auth/leaky", leaky)
    app.router.add_get("/api/v1/gigs/big", big)
    app.router.add_post("/api/v1/auth/signup", signup)
    app.router.add_post("/api/v1/auth/signin", signin)
    app.router.add_post("/api/v1/auth/signin/verify", signin_verify)
    app.router.add_post("/api/v1/auth/refresh", refresh)
    app.router.add_post("/api/v1/auth/change-password", change_password)
    app.router.add_post("/api/v1/auth/signout", signout)
    app.router.add_get("/api/v1/auth/me", me)
    app.router.add_get("/api/v1/chat/sockets-open", sockets_open)
    app.router.add_get("/ws/chat/", socket)
    app.router.add_get("/ws/notifications/", socket)
    app.router.add_route("*", f"/admin/{service}/login/", admin_login)
    app.router.add_get(f"/admin/{service}/", admin_index)
    app.router.add_route("*", "/{tail:.*}", echo)
    return app


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--service", default="users")
    parser.add_argument("--access-lifetime", type=int, default=ACCESS_LIFETIME)
    parser.add_argument("--fd", type=int, help="a listening socket the parent bound for us")
    args = parser.parse_args()
    where = {"sock": socket.socket(fileno=args.fd)} if args.fd is not None else {"host": "127.0.0.1", "port": args.port}
    web.run_app(
        create_app(args.service, args.port, args.access_lifetime),
        **where,
        print=None,
        access_log=None,
    )


if __name__ == "__main__":
    main()
