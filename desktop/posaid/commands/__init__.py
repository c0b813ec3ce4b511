"""Headless commands. Each module defines ``NAME``, ``HELP``, ``add_arguments(parser)`` and
``run(args, ctx) -> int``; :mod:`posaid.cli` lists them in ``COMMANDS``."""
