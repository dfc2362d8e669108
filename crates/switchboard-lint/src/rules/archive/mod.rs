//! Submission archives (catalog §8.1, ZP001–ZP002; ZP004–ZP005 for hostile archives).

mod archive_artifacts;
mod archive_folders_or_debris;
mod archive_suspicious_size;
mod archive_unsafe_path;
pub(crate) mod common;

use crate::Rule;

/// The rules of this group.
pub(crate) static RULES: &[&dyn Rule] = &[
    &archive_artifacts::ArchiveArtifacts,
    &archive_folders_or_debris::ArchiveFoldersOrDebris,
    &archive_unsafe_path::ArchiveUnsafePath,
    &archive_suspicious_size::ArchiveSuspiciousSize,
];
