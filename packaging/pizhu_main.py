"""Entry script of the PyInstaller bundle: the same front door as the ``pizhu`` command."""

from __future__ import annotations

import sys

from reader.cli import main

if __name__ == "__main__":
    sys.exit(main())
