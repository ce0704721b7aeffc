#!/usr/bin/env bash
# Runs one role of one marketplace project inside the image.
#
#   entrypoint.sh web | worker | beat | migrate | flower | keys | healthcheck | manage <args> | <command>
#
# SERVICE (baked in by the SERVICE build arg, or set at run time) names the
# project: auth users gig chat order review notification gateway. The
# commands mirror deploy/local/layout.py, bound to every interface instead of
# 127.0.0.1 because the container's network namespace is the boundary.
# ENTRYPOINT_DRY_RUN=1 prints the command (one argument a line) instead of
# running it: deploy/tests use it to compare with layout.py.
set -euo pipefail

readonly SERVICES="auth users gig chat order review notification gateway"
SERVICE="${SERVICE:-}"
APP_ROOT="${APP_ROOT:-/app}"
ROLE_FILE="${ROLE_FILE:-/tmp/marketplace-role}"
LISTEN_HOST="${LISTEN_HOST:-0.0.0.0}"

die() {
    echo "entrypoint: $*" >&2
    exit 64
}

# The ports of deploy/local/layout.py (DESIGN.md "Ports for local work").
port_of() {
    case "$1" in
        gateway) echo 8000 ;;
        auth) echo 8001 ;;
        users) echo 8002 ;;
        gig) echo 8003 ;;
        chat) echo 8004 ;;
        order) echo 8005 ;;
        review) echo 8006 ;;
        notification) echo 8007 ;;
        *) return 1 ;;
    esac
}

run() {
    if [[ "${ENTRYPOINT_DRY_RUN:-0}" == "1" ]]; then
        printf '%s\n' "$@"
        exit 0
    fi
    exec "$@"
}

# Long-running roles leave their name for the healthcheck role to read.
remember_role() {
    if [[ "${ENTRYPOINT_DRY_RUN:-0}" != "1" ]]; then
        printf '%s' "$1" >"$ROLE_FILE" 2>/dev/null || true
    fi
}

# The CPUs this container may use, as deploy/local/layout.py's cores(): its affinity (nproc), lowered by a
# cgroup v2 quota (a Kubernetes CPU limit, compose's cpus:). Web servers run a process per core, Celery's
# thread pool two threads per core, unless WEB_CONCURRENCY, GATEWAY_WORKERS or CELERY_CONCURRENCY say otherwise.
cores() {
    local count quota period limit
    count=$(nproc 2>/dev/null || echo 1)
    if [[ -r /sys/fs/cgroup/cpu.max ]] && read -r quota period </sys/fs/cgroup/cpu.max; then
        if [[ "$quota" =~ ^[0-9]+$ && "$period" =~ ^[1-9][0-9]*$ ]]; then
            limit=$(( (quota + period - 1) / period ))
            (( limit < 1 )) && limit=1
            (( limit < count )) && count=$limit
        fi
    fi
    echo "$count"
}

has_worker() {
    [[ "$SERVICE" != "gateway" ]]
}

web() {
    remember_role web
    case "$SERVICE" in
        gateway)
            # uvloop + httptools and several processes: the proxy path's throughput (PERFORMANCE.md).
            # proxy.serve is uvicorn's command with httptools' header buffering capped (proxy/server.py).
            run python -m proxy.serve config.asgi:application --host "$LISTEN_HOST" --port "$PORT" \
                --loop uvloop --http httptools --workers "${GATEWAY_WORKERS:-$(cores)}" --no-access-log
            ;;
        chat | notification)
            # Channels projects: HTTP and WebSocket from one ASGI server, several processes
            # (the Redis channel layer delivers a group_send to a socket held by any of them).
            run uvicorn config.asgi:application --host "$LISTEN_HOST" --port "$PORT" \
                --loop uvloop --http httptools --workers "${WEB_CONCURRENCY:-$(cores)}" --lifespan off --no-access-log
            ;;
        *)
            # /dev/shm keeps gunicorn's heartbeat files off a read-only or slow /tmp. Keep-alive outlasts
            # the gateway pool's 4 s idle limit, so the gateway closes idle connections, never the service.
            run gunicorn config.wsgi:application --bind "$LISTEN_HOST:$PORT" \
                --workers "${WEB_CONCURRENCY:-$(cores)}" --worker-class gthread --threads "${GUNICORN_THREADS:-4}" \
                --timeout "${GUNICORN_TIMEOUT:-60}" --keep-alive "${GUNICORN_KEEPALIVE:-10}" --worker-tmp-dir /dev/shm
            ;;
    esac
}

worker() {
    has_worker || die "the gateway has no Celery worker"
    remember_role worker
    run celery -A config worker -n "${SERVICE}@%h" -Q "${SERVICE}.events,${SERVICE}.tasks" \
        -P threads -c "${CELERY_CONCURRENCY:-$(( 2 * $(cores) ))}" \
        -E --without-gossip --without-mingle -l "${CELERY_LOG_LEVEL:-INFO}"
}

# Periodic tasks (layout.py's beat=True projects). Locally the worker embeds
# beat (-B); here it is its own process, run once per system, or every task
# would fire once per worker replica.
beat() {
    has_worker || die "the gateway has no Celery app"
    remember_role beat
    run celery -A config beat -l "${CELERY_LOG_LEVEL:-INFO}" -s "${CELERY_BEAT_SCHEDULE:-/tmp/celerybeat-${SERVICE}}"
}

migrate() {
    if [[ "$SERVICE" == "gateway" ]]; then
        echo "entrypoint: the gateway owns no database; nothing to migrate"
        exit 0
    fi
    run python manage.py migrate --noinput
}

flower() {
    has_worker || die "flower needs a project with a Celery app (any but the gateway)"
    remember_role flower
    # Flower can revoke tasks and shut workers down: it never answers without a login.
    [[ "${FLOWER_BASIC_AUTH:-}" == ?*:?* ]] || die "flower needs FLOWER_BASIC_AUTH=user:password"
    run celery -A config flower "--port=${FLOWER_PORT:-5555}" "--address=${LISTEN_HOST}" "--basic-auth=${FLOWER_BASIC_AUTH}"
}

# Development key pairs for compose; a real deployment mounts its own PEMs (deploy/README.md).
keys() {
    run python -c "from shared.keys import ensure_dev_keys; print('signing keys in', ensure_dev_keys())"
}

healthcheck() {
    local role
    role="$(cat "$ROLE_FILE" 2>/dev/null || true)"
    case "$role" in
        web)
            run python -c "import sys, urllib.request; sys.exit(urllib.request.urlopen('http://127.0.0.1:${PORT}/health', timeout=5).status != 200)"
            ;;
        worker)
            run celery -A config inspect ping -d "${SERVICE}@${HOSTNAME:-$(hostname)}" --timeout 10
            ;;
        beat)
            # Beat rewrites its schedule file every few minutes while it ticks (any dbm suffix).
            run python -c "import glob, os, sys, time; files = glob.glob('${CELERY_BEAT_SCHEDULE:-/tmp/celerybeat-${SERVICE}}*'); sys.exit(not files or time.time() - max(map(os.path.getmtime, files)) > 900)"
            ;;
        flower)
            # A TCP connect: Flower's pages may sit behind basic auth.
            run python -c "import socket; socket.create_connection(('127.0.0.1', ${FLOWER_PORT:-5555}), timeout=5).close()"
            ;;
        *)
            exit 0
            ;;
    esac
}

main() {
    local role="${1:-web}"
    [[ $# -gt 0 ]] && shift
    if [[ " $SERVICES " != *" $SERVICE "* ]]; then
        die "SERVICE must be one of: $SERVICES (got '${SERVICE}')"
    fi
    PORT="${PORT:-$(port_of "$SERVICE")}"
    local project_dir="${APP_ROOT}/${SERVICE}_project"
    [[ -d "$project_dir" ]] || die "$project_dir is not in this image (built with another SERVICE?)"
    cd "$project_dir"
    case "$role" in
        web) web ;;
        worker) worker ;;
        beat) beat ;;
        migrate) migrate ;;
        flower) flower ;;
        keys) keys ;;
        healthcheck) healthcheck ;;
        manage) run python manage.py "$@" ;;
        *) run "$role" "$@" ;;
    esac
}

main "$@"
