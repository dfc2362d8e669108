//! Helpers shared by the archive rules (and, in tests, in-memory zips).

use switchboard_model::connector::Entry;
use switchboard_model::{Connector, Origin};

/// Whether the connector was loaded from a zip archive.
pub(crate) fn is_zip(c: &Connector) -> bool {
    matches!(c.origin, Origin::Zip(_))
}

/// The `folder/` prefix of the connector root inside the archive (empty at the root).
pub(crate) fn root_prefix(c: &Connector) -> String {
    c.nested_root.as_ref().map(|r| format!("{r}/")).unwrap_or_default()
}

/// Whether an entry's path leaves the archive root when extracted (see
/// [`Entry::escapes_root`]).
pub(crate) fn escapes_root(e: &Entry) -> bool {
    e.escapes_root()
}

/// The name of a file that sits directly in the connector root (the archive root, or the one
/// folder holding everything).
pub(crate) fn root_file<'e>(prefix: &str, e: &'e Entry) -> Option<&'e str> {
    let name = e.path.strip_prefix(prefix)?;
    (!e.is_dir && !escapes_root(e) && !name.is_empty() && !name.contains('/')).then_some(name)
}

/// Builds a zip in memory (names ending in `/` are folders, files are deflated) and loads it
/// as `test.zip`.
#[cfg(test)]
pub(crate) fn zip_connector(files: &[(&str, &[u8])]) -> Connector {
    Connector::load_zip_bytes("test.zip", zip_bytes(files)).expect("a readable zip")
}

/// The bytes of an in-memory zip; see [`zip_connector`].
#[cfg(test)]
pub(crate) fn zip_bytes(files: &[(&str, &[u8])]) -> Vec<u8> {
    use std::io::Write;

    use zip::write::SimpleFileOptions;

    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut w = zip::ZipWriter::new(&mut buf);
        let options =
            SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
        for (name, bytes) in files {
            if name.ends_with('/') {
                w.add_directory(*name, options).expect("add directory");
            } else {
                w.start_file(*name, options).expect("start file");
                w.write_all(bytes).expect("write file");
            }
        }
        w.finish().expect("finish zip");
    }
    buf.into_inner()
}

/// The three artifacts of a legacy submission: the base connector's swagger, properties and
/// icon.
#[cfg(test)]
pub(crate) fn artifacts() -> Vec<(&'static str, Vec<u8>)> {
    use crate::test_support::{base_icon, base_properties, base_swagger};
    use switchboard_model::json::to_pretty_string;
    vec![
        ("apiDefinition.swagger.json", to_pretty_string(&base_swagger()).into_bytes()),
        ("apiProperties.json", to_pretty_string(&base_properties()).into_bytes()),
        ("icon.png", base_icon()),
    ]
}

/// The artifacts plus `extra`, as a loaded zip.
#[cfg(test)]
pub(crate) fn artifacts_zip(extra: &[(&str, &[u8])]) -> Connector {
    let base = artifacts();
    let mut files: Vec<(&str, &[u8])> = base.iter().map(|(n, b)| (*n, b.as_slice())).collect();
    files.extend_from_slice(extra);
    zip_connector(&files)
}
