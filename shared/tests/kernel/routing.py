"""The kernel test project's sockets: none; shared.asgi needs a routing module to build the application."""

websocket_urlpatterns: list = []
