import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
django_application = get_asgi_application()

from proxy.entry import GatewayApplication  # noqa: E402 - needs Django set up first
from proxy.socketio_app import socketio_application  # noqa: E402

application = GatewayApplication(django_application, socketio_app=socketio_application())
