"""Command line: ``python -m helpers {build,publish,watch,claims,quantities,summarize,parse}``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .build.terminal import for_terminal
from .exceptions import HelpersError


def _build(args: argparse.Namespace) -> int:
    from .build import main_build

    return main_build(_build_options(args))


def _build_options(args: argparse.Namespace):
    """The build's options from the arguments ``_build_arguments`` added (the same for build, publish and watch)."""
    from .build import BuildOptions

    opts = BuildOptions(
        jobs=args.jobs, force=getattr(args, "force", False), timeout=args.timeout, scheduler=args.scheduler
    )
    if args.seeds:
        opts.seeds = Path(args.seeds)
    if args.build_dir:
        opts.out = Path(args.build_dir)
    if args.notebooks:
        opts.notebooks = Path(args.notebooks)
    if args.ledger is not None:
        opts.ledger = Path(args.ledger) if args.ledger else None
    if args.catalog:
        opts.catalog = Path(args.catalog)
    if args.questions:
        opts.questions = Path(args.questions)
    return opts


def _build_arguments(p: argparse.ArgumentParser, *out_flags: str) -> None:
    """What a build needs, for every command that builds; ``out_flags`` name the build folder's option."""
    p.add_argument("--seeds", help="folder of documents (default: seeds/)")
    p.add_argument(
        *out_flags, dest="build_dir", help="the build's output folder for reports and data (default: reports/)"
    )
    p.add_argument("--notebooks", help="folder of notebooks (default: notebooks/)")
    p.add_argument("--catalog", help="catalog YAML (default: <seeds>/catalog.yaml)")
    p.add_argument("--ledger", help="reference ledger CSV (default: references/reference_facts.csv; '' for none)")
    p.add_argument(
        "--questions",
        help="question file YAML (default: <seeds>/questions.yaml; without one, questions are made from the corpus)",
    )
    p.add_argument("--jobs", type=int, default=0, help="notebooks run at once (default: number of cores)")
    p.add_argument("--timeout", type=int, default=600, help="seconds a notebook cell may run")
    p.add_argument(
        "--scheduler",
        help="where extraction and notebooks run: 'local' (default, a process pool), "
        "'local-cluster' (a Dask LocalCluster) or tcp://HOST:PORT (an existing Dask scheduler)",
    )


def _publish(args: argparse.Namespace) -> int:
    from .build import build
    from .build.publish import publish

    opts = _build_options(args)
    status = 0 if args.no_build else build(opts).exit_code
    done = publish(opts.out, Path(args.out))
    for warning in done.skipped:
        print(for_terminal(f"warning: {warning}"), file=sys.stderr)
    print(
        for_terminal(
            f"published {opts.out} to {done.out}: {len(done.written)} file(s) written, {done.unchanged} unchanged, "
            f"{len(done.removed)} removed; open {done.out / 'index.html'}"
        )
    )
    return status


def _watch(args: argparse.Namespace) -> int:
    from .build.watch import main_watch

    return main_watch(_build_options(args), Path(args.publish) if args.publish else None)


def _claims(args: argparse.Namespace) -> int:
    from .claims.extract import main_claims

    sys.stdout.write(main_claims(args.paths, fmt=args.format))
    return 0


def _quantities(args: argparse.Namespace) -> int:
    from .claims.extract import main_quantities

    for line in main_quantities(args.file, lang=args.lang):
        sys.stdout.write(line + "\n")
    return 0


def _summarize(args: argparse.Namespace) -> int:
    from .analysis.summarize import summarize_path

    for sentence in summarize_path(args.path, n=args.sentences, genre=args.genre):
        print(sentence)
    return 0


def _parse(args: argparse.Namespace) -> int:
    from .tables import to_csv_bytes
    from .text.frames import frames
    from .text.parse import parse_file

    doc = parse_file(args.path)
    sys.stdout.write(to_csv_bytes(frames(doc)[args.table]).decode("utf-8"))
    return 0


def _datadict(args: argparse.Namespace) -> int:
    from .build.datadict import markdown

    sys.stdout.write(markdown())
    return 0


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m helpers", description=__doc__)
    sub = p.add_subparsers(dest="command", required=True)

    b = sub.add_parser("build", help="run the notebook pipeline and write the HTML reports")
    _build_arguments(b, "--out")
    b.add_argument("--force", action="store_true", help="re-run every notebook, even if its inputs are unchanged")
    b.set_defaults(func=_build)

    pub = sub.add_parser("publish", help="build (incrementally) and copy the reports into a folder for any static host")
    pub.add_argument("--out", required=True, help="folder to publish to (new, empty, or published to before)")
    _build_arguments(pub, "--build-dir")
    pub.add_argument("--no-build", action="store_true", help="publish the build folder as it is")
    pub.set_defaults(func=_publish)

    w = sub.add_parser("watch", help="rebuild the reports whenever a file in the seeds folder changes")
    _build_arguments(w, "--build-dir", "--out")
    w.add_argument("--publish", metavar="DIR", help="also publish to DIR after every rebuild")
    w.set_defaults(func=_watch)

    c = sub.add_parser("claims", help="print the quantitative claims of text files")
    c.add_argument("paths", nargs="+", metavar="PATH")
    c.add_argument("--format", choices=("csv", "jsonl"), default="csv")
    c.set_defaults(func=_claims)

    q = sub.add_parser("quantities", help="print the quantities of every line of a file (or stdin) as JSON lines")
    q.add_argument("file", nargs="?", metavar="FILE", help="text file, one sentence per line (default: stdin)")
    q.add_argument(
        "--lang",
        choices=("auto", "ja", "de", "en"),
        default="auto",
        help="language of the lines (default: auto, per line)",
    )
    q.set_defaults(func=_quantities)

    s = sub.add_parser("summarize", help="print an extractive summary of a text file, one sentence per line")
    s.add_argument("path", metavar="PATH")
    s.add_argument("--sentences", type=int, default=5, metavar="N")
    s.add_argument(
        "--genre",
        default=None,
        metavar="GENRE",
        help="the document's genre as a catalog names it (article, notes, interview, podcast, earnings call, talk)",
    )
    s.set_defaults(func=_summarize)

    t = sub.add_parser("parse", help="print a parsed document's sentences or blocks as CSV")
    t.add_argument("path", metavar="PATH")
    t.add_argument("--table", choices=("sentences", "blocks"), default="sentences")
    t.set_defaults(func=_parse)

    d = sub.add_parser("datadict", help="print the data dictionary (reports/README.md) as Markdown")
    d.set_defaults(func=_datadict)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.func(args)
    except HelpersError as e:
        print(for_terminal(f"error: {e}", lines=True), file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0
