//! Unpacking a downloaded connector, defensively: every entry must be a plain file name at the
//! archive's root (no folders, `..`, absolute paths, drive letters or links), sizes are capped,
//! and the whole archive is checked before anything is written.

use std::io::Read as _;
use std::path::Path;

use anyhow::{Context as _, bail};
use switchboard_model::connector::MAX_READ_SIZE;

/// The files of a downloaded archive, in archive order; refused whole if one entry is unsafe.
pub fn files(bytes: &[u8]) -> anyhow::Result<Vec<(String, Vec<u8>)>> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .context("the download is not a readable zip archive")?;
    let mut out: Vec<(String, Vec<u8>)> = Vec::with_capacity(zip.len());
    let mut total = 0u64;
    for i in 0..zip.len() {
        let entry = zip.by_index(i).context("the download is not a readable zip archive")?;
        let name = String::from_utf8_lossy(entry.name_raw()).into_owned();
        if entry.is_dir() {
            bail!("refusing the download: it holds a folder `{name}` (expected files only)");
        }
        if !is_plain_name(&name) || entry.is_symlink() || entry.enclosed_name().is_none() {
            bail!("refusing the download: entry `{name}` is not a plain file name at its root");
        }
        if out.iter().any(|(n, _)| n.eq_ignore_ascii_case(&name)) {
            bail!("refusing the download: `{name}` appears twice");
        }
        let mut content = Vec::new();
        entry.take(MAX_READ_SIZE + 1).read_to_end(&mut content)?;
        total += content.len() as u64;
        if content.len() as u64 > MAX_READ_SIZE || total > MAX_READ_SIZE {
            bail!("refusing the download: it unpacks to more than {MAX_READ_SIZE} bytes");
        }
        out.push((name, content));
    }
    Ok(out)
}

/// A name that can only mean a file directly inside the destination folder.
fn is_plain_name(name: &str) -> bool {
    !name.is_empty()
        && name != "."
        && name != ".."
        && !name.contains(['/', '\\', ':', '\0'])
        && !name.chars().any(char::is_control)
}

/// Whether `dir` exists and holds anything.
pub fn is_non_empty_dir(dir: &Path) -> anyhow::Result<bool> {
    match fs_err::read_dir(dir) {
        Ok(mut entries) => Ok(entries.next().is_some()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(false),
        Err(e) => Err(e.into()),
    }
}

/// Writes `files` into `dir` (created if needed), replacing files of the same names.
pub fn write(dir: &Path, files: &[(String, Vec<u8>)]) -> anyhow::Result<()> {
    if dir.exists() && !dir.is_dir() {
        bail!("{} exists and is not a folder", dir.display());
    }
    fs_err::create_dir_all(dir)?;
    for (name, bytes) in files {
        let path = dir.join(name);
        // A link planted where a file goes would redirect the write.
        if path.symlink_metadata().is_ok_and(|m| m.file_type().is_symlink()) {
            fs_err::remove_file(&path)?;
        }
        fs_err::write(&path, bytes)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::io::Write as _;

    use super::*;

    fn zip_of(names: &[&str]) -> Vec<u8> {
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        for name in names {
            zip.start_file(*name, zip::write::SimpleFileOptions::default()).unwrap();
            zip.write_all(b"x").unwrap();
        }
        zip.finish().unwrap().into_inner()
    }

    #[test]
    fn plain_files_unpack() {
        let files = files(&zip_of(&["apiDefinition.swagger.json", "settings.json"])).unwrap();
        let names: Vec<_> = files.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["apiDefinition.swagger.json", "settings.json"]);
    }

    #[test]
    fn traversal_and_odd_names_refuse_the_whole_archive() {
        for bad in ["../evil.sh", "/etc/passwd", "a/b.json", "..\\evil", "C:evil", "..", "x\u{1}y"]
        {
            let err = files(&zip_of(&["icon.png", bad])).unwrap_err().to_string();
            assert!(err.contains("refusing the download"), "{bad}: {err}");
        }
        let err = files(&zip_of(&["readme.md", "README.md"])).unwrap_err().to_string();
        assert!(err.contains("twice"), "{err}");
    }

    #[test]
    fn symlinks_are_refused() {
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        zip.add_symlink("icon.png", "/etc/passwd", zip::write::SimpleFileOptions::default())
            .unwrap();
        let bytes = zip.finish().unwrap().into_inner();
        assert!(files(&bytes).is_err());
    }
}
