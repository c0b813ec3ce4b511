"""Entry script of the frozen build: the same ``main`` as the ``posaid`` console script."""

import multiprocessing
import sys

from posaid.cli import main

if __name__ == "__main__":
    multiprocessing.freeze_support()
    sys.exit(main())
