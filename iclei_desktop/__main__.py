"""Run the command line with ``python -m iclei_desktop``."""

import sys

from iclei_desktop.cli import main

sys.exit(main())
