//! Shared by the corpus tests: where the real connectors are.

use std::path::PathBuf;

/// `../shared/corpus/powerplatform` (read in place, never copied), or `SWITCHBOARD_CORPUS`.
pub fn corpus() -> PathBuf {
    let dir = std::env::var_os("SWITCHBOARD_CORPUS").map_or_else(
        || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/powerplatform"),
        PathBuf::from,
    );
    assert!(dir.is_dir(), "corpus not found at {} (set SWITCHBOARD_CORPUS)", dir.display());
    dir
}
