"""``python -m layzner``: the same as ``layzner-export``."""

import sys

from .cli import main

sys.exit(main())
