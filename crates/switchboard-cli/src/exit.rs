//! Exit codes, one meaning each.

use std::process::ExitCode;

/// How a command ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Exit {
    /// 0: nothing at the failing severity.
    Clean,
    /// 1: findings at the failing severity (errors), or a breaking change, or a refused package,
    /// or (`invoke`) a non-2xx response.
    Findings,
    /// 2: the tool itself failed (unreadable path, bad flags, I/O).
    ToolFailed,
}

impl From<Exit> for ExitCode {
    fn from(e: Exit) -> Self {
        ExitCode::from(match e {
            Exit::Clean => 0,
            Exit::Findings => 1,
            Exit::ToolFailed => 2,
        })
    }
}
