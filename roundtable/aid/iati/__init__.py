"""Reading IATI activity files: `reader` streams and parses, `rules` checks the standard's rules beyond the
schema, `problems` names what is wrong (as codes, written in the reader's language when shown)."""
