from ninja import NinjaAPI

from shared.api_ninja import install_error_handlers

api = NinjaAPI(title="auth service", version="1", urls_namespace="auth-api")
install_error_handlers(api)
