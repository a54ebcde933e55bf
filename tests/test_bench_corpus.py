"""The benchmark corpus generator makes what it claims: clean files validate clean, each faulty
file produces exactly the code it was made to produce, and the same seed gives the same bytes."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from datacard.validate import validate_file

BENCH = Path(__file__).resolve().parent.parent / "bench"


def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("gen_corpus", BENCH / "gen_corpus.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["gen_corpus"] = module
    spec.loader.exec_module(module)
    return module


gen = _generator()


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str | None]]:
    out = tmp_path_factory.mktemp("corpus")
    # A high share of faults so that every kind appears in a small corpus.
    return out, gen.generate(out, 48, 6, seed=7, invalid=0.35)


def test_every_fault_kind_is_present(generated: tuple[Path, dict[str, str | None]]) -> None:
    _, expected = generated
    made = {code for code in expected.values() if code}
    assert made == {code for code, _ in gen.FAULTS.values()}
    assert sum(1 for rel in expected if rel.startswith(gen.TRAINING_DIR)) == 6


def test_files_produce_their_intended_codes(generated: tuple[Path, dict[str, str | None]]) -> None:
    out, expected = generated
    for rel, code in sorted(expected.items()):
        _, report = validate_file(out / rel)
        codes = sorted({f.code for f in report.findings})
        assert codes == ([code] if code else []), (rel, [str(f) for f in report.findings])


def test_sizes_are_realistic(generated: tuple[Path, dict[str, str | None]]) -> None:
    out, expected = generated
    sizes = [(out / rel).stat().st_size for rel in expected if rel.startswith(gen.DATA_DIR)]
    assert min(sizes) > 500 and max(sizes) < 10_000
    assert 1_000 < sorted(sizes)[len(sizes) // 2] < 5_000


def test_same_seed_same_bytes(tmp_path: Path) -> None:
    first = gen.generate(tmp_path / "a", 12, 2, seed=3)
    gen.generate(tmp_path / "b", 12, 2, seed=3)
    for rel in first:
        assert (tmp_path / "a" / rel).read_bytes() == (tmp_path / "b" / rel).read_bytes()


def test_no_benchmark_script_shadows_a_standard_module() -> None:
    # `python bench/X.py` puts bench/ first on sys.path, and tests that import the generator add
    # it too: a script named like a standard module (profile.py, site.py) is then imported in its
    # place, and a library that imports cProfile (PySpark does) breaks.
    shadowing = sorted(p.name for p in BENCH.glob("*.py") if p.stem in sys.stdlib_module_names)
    assert shadowing == [], f"rename these benchmark scripts: {shadowing}"
