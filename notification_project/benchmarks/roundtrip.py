"""The baseline: a bare Celery task round trip over the same RabbitMQ, with no Django and no database.

The task only sets a Redis key the benchmark polls for. The app mirrors the
delivery settings of the services' apps (shared.events.celery: late acks,
prefetch 1, JSON, publisher confirms, no result backend) so the two paths
differ only in what the event path adds: the topic exchange, the handlers
and their database writes.

    celery -A benchmarks.roundtrip worker -Q bench.roundtrip -P threads -c 1
"""

from __future__ import annotations

import os

import redis
from celery import Celery
from kombu import Exchange, Queue

QUEUE = "bench.roundtrip"
BROKER_URL = os.environ.get("CELERY_BROKER_URL", "amqp://guest:guest@127.0.0.1:5672//")
REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")
KEY_TTL = 60  # seconds: a key the benchmark never saw (crash) expires on its own

# The default exchange routes by queue name: nothing but the queue to clean up afterwards.
bench_queue = Queue(QUEUE, Exchange(""), routing_key=QUEUE, durable=False, auto_delete=True)

app = Celery("bench_roundtrip", broker=BROKER_URL)
app.conf.update(
    task_acks_late=True,
    task_reject_on_worker_lost=True,
    worker_prefetch_multiplier=1,
    task_serializer="json",
    accept_content=["json"],
    result_backend=None,
    task_ignore_result=True,
    broker_connection_retry_on_startup=True,
    broker_connection_timeout=3,
    broker_transport_options={"confirm_publish": True},
    task_default_queue=QUEUE,
    task_queues=[bench_queue],
    worker_hijack_root_logger=False,
)

_redis = None


def redis_client() -> redis.Redis:
    global _redis
    if _redis is None:
        _redis = redis.Redis.from_url(REDIS_URL)
    return _redis


@app.task(name="bench.roundtrip.touch", acks_late=True)
def touch(key: str) -> None:
    redis_client().set(key, b"1", ex=KEY_TTL)
