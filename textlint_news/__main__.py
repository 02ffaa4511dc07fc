"""`python -m textlint_news` and the `textlint-news` command: the CLI (with a clear line when run
outside its install)."""
import gc
import sys


def run() -> None:
    """Run the CLI, its modules imported with the collector off (~25 young collections, 4-6 ms
    of a cold start): what they made is frozen, and the collector back on, before a command
    runs (the `lint` command turns it off again for one small file)."""
    paused = gc.isenabled()
    gc.disable()
    try:
        from .re_code import keep_every_pattern

        keep_every_pattern()  # the standard library's patterns too, next time from the model cache
        from .cli import main
    except ModuleNotFoundError as exc:  # e.g. a bare interpreter in a source checkout
        print(f"textlint-news: error: missing dependency '{exc.name}': install the package first "
              "(pip install .), see README 'Set up'", file=sys.stderr)
        sys.exit(2)
    finally:
        if paused:
            gc.freeze()
            gc.enable()
    main()


if __name__ == "__main__":
    run()
