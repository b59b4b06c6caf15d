"""The command line's subcommands, grouped by area; ``main.build_parser`` registers them all.

Each module has ``register(commands)``, adding its subparsers with a ``handler`` default.
No domain logic lives here: handlers parse, call storage/ or reports/, and print.
"""
