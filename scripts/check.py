#!/usr/bin/env python3
"""Validate products/ and stories/ without building the site (`make check`)."""

import sys

from asppuk.check import main

sys.exit(main(sys.argv[1:]))
