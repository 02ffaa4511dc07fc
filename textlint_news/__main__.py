"""`python -m textlint_news` runs the CLI."""
from .cli import main

main()
