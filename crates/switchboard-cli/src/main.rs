//! The `switchboard` command-line tool.

mod args;
mod client;
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
            // The server's own errors: code, message, the request, advice and the docs link.
            if let Some(server) = err.downcast_ref::<client::http::ServerError>() {
                eprint!("{}", server.render());
                return exit::Exit::ToolFailed.into();
            }
            eprintln!("error: {err}");
            for cause in err.chain().skip(1) {
                eprintln!("  caused by: {cause}");
            }
            exit::Exit::ToolFailed.into()
        }
    }
}
