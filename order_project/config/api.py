from ninja import NinjaAPI
from orders.apis import router as orders_router
from orders.file_apis import router as order_files_router

from shared.api_ninja import MoneyJSONRenderer, install_error_handlers

api = NinjaAPI(title="order service", version="1", urls_namespace="order-api", renderer=MoneyJSONRenderer())
install_error_handlers(api)
api.add_router("", orders_router)
api.add_router("", order_files_router)
