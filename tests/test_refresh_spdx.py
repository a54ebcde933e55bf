"""scripts/refresh_spdx.py, offline: a small list in SPDX's own format (tests/spdx/) stands in
for a release of license-list-data."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from tests.conftest import ROOT

SCRIPT = ROOT / "scripts" / "refresh_spdx.py"
FIXTURE = Path(__file__).resolve().parent / "spdx"
SHIPPED = ROOT / "datacard" / "model" / "spdx.json"


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("refresh_spdx", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(SCRIPT), *map(str, args)], capture_output=True, text=True,
                          timeout=60, check=False)


def _refresh(out: Path, licenses: Path = FIXTURE / "licenses.json") -> subprocess.CompletedProcess[str]:
    return _run("--licenses", licenses, "--exceptions", FIXTURE / "exceptions.json", "-o", out)


def test_writes_the_release_with_its_version_and_date(tmp_path: Path) -> None:
    out = tmp_path / "spdx.json"
    # A replacement written by hand survives the refresh; SPDX's files carry none.
    out.write_text(json.dumps({"deprecated": {"Nunit": "zlib-acknowledgement"}}), encoding="utf-8")
    done = _refresh(out)
    assert done.returncode == 0, done.stderr
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert (doc["version"], doc["release_date"]) == ("9.1.0", "2031-02-03")
    assert doc["licenses"] == ["Apache-2.0", "GPL-2.0-only", "GPL-2.0-or-later", "MIT"]
    assert doc["exceptions"] == ["Classpath-exception-2.0"]
    assert doc["deprecated"] == {
        "GPL-2.0": "GPL-2.0-only",  # derived: the -only id exists
        "GPL-2.0+": "GPL-2.0-or-later",  # derived: the -or-later id exists
        "Nokia-Qt-exception-1.1": None,
        "Nunit": "zlib-acknowledgement",  # kept from the file
        "Old-Thing": None,
    }
    # Deprecated ids left without a replacement are listed for a person to fill in.
    assert "Old-Thing" in done.stdout and "Nokia-Qt-exception-1.1" in done.stdout


def test_check_says_whether_the_file_is_that_release(tmp_path: Path) -> None:
    out = tmp_path / "spdx.json"
    assert _refresh(out).returncode == 0
    assert _run("--licenses", FIXTURE / "licenses.json", "--exceptions", FIXTURE / "exceptions.json",
                "-o", out, "--check").returncode == 0
    out.write_text(out.read_text(encoding="utf-8").replace('"MIT"', '"MIT-0"'), encoding="utf-8")
    assert _run("--licenses", FIXTURE / "licenses.json", "--exceptions", FIXTURE / "exceptions.json",
                "-o", out, "--check").returncode == 1


@pytest.mark.parametrize(("licenses", "says"), [
    ('{"licenseListVersion": "9.2.0", "licenses": []}', "9.2.0"),  # another release than the exceptions
    ('{"licenseListVersion": "9.1.0", "exceptions": []}', "no 'licenses' list"),  # exceptions.json twice
    ('{"licenseListVersion": "9.1.0", "licenses": [{"licenseId": "MIT OR X"}]}', "no usable 'licenseId'"),
    ('{"licenses": []}', "no licenseListVersion"),
    ("not json", "licenses.json"),
])
def test_input_that_is_not_an_spdx_list_is_refused(tmp_path: Path, licenses: str, says: str) -> None:
    source = tmp_path / "licenses.json"
    source.write_text(licenses, encoding="utf-8")
    out = tmp_path / "spdx.json"
    done = _refresh(out, source)
    assert done.returncode == 2 and says in done.stderr, done.stderr
    assert not out.exists()


def test_a_release_or_both_files_must_be_named() -> None:
    assert _run().returncode == 2
    assert _run("--licenses", FIXTURE / "licenses.json").returncode == 2


def test_the_shipped_list_is_what_the_script_writes() -> None:
    """Rebuilt from its own ids in SPDX's format, the shipped file comes out unchanged."""
    script = _script()
    shipped = json.loads(SHIPPED.read_text(encoding="utf-8"))
    deprecated = shipped["deprecated"]
    exception_ids = set(shipped["exceptions"]) | {i for i in deprecated if "exception" in i.lower()
                                                  and not i.startswith(("GPL", "LGPL"))}
    release = {"licenseListVersion": shipped["version"], "releaseDate": f"{shipped['release_date']}T00:00:00Z"}
    licenses = {**release, "licenses": [
        {"licenseId": i, "isDeprecatedLicenseId": i in deprecated}
        for i in [*shipped["licenses"], *deprecated] if i not in exception_ids]}
    exceptions = {**release, "exceptions": [
        {"licenseExceptionId": i, "isDeprecatedLicenseId": i in deprecated} for i in sorted(exception_ids)]}
    doc, _ = script.build(licenses, exceptions, shipped)
    assert script.text(doc) == SHIPPED.read_text(encoding="utf-8")
