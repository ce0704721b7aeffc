"""JSON structured logs that carry the service name and the request id."""

from __future__ import annotations

import logging

from shared.requestid import current_request_id


class RequestIdFilter(logging.Filter):
    def __init__(self, service: str = "-"):
        super().__init__()
        self.service = service

    def filter(self, record: logging.LogRecord) -> bool:
        if not hasattr(record, "request_id"):
            record.request_id = current_request_id()
        record.service = self.service
        return True


def logging_config(service: str, level: str = "INFO", json_logs: bool = True) -> dict:
    """A ``LOGGING`` dict: one JSON line per record on stderr."""
    formatter = (
        {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s %(service)s %(request_id)s",
            "rename_fields": {"asctime": "timestamp", "levelname": "level", "name": "logger"},
        }
        if json_logs
        else {"format": "%(asctime)s %(levelname)s [%(service)s %(request_id)s] %(name)s: %(message)s"}
    )
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"request_id": {"()": "shared.logging.RequestIdFilter", "service": service}},
        "formatters": {"default": formatter},
        "handlers": {
            "console": {"class": "logging.StreamHandler", "formatter": "default", "filters": ["request_id"]},
        },
        "root": {"handlers": ["console"], "level": level},
        "loggers": {
            "django.server": {"level": "WARNING"},
            "django.request": {"level": "ERROR"},
            "amqp": {"level": "WARNING"},
            "kombu": {"level": "WARNING"},
        },
    }
