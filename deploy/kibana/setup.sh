#!/bin/sh
# Installs the log index template in Elasticsearch and imports the saved
# objects (data view, searches, visualization, dashboard) into Kibana.
# POSIX sh: the compose job runs it in the curlimages/curl image.
#
#   ELASTICSEARCH_URL=http://localhost:9200 KIBANA_URL=http://localhost:5601 deploy/kibana/setup.sh
#
# Optional ELASTIC_AUTH=user:password for clusters with security on.
set -eu

here="$(cd "$(dirname "$0")" && pwd)"
es="${ELASTICSEARCH_URL:-http://localhost:9200}"
kibana="${KIBANA_URL:-http://localhost:5601}"

auth() {
    if [ -n "${ELASTIC_AUTH:-}" ]; then
        printf '%s\n' "-u" "$ELASTIC_AUTH"
    fi
}

echo "index template -> $es"
# shellcheck disable=SC2046
curl -fsS $(auth) -X PUT "$es/_index_template/marketplace-logs" \
    -H "Content-Type: application/json" --data-binary "@$here/index-template.json"
echo

echo "saved objects -> $kibana"
# shellcheck disable=SC2046
answer="$(curl -fsS $(auth) -X POST "$kibana/api/saved_objects/_import?overwrite=true" \
    -H "kbn-xsrf: true" --form "file=@$here/saved-objects.ndjson")"
echo "$answer"
case "$answer" in
    *'"success":true'*) echo "Kibana objects imported" ;;
    *) echo "Kibana refused some objects (see above)" >&2; exit 1 ;;
esac
