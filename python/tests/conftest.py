"""Shared fixtures: the command line built beside the module (CREDENCE_BINARY, set by ctest),
the repository (CREDENCE_SOURCE_DIR) and the public data sets next to it, when present."""

import json
import os
import pathlib
import subprocess
from typing import Any, Dict, List

import pytest

SOURCE_DIR = pathlib.Path(
    os.environ.get("CREDENCE_SOURCE_DIR", pathlib.Path(__file__).resolve().parents[2]))
DATASETS = SOURCE_DIR.parent / "shared" / "datasets"


@pytest.fixture(scope="session")
def source_dir() -> pathlib.Path:
    return SOURCE_DIR


@pytest.fixture(scope="session")
def cli() -> "Cli":
    binary = os.environ.get("CREDENCE_BINARY")
    if not binary or not os.access(binary, os.X_OK):
        pytest.skip("CREDENCE_BINARY does not name the credence executable (ctest sets it)")
    return Cli(binary)


class Cli:
    def __init__(self, binary: str) -> None:
        self.binary = binary

    def run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        return subprocess.run([self.binary, *map(str, args)], capture_output=True, text=True,
                              stdin=subprocess.DEVNULL,
                              check=check)

    def score(self, *args: str) -> Dict[str, Any]:
        return json.loads(self.run("score", *args).stdout)


def dataset(folder: str) -> pathlib.Path:
    path = DATASETS / folder
    if not path.is_dir():
        pytest.skip(f"shared/datasets/{folder} is not available")
    return path


def without_timings(document: Dict[str, Any]) -> Dict[str, Any]:
    document = json.loads(json.dumps(document))
    document["summary"].pop("timings", None)
    return document


def claim_probabilities(document: Dict[str, Any]) -> Dict[tuple, float]:
    """(subject, value) -> probability over a scores document's claims."""
    return {(c["subject"], str(c["value"])): c["probability"] for c in document["claims"]}


def reliabilities(document: Dict[str, Any]) -> Dict[str, float]:
    return {o["id"]: o["reliability"] for o in document["outlets"]}


def timeline_values(document: Dict[str, Any]) -> Dict[str, List[Any]]:
    return {p["subject"]: [str(s["value"]) for s in p["timeline"]]
            for p in document["propositions"]}
