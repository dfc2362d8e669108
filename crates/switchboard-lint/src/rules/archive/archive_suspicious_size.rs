use switchboard_diagnostics::Location;
use switchboard_model::connector::MAX_READ_SIZE;

use super::common::is_zip;
use crate::{Check, Context, Levels, Severity, declare_rule};

/// Entries at least this large are checked for their compression ratio.
const RATIO_MIN_SIZE: u64 = 1024 * 1024;

/// An expansion ratio no connector file reaches (JSON compresses about 5–20:1).
const MAX_RATIO: u64 = 100;

/// The most all entries together may declare.
const MAX_TOTAL: u64 = 4 * MAX_READ_SIZE;

declare_rule! {
    /// ## What it does
    /// For a connector given as a .zip archive, reports entries that declare more than 64 MiB
    /// (Switchboard does not read them), entries of 1 MiB or more that expand more than 100:1,
    /// and archives whose entries declare more than 256 MiB in all.
    ///
    /// ## Why it matters
    /// A connector's files are a few hundred kilobytes (the swagger is limited to 1 MB); entries
    /// like these are the mark of a zip bomb, built to exhaust the memory or disk of whatever
    /// extracts it — a CI job, a registry, a reviewer's machine.
    ///
    /// ## Example
    /// `apiDefinition.swagger.json` of 9 KB compressed that declares 4 GB.
    ///
    /// ## Fix
    /// Rebuild the archive from the connector files; remove anything that is not an artifact.
    pub ArchiveSuspiciousSize {
        code: "ZP005",
        name: "archive-suspicious-size",
        group: Archive,
        levels: Levels::all(Severity::Error),
    }
}

impl Check for ArchiveSuspiciousSize {
    fn check(&self, cx: &mut Context<'_>) {
        let c = cx.connector();
        if !is_zip(c) {
            return;
        }
        let mut total = 0u64;
        for e in c.entries.iter().filter(|e| !e.is_dir) {
            total = total.saturating_add(e.size);
            let name = e.path.escape_debug().to_string();
            if e.size > MAX_READ_SIZE {
                cx.report_file(
                    &e.path,
                    format!("the entry '{name}' declares {} bytes, more than any connector file needs; it was not read", e.size),
                )
                .set_help("rebuild the archive from the connector files");
                continue;
            }
            let Some(packed) = e.compressed_size else { continue };
            let ratio = e.size / packed.max(1);
            if e.size >= RATIO_MIN_SIZE && ratio > MAX_RATIO {
                cx.report_file(
                    &e.path,
                    format!(
                        "the entry '{name}' expands {ratio}:1 to {} bytes, the ratio of a zip bomb",
                        e.size
                    ),
                )
                .set_help("rebuild the archive from the connector files");
            }
        }
        if total > MAX_TOTAL {
            let archive = c.path().display().to_string();
            cx.report_at(
                Location::file(archive),
                format!("the archive's entries declare {total} bytes in all, far more than a connector needs"),
            )
            .set_help("rebuild the archive from the connector files");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::common::{artifacts, zip_bytes};
    use super::*;
    use switchboard_model::Connector;

    use crate::test_support::check;

    #[test]
    fn ordinary_archive_passes() {
        let base = artifacts();
        let mut files: Vec<(&str, &[u8])> = base.iter().map(|(n, b)| (*n, b.as_slice())).collect();
        // 1 MiB of JSON-like text compresses well, but far below 100:1.
        let json: Vec<u8> =
            (0..40_000u32).flat_map(|i| format!("{{\"id\": {i}}},").into_bytes()).collect();
        files.push(("data.json", &json));
        let c = Connector::load_zip_bytes("test.zip", zip_bytes(&files)).expect("zip");
        assert!(check(&ArchiveSuspiciousSize, &c).is_empty());
    }

    #[test]
    fn bomb_ratio_fails() {
        let zeros = vec![0u8; 2 * 1024 * 1024];
        let c =
            Connector::load_zip_bytes("test.zip", zip_bytes(&[("bomb.bin", &zeros)])).expect("zip");
        let d = check(&ArchiveSuspiciousSize, &c);
        assert_eq!(d.len(), 1, "{d:?}");
        assert!(d[0].message.starts_with("the entry 'bomb.bin' expands "), "{}", d[0].message);
        assert!(d[0].message.ends_with(":1 to 2097152 bytes, the ratio of a zip bomb"));
        assert_eq!(&*d[0].location.file, "test.zip!/bomb.bin");
        assert_eq!(d[0].severity, Severity::Error);
    }

    #[test]
    fn lying_declared_sizes_fail() {
        let mut bytes = zip_bytes(&[("big.bin", b"tiny"), ("big2.bin", b"tiny")]);
        // Patch the uncompressed size (offset 24) of each central-directory header to 2 GiB.
        let mut at = 0;
        while let Some(p) = bytes[at..].windows(4).position(|w| w == b"PK\x01\x02") {
            let h = at + p;
            bytes[h + 24..h + 28].copy_from_slice(&0x7FFF_FFFFu32.to_le_bytes());
            at = h + 4;
        }
        let c = Connector::load_zip_bytes("test.zip", bytes).expect("zip");
        let d = check(&ArchiveSuspiciousSize, &c);
        let messages: Vec<&str> = d.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "the archive's entries declare 4294967294 bytes in all, far more than a connector needs",
                "the entry 'big.bin' declares 2147483647 bytes, more than any connector file needs; it was not read",
                "the entry 'big2.bin' declares 2147483647 bytes, more than any connector file needs; it was not read",
            ]
        );
        assert_eq!(&*d[0].location.file, "test.zip");
    }
}
