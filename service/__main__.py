"""``python -m service``: the crosscheck command line."""

import sys

from service.cli import main

sys.exit(main())
