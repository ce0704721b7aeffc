from ninja import NinjaAPI

from shared.api_ninja import install_error_handlers

api = NinjaAPI(title="Marketplace public API", version="1", urls_namespace="public-api", docs_url="/docs")
install_error_handlers(api)
