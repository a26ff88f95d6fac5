"""Stage 4, reports: every piece of HTML (fragments, formatting, links, language attributes), the index
and the export."""
