#!/usr/bin/env python
"""Django's manage.py, kept for habit; ``tilstede`` is the same command."""

import sys

from tilstede.cli.main import main

if __name__ == "__main__":
    sys.exit(main())
