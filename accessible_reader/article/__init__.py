"""Loading, decoding and extracting articles; the Article model. No Qt here."""
