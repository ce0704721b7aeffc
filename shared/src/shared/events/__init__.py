"""The event bus: typed contracts, an outbox per service, Celery over RabbitMQ.

from shared.events import publish, consumes
from shared.events.contracts import UserCreated

publish(UserCreated(user_id=..., ...))      # inside the data's transaction

@consumes(UserCreated)
def create_buyer(event, meta): ...          # in <app>/handlers.py
"""

from shared.events.bus import publish, publish_request
from shared.events.consumers import consumes

__all__ = ["publish", "publish_request", "consumes"]
