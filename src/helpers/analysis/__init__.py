"""Stage 3, analysis: claims compared across sources and against the ledger, renderings aligned,
documents summarized."""
