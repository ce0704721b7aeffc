"""Merge the services' own OpenAPI documents into one, without importing any service.

Services serve the public paths themselves (``/api/v1/gigs/...``), so paths are taken as
they are, after checking that the gateway routes each one to the service documenting it.
Component names are each service's class names: a name two services define alike is
kept once; defined differently, each service's copy is prefixed with its name
(``order`` + ``PageParams`` -> ``OrderPageParams``), its references rewritten to match.
"""

from __future__ import annotations

import json
from typing import Any

from proxy.routes import service_for_path

REF = "#/components/schemas/"


class MergeError(ValueError):
    pass


def _walk_refs(node: Any, rename: dict[str, str]) -> Any:
    if isinstance(node, dict):
        return {
            key: (
                REF + rename.get(value[len(REF) :], value[len(REF) :])
                if key == "$ref" and isinstance(value, str) and value.startswith(REF)
                else _walk_refs(value, rename)
            )
            for key, value in node.items()
        }
    if isinstance(node, list):
        return [_walk_refs(item, rename) for item in node]
    return node


def rename_refs(node: Any, rename: dict[str, str]) -> Any:
    """``node`` with every ``$ref`` to a renamed component pointing at its new name."""
    return _walk_refs(node, rename) if rename else node


def _canonical(schema: dict) -> str:
    return json.dumps(schema, sort_keys=True)


def component_names(documents: dict[str, dict], reserved: dict[str, dict]) -> dict[str, dict[str, str]]:
    """Per service, old -> new name for each component it must rename (a collision with another definition)."""
    definitions: dict[str, set[str]] = {}
    for document in documents.values():
        for name, schema in document.get("components", {}).get("schemas", {}).items():
            definitions.setdefault(name, set()).add(_canonical(schema))
    for name, schema in reserved.items():
        definitions.setdefault(name, set()).add(_canonical(schema))
    renames: dict[str, dict[str, str]] = {service: {} for service in documents}
    for service, document in documents.items():
        for name in document.get("components", {}).get("schemas", {}):
            if len(definitions[name]) > 1 and name not in reserved:
                renames[service][name] = service.title().replace("_", "") + name
    return renames


def merge(documents: dict[str, dict], *, reserved: dict[str, dict] | None = None) -> dict:
    """``{"paths", "components": {"schemas"}}`` of all services (``documents``: service name -> its document).

    ``reserved`` components belong to the caller (the gateway): a service's component of
    the same name is replaced by it (the shared error shape, for one).
    """
    reserved = reserved or {}
    renames = component_names(documents, reserved)
    paths: dict[str, dict] = {}
    schemas: dict[str, dict] = dict(reserved)
    services = set(documents)
    for service, document in documents.items():
        rename = renames[service]
        for path, operations in document.get("paths", {}).items():
            owner = service_for_path(path, services)
            if owner != service:
                raise MergeError(f"{service} documents {path}, which the gateway routes to {owner or 'nobody'}")
            if path in paths:
                raise MergeError(f"{path} is documented twice")
            paths[path] = rename_refs(operations, rename)
        for name, schema in document.get("components", {}).get("schemas", {}).items():
            new = rename.get(name, name)
            if new in reserved:
                continue
            if new in schemas and _canonical(schemas[new]) != _canonical(rename_refs(schema, rename)):
                raise MergeError(f"component {new} of {service} collides after prefixing")
            schemas[new] = rename_refs(schema, rename)
    return {"paths": paths, "components": {"schemas": schemas}}


def referenced(document: dict) -> set[str]:
    """Component names reachable from the paths (following references inside components)."""
    schemas = document["components"]["schemas"]
    seen: set[str] = set()
    stack = [document["paths"]]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str) and ref.startswith(REF) and ref[len(REF) :] not in seen:
                seen.add(ref[len(REF) :])
                stack.append(schemas.get(ref[len(REF) :], {}))
            stack.extend(value for key, value in node.items() if key != "$ref")
        elif isinstance(node, list):
            stack.extend(node)
    return seen


def prune(document: dict) -> dict:
    """Drop components nothing refers to (e.g. the token shapes the gateway turns into cookies)."""
    keep = referenced(document)
    document["components"]["schemas"] = {
        name: schema for name, schema in document["components"]["schemas"].items() if name in keep
    }
    return document
