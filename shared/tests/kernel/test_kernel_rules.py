"""Rules over the whole repository's source: MongoDB reached only through shared.mongo."""

from __future__ import annotations

import ast
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parents[3]
RAW_COLLECTION = {"_get_collection", "_collection", "get_collection"}


def _project_sources():
    for project in sorted(REPOSITORY.glob("*_project")):
        for path in sorted(project.rglob("*.py")):
            parts = path.relative_to(project).parts
            if not {"tests", "migrations", ".venv"}.intersection(parts):
                yield path


def _raw_collection_uses(path: Path):
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Attribute) and node.attr in RAW_COLLECTION:
            yield f"{path.relative_to(REPOSITORY)}:{node.lineno} .{node.attr}"


def test_only_shared_reaches_a_raw_mongodb_collection():
    """Writes outside shared.mongo would skip the session: they commit on their own, outside the transaction."""
    sources = list(_project_sources())
    uses = [use for path in sources for use in _raw_collection_uses(path)]

    assert len(sources) > 100  # the scan saw the projects
    assert uses == [], "use shared.mongo's helpers (they join the current transaction):\n" + "\n".join(uses)
