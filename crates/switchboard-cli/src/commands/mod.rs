//! One file per subcommand.

mod create;
mod diff;
mod download;
mod import;
mod invoke;
mod login;
mod new;
mod package;
mod rule;
mod serve;
mod update;
pub(crate) mod validate;

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
        Command::Login(args) => login::login(&args),
        Command::Logout(args) => login::logout(&args),
        Command::Create(args) => create::run(&args),
        Command::Update(args) => update::run(&args),
        Command::Download(args) => download::run(&args),
    }
}
