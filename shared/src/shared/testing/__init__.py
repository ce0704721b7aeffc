"""Test helpers: tokens, a gateway-signed client, event capture. Load with
``pytest_plugins = ["shared.testing.plugin"]`` in a project's conftest.py."""
