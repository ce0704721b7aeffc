"""The gateway's server command: uvicorn's own command line, with httptools capped (proxy/server.py).

    python -m proxy.serve config.asgi:application --host 127.0.0.1 --port 8000 --workers 2 \
        --loop uvloop --http httptools

Every uvicorn option works as usual; only the httptools protocol class is
swapped, by class rather than by name, so it reaches every worker process.
"""

from __future__ import annotations

import importlib

from proxy.server import CappedHttpToolsProtocol

cli = importlib.import_module("uvicorn.main")  # the module: the package's attribute "main" is the click command

_run = cli.run


def run(app, **kwargs):
    if kwargs.get("http") in ("auto", "httptools"):
        kwargs["http"] = CappedHttpToolsProtocol
    return _run(app, **kwargs)


if __name__ == "__main__":
    cli.run = run  # uvicorn's command calls run() by its module-level name
    cli.main()
