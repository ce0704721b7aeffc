from ninja import NinjaAPI
from notifications.apis import router as notifications_router
from notifications.channel_apis import router as channels_router

from shared.api_ninja import install_error_handlers

api = NinjaAPI(title="notification service", version="1", urls_namespace="notification-api")
install_error_handlers(api)
api.add_router("/notifications", channels_router)  # first: "/preferences" is not a notification id
api.add_router("/notifications", notifications_router)
