//! `switchboard diff`.

use crate::args::DiffArgs;
use crate::exit::Exit;

pub fn run(_args: &DiffArgs) -> anyhow::Result<Exit> {
    anyhow::bail!("not yet")
}
