"""Write a synthetic corpus of N documents recombined from the seed paragraphs.

Each synthetic document takes the language of one seed (seeds are used in
turn, so the corpus keeps the seeds' language mix exactly) and is made of
paragraphs drawn from the seeds of that language until it reaches a length
drawn between --min-chars and --max-chars. The same arguments always give
the same bytes.

    .venv/bin/python bench/make_synthetic.py OUT_DIR [--docs 1000] [--seed 0]
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from collections.abc import Iterator
from pathlib import Path

from helpers.text.catalog import load_catalog
from helpers.text.corpus import CATALOG_NAME, discover
from helpers.text.decode import read_document

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
# Seeds such as line-per-sentence notes have no blank lines: cut their runs of
# lines into pieces so that recombination still mixes them.
MAX_LINES_PER_PARAGRAPH = 6
_JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


def _language(text: str, declared: str | None) -> str:
    if declared:
        return declared
    # Uncatalogued seed: script decides Japanese; the rest only needs to be kept apart from it.
    return "ja" if _JAPANESE.search(text) else "latin"


def paragraphs(text: str) -> list[str]:
    """Blank-line separated paragraphs, long ones cut into pieces of a few lines."""
    out: list[str] = []
    for block in re.split(r"\n\s*\n", text.replace("\r\n", "\n").replace("\r", "\n")):
        lines = [ln for ln in block.split("\n") if ln.strip()]
        for i in range(0, len(lines), MAX_LINES_PER_PARAGRAPH):
            out.append("\n".join(lines[i : i + MAX_LINES_PER_PARAGRAPH]))
    return out


def seed_pool(seeds_dir: Path) -> tuple[list[str], dict[str, list[str]]]:
    """The language of every seed, in seed order, and the paragraphs available per language."""
    catalog = load_catalog(seeds_dir / CATALOG_NAME)
    langs: list[str] = []
    pool: dict[str, list[str]] = {}
    for source in discover(seeds_dir):
        text = read_document(source.path).text
        lang = _language(text, catalog.entry(source.doc_id).language)
        langs.append(lang)
        pool.setdefault(lang, []).extend(paragraphs(text))
    if not langs:
        raise SystemExit(f"no seed documents in {seeds_dir}")
    return langs, pool


def synthetic_documents(
    seeds_dir: Path, n: int, seed: int = 0, min_chars: int = 2_000, max_chars: int = 16_000
) -> Iterator[tuple[str, str, str]]:
    """(file name, language, text) of each synthetic document, deterministically."""
    if n < 0 or min_chars < 1 or max_chars < min_chars:
        raise ValueError("need n >= 0 and 1 <= min_chars <= max_chars")
    langs, pool = seed_pool(seeds_dir)
    rng = random.Random(seed)
    width = max(4, len(str(n - 1)))
    for i in range(n):
        lang = langs[i % len(langs)]
        target = rng.randint(min_chars, max_chars)
        parts: list[str] = []
        size = -2  # length of "\n\n".join(parts): no separator before the first paragraph
        while size + 1 < target:  # + 1: the final newline
            p = rng.choice(pool[lang])
            parts.append(p)
            size += len(p) + 2
        yield f"syn_{i:0{width}d}.txt", lang, "\n\n".join(parts) + "\n"


def write_corpus(out_dir: Path, n: int, seed: int = 0, min_chars: int = 2_000, max_chars: int = 16_000,
                 seeds_dir: Path = SEEDS) -> list[Path]:  # fmt: skip
    """Write the synthetic corpus into ``out_dir`` (created if needed) and return the files."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, _, text in synthetic_documents(seeds_dir, n, seed, min_chars, max_chars):
        path = out_dir / name
        path.write_text(text, encoding="utf-8", newline="\n")
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path, help="folder to write the documents into")
    ap.add_argument("--docs", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--min-chars", type=int, default=2_000)
    ap.add_argument("--max-chars", type=int, default=16_000)
    ap.add_argument("--seeds", type=Path, default=SEEDS)
    args = ap.parse_args(argv)
    files = write_corpus(args.out, args.docs, args.seed, args.min_chars, args.max_chars, args.seeds)
    chars = sum(len(p.read_text(encoding="utf-8")) for p in files)
    print(f"wrote {len(files)} documents, {chars:,} chars, into {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
