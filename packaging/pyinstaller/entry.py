"""The frozen program's entry point: the same as the `accessible-reader` command."""

import sys

from accessible_reader.cli import main

if __name__ == "__main__":
    sys.exit(main())
