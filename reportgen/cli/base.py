"""The click classes every reportgen command is made of: Vietnamese usage lines, examples, global options.

`Command` and `Group` are click's own, extended at their public seams: the usage line
says `[TÙY CHỌN]` and `LỆNH`, each command takes the global options after its name
(see `options`), and `examples` become a `Ví dụ` section of --help (the test suite runs
every one of them on the bundled project, so they keep working).
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from typing import Any

import click

from .options import global_options

OPTIONS_METAVAR = "[TÙY CHỌN]"
SUBCOMMAND_METAVAR = "LỆNH [THAM_SỐ]..."
MAX_COMMAND_SUGGESTIONS = 3

Example = tuple[str, str]   # (command line, what it does)


class Command(click.Command):
    """A reportgen command: global options accepted after its name, examples in its help."""

    def __init__(self, *args: Any, examples: Sequence[Example] = (), **kwargs: Any):
        kwargs.setdefault("options_metavar", OPTIONS_METAVAR)
        kwargs.setdefault("context_settings", {"help_option_names": ["-h", "--help"]})
        super().__init__(*args, **kwargs)
        self.examples: list[Example] = list(examples)
        self.params.extend(global_options(on_command=True))

    def format_epilog(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        format_examples(self.examples, formatter)
        super().format_epilog(ctx, formatter)
        format_exit_codes(formatter)


def format_examples(examples: Sequence[Example], formatter: click.HelpFormatter) -> None:
    """A `Ví dụ` section: each command line, then what it does, indented below it."""
    if not examples:
        return
    with formatter.section("Ví dụ"):
        for line, what in examples:
            formatter.write_text(line)
            with formatter.indentation():
                formatter.write_text(what)


def format_exit_codes(formatter: click.HelpFormatter) -> None:
    """The exit codes, the same for every command, at the end of every help page."""
    from .output import EXIT_CODES_HELP

    formatter.write_paragraph()
    formatter.write_text(EXIT_CODES_HELP)


class Group(click.Group):
    """A group of commands (`reportgen templates`): Vietnamese usage, did-you-mean for a mistyped command."""

    command_class = Command

    def __init__(self, *args: Any, examples: Sequence[Example] = (), **kwargs: Any):
        kwargs.setdefault("options_metavar", OPTIONS_METAVAR)
        kwargs.setdefault("subcommand_metavar", SUBCOMMAND_METAVAR)
        kwargs.setdefault("context_settings", {"help_option_names": ["-h", "--help"]})
        super().__init__(*args, **kwargs)
        self.examples: list[Example] = list(examples)

    def resolve_command(self, ctx: click.Context, args: list[str]):
        name = args[0] if args else ""
        if not name.startswith("-") and self.get_command(ctx, name) is None and not ctx.resilient_parsing:
            close = difflib.get_close_matches(name.lower(), self.list_commands(ctx), n=MAX_COMMAND_SUGGESTIONS,
                                              cutoff=0.5)
            hint = f" Có phải bạn muốn: {', '.join(close)}?" if close else ""
            raise click.UsageError(f"Không có lệnh «{name}».{hint} Xem danh sách lệnh: reportgen --help", ctx)
        return super().resolve_command(ctx, args)

    def format_epilog(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        format_examples(self.examples, formatter)
        super().format_epilog(ctx, formatter)
        format_exit_codes(formatter)

    def command(self, *args: Any, **kwargs: Any):
        """`@group.command("lint", examples=[...])`: a `Command` with examples."""
        kwargs.setdefault("cls", Command)
        return super().command(*args, **kwargs)


def command(name: str, *, examples: Sequence[Example] = (), **kwargs: Any):
    """`@command("build", examples=[...])`: a `Command` (click.command with our class)."""
    return click.command(name, cls=Command, examples=examples, **kwargs)


def group(name: str, *, examples: Sequence[Example] = (), **kwargs: Any):
    return click.group(name, cls=Group, examples=examples, **kwargs)
