from django.apps import AppConfig
from django.db.models.signals import post_migrate


def bind_queue_after_migrate(sender, plan=None, verbosity=1, stdout=None, **kwargs) -> None:
    """``migrate`` declares the service's queue bound to exactly the events its handlers consume.

    Every deployment runs ``migrate`` before the service serves (``manage_all.py up``, the image's
    ``migrate`` role, the compose and Kubernetes migrate jobs), so a queue exists, with its bindings,
    before anyone publishes what it now consumes; events routed to it wait there while its worker is
    down. It fails the migration when the broker is unreachable: serving without the queue would drop
    events. A ``flush`` (tests) sends this signal too, without a plan: nothing to declare then.
    """
    if plan is None:
        return
    from shared.events.bus import declare_topology
    from shared.events.consumers import consumed_names

    declare_topology(prune=True)
    if verbosity and stdout is not None:
        stdout.write(f"  Events queue bound to {len(consumed_names())} event names\n")


class EventsConfig(AppConfig):
    name = "shared.events.django_app"
    label = "events"
    verbose_name = "Events (outbox and processed events)"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        post_migrate.connect(bind_queue_after_migrate, sender=self, dispatch_uid="events.bind_queue_after_migrate")
