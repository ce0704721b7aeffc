from ninja import NinjaAPI

from shared.api_ninja import install_error_handlers

api = NinjaAPI(title="chat service", version="1", urls_namespace="chat-api")
install_error_handlers(api)
