import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

from shared.asgi import socket_service_application

# REST on a pool of threads running Django's WSGI handler, sockets on Channels (shared/asgi.py).
application = socket_service_application("notifications.routing")
