import os
from pathlib import Path

# Gateway and upstream test processes must share one key folder: the checkout's .run/keys.
os.environ.setdefault("MARKETPLACE_ROOT", str(Path(__file__).resolve().parents[1]))

pytest_plugins = ["shared.testing.plugin", "proxy.tests.fixtures"]
