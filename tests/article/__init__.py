"""Tests of loading, decoding and extracting articles (issue 3)."""
