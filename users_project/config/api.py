from ninja import NinjaAPI
from profiles.apis import router as profiles_router

from shared.api_ninja import MoneyJSONRenderer, install_error_handlers

api = NinjaAPI(title="users service", version="1", urls_namespace="users-api", renderer=MoneyJSONRenderer())
install_error_handlers(api)
api.add_router("", profiles_router)
