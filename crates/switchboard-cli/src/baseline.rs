//! Baselines: the findings a repository already had when it adopted `validate`, recorded with
//! `--write-baseline FILE` and hidden with `--baseline FILE`, so that CI fails only on new
//! findings (as PHPStan's and detekt's baselines do). A finding is known by its file (relative
//! to the baseline's folder), code, JSON pointer and message: not by line, so that edits
//! elsewhere in the file do not make known findings new. Each recorded finding hides one
//! finding: a second, identical one is new.

use std::collections::BTreeMap;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};

use anyhow::Context as _;
use serde::{Deserialize, Serialize};
use switchboard_diagnostics::Diagnostic;
use switchboard_lint::fast_hash::{FastHasher, FastMap};
use switchboard_model::connector::absolute;

/// The version written; files of another version are refused.
const VERSION: u32 = 1;

/// What identifies a finding across runs.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
struct Key {
    file: String,
    code: String,
    pointer: String,
    message: String,
}

#[derive(Serialize, Deserialize)]
struct Entry {
    #[serde(flatten)]
    key: Key,
    /// How many identical findings.
    count: usize,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileContents {
    version: u32,
    findings: Vec<Entry>,
}

/// A loaded baseline.
#[derive(Debug)]
pub struct Baseline {
    /// Its folder: files are relative to it.
    base: PathBuf,
    /// The recorded findings with their counts, by the hash of their key: a finding is looked
    /// up from borrowed strings, without building an owned key per finding (the corpus has
    /// ~90 000).
    known: FastMap<u64, Vec<(Key, usize)>>,
}

/// How many findings of a batch a baseline has hidden so far, per entry (hash and index in
/// its bucket).
#[derive(Debug, Default)]
pub struct Used(FastMap<(u64, usize), usize>);

impl Baseline {
    /// Reads `path`.
    pub fn load(path: &Path) -> anyhow::Result<Baseline> {
        let text = fs_err::read_to_string(path)?;
        let contents: FileContents = serde_json::from_str(&text).with_context(|| {
            format!("{}: not a baseline of switchboard validate", path.display())
        })?;
        if contents.version != VERSION {
            anyhow::bail!(
                "{}: baseline version {} (this switchboard reads version {VERSION}); write it again with --write-baseline",
                path.display(),
                contents.version
            );
        }
        let mut known: FastMap<u64, Vec<(Key, usize)>> = FastMap::default();
        for e in contents.findings {
            let k = &e.key;
            let bucket = known.entry(hash(&k.file, &k.code, &k.pointer, &k.message)).or_default();
            match bucket.iter_mut().find(|(key, _)| *key == e.key) {
                Some((_, count)) => *count += e.count,
                None => bucket.push((e.key, e.count)),
            }
        }
        Ok(Baseline { base: folder_of(path), known })
    }

    /// Drops the findings the baseline knows (each entry hides `count` of them, counted in
    /// `used` across calls); returns how many were dropped.
    pub fn hide(&self, diagnostics: &mut Vec<Diagnostic>, used: &mut Used) -> usize {
        let before = diagnostics.len();
        let keep: Vec<bool> = {
            // A connector's findings are in a few files: each made relative once.
            let mut files: Vec<(&str, String)> = Vec::new();
            let mut keep = Vec::with_capacity(diagnostics.len());
            for d in diagnostics.iter() {
                let name: &str = &d.location.file;
                let at = files.iter().position(|(f, _)| *f == name).unwrap_or_else(|| {
                    files.push((name, relative_file(&self.base, name)));
                    files.len() - 1
                });
                let file = files[at].1.as_str();
                let (code, pointer, message) = (&*d.code, &*d.location.pointer, &*d.message);
                let h = hash(file, code, pointer, message);
                let found = self.known.get(&h).and_then(|bucket| {
                    bucket.iter().enumerate().find(|(_, (k, _))| {
                        k.file == file
                            && k.code == code
                            && k.pointer == pointer
                            && k.message == message
                    })
                });
                let hidden = found.is_some_and(|(i, (_, count))| {
                    let taken = used.0.entry((h, i)).or_insert(0);
                    *taken < *count && {
                        *taken += 1;
                        true
                    }
                });
                keep.push(!hidden);
            }
            keep
        };
        let mut flags = keep.into_iter();
        diagnostics.retain(|_| flags.next().unwrap_or(true));
        before - diagnostics.len()
    }
}

/// The hash a key is filed under.
fn hash(file: &str, code: &str, pointer: &str, message: &str) -> u64 {
    let mut h = FastHasher::default();
    for part in [file, code, pointer, message] {
        part.hash(&mut h);
    }
    h.finish()
}

/// Writes the baseline of `diagnostics` to `path`; returns how many findings it records.
pub fn write<'a>(
    path: &Path,
    diagnostics: impl Iterator<Item = &'a Diagnostic>,
) -> anyhow::Result<usize> {
    let base = folder_of(path);
    let mut counts: BTreeMap<Key, usize> = BTreeMap::new();
    for d in diagnostics {
        *counts.entry(key(&base, d)).or_insert(0) += 1;
    }
    let total = counts.values().sum();
    let findings = counts.into_iter().map(|(key, count)| Entry { key, count }).collect();
    let mut text = serde_json::to_string_pretty(&FileContents { version: VERSION, findings })?;
    text.push('\n');
    fs_err::write(path, text)?;
    Ok(total)
}

fn folder_of(path: &Path) -> PathBuf {
    absolute(path).parent().map_or_else(|| PathBuf::from("/"), Path::to_path_buf)
}

/// The key of a finding: its file relative to `base`, code, pointer and message.
fn key(base: &Path, d: &Diagnostic) -> Key {
    Key {
        file: relative_file(base, &d.location.file),
        code: d.code.to_string(),
        pointer: d.location.pointer.clone(),
        message: d.message.clone(),
    }
}

/// `file` relative to `base` with `/` whatever the system, so that a baseline written on one
/// machine works on another; a file outside the baseline's folder keeps its absolute path.
fn relative_file(base: &Path, file: &str) -> String {
    let full = absolute(Path::new(file));
    match full.strip_prefix(base) {
        Ok(rel) => {
            rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/")
        }
        Err(_) => full.display().to_string(),
    }
}

#[cfg(test)]
mod tests {
    use switchboard_diagnostics::{Location, Severity};

    use super::*;

    fn finding(file: &str, code: &'static str, message: &str) -> Diagnostic {
        let mut location = Location::file(file);
        location.pointer = "/info/title".into();
        location.line = 7;
        Diagnostic::new(code, Severity::Error, message, location)
    }

    #[test]
    fn hides_each_recorded_finding_once() {
        let dir = std::env::temp_dir().join(format!("sb-baseline-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("c")).unwrap();
        let file = dir.join("c/apiDefinition.swagger.json").display().to_string();
        let path = dir.join("baseline.json");
        let old = [finding(&file, "SW011", "too long"), finding(&file, "SW011", "too long")];
        assert_eq!(write(&path, old.iter()).unwrap(), 2);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains("\"file\": \"c/apiDefinition.swagger.json\""), "{text}");
        assert!(text.contains("\"count\": 2"), "{text}");

        let baseline = Baseline::load(&path).unwrap();
        let mut moved = finding(&file, "SW011", "too long");
        moved.location.line = 70; // lines do not count
        let mut now = vec![
            finding(&file, "SW011", "too long"),
            moved,
            finding(&file, "SW011", "too long"),
            finding(&file, "SW012", "new"),
        ];
        let mut used = Used::default();
        assert_eq!(baseline.hide(&mut now, &mut used), 2);
        let left: Vec<_> = now.iter().map(|d| d.code.as_ref()).collect();
        assert_eq!(left, ["SW011", "SW012"], "a third identical finding is new");
        // `used` carries over: the recorded ones are spent.
        let mut again = vec![finding(&file, "SW011", "too long")];
        assert_eq!(baseline.hide(&mut again, &mut used), 0);

        std::fs::write(&path, "{\"version\": 9, \"findings\": []}").unwrap();
        let e = Baseline::load(&path).unwrap_err().to_string();
        assert!(e.contains("baseline version 9"), "{e}");
        std::fs::write(&path, "[]").unwrap();
        let e = Baseline::load(&path).unwrap_err().to_string();
        assert!(e.contains("not a baseline of switchboard validate"), "{e}");
        // A file outside the baseline's folder keeps its absolute path.
        let outside = std::env::temp_dir().join("elsewhere.json").display().to_string();
        assert_eq!(key(&dir, &finding(&outside, "SW011", "m")).file, outside);
        let _ = std::fs::remove_dir_all(&dir);
    }
}
