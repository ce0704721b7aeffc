"""Generated from the projects' @consumes handlers (python -m shared.devtools.subscriptions): do not edit.

Service -> the event names its queue is bound to (every version of a name shares its routing key).
"""
from __future__ import annotations

SUBSCRIPTIONS: dict[str, tuple[str, ...]] = {
    "auth": (),
    "chat": (
        "auth.user.created",
    ),
    "gateway": (),
    "gig": (
        "order.created",
        "review.created",
        "review.hidden",
        "review.restored",
        "users.seller.created",
        "users.seller.updated",
    ),
    "notification": (
        "auth.email.verification_requested",
        "auth.password.changed",
        "auth.password.reset_requested",
        "auth.phone.removed",
        "auth.phone.verification_requested",
        "auth.phone.verified",
        "auth.signin.code_requested",
        "auth.user.created",
        "chat.message.sent",
        "order.cancelled",
        "order.completed",
        "order.created",
        "order.delivered",
        "order.extension_decided",
        "order.extension_requested",
        "order.late",
        "order.revision_requested",
        "review.created",
    ),
    "order": (
        "chat.offer.accepted",
        "chat.offer.cancelled",
        "gig.created",
        "gig.deleted",
        "gig.updated",
    ),
    "review": (
        "order.completed",
        "order.created",
    ),
    "users": (
        "auth.user.created",
        "gig.created",
        "gig.deleted",
        "order.cancelled",
        "order.completed",
        "order.created",
        "review.created",
        "review.hidden",
        "review.restored",
    ),
}
