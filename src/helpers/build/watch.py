"""``python -m helpers watch``: rebuild the reports whenever a document, the catalog or the ledger changes.

Every rebuild is the ordinary incremental build, so only the notebooks whose
inputs changed run again; what ran is printed after each change.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterable
from pathlib import Path

from .builder import BuildOptions, BuildResult, build

Rebuild = Callable[[set[Path]], BuildResult]


def rebuilt(result: BuildResult) -> str:
    """One line: which reports ran again (or that none had to)."""
    ran = [r.key for r in result.runs if r.key not in set(result.skipped)]
    failed = [r.key for r in result.runs if r.status != "ok"]
    text = f"rebuilt {len(ran)} report(s): {', '.join(ran)}" if ran else "nothing to rebuild: every report is up to date"
    return text + (f"; failed: {', '.join(failed)}" if failed else "")


Snapshot = dict[Path, tuple[int, int]]


def snapshot(paths: Iterable[Path]) -> Snapshot:
    """Size and modification time of every file under ``paths``: what a change between two moments would alter."""
    files: Snapshot = {}
    for root in (Path(p) for p in paths):
        candidates = [root] if root.is_file() else (p for p in root.rglob("*") if p.is_file())
        for path in candidates:
            try:
                st = os.stat(path)
            except OSError:  # removed while we looked: absent from this snapshot
                continue
            files[path] = (st.st_size, st.st_mtime_ns)
    return files


def differences(before: Snapshot, after: Snapshot) -> set[Path]:
    """Files added, removed or modified between two snapshots."""
    return {p for p in before.keys() | after.keys() if before.get(p) != after.get(p)}


def watch(
    paths: Iterable[Path],
    rebuild: Rebuild,
    *,
    since: Snapshot | None = None,
    stop: threading.Event | None = None,
    debounce_ms: int = 800,
    echo: Callable[[str], None] = print,
) -> None:
    """Call ``rebuild`` with the changed files after every batch of changes under ``paths`` until ``stop`` is set.

    Editors save in several steps (temporary file, rename); watchfiles groups
    them into one batch, so one save is one rebuild. File events only arrive
    once the watcher is live, so a change made before then (during the first
    build, or while the watcher starts) is found by comparing ``since`` with
    the files as they are when watching begins; "watching" is printed only then.
    """
    from watchfiles import watch as watch_files

    roots = [Path(p) for p in paths if Path(p).exists()]
    live = False
    for changes in watch_files(*roots, stop_event=stop, debounce=debounce_ms, rust_timeout=500, yield_on_timeout=True):
        changed = {Path(p) for _, p in changes}
        if not live:
            live = True
            echo(f"watching {', '.join(str(p) for p in roots)} (Ctrl-C to stop)")
            if since is not None:
                changed |= differences(since, snapshot(roots))
        if changed:
            echo("changed: " + ", ".join(sorted(p.name for p in changed)))
            rebuild(changed)


def main_watch(opts: BuildOptions, publish_to: Path | None = None) -> int:
    """Build once, then again on every change, printing what was rebuilt (and publishing if asked)."""
    from .publish import publish

    def rebuild(_: set[Path]) -> BuildResult:
        result = build(opts)
        print(rebuilt(result), flush=True)
        if publish_to is not None:
            done = publish(opts.out, publish_to)
            print(f"published to {done.out}: {len(done.written)} file(s) updated, {len(done.removed)} removed", flush=True)
        return result

    watched = [opts.seeds, opts.notebooks]  # an edited notebook re-runs too: its hash is part of every run's key
    if opts.ledger is not None:
        watched.append(Path(opts.ledger))
    if opts.catalog is not None:
        watched.append(Path(opts.catalog))
    before = snapshot(watched)
    rebuild(set())
    try:
        watch(watched, rebuild, since=before)
    except KeyboardInterrupt:
        print("stopped watching", flush=True)
    return 0
