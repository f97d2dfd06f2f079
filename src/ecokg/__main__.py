"""``python -m ecokg`` is the ``ecokg`` command."""

from ecokg.cli import main

main()
