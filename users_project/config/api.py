from ninja import NinjaAPI

from shared.api_ninja import install_error_handlers

api = NinjaAPI(title="users service", version="1", urls_namespace="users-api")
install_error_handlers(api)
