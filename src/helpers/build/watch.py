"""``python -m helpers watch``: rebuild the reports whenever a document, the catalog or the ledger changes.

Every rebuild is the ordinary incremental build, so only the notebooks whose
inputs changed run again; what ran is printed after each change.
"""

from __future__ import annotations

import os
import stat
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from ..exceptions import HelpersError
from .builder import BuildOptions, BuildResult, build
from .terminal import PLAIN_ENV, for_terminal

Rebuild = Callable[[set[Path]], BuildResult | None]


def rebuilt(result: BuildResult) -> str:
    """One line: which reports ran again (or that none had to)."""
    ran = [r.key for r in result.runs if r.key not in set(result.skipped)]
    failed = [r.key for r in result.runs if r.status != "ok"]
    text = (
        f"rebuilt {len(ran)} report(s): {', '.join(ran)}" if ran else "nothing to rebuild: every report is up to date"
    )
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


FolderId = tuple[int, int] | None  # (device, inode) of a folder; None when there is no folder at the path


def folder_id(path: Path) -> FolderId:
    """Which folder is at ``path`` now: its device and inode, or None when there is none (removed, or a file)."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_dev, st.st_ino) if stat.S_ISDIR(st.st_mode) else None


def folder_news(path: Path, before: FolderId, now: FolderId) -> str | None:
    """What happened to a watched folder between two looks, in words; None when it is the same folder.

    File events follow the folder they were registered on, not its name: a
    folder moved away and replaced by a new one (``mv seeds old; mkdir seeds``)
    would otherwise be watched in its new place, and every later change missed.
    """
    if before == now:
        return None
    shown = for_terminal(path)
    if now is None:
        return f"{shown} was removed; watching for it to come back"
    if before is None:
        return f"{shown} is back; watching it again"
    return f"{shown} was replaced by another folder; watching the new one"


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
    A watched folder that is replaced or removed is said so (``folder_news``),
    and the watcher starts again on what is at its path now, with a rebuild.
    """
    paths = [Path(p) for p in paths]
    folders = {p: folder_id(p) for p in paths if p.is_dir()}
    live = False
    while True:
        roots = [p for p in paths if p.exists()]
        moved = False
        for changes in _batches(roots, stop, debounce_ms):
            changed = {Path(p) for _, p in changes}
            if not live:
                live = True
                echo(for_terminal(f"watching {', '.join(str(p) for p in roots)} (Ctrl-C to stop)"))
                if since is not None:
                    changed |= differences(since, snapshot(roots))
            for folder, before in folders.items():
                now = folder_id(folder)
                news = folder_news(folder, before, now)
                if news:
                    echo(news)
                    folders[folder], moved = now, True
                    if now is not None:  # a folder that is gone has nothing to build from until it is back
                        changed.add(folder)
            if changed:
                echo(for_terminal("changed: " + ", ".join(sorted(p.name for p in changed))))
                rebuild(changed)
            if moved:
                break  # the watcher follows the old folders: start again on the paths
        if not moved:
            return


def _batches(roots: list[Path], stop: threading.Event | None, debounce_ms: int) -> Iterator[set]:
    """watchfiles' batches of changes under ``roots``, and an empty one at least every half second."""
    if roots:
        from watchfiles import watch as watch_files

        yield from watch_files(*roots, stop_event=stop, debounce=debounce_ms, rust_timeout=500, yield_on_timeout=True)
        return
    while True:  # nothing to watch until a folder comes back
        if stop is None:
            time.sleep(0.5)
        elif stop.wait(0.5):
            return
        yield set()


def main_watch(opts: BuildOptions, publish_to: Path | None = None) -> int:
    """Build once, then again on every change, printing what was rebuilt (and publishing if asked).

    Plain lines, never progress bars: what each rebuild ran is the log a reader scrolls back through.
    """
    from .publish import publish

    os.environ[PLAIN_ENV] = "1"

    def build_and_publish(_: set[Path]) -> BuildResult:
        result = build(opts)
        print(for_terminal(rebuilt(result)), flush=True)
        if publish_to is not None:
            done = publish(opts.out, publish_to)
            for warning in done.skipped:
                print(for_terminal(f"warning: {warning}"), flush=True)
            print(
                for_terminal(
                    f"published to {done.out}: {len(done.written)} file(s) updated, {len(done.removed)} removed"
                ),
                flush=True,
            )
        return result

    def rebuild(changed: set[Path]) -> BuildResult | None:
        try:
            return build_and_publish(changed)
        except HelpersError as e:  # a folder gone for a moment, a bad setting: said, and the next change builds again
            print(for_terminal(f"error: {e}", lines=True), flush=True)
            return None

    watched = [opts.seeds, opts.notebooks]  # an edited notebook re-runs too: its hash is part of every run's key
    if opts.ledger is not None:
        watched.append(Path(opts.ledger))
    if opts.catalog is not None:
        watched.append(Path(opts.catalog))
    if opts.questions is not None:
        watched.append(Path(opts.questions))
    before = snapshot(watched)
    build_and_publish(set())  # an error here (no seeds folder, say) ends the command, as for build
    try:
        watch(watched, rebuild, since=before)
    except KeyboardInterrupt:
        print("stopped watching", flush=True)
    return 0
