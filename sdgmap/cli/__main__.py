"""``python -m sdgmap.cli``: same as ``sdgmap``."""

from . import main

main()
