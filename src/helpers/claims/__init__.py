"""Stage 2, claims: every quantity of the text with its value, unit, qualifier, topic and exact span."""
