"""Kibana objects, the index template and Filebeat against the records shared.logging writes."""

import io
import json
import logging
import logging.config
import re
import sys

import pytest
import yaml
from support import KIBANA, compose

sys.path.insert(0, str(KIBANA))
import build_saved_objects

OBJECTS = [json.loads(line) for line in (KIBANA / "saved-objects.ndjson").read_text().splitlines() if line.strip()]
BY_ID = {(o["type"], o["id"]): o for o in OBJECTS}
TEMPLATE = json.loads((KIBANA / "index-template.json").read_text())
FILEBEAT = yaml.safe_load((KIBANA / "filebeat.yml").read_text())
LOG_FIELDS = {"timestamp", "level", "logger", "message", "service", "request_id"}


def one(kind: str) -> list[dict]:
    return [o for o in OBJECTS if o["type"] == kind]


@pytest.fixture
def log_record() -> dict:
    """One record through the production LOGGING config, as a container writes it."""
    from shared.logging import logging_config

    config = logging_config("order", "INFO", json_logs=True)
    stream = io.StringIO()
    config["handlers"]["console"]["stream"] = stream
    logging.config.dictConfig(config)
    try:
        logging.getLogger("orders.checkout").error("payment declined")
    finally:
        logging.config.dictConfig({"version": 1, "disable_existing_loggers": False})
    return json.loads(stream.getvalue().strip().splitlines()[-1])


def test_saved_objects_file_is_built_from_the_script():
    assert (KIBANA / "saved-objects.ndjson").read_text() == build_saved_objects.render()


def test_a_data_view_searches_and_a_dashboard():
    [view] = one("index-pattern")
    assert view["attributes"]["timeFieldName"] == "@timestamp"
    titles = {o["attributes"]["title"] for o in one("search")}
    assert "Errors by service" in titles
    assert len(one("dashboard")) == 1
    assert len({(o["type"], o["id"]) for o in OBJECTS}) == len(OBJECTS)


def test_references_resolve_and_embedded_json_parses():
    for item in OBJECTS:
        for reference in item["references"]:
            assert (reference["type"], reference["id"]) in BY_ID, reference
        attributes = item["attributes"]
        for key in ("visState", "panelsJSON", "optionsJSON", "uiStateJSON"):
            if key in attributes:
                json.loads(attributes[key])
        meta = attributes.get("kibanaSavedObjectMeta")
        if meta:
            source = json.loads(meta["searchSourceJSON"])
            if "indexRefName" in source:
                assert source["indexRefName"] in {r["name"] for r in item["references"]}


def test_dashboard_panels_point_at_their_references():
    [board] = one("dashboard")
    panels = json.loads(board["attributes"]["panelsJSON"])
    names = {r["name"]: r for r in board["references"]}
    assert len(panels) == 3
    for panel in panels:
        reference = names[f"{panel['panelIndex']}:{panel['panelRefName']}"]
        assert reference["type"] == panel["type"]


def test_errors_search_filters_on_level_and_shows_service_and_request_id():
    search = BY_ID[("search", "marketplace-errors-by-service")]
    query = json.loads(search["attributes"]["kibanaSavedObjectMeta"]["searchSourceJSON"])["query"]
    assert query["language"] == "kuery" and "ERROR" in query["query"] and query["query"].startswith("level")
    assert search["attributes"]["sort"][0] == ["service", "asc"]
    assert {"service", "request_id", "message"} <= set(search["attributes"]["columns"])


def test_columns_and_aggregations_use_mapped_fields():
    mapped = set(TEMPLATE["template"]["mappings"]["properties"])
    for search in one("search"):
        assert set(search["attributes"]["columns"]) <= mapped
        assert {field for field, _ in search["attributes"]["sort"]} <= mapped
    for vis in one("visualization"):
        fields = {
            agg["params"]["field"]
            for agg in json.loads(vis["attributes"]["visState"])["aggs"]
            if "field" in agg["params"]
        }
        assert fields <= mapped
        assert TEMPLATE["template"]["mappings"]["properties"]["service"]["type"] == "keyword"


def test_log_records_carry_the_fields_kibana_uses(log_record):
    assert LOG_FIELDS <= set(log_record)
    assert log_record["service"] == "order" and log_record["level"] == "ERROR"
    mapped = TEMPLATE["template"]["mappings"]["properties"]
    assert LOG_FIELDS <= set(mapped)
    for field in ("level", "logger", "service", "request_id"):
        assert mapped[field]["type"] == "keyword"  # exact filters, terms aggregations


def test_filebeat_parses_the_record_timestamp(log_record):
    [timestamp] = [p["timestamp"] for p in FILEBEAT["processors"] if "timestamp" in p]
    assert timestamp["field"] == "timestamp"
    [layout] = timestamp["layouts"]
    # Go's reference time 2006-01-02 15:04:05,000 as a pattern.
    pattern = re.escape(layout)
    for token, regex in (
        ("2006", r"\d{4}"),
        ("01", r"\d{2}"),
        ("02", r"\d{2}"),
        ("15", r"\d{2}"),
        ("04", r"\d{2}"),
        ("05", r"\d{2}"),
        ("000", r"\d{3}"),
    ):
        pattern = pattern.replace(token, regex, 1)
    assert re.fullmatch(pattern, log_record["timestamp"]), (layout, log_record["timestamp"])


def test_filebeat_ships_labelled_containers_into_the_data_view():
    index = FILEBEAT["output.elasticsearch"]["index"]
    prefix = index.split("%{", 1)[0]
    [view] = one("index-pattern")
    assert view["attributes"]["title"] == f"{prefix}*" == FILEBEAT["setup.template.pattern"]
    assert TEMPLATE["index_patterns"] == [f"{prefix}*"]
    condition = FILEBEAT["filebeat.autodiscover"]["providers"][0]["templates"][0]["condition"]["equals"]
    [(label_key, label_value)] = condition.items()
    services = compose()["services"]
    labelled = {
        name
        for name, spec in services.items()
        if isinstance(spec.get("labels"), dict) and spec["labels"].get("marketplace.logs") == label_value
    }
    # Docker label dots become underscores in Filebeat's metadata.
    assert label_key == "docker.container.labels.marketplace_logs"
    assert {name for name in services if name.endswith(("-web", "-worker"))} <= labelled
    decode = next(p["decode_json_fields"] for p in FILEBEAT["processors"] if "decode_json_fields" in p)
    assert decode["fields"] == ["message"] and decode["target"] == ""
    assert services["filebeat"]["environment"]["ELASTICSEARCH_HOSTS"].startswith("http://elasticsearch:")
    mounts = services["filebeat"]["volumes"]
    assert "../kibana/filebeat.yml:/usr/share/filebeat/filebeat.yml:ro" in mounts


def test_setup_job_installs_the_template_and_imports_the_objects():
    script = (KIBANA / "setup.sh").read_text()
    assert "_index_template/marketplace-logs" in script and "index-template.json" in script
    assert "api/saved_objects/_import?overwrite=true" in script and "saved-objects.ndjson" in script
    assert "kbn-xsrf: true" in script
    job = compose()["services"]["kibana-setup"]
    assert job["depends_on"]["kibana"]["condition"] == "service_healthy"
    assert (
        compose()["services"]["filebeat"]["depends_on"]["kibana-setup"]["condition"] == "service_completed_successfully"
    )
