//! The `cchc` binary: parses the command line, runs one subcommand, maps the outcome to
//! a documented exit code. All work is done by the `cchc` library.

mod cli;
mod cmd;

use cchc::base::lang::Lang;
use clap::{CommandFactory, Parser};
use cli::{Cli, Command};
use cmd::Exit;
use std::process::ExitCode;

fn main() -> ExitCode {
    cchc::input::limits::quiet_reader_panics();
    let typed: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let english = typed.windows(2).any(|w| w[0] == "--lang" && w[1] == "en")
        || typed.iter().any(|a| a == "--lang=en");
    let argv = match cmd::run_file::merge(typed, Cli::command()) {
        Ok(argv) => argv,
        Err(e) => {
            eprintln!("{}", e.render(if english { Lang::En } else { Lang::Vi }));
            return ExitCode::from(Exit::Usage as u8);
        }
    };
    let cli = match Cli::try_parse_from(argv) {
        Ok(cli) => cli,
        Err(e) => {
            let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
            cmd::usage::print(&e, cmd::usage::lang_of(&args));
            return ExitCode::from(if e.use_stderr() {
                Exit::Usage as u8
            } else {
                Exit::Ok as u8
            });
        }
    };
    let lang = cli.lang.into();
    cmd::show_all_problems(cli.all_problems);
    cmd::set_stderr(cli.quiet, cli.no_warnings);
    let exit = match &cli.command {
        Command::Score(args) => cmd::score::run(args, lang, cli.quiet),
        Command::Criteria(args) => cmd::criteria::run(args, lang),
        Command::Template(args) => cmd::template::run(args, lang, cli.quiet),
        Command::Compare(args) => cmd::compare::run(args, lang, cli.quiet),
        Command::Check(args) => cmd::check::run(args, lang),
        Command::Explain(args) => cmd::explain::run(args, lang),
        Command::Init(args) => cmd::init::run(args, lang, cli.quiet),
        Command::Completions(args) => cmd::shell::completions(args, Cli::command()),
        Command::Man => cmd::shell::man(Cli::command()),
    };
    ExitCode::from(exit as u8)
}
