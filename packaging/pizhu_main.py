"""Entry script of the PyInstaller bundle: the same front door as the ``pizhu`` command."""

from __future__ import annotations

import multiprocessing
import sys

from reader.cli import main

if __name__ == "__main__":
    # `pizhu import` prepares files in worker processes; in a frozen bundle those start
    # by re-running this executable, which must then act as the worker, not the CLI.
    multiprocessing.freeze_support()
    sys.exit(main())
