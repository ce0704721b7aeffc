"""``/health`` (the gateway process is up) and ``/health/ready`` (each upstream instance and Redis)."""

from __future__ import annotations

import asyncio

import aiohttp
from django.http import JsonResponse

from proxy.client import http_session
from proxy.gateway import get_gateway


async def health(request):
    return JsonResponse({"status": "ok", "service": "gateway"})


async def _probe(session: aiohttp.ClientSession, url: str) -> str:
    try:
        async with session.get(url + "/health", timeout=aiohttp.ClientTimeout(total=2)) as response:
            return "ok" if response.status == 200 else f"down: status {response.status}"
    except (TimeoutError, aiohttp.ClientError) as exc:
        return f"down: {exc.__class__.__name__}"


async def health_ready(request):
    gateway = get_gateway()
    config = gateway.config
    session = http_session(
        pool_size=config.pool_size, connect_timeout=config.connect_timeout, read_timeout=config.read_timeout
    )
    targets = [(pool.service, instance) for pool in gateway.upstreams.pools.values() for instance in pool.instances]
    results = await asyncio.gather(*(_probe(session, instance.url) for _, instance in targets))
    services: dict[str, dict] = {}
    for (service, instance), result in zip(targets, results):
        services.setdefault(service, {})[instance.url] = result
    redis_ok = await gateway.limiter.ping()
    # A service is ready when at least one instance answers; the gateway balances across those.
    ready = redis_ok and all(any(v == "ok" for v in urls.values()) for urls in services.values())
    checks = {"redis": "ok" if redis_ok else "down", "services": services}
    return JsonResponse(
        {"status": "ok" if ready else "degraded", "service": "gateway", "checks": checks}, status=200 if ready else 503
    )
