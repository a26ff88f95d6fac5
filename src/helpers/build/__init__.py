"""Stage 5, build: the pipeline definition, extraction and analysis stages, notebook execution, lockfile and changes."""

from .builder import BuildOptions, BuildResult, build, main_build

__all__ = ["BuildOptions", "BuildResult", "build", "main_build"]
