//! One file per subcommand.

mod import;
mod rule;
mod validate;

use crate::args::{Cli, Command};
use crate::exit::Exit;

/// Runs the parsed command line.
pub fn run(cli: Cli) -> anyhow::Result<Exit> {
    match cli.command {
        Command::Validate(args) => validate::run(&args),
        Command::Rule(args) => rule::run(&args),
        Command::Import(args) => import::run(&args),
    }
}
