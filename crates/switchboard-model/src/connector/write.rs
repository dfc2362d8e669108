//! Writing a connector: the files of a connector built in memory (by an importer, a scaffold
//! or the server), serialised deterministically, written to a folder or a certification zip.

use std::io::Write as _;
use std::path::Path;

use super::{
    Connector, ICON_FILE, INTRO_FILE, PROPERTIES_FILE, README_FILE, SETTINGS_FILE, SWAGGER_FILE,
};
use crate::json::to_pretty_string;

/// The files of a connector, built in memory.
///
/// JSON members keep their insertion order (serde_json's `preserve_order`), and every file is
/// serialised with 4-space indentation and a trailing newline, so the same input always yields
/// byte-identical output.
#[derive(Clone, Debug, PartialEq)]
pub struct ConnectorFiles {
    /// `apiDefinition.swagger.json`.
    pub swagger: serde_json::Value,
    /// `apiProperties.json`.
    pub properties: serde_json::Value,
    /// `icon.png`, if any.
    pub icon: Option<Vec<u8>>,
    /// `readme.md`, if any.
    pub readme: Option<String>,
    /// `intro.md`, if any.
    pub intro: Option<String>,
    /// paconn's `settings.json`, if any.
    pub settings: Option<serde_json::Value>,
}

impl ConnectorFiles {
    /// The files as `(name, bytes)`, in a fixed order.
    pub fn files(&self) -> Vec<(String, Vec<u8>)> {
        let mut out = vec![
            (SWAGGER_FILE.to_string(), to_pretty_string(&self.swagger).into_bytes()),
            (PROPERTIES_FILE.to_string(), to_pretty_string(&self.properties).into_bytes()),
        ];
        if let Some(icon) = &self.icon {
            out.push((ICON_FILE.to_string(), icon.clone()));
        }
        if let Some(readme) = &self.readme {
            out.push((README_FILE.to_string(), readme.clone().into_bytes()));
        }
        if let Some(intro) = &self.intro {
            out.push((INTRO_FILE.to_string(), intro.clone().into_bytes()));
        }
        if let Some(settings) = &self.settings {
            out.push((SETTINGS_FILE.to_string(), to_pretty_string(settings).into_bytes()));
        }
        out
    }

    /// Writes the files into `dir`, creating it; existing files of the same names are replaced,
    /// other files are left alone.
    pub fn write_to(&self, dir: &Path) -> std::io::Result<()> {
        fs_err::create_dir_all(dir)?;
        for (name, bytes) in self.files() {
            fs_err::write(dir.join(name), bytes)?;
        }
        Ok(())
    }

    /// The connector these files make, as if loaded from `dir` (nothing touches the disk).
    pub fn to_connector(&self, dir: &Path) -> Connector {
        Connector::from_files(dir, self.files())
    }
}

/// Writes a certification archive: exactly `apiDefinition.swagger.json`, `apiProperties.json`
/// and the icon at the root, deflated, with a fixed timestamp so the archive is reproducible.
pub fn write_certification_zip(
    out: impl std::io::Write + std::io::Seek,
    swagger: &[u8],
    properties: &[u8],
    icon: &[u8],
) -> zip::result::ZipResult<()> {
    let mut zip = zip::ZipWriter::new(out);
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default())
        .unix_permissions(0o644);
    for (name, bytes) in [(SWAGGER_FILE, swagger), (PROPERTIES_FILE, properties), (ICON_FILE, icon)]
    {
        zip.start_file(name, options)?;
        zip.write_all(bytes)?;
    }
    zip.finish()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn files() -> ConnectorFiles {
        ConnectorFiles {
            swagger: json!({"swagger": "2.0", "info": {"title": "X", "version": "1"}}),
            properties: json!({"properties": {"iconBrandColor": "#123456"}}),
            icon: Some(vec![1, 2, 3]),
            readme: Some("# X\n".into()),
            intro: None,
            settings: None,
        }
    }

    #[test]
    fn serialisation_is_deterministic_and_ordered() {
        let a = files().files();
        let b = files().files();
        assert_eq!(a, b);
        let names: Vec<_> = a.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(
            names,
            ["apiDefinition.swagger.json", "apiProperties.json", "icon.png", "readme.md"]
        );
        assert!(
            String::from_utf8_lossy(&a[0].1)
                .starts_with("{\n    \"swagger\": \"2.0\",\n    \"info\"")
        );
    }

    #[test]
    fn to_connector_parses_the_files() {
        let c = files().to_connector(Path::new("x"));
        assert_eq!(c.swagger_root().unwrap().get_str("swagger"), Some("2.0"));
        assert!(c.icon.is_some() && c.readme.is_some() && c.intro.is_none());
    }

    #[test]
    fn certification_zip_has_exactly_three_files_and_is_reproducible() {
        let mut a = std::io::Cursor::new(Vec::new());
        write_certification_zip(&mut a, b"{}", b"{}", b"png").unwrap();
        let mut b = std::io::Cursor::new(Vec::new());
        write_certification_zip(&mut b, b"{}", b"{}", b"png").unwrap();
        assert_eq!(a.get_ref(), b.get_ref());
        let c = Connector::load_zip_bytes("p.zip", a.into_inner()).unwrap();
        let names: Vec<_> = c.entries.iter().map(|e| e.path.as_str()).collect();
        assert_eq!(names, ["apiDefinition.swagger.json", "apiProperties.json", "icon.png"]);
    }
}
