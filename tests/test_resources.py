"""The shared helpers for the package's data files."""

from __future__ import annotations

from pathlib import Path

from smartcheck.resources import data_provenance, read_artefact
from smartcheck.rewrite.collocations import load_collocations
from smartcheck.rewrite.copied import load_misspellings, load_vocabulary


def test_read_artefact_is_empty_for_missing_broken_or_non_object_files(tmp_path: Path) -> None:
    (tmp_path / "ok.json").write_text('{"words": ["a", "b"]}', encoding="utf-8")
    (tmp_path / "broken.json").write_text('{"words": [', encoding="utf-8")
    (tmp_path / "list.json").write_text('["a"]', encoding="utf-8")
    (tmp_path / "binary.json").write_bytes(b"\xff\xfe\x00")
    assert read_artefact(tmp_path / "ok.json") == {"words": ["a", "b"]}
    for name in ("missing.json", "broken.json", "list.json", "binary.json"):
        assert read_artefact(tmp_path / name) == {}, name


def test_the_rewrite_artefact_loaders_find_nothing_in_a_damaged_file(tmp_path: Path) -> None:
    damaged = tmp_path / "damaged.json"
    damaged.write_text("not json", encoding="utf-8")
    assert load_collocations(str(damaged)) == {}
    assert load_misspellings(str(damaged)) == {}
    assert load_vocabulary(str(damaged)) == frozenset()
    # the shipped ones are there and not empty
    assert load_collocations() and load_misspellings() and len(load_vocabulary()) > 1000


def test_data_provenance_names_the_file_and_its_hash(tmp_path: Path) -> None:
    data = tmp_path / "rows.csv"
    data.write_bytes(b"abc")
    assert data_provenance(data) == {
        "data_file": "rows.csv",
        "data_sha256": "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"}
