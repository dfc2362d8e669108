//! `switchboard validate FILE.zip` on hostile, hand-made archives: extra files, nested
//! folders, `../` traversal, an entry whose declared size is huge. The tool must report them
//! and never crash, hang or write outside the archive.
//!
//! The archive structure rules (ZP*) belong to the linter's `rules/archive/` group; these tests
//! pin what the command does end to end, whichever rule reports each problem.

// Tests unwrap freely: a panic is a failed test with its backtrace.
#![allow(clippy::unwrap_used)]

mod common;

use std::io::Write;
use std::path::{Path, PathBuf};

use zip::write::SimpleFileOptions;

use common::{example, field, run, validate_json};

/// The three artifacts of the example connector.
fn artifacts() -> Vec<(String, Vec<u8>)> {
    ["apiDefinition.swagger.json", "apiProperties.json", "icon.png"]
        .into_iter()
        .map(|n| (n.to_string(), example(n)))
        .collect()
}

/// Writes a zip of `(name, bytes)` entries (names as given, `/` for folders).
fn zip_of(name: &str, entries: &[(String, Vec<u8>)]) -> PathBuf {
    let path = std::env::temp_dir().join(format!("sb-archive-{name}-{}.zip", std::process::id()));
    let mut w = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
    for (entry, bytes) in entries {
        if entry.ends_with('/') {
            w.add_directory(entry.as_str(), SimpleFileOptions::default()).unwrap();
        } else {
            w.start_file(entry.as_str(), SimpleFileOptions::default()).unwrap();
            w.write_all(bytes).unwrap();
        }
    }
    w.finish().unwrap();
    path
}

/// Sets the declared uncompressed size of `entry` (local header and central directory) to
/// `size`, leaving the data as it is: what a zip bomb or a corrupted archive looks like.
fn declare_size(path: &Path, entry: &str, size: u32) {
    let mut bytes = std::fs::read(path).unwrap();
    let name = entry.as_bytes();
    let mut patched = 0;
    for i in 0..bytes.len().saturating_sub(46) {
        // (offset of the uncompressed size, of the name length, of the name)
        let (size_at, len_at, name_at) = match &bytes[i..i + 4] {
            b"PK\x03\x04" => (22, 26, 30),
            b"PK\x01\x02" => (24, 28, 46),
            _ => continue,
        };
        let name_len = usize::from(u16::from_le_bytes([bytes[i + len_at], bytes[i + len_at + 1]]));
        if bytes.get(i + name_at..i + name_at + name_len) == Some(name) {
            bytes[i + size_at..i + size_at + 4].copy_from_slice(&size.to_le_bytes());
            patched += 1;
        }
    }
    assert_eq!(patched, 2, "local and central headers of {entry}");
    std::fs::write(path, bytes).unwrap();
}

/// Runs `validate --format json` on the archive: `(exit code, [(severity, code, message)])`.
fn validate(path: &Path, profile: &str) -> (Option<i32>, Vec<(String, String, String)>) {
    let (code, found) = validate_json(path, profile);
    let found = found
        .iter()
        .map(|d| {
            (
                field(d, "severity"),
                field(d, "code"),
                format!("{} {}", field(d, "message"), field(d, "file")),
            )
        })
        .collect();
    (code, found)
}

/// Whether some finding names `needle` (in its message or file).
fn names(found: &[(String, String, String)], needle: &str) -> bool {
    found.iter().any(|(_, _, m)| m.contains(needle))
}

/// Whether a finding with `code` names `needle`.
fn reports(found: &[(String, String, String)], code: &str, needle: &str) -> bool {
    found.iter().any(|(_, c, m)| c == code && m.contains(needle))
}

/// Whether this build registers the archive structure rules (ZP*, the linter's
/// `rules/archive/` group, developed on its own branch). Without them the tests below still
/// check that nothing crashes, hangs or escapes the archive.
fn archive_rules() -> bool {
    run(&["rule", "ZP001"]).status.success()
}

#[test]
fn the_three_artifacts_alone_are_clean() {
    let path = zip_of("clean", &artifacts());
    let (code, found) = validate(&path, "default");
    assert_eq!(code, Some(0), "{found:?}");
}

#[test]
fn an_extra_file_is_reported() {
    let mut entries = artifacts();
    entries.push(("notes.txt".into(), b"draft".to_vec()));
    let path = zip_of("extra", &entries);
    for profile in ["default", "certification"] {
        let (code, found) = validate(&path, profile);
        assert_ne!(code, Some(2), "{found:?}");
        if archive_rules() {
            assert!(reports(&found, "ZP001", "notes.txt"), "{profile}: {found:?}");
            assert_eq!(code, Some(1), "{found:?}");
        }
    }
}

#[test]
fn a_nested_folder_is_reported() {
    // The connector zipped with its folder: every file one level down, plus OS debris.
    let mut entries: Vec<(String, Vec<u8>)> =
        artifacts().into_iter().map(|(n, b)| (format!("MyConnector/{n}"), b)).collect();
    entries.insert(0, ("MyConnector/".into(), Vec::new()));
    entries.push(("__MACOSX/MyConnector/._icon.png".into(), vec![0; 8]));
    let path = zip_of("nested", &entries);
    let (code, found) = validate(&path, "certification");
    assert_ne!(code, Some(2), "{found:?}");
    // The connector inside is still found and checked.
    assert!(!found.iter().any(|(_, c, _)| c == "PK001" || c == "PK003"), "{found:?}");
    if archive_rules() {
        assert!(reports(&found, "ZP002", "MyConnector"), "{found:?}");
        assert!(names(&found, "__MACOSX"), "{found:?}");
    }
}

#[test]
fn path_traversal_is_reported_not_followed() {
    let mut entries = artifacts();
    entries.push(("../../evil.sh".into(), b"rm -rf /".to_vec()));
    entries.push(("/etc/passwd-copy".into(), b"x".to_vec()));
    let path = zip_of("traversal", &entries);
    let (code, found) = validate(&path, "certification");
    assert_ne!(code, Some(2), "{found:?}");
    let outside = path.parent().unwrap().parent().unwrap().join("evil.sh");
    assert!(!outside.exists(), "traversal followed");
    if archive_rules() {
        assert!(reports(&found, "ZP004", "evil.sh"), "{found:?}");
        assert!(reports(&found, "ZP004", "passwd-copy"), "{found:?}");
    }
}

#[test]
fn a_huge_declared_size_is_not_read() {
    // An extra entry and the definition itself claim ~4 GB.
    let mut entries = artifacts();
    entries.push(("blob.bin".into(), vec![7; 1024]));
    let path = zip_of("huge", &entries);
    declare_size(&path, "blob.bin", u32::MAX - 1);
    declare_size(&path, "apiDefinition.swagger.json", u32::MAX - 1);
    let started = std::time::Instant::now();
    let (code, found) = validate(&path, "certification");
    assert!(started.elapsed().as_secs() < 20, "took {:?}", started.elapsed());
    assert_eq!(code, Some(1), "{found:?}");
    // The oversized definition is not read: the connector has no readable definition.
    assert!(found.iter().any(|(s, c, _)| s == "error" && c == "PK001"), "{found:?}");
    if archive_rules() {
        assert!(reports(&found, "ZP005", "blob.bin"), "{found:?}");
        assert!(reports(&found, "ZP005", "apiDefinition.swagger.json"), "{found:?}");
    }
}

#[test]
fn garbage_is_a_tool_failure_with_the_path() {
    let path = std::env::temp_dir().join(format!("sb-archive-garbage-{}.zip", std::process::id()));
    std::fs::write(&path, b"PK\x03\x04 this is not really a zip").unwrap();
    let o = run(&["validate", path.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains("IO001") && out.contains("sb-archive-garbage"), "{out}");
}
