"""Speakers carried over between renderings reach the data files, rebuild identically, and follow a change.

Real builds of two renderings of one talk (an English transcript with speaker
labels, its Japanese translation without), with only the document notebook.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from helpers.build import BuildOptions, build

ROOT = Path(__file__).resolve().parents[1]
slow = pytest.mark.slow
DOCUMENT = "02_document"

EN = [
    ("Anna Berg", "Welcome everyone, today we talk about the new data centre."),
    ("Tom Weiss", "Thank you for having me here today."),
    ("Anna Berg", "How many servers does the new building hold?"),
    ("Tom Weiss", "It holds about 40,000 servers across four floors."),
    ("Anna Berg", "And how much power does it draw?"),
    ("Tom Weiss", "It draws 120 megawatts at full load, which is a lot."),
]
JA = [
    "皆さん、ようこそ。今日は新しいデータセンターについてお話しします。",
    "お招きいただきありがとうございます。",
    "新しい建物にはサーバーが何台ありますか?",
    "4つのフロアに約4万台のサーバーがあります。",
    "電力はどのくらい使いますか?",
    "フル稼働時には120メガワットを消費します。かなりの量です。",
]
CATALOG = """documents:
  en_talk:
    language: en
    genre: transcript
    event: Data centre talk
    event_id: dc-talk
    event_date: 2024-05-01
    speakers: [Anna Berg, Tom Weiss]
    rendering_of: Data centre talk (video)
  ja_talk:
    language: ja
    genre: transcript translation
    event: Data centre talk
    event_id: dc-talk
    event_date: 2024-05-01
    speakers: [Anna Berg, Tom Weiss]
    rendering_of: Data centre talk (video)
"""


def _corpus(root: Path, en: list[tuple[str, str]]) -> tuple[Path, Path]:
    seeds, notebooks = root / "seeds", root / "notebooks"
    for folder in (seeds, notebooks):
        folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "notebooks" / f"{DOCUMENT}.ipynb", notebooks)
    (seeds / "catalog.yaml").write_text(CATALOG, encoding="utf-8")
    (seeds / "en_talk.txt").write_text("".join(f"{who}: {text}\n\n" for who, text in en), encoding="utf-8")
    (seeds / "ja_talk.txt").write_text("".join(f"{t}\n\n" for t in JA), encoding="utf-8")
    return seeds, notebooks


def _build(seeds: Path, notebooks: Path, out: Path):
    result = build(BuildOptions(seeds=seeds, out=out, notebooks=notebooks, jobs=1))
    assert result.exit_code == 0, (result.problems, [r.error for r in result.runs if r.error])
    return result


@slow
def test_carried_speakers_reach_the_data_files_identically_and_follow_a_change(tmp_path):
    seeds, notebooks = _corpus(tmp_path / "one", EN)
    out = tmp_path / "one" / "out"
    _build(seeds, notebooks, out)
    claims = pd.read_csv(out / "data" / "claims.csv")
    ja = claims[claims["doc_id"] == "ja_talk"]
    assert len(ja) >= 2 and set(ja["attribution"]) == {"aligned"}
    said = dict(zip(ja["surface"], ja["speaker"], strict=True))
    assert said["約4万台"] == said["120メガワット"] == "Tom Weiss"  # the guest's figures, as the English labels say
    assert claims.loc[claims["doc_id"] == "en_talk", "attribution"].eq("labelled").all()
    sentences = pd.read_csv(out / "data" / "sentences.csv")
    assert (sentences.loc[sentences["doc_id"] == "ja_talk", "attribution"] == "aligned").sum() >= 4
    # the document's own rows, which its report reads, hold them too
    own = pd.read_csv(out / "_build" / "rows" / "ja_talk" / "claims.csv")
    assert set(own["attribution"]) == {"aligned"}

    # Another build of the same input writes the same bytes.
    seeds2, notebooks2 = _corpus(tmp_path / "two", EN)
    out2 = tmp_path / "two" / "out"
    _build(seeds2, notebooks2, out2)
    for name in ("sentences", "claims", "alignment", "findings"):
        assert (out / "data" / f"{name}.csv").read_bytes() == (out2 / "data" / f"{name}.csv").read_bytes(), name

    # The English labels change: the translation's claims and report follow, from its unchanged extraction.
    renamed = [("Tom Weber" if who == "Tom Weiss" else who, text) for who, text in EN]
    (seeds / "en_talk.txt").write_text("".join(f"{who}: {text}\n\n" for who, text in renamed), encoding="utf-8")
    again = _build(seeds, notebooks, out)
    claims = pd.read_csv(out / "data" / "claims.csv")
    ja = claims[claims["doc_id"] == "ja_talk"]
    assert dict(zip(ja["surface"], ja["speaker"], strict=True))["約4万台"] == "Tom Weber"
    executed = {r.key for r in again.runs} - set(again.skipped)
    assert f"{DOCUMENT}--ja_talk" in executed
