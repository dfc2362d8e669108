//! A connector version's files, stored as one deterministic zip.
//!
//! Why a zip blob rather than a JSON list of files: the bytes of every file survive exactly
//! (the stored warnings point at lines and columns of those bytes, and a definition may be
//! lenient JSON with comments), the icon needs no base64 detour, swagger text deflates several
//! times smaller, the download endpoint can send the blob as it is, and reading it back goes
//! through the same defensive `Connector::load_zip_bytes` as an upload.

use std::io::{Read as _, Write as _};

use sha2::{Digest as _, Sha256};

use crate::StoreError;

/// Largest total of unpacked bytes [`ConnectorArchive::files`] accepts (a stored archive was
/// made by [`ConnectorArchive::from_files`], but a cap costs nothing).
const MAX_UNPACKED: u64 = 64 * 1024 * 1024;

/// A connector's files as a zip archive.
#[derive(Clone, PartialEq, Eq)]
pub struct ConnectorArchive {
    bytes: Vec<u8>,
}

impl std::fmt::Debug for ConnectorArchive {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "ConnectorArchive({} bytes)", self.bytes.len())
    }
}

impl ConnectorArchive {
    /// Packs `(relative path, content)` pairs, in the given order, deflated, with a fixed
    /// timestamp: the same files always give the same bytes (and the same SHA-256).
    pub fn from_files(files: &[(String, Vec<u8>)]) -> Result<Self, StoreError> {
        let archive_error = |e: zip::result::ZipError| StoreError::Archive(e.to_string());
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated)
            .last_modified_time(zip::DateTime::default())
            .unix_permissions(0o644);
        for (name, bytes) in files {
            zip.start_file(name.as_str(), options).map_err(archive_error)?;
            zip.write_all(bytes)?;
        }
        let bytes = zip.finish().map_err(archive_error)?.into_inner();
        Ok(Self { bytes })
    }

    /// Wraps zip bytes as they are (for example an upload the server has already loaded and
    /// validated with `Connector::load_zip_bytes`).
    pub fn from_zip_bytes(bytes: Vec<u8>) -> Self {
        Self { bytes }
    }

    /// The zip bytes.
    pub fn as_bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// The zip bytes, consuming the archive.
    pub fn into_bytes(self) -> Vec<u8> {
        self.bytes
    }

    /// SHA-256 of the zip bytes, lowercase hex.
    pub fn sha256_hex(&self) -> String {
        use std::fmt::Write as _;
        let mut hex = String::with_capacity(64);
        for byte in Sha256::digest(&self.bytes) {
            let _ = write!(hex, "{byte:02x}");
        }
        hex
    }

    /// Unpacks the files, in archive order (directories skipped).
    pub fn files(&self) -> Result<Vec<(String, Vec<u8>)>, StoreError> {
        let archive_error = |e: zip::result::ZipError| StoreError::Archive(e.to_string());
        let mut zip =
            zip::ZipArchive::new(std::io::Cursor::new(&self.bytes)).map_err(archive_error)?;
        let mut out = Vec::with_capacity(zip.len());
        let mut total = 0u64;
        for i in 0..zip.len() {
            let entry = zip.by_index(i).map_err(archive_error)?;
            if entry.is_dir() {
                continue;
            }
            let name = entry.name().map_err(archive_error)?.into_owned();
            let mut bytes = Vec::new();
            entry.take(MAX_UNPACKED - total + 1).read_to_end(&mut bytes)?;
            total += bytes.len() as u64;
            if total > MAX_UNPACKED {
                return Err(StoreError::Archive(format!(
                    "more than {MAX_UNPACKED} bytes unpacked"
                )));
            }
            out.push((name, bytes));
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deterministic_round_trip() {
        let files = vec![
            ("apiDefinition.swagger.json".to_string(), b"{\"swagger\": \"2.0\"}".to_vec()),
            ("icon.png".to_string(), vec![0x89, b'P', b'N', b'G', 0, 1, 2]),
        ];
        let a = ConnectorArchive::from_files(&files).unwrap();
        let b = ConnectorArchive::from_files(&files).unwrap();
        assert_eq!(a, b);
        assert_eq!(a.sha256_hex().len(), 64);
        assert_eq!(a.files().unwrap(), files);
        assert!(ConnectorArchive::from_zip_bytes(b"not a zip".to_vec()).files().is_err());
    }
}
