"""``python -m termguard``: the same command line as the ``termguard`` console script."""

from termguard.cli import main

if __name__ == "__main__":
    main()
