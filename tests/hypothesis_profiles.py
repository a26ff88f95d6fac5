"""Hypothesis profiles, chosen by the environment and loaded on import (by conftest.py).

Under CI (CI=true) the search is derandomized: the same examples on every run,
so CI cannot fail by chance; a failure prints the blob that reproduces it.
During development the search is random, so each run tries new examples.
HYPOTHESIS_PROFILE (ci or dev) overrides.
"""

from __future__ import annotations

import os

from hypothesis import settings

settings.register_profile("ci", derandomize=True, database=None, print_blob=True, deadline=None)
settings.register_profile("dev", deadline=None)
HYPOTHESIS_PROFILE = os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") == "true" else "dev")
settings.load_profile(HYPOTHESIS_PROFILE)
