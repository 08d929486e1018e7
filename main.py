"""ChannelKeeper (渠道管家). `python main.py` starts the app; `python main.py --help` lists commands."""
from __future__ import annotations

import sys

from desktop.cli import main as cli_main


def main() -> int:
    return cli_main(sys.argv[1:])


if __name__ == "__main__":
    sys.exit(main())
