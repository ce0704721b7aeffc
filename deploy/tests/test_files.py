"""Every artefact parses, and every shell script passes the shell's syntax check."""

import json
import re
import subprocess

import pytest
import yaml
from support import DEPLOY, KIBANA

ARTEFACTS = [
    p
    for p in DEPLOY.rglob("*")
    if p.is_file() and "local" not in p.relative_to(DEPLOY).parts and "__pycache__" not in p.parts
]
SHELL_SCRIPTS = [DEPLOY / "docker" / "entrypoint.sh", KIBANA / "setup.sh"]


@pytest.mark.parametrize("path", [p for p in ARTEFACTS if p.suffix in (".yml", ".yaml")], ids=str)
def test_yaml_parses(path):
    documents = [doc for doc in yaml.safe_load_all(path.read_text()) if doc is not None]
    assert documents, f"{path} holds no YAML document"
    assert all(isinstance(doc, dict) for doc in documents)


@pytest.mark.parametrize("path", [p for p in ARTEFACTS if p.suffix == ".json"], ids=str)
def test_json_parses(path):
    assert isinstance(json.loads(path.read_text()), dict)


@pytest.mark.parametrize("path", [p for p in ARTEFACTS if p.suffix == ".ndjson"], ids=str)
def test_ndjson_parses(path):
    lines = [line for line in path.read_text().splitlines() if line.strip()]
    assert lines
    for line in lines:
        assert isinstance(json.loads(line), dict)


@pytest.mark.parametrize("path", SHELL_SCRIPTS, ids=lambda p: p.name)
def test_shell_script_syntax(path):
    result = subprocess.run(["bash", "-n", str(path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert path.stat().st_mode & 0o111, f"{path} is not executable"


def test_setup_script_is_posix_sh():
    # The compose job runs it with the curl image's /bin/sh, which has no bash.
    result = subprocess.run(["sh", "-n", str(KIBANA / "setup.sh")], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert (KIBANA / "setup.sh").read_text().startswith("#!/bin/sh\n")


def test_every_artefact_kind_was_checked():
    suffixes = {p.suffix for p in ARTEFACTS}
    assert {".yml", ".yaml", ".json", ".ndjson", ".sh"} <= suffixes


def test_readme_mentions_only_files_that_exist():
    readme = (DEPLOY / "README.md").read_text()
    paths = set(re.findall(r"`((?:docker|compose|k8s|kibana|local|tests)/[\w./-]+)`", readme))
    assert len(paths) >= 8
    for path in paths:
        assert (DEPLOY / path).exists(), path
