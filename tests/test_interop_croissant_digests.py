"""A file's digest written under the other algorithm's key, or in base64, is kept where it
belongs (found on real Croissant files: MD5s under `sha256`, a base64 MD5 under `md5`)."""

from __future__ import annotations

import json

import pytest

from datacard.interop import import_text
from datacard.interop.common import get_path

_MD5 = "0123456789abcdef0123456789abcdef"
_SHA = "ab" * 32


def _croissant(digest: dict[str, str]) -> str:
    return json.dumps({
        "@context": {"@vocab": "https://schema.org/", "sc": "https://schema.org/",
                     "cr": "http://mlcommons.org/croissant/"},
        "@type": "sc:Dataset", "name": "tide-gauges", "conformsTo": "http://mlcommons.org/croissant/1.0",
        "distribution": [{"@type": "cr:FileObject", "@id": "readings.csv", "name": "readings.csv",
                          "contentUrl": "https://example.org/readings.csv", "encodingFormat": "text/csv",
                          **digest}],
    }, indent=2)


CASES = [
    # (what the file writes, the digests the datasheet keeps)
    ({"sha256": _MD5}, {"md5": _MD5}),
    ({"md5": "ASNFZ4mrze8BI0VniavN7w=="}, {"md5": _MD5}),
    ({"sha256": "q6urq6urq6urq6urq6urq6urq6urq6urq6urq6urq6s="}, {"sha256": _SHA}),
    ({"sha256": _SHA, "md5": _MD5}, {"sha256": _SHA, "md5": _MD5}),
    ({"sha256": "sha256"}, {}),  # a placeholder stays out, with a finding
]


@pytest.mark.parametrize(("written", "kept"), CASES, ids=[json.dumps(c[0]) for c in CASES])
def test_a_digest_is_kept_as_the_algorithm_its_length_says(written: dict[str, str], kept: dict[str, str]) -> None:
    result = import_text("croissant", _croissant(written), "metadata.json")
    assert result.datasheet is not None, result.report().codes()
    file = get_path(result.datasheet.model_dump(mode="json", exclude_none=True), "audience.distribution.files[0]")
    assert {k: v for k, v in file.items() if k in ("sha256", "md5")} == kept
    moved = [f for f in result.findings if "kept as" in f.message]
    assert len(moved) == (written != kept and bool(kept))
    assert all(f.line for f in moved)
