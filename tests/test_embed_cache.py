"""The embedding cache (``<build>/embed``) keeps only the entries of the corpus's renderings.

Pruning deletes regular entry files directly inside the cache folder and nothing
else: no link, its target, a sub-folder, another file, or a folder the cache is
a link to. The same folder and corpus always lose the same entries.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from helpers.analysis.embed import cache_name, prune_cache
from helpers.analysis.ledger import empty_ledger
from helpers.build.analysis_reuse import EMBED_CACHE, analyze_or_reuse, prune_embeddings
from helpers.build.analyze import embedding_names
from helpers.build.extract import combine, extract_document
from helpers.text.catalog import load_catalog
from helpers.text.corpus import discover

A, B, C = ("a" * 40 + ".f16", "b" * 40 + ".f16", "c" * 40 + ".f16")

CATALOG = """documents:
  talk_ja:
    language: ja
    event: A talk
    event_id: talk-1
    rendering_of: A talk (video)
  talk_en:
    language: en
    event: A talk
    event_id: talk-1
    rendering_of: A talk (video)
  notes:
    language: en
"""
JA = "本日はお集まりいただきありがとうございます。私たちは昨年、35万個のGPUを購入しました。来年は電力が1GW必要です。\n"
EN = "Thank you all for coming today. Last year we bought 350,000 GPUs. Next year we will need 1 GW of power.\n"


def _cache_with_strangers(cache: Path, outside: Path) -> None:
    """An old entry, a file that is no entry, a link named as an entry, a folder named as one."""
    cache.mkdir(parents=True)
    (cache / A).write_bytes(b"\0" * 768)
    (cache / "notes.txt").write_text("not an entry", encoding="utf-8")
    outside.write_bytes(b"\0" * 768)
    (cache / B).symlink_to(outside)
    (cache / C).mkdir()
    (cache / C / "inner.f16").write_bytes(b"x")


def test_prune_cache_deletes_only_unkept_regular_entries_in_sorted_order(tmp_path):
    cache, outside = tmp_path / "embed", tmp_path / "secret.f16"
    _cache_with_strangers(cache, outside)
    kept, dropped = "d" * 40 + ".f16", ["0" * 40 + ".f16", "e" * 40 + ".f16"]
    for name in [kept, *dropped]:
        (cache / name).write_bytes(b"\0" * 768)
    assert prune_cache(cache, {kept}) == sorted([A, *dropped])
    assert sorted(p.name for p in cache.iterdir()) == sorted([B, C, kept, "notes.txt"])
    assert (cache / B).is_symlink() and outside.read_bytes() == b"\0" * 768  # the link and its target stay
    assert (cache / C / "inner.f16").read_bytes() == b"x"
    assert prune_cache(cache, {kept}) == []  # nothing left to do: the same folder gives the same result


def test_a_cache_folder_that_is_a_link_or_missing_is_never_entered(tmp_path):
    real = tmp_path / "elsewhere"
    real.mkdir()
    (real / A).write_bytes(b"\0" * 768)
    (tmp_path / "embed").symlink_to(real, target_is_directory=True)
    assert prune_cache(tmp_path / "embed", set()) == []
    assert (real / A).exists()
    assert prune_cache(tmp_path / "missing", set()) == []


@pytest.fixture()
def corpus(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "catalog.yaml").write_text(CATALOG, encoding="utf-8")
    (seeds / "talk_ja.txt").write_text(JA, encoding="utf-8")
    (seeds / "talk_en.txt").write_text(EN, encoding="utf-8")
    (seeds / "notes.txt").write_text("We sold 12 cars in May.\n", encoding="utf-8")
    return seeds


def _entries(cache: Path) -> set[str]:
    return {p.name for p in cache.iterdir() if p.name.endswith(".f16") and p.is_file() and not p.is_symlink()}


def _analyse(seeds: Path, out: Path) -> dict:
    catalog = load_catalog(seeds / "catalog.yaml")
    tables = combine([extract_document(s, catalog) for s in discover(seeds)])
    analyze_or_reuse(tables, catalog, empty_ledger(), {"test": "embed cache"}, out / "data", out / "_build")
    return {"tables": tables, "catalog": catalog}


def test_the_build_keeps_exactly_its_renderings_entries_and_drops_an_edited_ones(corpus, tmp_path):
    out = tmp_path / "out"
    cache = out / "_build" / EMBED_CACHE
    _cache_with_strangers(cache, tmp_path / "secret.f16")
    first = _analyse(corpus, out)
    names = embedding_names(first["tables"], first["catalog"])
    assert len(names) == 2  # the two renderings; the notes have no other rendering and are not embedded
    assert _entries(cache) == names
    assert (cache / B).is_symlink() and (cache / C).is_dir() and (cache / "notes.txt").exists()
    ja_rows = first["tables"]["sentences"]
    ja_texts = ja_rows.loc[ja_rows["doc_id"] == "talk_ja"].sort_values(["start", "sentence_id"])["text"]
    ja_entry = cache / cache_name(list(ja_texts.astype(str)))
    assert ja_entry in {cache / n for n in names}
    stamp = os.stat(ja_entry).st_mtime_ns

    # The English rendering is edited: its old entry goes, the Japanese one is read again, untouched.
    (corpus / "talk_en.txt").write_text(EN.replace("350,000", "360,000"), encoding="utf-8")
    second = _analyse(corpus, out)
    after = embedding_names(second["tables"], second["catalog"])
    assert ja_entry.name in after and len(after - names) == 1
    assert _entries(cache) == after
    assert os.stat(ja_entry).st_mtime_ns == stamp

    # Reused analysis (nothing changed) prunes to the same set; a rendering dropped from the corpus loses its entry.
    assert prune_embeddings(second["tables"], second["catalog"], out / "_build") == []
    (corpus / "talk_en.txt").unlink()
    third = _analyse(corpus, out)
    assert embedding_names(third["tables"], third["catalog"]) == set()
    assert _entries(cache) == set()
    assert (tmp_path / "secret.f16").exists() and (cache / "notes.txt").exists()
