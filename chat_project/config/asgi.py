import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
django_asgi_app = get_asgi_application()

from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402
from chats.routing import websocket_urlpatterns  # noqa: E402

from shared.guard import GatewayTokenASGIMiddleware  # noqa: E402

application = ProtocolTypeRouter(
    {
        "http": django_asgi_app,
        "websocket": GatewayTokenASGIMiddleware(URLRouter(websocket_urlpatterns)),
    }
)
