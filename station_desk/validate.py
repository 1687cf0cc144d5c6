"""One rule per kind of text a person types, used by every service that stores it (and so by every dialog, the
command line and the imports): the same phone number is valid everywhere or nowhere."""

from __future__ import annotations

import re

#: a Chinese mobile or landline number as a clerk types it: digits, an optional area-code dash, 7–16 characters
PHONE = re.compile(r"^[0-9][0-9\-]{6,15}$")
