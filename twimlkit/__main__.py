"""``python -m twimlkit`` runs the ``twimlkit`` command."""

import sys

from .cli import main

sys.exit(main())
