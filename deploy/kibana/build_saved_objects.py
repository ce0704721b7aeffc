"""Writes saved-objects.ndjson: the Kibana data view, searches, visualization and dashboard.

Kibana stores nested JSON as strings (searchSourceJSON, visState, panelsJSON);
building them here keeps those strings valid. Run after editing:

    .venv/bin/python deploy/kibana/build_saved_objects.py
"""

from __future__ import annotations

import json
from pathlib import Path

OUTPUT = Path(__file__).with_name("saved-objects.ndjson")
DATA_VIEW_ID = "marketplace-logs"
INDEX_REF = "kibanaSavedObjectMeta.searchSourceJSON.index"
ERRORS_QUERY = 'level : ("ERROR" or "CRITICAL")'


def _source(query: str = "", *, index: bool = True) -> dict:
    source = {"query": {"query": query, "language": "kuery"}, "filter": []}
    if index:
        source["indexRefName"] = INDEX_REF
    return {"searchSourceJSON": json.dumps(source)}


def data_view() -> dict:
    return {
        "id": DATA_VIEW_ID,
        "type": "index-pattern",
        "typeMigrationVersion": "8.0.0",
        "attributes": {"title": "marketplace-logs-*", "name": "Marketplace logs", "timeFieldName": "@timestamp"},
        "references": [],
    }


def saved_search(object_id: str, title: str, description: str, query: str, columns: list[str], sort: list) -> dict:
    return {
        "id": object_id,
        "type": "search",
        "typeMigrationVersion": "8.0.0",
        "attributes": {
            "title": title,
            "description": description,
            "columns": columns,
            "sort": sort,
            "kibanaSavedObjectMeta": _source(query),
        },
        "references": [{"name": INDEX_REF, "type": "index-pattern", "id": DATA_VIEW_ID}],
    }


def errors_table() -> dict:
    """Error count per service, over the errors saved search (so it shares its query)."""
    vis_state = {
        "title": "Errors per service",
        "type": "table",
        "params": {
            "perPage": 10,
            "showPartialRows": False,
            "showMetricsAtAllLevels": False,
            "showTotal": True,
            "totalFunc": "sum",
            "percentageCol": "",
        },
        "aggs": [
            {"id": "1", "enabled": True, "type": "count", "schema": "metric", "params": {}},
            {
                "id": "2",
                "enabled": True,
                "type": "terms",
                "schema": "bucket",
                "params": {"field": "service", "size": 20, "order": "desc", "orderBy": "1"},
            },
        ],
    }
    return {
        "id": "marketplace-errors-per-service",
        "type": "visualization",
        "typeMigrationVersion": "8.5.0",
        "attributes": {
            "title": "Errors per service",
            "description": "ERROR and CRITICAL records counted per service.",
            "visState": json.dumps(vis_state),
            "uiStateJSON": "{}",
            "savedSearchRefName": "search_0",
            "kibanaSavedObjectMeta": _source(index=False),
        },
        "references": [{"name": "search_0", "type": "search", "id": "marketplace-errors-by-service"}],
    }


def dashboard(panels: list[tuple[str, str, dict]]) -> dict:
    """``panels``: (type, id, gridData) in reading order."""
    panels_json, references = [], []
    for number, (kind, object_id, grid) in enumerate(panels, start=1):
        index = str(number)
        panels_json.append(
            {
                "version": "8.18.0",
                "type": kind,
                "gridData": {**grid, "i": index},
                "panelIndex": index,
                "embeddableConfig": {},
                "panelRefName": f"panel_{index}",
            }
        )
        references.append({"name": f"{index}:panel_{index}", "type": kind, "id": object_id})
    return {
        "id": "marketplace-logs-dashboard",
        "type": "dashboard",
        "typeMigrationVersion": "8.7.0",
        "attributes": {
            "title": "Marketplace logs",
            "description": "Errors by service, and every record to follow a request by its request_id.",
            "panelsJSON": json.dumps(panels_json),
            "optionsJSON": json.dumps({"useMargins": True, "hidePanelTitles": False}),
            "timeRestore": True,
            "timeFrom": "now-24h",
            "timeTo": "now",
            "refreshInterval": {"pause": False, "value": 30000},
            "kibanaSavedObjectMeta": _source(index=False),
        },
        "references": references,
    }


def saved_objects() -> list[dict]:
    errors = saved_search(
        "marketplace-errors-by-service",
        "Errors by service",
        "ERROR and CRITICAL records, grouped by service, newest first within each.",
        ERRORS_QUERY,
        ["service", "logger", "message", "request_id"],
        [["service", "asc"], ["@timestamp", "desc"]],
    )
    trace = saved_search(
        "marketplace-request-trace",
        "Request trace",
        'Every record of every service in time order. Filter with request_id : "<id>" to follow one request.',
        "",
        ["service", "level", "logger", "message", "request_id"],
        [["@timestamp", "asc"]],
    )
    board = dashboard(
        [
            ("visualization", "marketplace-errors-per-service", {"x": 0, "y": 0, "w": 16, "h": 15}),
            ("search", errors["id"], {"x": 16, "y": 0, "w": 32, "h": 15}),
            ("search", trace["id"], {"x": 0, "y": 15, "w": 48, "h": 20}),
        ]
    )
    return [data_view(), errors, trace, errors_table(), board]


def render() -> str:
    return "".join(json.dumps(item, sort_keys=True) + "\n" for item in saved_objects())


if __name__ == "__main__":
    OUTPUT.write_text(render())
    print(f"wrote {OUTPUT}")
