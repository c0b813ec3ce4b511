import sys

from posaid.cli import main

sys.exit(main())
