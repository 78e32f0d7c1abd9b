"""`python -m accessible_reader` is the same as the `accessible-reader` command."""

import sys

from accessible_reader.cli import main

sys.exit(main())
