//! The `switchboard` command-line tool.

mod args;
mod baseline;
mod client;
mod commands;
mod config;
mod exit;

use std::process::ExitCode;

use clap::Parser;

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
            // Some errors (fs-err's) already end with their source's text: print a cause only
            // when it adds something.
            let mut last = err.to_string();
            for cause in err.chain().skip(1) {
                let text = cause.to_string();
                if !last.ends_with(&text) {
                    eprintln!("  caused by: {text}");
                }
                last = text;
            }
            exit::Exit::ToolFailed.into()
        }
    }
}
