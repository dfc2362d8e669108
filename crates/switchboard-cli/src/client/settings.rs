//! paconn's `settings.json` in a connector folder: read through the model's settings view, and
//! written back after `create` with `connectorId` and `environment` — the user's other keys kept
//! in their order, the file's indentation and line endings kept.

use std::path::{Path, PathBuf};

use anyhow::{Context as _, bail};
use serde_json::{Map, Value};
use switchboard_model::json::JsonFile;
use switchboard_model::settings::Settings;

/// A `settings.json`, which may not exist yet.
#[derive(Debug)]
pub struct SettingsFile {
    /// Where it is (or will be written).
    pub path: PathBuf,
    doc: Option<Doc>,
}

#[derive(Debug)]
struct Doc {
    /// For reading, through the model's view.
    file: JsonFile,
    /// For writing back, members in file order.
    members: Map<String, Value>,
    layout: Layout,
}

/// How the file was formatted, to write it back the same way.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Layout {
    /// One level of indentation; `None` for a file on one line.
    indent: Option<String>,
    crlf: bool,
    final_newline: bool,
}

impl SettingsFile {
    /// Reads `path`; a missing file is an empty settings file. A file that is not a JSON
    /// object is refused up front, since publishing writes into it.
    pub fn read(path: &Path) -> anyhow::Result<SettingsFile> {
        let bytes = match fs_err::read(path) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Ok(SettingsFile { path: path.to_path_buf(), doc: None });
            }
            Err(e) => return Err(e.into()),
        };
        let members = match serde_json::from_slice::<Value>(&bytes) {
            Ok(Value::Object(members)) => members,
            Ok(_) => bail!("{}: settings.json must hold a JSON object", path.display()),
            Err(e) => bail!(
                "{}: not valid JSON ({e}); fix it first, since publishing records the connector \
                 in it",
                path.display()
            ),
        };
        let text = String::from_utf8_lossy(&bytes);
        let layout = Layout {
            indent: indentation(&text),
            crlf: text.contains("\r\n"),
            final_newline: text.ends_with('\n'),
        };
        let file = JsonFile::parse(path.display().to_string(), bytes);
        Ok(SettingsFile { path: path.to_path_buf(), doc: Some(Doc { file, members, layout }) })
    }

    /// Whether the file exists.
    pub fn exists(&self) -> bool {
        self.doc.is_some()
    }

    /// The path as shown to the user.
    pub fn shown(&self) -> String {
        self.path.display().to_string()
    }

    fn view(&self) -> Option<Settings<'_>> {
        self.doc.as_ref()?.file.root().map(Settings::new)
    }

    /// A non-empty string member.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.view()?.root.get_str(key).map(str::trim).filter(|v| !v.is_empty())
    }

    /// `connectorId`, if set.
    pub fn connector_id(&self) -> Option<&str> {
        self.view()?.connector_id().map(str::trim).filter(|v| !v.is_empty())
    }

    /// `environment`, if set.
    pub fn environment(&self) -> Option<&str> {
        self.view()?.environment().map(str::trim).filter(|v| !v.is_empty())
    }

    /// Records the connector: `connectorId` and `environment` set in place (or, when absent,
    /// put first, as paconn writes them); a new file also names the files it was made from.
    pub fn record(
        &mut self,
        connector_id: &str,
        environment: &str,
        new_file_keys: &[(&'static str, String)],
    ) -> anyhow::Result<()> {
        let (members, layout) = if let Some(doc) = self.doc.take() {
            (doc.members, doc.layout)
        } else {
            let mut members = Map::new();
            for (key, value) in new_file_keys {
                members.insert((*key).to_owned(), Value::String(value.clone()));
            }
            let layout = Layout { indent: Some("    ".into()), crlf: false, final_newline: true };
            (members, layout)
        };
        let members = with_connector(members, connector_id, environment);
        let text = render(&members, &layout)?;
        write_replacing(&self.path, text.as_bytes())
            .with_context(|| format!("cannot write {}", self.path.display()))?;
        *self = SettingsFile::read(&self.path)?;
        Ok(())
    }
}

/// `members` with `connectorId` and `environment` set, existing members keeping their place.
fn with_connector(members: Map<String, Value>, id: &str, environment: &str) -> Map<String, Value> {
    let mut out = Map::new();
    for (key, value) in [("connectorId", id), ("environment", environment)] {
        if !members.contains_key(key) {
            out.insert(key.to_owned(), Value::String(value.to_owned()));
        }
    }
    for (key, value) in members {
        let value = match key.as_str() {
            "connectorId" => Value::String(id.to_owned()),
            "environment" => Value::String(environment.to_owned()),
            _ => value,
        };
        out.insert(key, value);
    }
    out
}

fn render(members: &Map<String, Value>, layout: &Layout) -> anyhow::Result<String> {
    let mut text = match &layout.indent {
        Some(indent) => {
            let mut buf = Vec::new();
            let formatter = serde_json::ser::PrettyFormatter::with_indent(indent.as_bytes());
            let mut ser = serde_json::Serializer::with_formatter(&mut buf, formatter);
            serde::Serialize::serialize(members, &mut ser)?;
            String::from_utf8(buf)?
        }
        None => serde_json::to_string(members)?,
    };
    if layout.final_newline {
        text.push('\n');
    }
    if layout.crlf {
        text = text.replace('\n', "\r\n");
    }
    Ok(text)
}

/// The leading whitespace of the first indented line (`None` when nothing is indented).
fn indentation(text: &str) -> Option<String> {
    text.lines()
        .skip(1)
        .map(|line| {
            let trimmed = line.trim_start_matches([' ', '\t']);
            &line[..line.len() - trimmed.len()]
        })
        .find(|indent| !indent.is_empty())
        .map(str::to_owned)
        .or_else(|| text.trim_end().contains('\n').then(|| "  ".to_owned()))
}

/// Writes through a temporary file in the same folder, renamed over the target.
fn write_replacing(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut name = path.file_name().map(std::ffi::OsStr::to_os_string).unwrap_or_default();
    name.push(format!(".partial-{}", std::process::id()));
    let temp = path.with_file_name(name);
    let result = fs_err::write(&temp, bytes).and_then(|()| fs_err::rename(&temp, path));
    if result.is_err() {
        let _ = fs_err::remove_file(&temp);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    fn recorded(original: &str) -> String {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("settings.json");
        fs_err::write(&path, original).unwrap();
        let mut settings = SettingsFile::read(&path).unwrap();
        settings.record("c-1", "env-1", &[]).unwrap();
        assert_eq!(settings.connector_id(), Some("c-1"));
        assert_eq!(settings.environment(), Some("env-1"));
        fs_err::read_to_string(&path).unwrap()
    }

    #[test]
    fn keys_keep_their_order_and_the_file_its_layout() {
        assert_eq!(
            recorded(
                "{\n  \"apiProperties\": \"props.json\",\n  \"x-team\": {\"owner\": \"ops\"},\n  \
                 \"powerAppsUrl\": \"https://preview.api.powerapps.com\"\n}\n"
            ),
            "{\n  \"connectorId\": \"c-1\",\n  \"environment\": \"env-1\",\n  \"apiProperties\": \
             \"props.json\",\n  \"x-team\": {\n    \"owner\": \"ops\"\n  },\n  \"powerAppsUrl\": \
             \"https://preview.api.powerapps.com\"\n}\n"
        );
        // Existing members are replaced where they are; tabs and CRLF survive.
        assert_eq!(
            recorded(
                "{\r\n\t\"icon\": \"icon.png\",\r\n\t\"environment\": \"old\",\r\n\t\"connectorId\": \"\"\r\n}"
            ),
            "{\r\n\t\"icon\": \"icon.png\",\r\n\t\"environment\": \"env-1\",\r\n\t\"connectorId\": \"c-1\"\r\n}"
        );
        assert_eq!(
            recorded("{\"a\": 1}"),
            "{\"connectorId\":\"c-1\",\"environment\":\"env-1\",\"a\":1}"
        );
    }

    #[test]
    fn a_new_file_names_its_files() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("settings.json");
        let mut settings = SettingsFile::read(&path).unwrap();
        assert!(!settings.exists());
        let keys = [("apiDefinition", "apiDefinition.swagger.json".to_owned())];
        settings.record("c-1", "env-1", &keys).unwrap();
        assert_eq!(
            fs_err::read_to_string(&path).unwrap(),
            "{\n    \"connectorId\": \"c-1\",\n    \"environment\": \"env-1\",\n    \
             \"apiDefinition\": \"apiDefinition.swagger.json\"\n}\n"
        );
    }

    #[test]
    fn invalid_files_are_refused_before_publishing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("settings.json");
        for text in ["{\"a\": ", "[1]"] {
            fs_err::write(&path, text).unwrap();
            assert!(SettingsFile::read(&path).is_err(), "{text}");
        }
    }
}
