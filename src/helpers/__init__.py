"""Research helpers for the Meta/Llama/AI-infrastructure corpus.

Public API is kept small; see docs/design.md for the module map.
"""

__version__ = "0.1.0"
