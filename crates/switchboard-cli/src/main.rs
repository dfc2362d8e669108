//! The `switchboard` command-line tool.

mod args;
mod commands;
mod exit;

use std::process::ExitCode;

use clap::Parser;

/// A whole-corpus `validate` allocates and frees millions of small blocks (the spanned JSON
/// trees, strings, diagnostics); with glibc's allocator that was a sixth of all instructions.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = args::Cli::parse();
    match commands::run(cli) {
        Ok(code) => code.into(),
        Err(err) => {
            eprintln!("error: {err}");
            for cause in err.chain().skip(1) {
                eprintln!("  caused by: {cause}");
            }
            exit::Exit::ToolFailed.into()
        }
    }
}
