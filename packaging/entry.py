"""What the frozen executable runs: the same command line as ``iclei-desktop``."""

import sys

from iclei_desktop.cli import main

sys.exit(main())
