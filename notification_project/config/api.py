from ninja import NinjaAPI

from shared.api_ninja import install_error_handlers

api = NinjaAPI(title="notification service", version="1", urls_namespace="notification-api")
install_error_handlers(api)
