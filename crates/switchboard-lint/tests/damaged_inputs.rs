//! Damaged versions of real connectors: no rule panics, whatever shape a value has.
//!
//! A connector being written is broken in ways the corpus's certified connectors are not: a
//! value of the wrong type anywhere (`"parameters": {}`, `"responses": []`, `"x-ms-summary":
//! 5`), a `$ref` to nothing or to a number, a file cut off mid-way. For every 16th connector of
//! the corpus, this test makes such versions of its swagger and apiProperties.json
//! (deterministically, from a seed per connector) and runs every rule under every profile.
//! Each finding must also be located inside its file.

// Tests unwrap freely: a panic is a failed test with its backtrace.
#![allow(clippy::unwrap_used)]

mod common;

use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde_json::{Value, json};
use switchboard_lint::{Linter, Profile};
use switchboard_model::Connector;

use common::corpus;

/// xorshift64*: a deterministic stream, so a failure names a case that can be replayed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        if n == 0 { 0 } else { (self.next() % n as u64) as usize }
    }
}

/// Values of the wrong shape, put where something else was.
fn oddities() -> Vec<Value> {
    vec![
        Value::Null,
        json!(true),
        json!(0),
        json!(-1),
        json!(1e308),
        json!(""),
        json!("x"),
        json!("{id}"),
        json!([]),
        json!({}),
        json!([null, {}]),
        json!({"$ref": "#/definitions/Missing"}),
        json!({"$ref": 5}),
        json!({"$ref": "#/"}),
        json!({"$ref": "#/paths/~1a~1{id}/get"}),
        json!({"type": ["object", "null"], "items": {}, "properties": []}),
        json!({"in": "body", "name": 3, "schema": "x"}),
        json!({"x-ms-dynamic-values": {"operationId": "Nope", "parameters": []}}),
        Value::String("é🎉\u{0}".repeat(50)),
    ]
}

/// Every value of the tree as a pointer, in document order.
fn pointers(v: &Value, at: &str, out: &mut Vec<String>) {
    out.push(at.to_string());
    match v {
        Value::Object(m) => {
            for (k, child) in m {
                let token = k.replace('~', "~0").replace('/', "~1");
                pointers(child, &format!("{at}/{token}"), out);
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                pointers(child, &format!("{at}/{i}"), out);
            }
        }
        _ => {}
    }
}

/// `count` copies of `doc`, each with a few values replaced by oddities.
fn reshaped(doc: &Value, rng: &mut Rng, count: usize) -> Vec<Vec<u8>> {
    let mut all = Vec::new();
    pointers(doc, "", &mut all);
    let odd = oddities();
    (0..count)
        .map(|_| {
            let mut copy = doc.clone();
            for _ in 0..=rng.below(4) {
                let at = &all[rng.below(all.len())];
                if let Some(slot) = copy.pointer_mut(at) {
                    *slot = odd[rng.below(odd.len())].clone();
                }
            }
            serde_json::to_vec_pretty(&copy).unwrap()
        })
        .collect()
}

/// Byte-level damage: cut off, a stray byte, a line removed.
fn damaged(bytes: &[u8], rng: &mut Rng) -> Vec<Vec<u8>> {
    let mut out = vec![bytes[..rng.below(bytes.len())].to_vec()];
    for stray in [b'"', b'{', b']', b',', b'\\', 0xFF, 0x00] {
        let mut copy = bytes.to_vec();
        if !copy.is_empty() {
            let at = rng.below(copy.len());
            copy[at] = stray;
        }
        out.push(copy);
    }
    let lines: Vec<&[u8]> = bytes.split(|&b| b == b'\n').collect();
    let skip = rng.below(lines.len());
    let joined: Vec<&[u8]> =
        lines.iter().enumerate().filter(|(i, _)| *i != skip).map(|(_, l)| *l).collect();
    out.push(joined.join(&b'\n'));
    out
}

fn files_of(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.path().is_file())
        .map(|e| (e.file_name().to_string_lossy().into_owned(), std::fs::read(e.path()).unwrap()))
        .collect();
    files.sort();
    files
}

#[test]
fn damaged_connectors_never_crash_a_rule() {
    let root = corpus();
    let mut dirs = switchboard_model::connector::discover(&root).unwrap();
    dirs.retain(|d| d.is_dir());
    dirs.sort();
    let picked: Vec<&PathBuf> = dirs.iter().step_by(16).collect();
    assert!(picked.len() >= 30, "only {} connectors picked", picked.len());
    let linters: Vec<Linter> =
        [Profile::Default, Profile::Certification, Profile::IndependentPublisher]
            .into_iter()
            .map(Linter::new)
            .collect();
    let cases: usize = picked
        .par_iter()
        .enumerate()
        .map(|(n, dir)| {
            let files = files_of(dir);
            let mut rng = Rng(0x9E37_79B9_7F4A_7C15 ^ (n as u64 + 1));
            let mut variants: Vec<(String, Vec<u8>)> = Vec::new();
            for name in ["apiDefinition.swagger.json", "apiProperties.json"] {
                let Some((_, bytes)) = files.iter().find(|(f, _)| f == name) else { continue };
                let mut made = damaged(bytes, &mut rng);
                if let Ok(doc) = serde_json::from_slice::<Value>(bytes) {
                    made.extend(reshaped(&doc, &mut rng, 12));
                }
                variants.extend(made.into_iter().map(|b| (name.to_string(), b)));
            }
            for (i, (name, bytes)) in variants.iter().enumerate() {
                let mut these = files.clone();
                if let Some(slot) = these.iter_mut().find(|(f, _)| f == name) {
                    slot.1.clone_from(bytes);
                }
                let connector = Connector::from_files(dir, these);
                let linter = &linters[i % linters.len()];
                let linted = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    linter.lint(&connector)
                }));
                let Ok(diagnostics) = linted else {
                    // Keep the input that crashed, for replaying it with `switchboard validate`.
                    let keep = std::env::temp_dir().join(format!("switchboard-damaged-{n}-{i}"));
                    let _ = std::fs::create_dir_all(&keep);
                    for (f, b) in &files {
                        let b = if f == name { bytes } else { b };
                        let _ = std::fs::write(keep.join(f), b);
                    }
                    panic!(
                        "a rule panicked on variant {i} of {name} of {} (kept in {})",
                        dir.display(),
                        keep.display()
                    );
                };
                let lines = bytes.split(|&b| b == b'\n').count();
                for d in diagnostics {
                    let here = d.location.file.ends_with(name.as_str());
                    assert!(
                        d.location.line >= 1 && (!here || d.location.line as usize <= lines),
                        "{} variant {i} of {name} ({lines} lines): {d:?} is outside the file",
                        dir.display()
                    );
                }
            }
            variants.len()
        })
        .sum();
    assert!(cases > 30 * 20, "{cases} damaged connectors checked");
}
