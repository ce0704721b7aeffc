from ninja import NinjaAPI

from shared.api_ninja import install_error_handlers

api = NinjaAPI(title="order service", version="1", urls_namespace="order-api")
install_error_handlers(api)
