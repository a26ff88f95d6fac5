"""Stage 1, text: documents in, addressable text out (decode, formats, parse, segment, language, speakers)."""
