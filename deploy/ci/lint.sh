#!/usr/bin/env bash
# The project's habits, checked: formatting, lint, types, and the import rule (projects import only
# `shared` and themselves). Run by .ci/run before the tests; run it yourself before you push:
#     deploy/ci/lint.sh            (every check; exits non-zero on the first that fails)
# Configuration: ruff.toml, mypy.ini, .importlinter at the root; the tools are pinned in
# requirements/local.txt.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT="$PWD"
BIN="$ROOT/.venv/bin"
PROJECTS=(auth_project users_project gig_project chat_project order_project review_project notification_project
          gateway_project)

echo "== ruff format --check"
"$BIN/ruff" format --check --output-format concise .
echo "== ruff check"
"$BIN/ruff" check --quiet --output-format concise .

# mypy runs once per project: every project has its own `config` package, so one run would see
# eight modules of that name. django-stubs reads each project's test settings.
echo "== mypy"
(cd shared && DJANGO_SETTINGS_MODULE=tests.kernel.settings MYPYPATH=src \
    "$BIN/mypy" --config-file "$ROOT/mypy.ini" --cache-dir "$ROOT/.run/mypy-cache/shared" src)
for project in "${PROJECTS[@]}"; do
    (cd "$project" && DJANGO_SETTINGS_MODULE=config.settings.test \
        "$BIN/mypy" --config-file "$ROOT/mypy.ini" --cache-dir "$ROOT/.run/mypy-cache/$project" .)
done

# The app packages of every project on one path: import-linter checks them against each other.
echo "== lint-imports"
PYTHONPATH="$(IFS=:; echo "${PROJECTS[*]/#/$ROOT/}"):$ROOT/shared/src" "$BIN/lint-imports" --no-cache "$ROOT/.importlinter"
echo "lint: all checks passed"
