"""The whole public API, one router per upstream service, so /api/v1/docs shows every request and answer."""
from ninja import NinjaAPI
from proxy.api import auth, chat, gigs, orders, reviews, users

from shared.api_ninja import install_error_handlers

DESCRIPTION = """The marketplace's public API, served only by the gateway.

Sessions live in cookies: `access_token` (HttpOnly, short-lived), `refresh_token`
(HttpOnly, sent only to `/api/v1/auth/`) and `csrf_token` (readable). Every
POST/PUT/PATCH/DELETE sent with the session cookies must echo `csrf_token` in the
`X-CSRF-Token` header. `X-Request-ID` is accepted or generated and always returned.
Errors answer `{"detail", "code", "fields"}`; 429 carries `Retry-After`.
Bodies are JSON (multipart only where an operation documents it; else 415). Sign-in
forms (signin, signup, password reset, e-mail verification) refuse a foreign `Origin`
(403 `origin_not_allowed`). A path that is not canonical (dot segments, `//`, `%2e`,
`%2f`, double encoding) answers 400 `path_not_canonical`.
Sockets: `/ws/chat/`, `/ws/notifications/`, and Socket.IO at `/socket.io/`.
Resync: reconnect with `?last_id=<id of the last message (or notification) seen>`
(Socket.IO: `auth: {last_message_id, last_notification_id}`, or the same names in
the query) to get what was missed, oldest first and once, then a `chat.resync` /
`notification.resync` frame `{"count", "more"}` (`more`: page the rest over REST),
then live frames. A malformed id answers an error frame `invalid_last_id`."""

api = NinjaAPI(title="Marketplace public API", version="1", description=DESCRIPTION, urls_namespace="public-api", docs_url="/docs")
install_error_handlers(api)
api.add_router("/auth", auth.router)
api.add_router("/buyers", users.buyers)
api.add_router("/sellers", users.sellers)
api.add_router("/gigs", gigs.router)
api.add_router("/chat", chat.router)
api.add_router("/orders", orders.router)
api.add_router("/reviews", reviews.reviews)
api.add_router("/notifications", reviews.notifications)
