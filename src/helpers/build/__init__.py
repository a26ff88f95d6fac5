"""Stage 5, build: the pipeline definition, extraction and analysis stages, notebook execution, lockfile and changes.

The build itself (``builder``) imports pandas and the whole pipeline; it is
loaded on first use, so that a build with nothing to do (``main_build`` on an
unchanged folder) answers from file stats without those imports.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .options import BuildOptions

if TYPE_CHECKING:
    from .builder import BuildResult, build

__all__ = ["BuildOptions", "BuildResult", "build", "main_build"]


def main_build(opts: BuildOptions) -> int:
    """``python -m helpers build``: the exit status of the build (see ``builder``)."""
    from .unchanged import nothing_to_do

    if nothing_to_do(opts):
        return 0
    from .builder import main_build as full_build

    return full_build(opts)


def __getattr__(name: str) -> object:
    if name in ("BuildResult", "build"):
        from . import builder

        return getattr(builder, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
