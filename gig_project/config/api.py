from ninja import NinjaAPI

from shared.api_ninja import install_error_handlers

api = NinjaAPI(title="gig service", version="1", urls_namespace="gig-api")
install_error_handlers(api)
