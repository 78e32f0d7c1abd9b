"""Subcommands of `accessible-reader`, one module each.

Every module here exposes `add_parser(subparsers)`, which registers its subcommand
and sets `run` as the handler (`parser.set_defaults(run=run)`), and
`run(args) -> int`. The CLI discovers them, so adding a subcommand touches only
its own module.
"""
