"""Which service consumes which event, read from the projects' ``@consumes`` handlers.

The handlers are the one declaration: a project that starts consuming an event
edits its own handlers, then regenerates ``shared/events/subscriptions.py``
(the table publishers and the gateway read, since they cannot import other
projects) with

    .venv/bin/python -m shared.devtools.subscriptions          # rewrite the table
    .venv/bin/python -m shared.devtools.subscriptions --check  # exit 1 when it is stale

The shared suite runs the check over the repository; every service's suite
checks its loaded handlers against its row both ways (shared.testing.service_checks).
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parents[4]
TABLE = Path(__file__).resolve().parents[1] / "events" / "subscriptions.py"
SKIPPED_PARTS = {"tests", "migrations", "benchmarks", ".venv", "node_modules"}

HEADER = '''"""Generated from the projects' @consumes handlers (python -m shared.devtools.subscriptions): do not edit.

Service -> the event names its queue is bound to (every version of a name shares its routing key).
"""
from __future__ import annotations

SUBSCRIPTIONS: dict[str, tuple[str, ...]] = {
'''


def _source_files(project: Path):
    for path in sorted(project.rglob("*.py")):
        if not SKIPPED_PARTS.intersection(path.relative_to(project).parts):
            yield path


def _consumed_classes(tree: ast.AST, contracts: set[str]):
    """The contract class names a module registers handlers for.

    Precise for ``@consumes(GigCreated, ...)`` (or ``events.consumes``), decorator
    or plain call. A call whose arguments are not contract names (a table of
    handlers built in a loop) registers some of what the module imports from
    ``shared.events.contracts``: all of those are counted, and the service's
    suite, which compares the loaded handlers with the table, says if that was
    too many.
    """
    imported = {
        alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("shared.events.contracts")
        for alias in node.names
        if alias.name in contracts
    }
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        function = node.func
        called = function.id if isinstance(function, ast.Name) else getattr(function, "attr", "")
        if called != "consumes":
            continue
        named = [getattr(argument, "id", None) or getattr(argument, "attr", None) for argument in node.args]
        if all(name in contracts for name in named):
            yield from named
        else:
            yield from imported


def scan(repository: Path = REPOSITORY) -> dict[str, tuple[str, ...]]:
    """``{service: sorted event names}`` for every ``<service>_project`` folder (services that consume nothing too)."""
    from shared.events.contracts import REGISTRY

    names_by_class = {cls.__name__: name for (name, _version), cls in REGISTRY.items()}
    table = {}
    for project in sorted(repository.glob("*_project")):
        names = set()
        for path in _source_files(project):
            for class_name in _consumed_classes(ast.parse(path.read_text(), str(path)), set(names_by_class)):
                if class_name not in names_by_class:
                    raise SystemExit(f"{path}: consumes {class_name}, which is no contract in shared.events.contracts")
                names.add(names_by_class[class_name])
        table[project.name.removesuffix("_project")] = tuple(sorted(names))
    return table


def render(table: dict[str, tuple[str, ...]]) -> str:
    rows = []
    for service, names in table.items():
        if not names:
            rows.append(f'    "{service}": (),\n')
            continue
        rows.append(f'    "{service}": (\n' + "".join(f'        "{name}",\n' for name in names) + "    ),\n")
    return HEADER + "".join(rows) + "}\n"


def main(argv: list[str]) -> int:
    text = render(scan())
    current = TABLE.read_text() if TABLE.exists() else ""
    if "--check" in argv:
        if text != current:
            print(f"{TABLE} is stale: run  .venv/bin/python -m shared.devtools.subscriptions", file=sys.stderr)
            return 1
        return 0
    if text != current:
        TABLE.write_text(text)
        print(f"rewrote {TABLE}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
