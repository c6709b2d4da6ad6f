//! The `cchc` binary: parses the command line, runs one subcommand, maps the outcome to
//! a documented exit code. All work is done by the `cchc` library.

mod cli;
mod cmd;

use clap::Parser;
use cli::{Cli, Command};
use cmd::Exit;
use std::process::ExitCode;

fn main() -> ExitCode {
    cchc::input::limits::quiet_reader_panics();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() {
                Exit::Usage as u8
            } else {
                Exit::Ok as u8
            });
        }
    };
    let lang = cli.lang.into();
    let exit = match &cli.command {
        Command::Score(args) => cmd::score::run(args, lang, cli.quiet),
        Command::Criteria(args) => cmd::criteria::run(args, lang),
        Command::Template(args) => cmd::template::run(args, lang, cli.quiet),
        Command::Compare(args) => cmd::compare::run(args, lang, cli.quiet),
        Command::Check(args) => cmd::check::run(args, lang),
        Command::Explain(args) => cmd::explain::run(args, lang, cli.quiet),
    };
    ExitCode::from(exit as u8)
}
