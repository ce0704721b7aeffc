"""Event payloads with sensible defaults, overridable per test."""

from shared.events.contracts import (
    ChatMessageSent,
    EmailVerificationRequested,
    OrderCancelled,
    OrderCompleted,
    OrderCreated,
    OrderDelivered,
    OrderExtensionDecided,
    OrderExtensionRequested,
    OrderLate,
    OrderRevisionRequested,
    PasswordChanged,
    PasswordResetRequested,
    PhoneRemoved,
    PhoneVerificationRequested,
    PhoneVerified,
    ReviewCreated,
    SigninCodeRequested,
    UserCreated,
)

BUYER, SELLER, SELLER_PROFILE = "10", "20", "s20"


def user_created(**fields):
    return UserCreated(**{"user_id": "7", "username": "alice", "email": "alice@example.com", "country": "NO", **fields})


def verification_requested(**fields):
    return EmailVerificationRequested(
        **{"user_id": "7", "username": "alice", "email": "alice@example.com", "token": "tok-123", **fields}
    )


def reset_requested(**fields):
    return PasswordResetRequested(
        **{"user_id": "7", "username": "alice", "email": "alice@example.com", "token": "reset-456", **fields}
    )


def password_changed(**fields):
    return PasswordChanged(**{"user_id": "7", "username": "alice", "email": "alice@example.com", **fields})


def order_created(**fields):
    return OrderCreated(
        **{
            "order_id": "o1",
            "gig_id": "g1",
            "seller_id": SELLER_PROFILE,
            "buyer_id": BUYER,
            "seller_user_id": SELLER,
            "buyer_username": "bob",
            "seller_username": "sally",
            "price": "25.5",
            "delivery_due_at": "2030-05-04T12:00:00+00:00",
            **fields,
        }
    )


def order_delivered(**fields):
    return OrderDelivered(
        **{
            "order_id": "o1",
            "seller_id": SELLER_PROFILE,
            "buyer_id": BUYER,
            "seller_user_id": SELLER,
            "buyer_username": "bob",
            "seller_username": "sally",
            **fields,
        }
    )


def order_completed(**fields):
    return OrderCompleted(
        **{
            "order_id": "o1",
            "gig_id": "g1",
            "seller_id": SELLER_PROFILE,
            "buyer_id": BUYER,
            "seller_user_id": SELLER,
            "seller_earnings": "20.40",
            "delivered_at": "2030-05-03T12:00:00+00:00",
            **fields,
        }
    )


def order_cancelled(**fields):
    return OrderCancelled(
        **{
            "order_id": "o1",
            "seller_id": SELLER_PROFILE,
            "buyer_id": BUYER,
            "seller_user_id": SELLER,
            "refunded_amount": "27.55",
            **fields,
        }
    )


def extension_requested(**fields):
    return OrderExtensionRequested(
        **{
            "order_id": "o1",
            "seller_id": SELLER_PROFILE,
            "buyer_id": BUYER,
            "days": 3,
            "reason": "Waiting on assets",
            **fields,
        }
    )


def extension_decided(**fields):
    return OrderExtensionDecided(
        **{
            "order_id": "o1",
            "seller_id": SELLER_PROFILE,
            "buyer_id": BUYER,
            "approved": True,
            "delivery_due_at": "2030-05-07T12:00:00+00:00",
            **fields,
        }
    )


def review_created(**fields):
    return ReviewCreated(
        **{
            "review_id": "r1",
            "order_id": "o1",
            "gig_id": "g1",
            "seller_id": SELLER_PROFILE,
            "reviewer_id": BUYER,
            "reviewer_username": "bob",
            "reviewer_role": "buyer",
            "rating": 5,
            **fields,
        }
    )


def chat_message_sent(**fields):
    return ChatMessageSent(
        **{
            "message_id": "m1",
            "conversation_id": "c1",
            "sender_id": BUYER,
            "sender_username": "bob",
            "receiver_id": SELLER,
            "receiver_username": "sally",
            "preview": "Hi, can you do this by Friday?",
            **fields,
        }
    )


def revision_requested(**fields):
    return OrderRevisionRequested(
        **{
            "order_id": "o1",
            "seller_id": SELLER_PROFILE,
            "buyer_id": BUYER,
            "seller_user_id": SELLER,
            "buyer_username": "bob",
            "seller_username": "sally",
            "message": "Make the blue darker.",
            "revisions_used": 1,
            "revisions_left": 1,
            "delivery_due_at": "2030-05-07T12:00:00+00:00",
            **fields,
        }
    )


def order_late(**fields):
    return OrderLate(
        **{
            "order_id": "o1",
            "seller_id": SELLER_PROFILE,
            "buyer_id": BUYER,
            "seller_user_id": SELLER,
            "buyer_username": "bob",
            "seller_username": "sally",
            "delivery_due_at": "2030-05-07T12:00:00+00:00",
            **fields,
        }
    )


def phone_verified(**fields):
    return PhoneVerified(**{"user_id": "7", "phone": "+4791234567", **fields})


def phone_removed(**fields):
    return PhoneRemoved(**{"user_id": "7", **fields})


def phone_verification_requested(**fields):
    return PhoneVerificationRequested(
        **{"user_id": "7", "username": "alice", "phone": "+4791234567", "code": "123456", **fields}
    )


def signin_code_requested(**fields):
    return SigninCodeRequested(
        **{
            "user_id": "7",
            "username": "alice",
            "channel": "email",
            "email": "alice@example.com",
            "phone": "",
            "code": "123456",
            **fields,
        }
    )
