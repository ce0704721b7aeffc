from config.settings.base import *
from shared.keys import ensure_dev_keys

# Local work signs tokens with generated keys (never committed); production mounts real ones.
ensure_dev_keys()
