//! One file per subcommand.

mod diff;
mod import;
mod invoke;
mod new;
mod package;
mod rule;
mod serve;
mod validate;

use crate::args::{Cli, Command};
use crate::exit::Exit;

/// Runs the parsed command line.
pub fn run(cli: Cli) -> anyhow::Result<Exit> {
    match cli.command {
        Command::Validate(args) => validate::run(&args),
        Command::Rule(args) => rule::run(&args),
        Command::Invoke(args) => invoke::run(&args),
        Command::New(args) => new::run(&args),
        Command::Package(args) => package::run(&args),
        Command::Diff(args) => diff::run(&args),
        Command::Import(args) => import::run(&args),
        Command::Serve(args) => serve::run(&args),
    }
}
