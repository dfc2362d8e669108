use std::io::Write;
use std::path::PathBuf;

use super::*;

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("sb-model-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn zip_bytes(files: &[(&str, &[u8])]) -> Vec<u8> {
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut w = ::zip::ZipWriter::new(&mut buf);
        for (name, content) in files {
            w.start_file(*name, ::zip::write::SimpleFileOptions::default()).unwrap();
            w.write_all(content).unwrap();
        }
        w.finish().unwrap();
    }
    buf.into_inner()
}

#[test]
fn loads_a_folder_with_any_casing() {
    let dir = temp_dir("folder");
    std::fs::write(dir.join("apidefinition.swagger.json"), br#"{"swagger": "2.0"}"#).unwrap();
    std::fs::write(dir.join("apiProperties.json"), br#"{"properties": {}}"#).unwrap();
    std::fs::write(dir.join("README.md"), b"# Hi").unwrap();
    std::fs::create_dir(dir.join("images")).unwrap();
    std::fs::write(dir.join("images/a.png"), b"x").unwrap();
    let c = Connector::load(&dir).unwrap();
    assert_eq!(c.swagger.as_ref().unwrap().entry, "apidefinition.swagger.json");
    assert!(c.swagger_root().is_some());
    assert!(c.properties_root().is_some());
    assert_eq!(c.readme.as_ref().unwrap().entry, "README.md");
    let paths: Vec<_> = c.entries.iter().map(|e| e.path.as_str()).collect();
    assert_eq!(
        paths,
        ["README.md", "apiProperties.json", "apidefinition.swagger.json", "images", "images/a.png"]
    );
    assert_eq!(discover(&dir).unwrap(), vec![dir.clone()]);
    assert_eq!(discover(dir.parent().unwrap()).unwrap().iter().filter(|p| **p == dir).count(), 1);
}

#[test]
fn settings_json_renames_files() {
    let dir = temp_dir("settings");
    std::fs::write(
        dir.join("settings.json"),
        br#"{"apiDefinition": "def.json", "apiProperties": "props.json"}"#,
    )
    .unwrap();
    std::fs::write(dir.join("def.json"), br#"{"swagger": "2.0"}"#).unwrap();
    std::fs::write(dir.join("props.json"), br#"{"properties": {}}"#).unwrap();
    let c = Connector::load(&dir).unwrap();
    assert_eq!(c.swagger.unwrap().entry, "def.json");
    assert_eq!(c.properties.unwrap().entry, "props.json");
}

#[test]
fn loads_a_zip_and_lists_hostile_entries() {
    let bytes = zip_bytes(&[
        ("apiDefinition.swagger.json", br#"{"swagger": "2.0"}"#),
        ("apiProperties.json", br#"{"properties": {}}"#),
        ("../evil.txt", b"x"),
        ("extra/notes.txt", b"x"),
    ]);
    let c = Connector::load_zip_bytes("pkg.zip", bytes).unwrap();
    assert!(c.swagger_root().is_some());
    assert_eq!(
        c.swagger.as_ref().unwrap().file.source.name().as_ref(),
        "pkg.zip!/apiDefinition.swagger.json"
    );
    assert!(c.entries.iter().any(|e| e.path == "../evil.txt" && e.unsafe_path));
    assert!(c.entries.iter().any(|e| e.path == "extra/notes.txt"));
    assert_eq!(c.nested_root, None);
}

#[test]
fn loads_a_zipped_folder() {
    let bytes = zip_bytes(&[
        ("MyConnector/apiDefinition.swagger.json", br#"{"swagger": "2.0"}"#),
        ("MyConnector/apiProperties.json", br#"{"properties": {}}"#),
        ("__MACOSX/MyConnector/._apiProperties.json", b"x"),
    ]);
    let c = Connector::load_zip_bytes("pkg.zip", bytes).unwrap();
    assert_eq!(c.nested_root.as_deref(), Some("MyConnector"));
    assert!(c.swagger_root().is_some());
}

#[test]
fn a_broken_zip_is_an_error_not_a_panic() {
    let err = Connector::load_zip_bytes("bad.zip", b"PK\x03\x04garbage".to_vec()).unwrap_err();
    assert!(err.to_string().contains("bad.zip"), "{err}");
}

#[test]
fn single_definition_file() {
    let dir = temp_dir("single");
    let f = dir.join("apiDefinition.swagger.json");
    std::fs::write(&f, br#"{"swagger": "2.0"}"#).unwrap();
    let c = Connector::load(&f).unwrap();
    assert!(matches!(c.origin, Origin::DefinitionFile(_)));
    assert!(c.properties.is_none());
}

#[test]
fn missing_path_is_an_io_error_naming_it() {
    let err = Connector::load(Path::new("/nonexistent/connector")).unwrap_err();
    assert!(err.to_string().contains("/nonexistent/connector"), "{err}");
}
