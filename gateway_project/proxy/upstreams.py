"""Instances of each service, round-robin over the healthy ones, with a circuit breaker per instance.

An instance that fails to connect or answer ``threshold`` times in a row is
left alone for ``cooldown`` seconds; after that one trial request may go
through (half-open). A success closes the breaker again.
"""

from __future__ import annotations

import itertools
import time
from dataclasses import dataclass


@dataclass
class Instance:
    url: str
    failures: int = 0
    open_until: float = 0.0
    trial_in_flight: bool = False

    def available(self, now: float) -> bool:
        if self.failures == 0 or self.open_until == 0.0:
            return True
        return now >= self.open_until and not self.trial_in_flight

    def state(self, now: float) -> str:
        if self.open_until == 0.0:
            return "closed"
        return "half-open" if now >= self.open_until else "open"


class UpstreamPool:
    def __init__(self, service: str, urls: list[str], *, threshold: int = 3, cooldown: float = 10.0):
        if not urls:
            raise ValueError(f"No instance configured for {service}.")
        self.service = service
        self.instances = [Instance(url.rstrip("/")) for url in urls]
        self.threshold = threshold
        self.cooldown = cooldown
        self._turn = itertools.count()

    def pick(self, exclude: tuple[Instance, ...] = ()) -> Instance | None:
        """The next healthy instance not already tried for this request."""
        now = time.monotonic()
        count = len(self.instances)
        start = next(self._turn)
        for offset in range(count):
            instance = self.instances[(start + offset) % count]
            if instance in exclude or not instance.available(now):
                continue
            if instance.open_until and now >= instance.open_until:
                instance.trial_in_flight = True  # half-open: one request tests the water
            return instance
        return None

    def succeeded(self, instance: Instance) -> None:
        if instance.failures or instance.open_until:
            instance.failures = 0
            instance.open_until = 0.0
            instance.trial_in_flight = False

    def failed(self, instance: Instance) -> None:
        instance.failures += 1
        instance.trial_in_flight = False
        if instance.failures >= self.threshold:
            instance.open_until = time.monotonic() + self.cooldown

    def describe(self) -> list[dict]:
        now = time.monotonic()
        return [{"url": i.url, "state": i.state(now), "failures": i.failures} for i in self.instances]


class Upstreams:
    """Every service's pool, built from the configuration once per process."""

    def __init__(self, urls_by_service: dict[str, list[str]], *, threshold: int, cooldown: float):
        self.pools = {
            service: UpstreamPool(service, urls, threshold=threshold, cooldown=cooldown)
            for service, urls in urls_by_service.items()
        }

    def __getitem__(self, service: str) -> UpstreamPool:
        return self.pools[service]

    def __contains__(self, service: str) -> bool:
        return service in self.pools
