from ninja import NinjaAPI
from orders.apis import router as orders_router
from orders.errors import PaymentRequired
from orders.file_apis import router as order_files_router

from shared.api_ninja import MoneyJSONRenderer, install_error_handlers

api = NinjaAPI(title="order service", version="1", urls_namespace="order-api", renderer=MoneyJSONRenderer())
# Order's own domain error and its status; the rest are shared.errors.HTTP_STATUSES.
install_error_handlers(api, statuses={PaymentRequired: 402})
api.add_router("", orders_router)
api.add_router("", order_files_router)
