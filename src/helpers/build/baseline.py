"""The change list (``data/changes.csv``): this build's claims and findings against the last finished build's.

While a build runs, the previous build's tables are kept (hard-linked, so
free) in ``_build/baseline/``; a build that is interrupted after writing new
tables leaves them there, and the next build compares with them rather than
with the unfinished build's tables, so no change is lost.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pandas as pd

from .changes import claim_changes, finding_changes
from .confine import remove_tree
from .options import warn
from .pipeline import table_spec

BASELINE_TABLES = ("claims", "findings")


def keep_baseline(data_dir: Path, baseline: Path) -> Path:
    """The folder holding the tables of the last build that finished, for ``changes.csv``."""
    if baseline.is_dir() and not baseline.is_symlink():
        return baseline  # left by an interrupted build (it appears whole: renamed into place)
    out = baseline.parents[1]
    remove_tree(out, baseline, source="_build/", warn=warn)  # a link put there: removed, never followed
    staging = baseline.with_name(baseline.name + ".new")
    remove_tree(out, staging, source="_build/", warn=warn)
    staging.mkdir(parents=True)
    for t in BASELINE_TABLES:
        src = data_dir / f"{t}.csv"
        if src.is_file() and not src.is_symlink():  # the build's own table, never what a link points to
            try:
                os.link(src, staging / src.name)
            except OSError:  # a file system without hard links
                shutil.copyfile(src, staging / src.name)
    os.replace(staging, baseline)
    return baseline


def drop_baseline(baseline: Path) -> None:
    remove_tree(baseline.parents[1], baseline, source="_build/", warn=warn)


def read_previous(data_dir: Path, name: str) -> pd.DataFrame | None:
    path = data_dir / f"{name}.csv"
    try:
        return table_spec(name).read_csv(path) if path.exists() else None
    except Exception:  # an unreadable previous table only means no change list
        return None


def change_list(
    old_claims: pd.DataFrame | None,
    new_claims: pd.DataFrame,
    old_findings: pd.DataFrame | None,
    new_findings: pd.DataFrame,
) -> pd.DataFrame:
    return pd.concat(
        [claim_changes(old_claims, new_claims), finding_changes(old_findings, new_findings)], ignore_index=True
    )
