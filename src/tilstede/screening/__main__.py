"""``python -m tilstede.screening``: the same as ``tilstede screen``."""

from __future__ import annotations

import sys

from .cli import main

sys.exit(main())
