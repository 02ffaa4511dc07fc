"""`python -m textlint_news` runs the CLI (with a clear line when run outside its install)."""
import sys

try:
    from .cli import main

    main()
except ModuleNotFoundError as exc:  # e.g. a bare interpreter in a source checkout
    print(f"textlint-news: error: missing dependency '{exc.name}': install the package first "
          "(pip install .), see README 'Set up'", file=sys.stderr)
    sys.exit(2)
