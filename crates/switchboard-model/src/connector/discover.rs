//! Finding connectors under a path.

use std::path::{Component, Path, PathBuf};

use super::{PROPERTIES_FILE, SWAGGER_FILE};

/// A path that could not be searched.
#[derive(Debug, thiserror::Error)]
#[error("{}: {source}", path.display())]
pub struct DiscoverError {
    /// The path.
    pub path: PathBuf,
    /// The cause.
    #[source]
    pub source: std::io::Error,
}

/// Finds the connectors a path names: the path itself when it is a file (zip or JSON) or a
/// connector folder, otherwise every folder below it holding an `apiDefinition.swagger.json`
/// or `apiProperties.json` (any casing). Hidden folders, `target` and `node_modules` are
/// skipped. Results are sorted.
pub fn discover(path: &Path) -> Result<Vec<PathBuf>, DiscoverError> {
    let err = |path: &Path, source| DiscoverError { path: path.to_path_buf(), source };
    let meta = std::fs::metadata(path).map_err(|e| err(path, e))?;
    if !meta.is_dir() {
        return Ok(vec![path.to_path_buf()]);
    }
    let mut found = Vec::new();
    let walker = walkdir::WalkDir::new(path).follow_links(true).sort_by_file_name().into_iter();
    let walker = walker.filter_entry(|e| {
        e.depth() == 0 || !e.file_type().is_dir() || {
            let name = e.file_name().to_string_lossy();
            !(name.starts_with('.') || name == "target" || name == "node_modules")
        }
    });
    for item in walker {
        let item = item.map_err(|e| {
            let p = e.path().unwrap_or(path).to_path_buf();
            let source =
                e.into_io_error().unwrap_or_else(|| std::io::Error::other("filesystem loop"));
            err(&p, source)
        })?;
        if !item.file_type().is_file() {
            continue;
        }
        let name = item.file_name().to_string_lossy();
        if name.eq_ignore_ascii_case(SWAGGER_FILE) || name.eq_ignore_ascii_case(PROPERTIES_FILE) {
            let dir = item.path().parent().unwrap_or(path).to_path_buf();
            if found.last() != Some(&dir) {
                found.push(dir);
            }
        }
    }
    found.dedup();
    Ok(found)
}

/// `path` made absolute (against the current directory) with `.` and `..` resolved lexically,
/// as a shell's `cd` does; symbolic links are not resolved (`fs::canonicalize` would read
/// every component's link).
pub fn absolute(path: &Path) -> PathBuf {
    let full = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut out = PathBuf::new();
    for part in full.components() {
        match part {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn absolute_resolves_dots_lexically() {
        let cwd = std::env::current_dir().unwrap();
        assert_eq!(absolute(Path::new("a/./b/../c")), cwd.join("a/c"));
        assert_eq!(absolute(Path::new("/x/y/../../z")), PathBuf::from("/z"));
        assert_eq!(absolute(Path::new("/x/./")), PathBuf::from("/x"));
    }
}
