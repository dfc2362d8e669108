use std::io::Write;

use super::*;
use crate::Connector;
use crate::connector::Origin;

/// A zip of `(name, bytes)`; names ending in `/` are folders.
fn zip(files: &[(&str, Vec<u8>)]) -> Vec<u8> {
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut w = ::zip::ZipWriter::new(&mut buf);
        let options = ::zip::write::SimpleFileOptions::default();
        for (name, bytes) in files {
            if name.ends_with('/') {
                w.add_directory(*name, options).unwrap();
            } else {
                w.start_file(*name, options).unwrap();
                w.write_all(bytes).unwrap();
            }
        }
        w.finish().unwrap();
    }
    buf.into_inner()
}

fn customizations(workflows: &str) -> Vec<u8> {
    format!(
        r#"<?xml version="1.0" encoding="utf-8"?>
<ImportExportXml>
  <Workflows>{workflows}</Workflows>
  <Connectors>
    <Connector>
      <name>tf_5ftaskforge</name>
    </Connector>
  </Connectors>
</ImportExportXml>"#
    )
    .into_bytes()
}

fn solution(workflows: &str, extra: &[(&str, Vec<u8>)]) -> Vec<u8> {
    let mut files = vec![
        ("[Content_Types].xml", b"<Types/>".to_vec()),
        ("customizations.xml", customizations(workflows)),
        ("solution.xml", b"<ImportExportXml><SolutionManifest><Managed>0</Managed></SolutionManifest></ImportExportXml>".to_vec()),
        ("Connector/tf_5ftaskforge_openapidefinition.json", br#"{"swagger": "2.0"}"#.to_vec()),
        ("Connector/tf_5ftaskforge_iconblob.Png", b"png".to_vec()),
        ("Connector/tf_5ftaskforge_connectionparameters.json", b"{}".to_vec()),
    ];
    files.extend(extra.iter().cloned());
    zip(&files)
}

fn package(outer_extra: &[(&str, Vec<u8>)]) -> Vec<u8> {
    let flow = r"<Workflow><JsonFileName>/Workflows/Flow-1.json</JsonFileName></Workflow>";
    let pkg = zip(&[
        ("Taskforge.dll", b"MZ".to_vec()),
        ("PkgAssets/", Vec::new()),
        ("PkgAssets/ConnectorSolution.zip", solution("", &[])),
        (
            "PkgAssets/FlowSolution.zip",
            solution(flow, &[("Workflows/Flow-1.json", b"{\"tf_5ftaskforge\": 1}".to_vec())]),
        ),
    ]);
    let mut outer = vec![("intro.md", b"# Taskforge".to_vec()), ("Taskforge.pdpkg.zip", pkg)];
    outer.extend(outer_extra.iter().cloned());
    zip(&outer)
}

#[test]
fn a_package_is_recognised_and_read() {
    let c = Connector::load_zip_bytes("sub.zip", package(&[])).unwrap();
    assert!(matches!(c.origin, Origin::Package(_)));
    let p = c.package.as_deref().unwrap();
    assert_eq!(p.package_zip.as_ref().unwrap().path, "Taskforge.pdpkg.zip");
    assert_eq!(p.package_zip.as_ref().unwrap().folders_in(""), ["PkgAssets"]);
    assert_eq!(p.solutions.len(), 2);
    let kinds: Vec<SolutionKind> = p.solutions.iter().map(Solution::kind).collect();
    assert_eq!(kinds, [SolutionKind::Connector, SolutionKind::Flow]);
    assert_eq!(p.primary, Some(0));
    assert!(p.unread.is_empty(), "{:?}", p.unread);

    // The connector solution's files are the connector's, named by their nested path.
    let swagger = c.swagger.as_ref().unwrap();
    assert_eq!(
        swagger.entry,
        "Taskforge.pdpkg.zip!/PkgAssets/ConnectorSolution.zip!/Connector/tf_5ftaskforge_openapidefinition.json"
    );
    assert_eq!(
        &**swagger.file.source.name(),
        "sub.zip!/Taskforge.pdpkg.zip!/PkgAssets/ConnectorSolution.zip!/Connector/tf_5ftaskforge_openapidefinition.json"
    );
    assert!(c.swagger_root().is_some());
    assert!(c.icon.is_some());
    assert!(c.properties.is_none());
    assert_eq!(c.intro.as_ref().unwrap().entry, "intro.md");
    // The flow solution keeps its own copy.
    let flow = &p.solutions[1];
    assert!(flow.connector.definition.is_some());
    assert_eq!(flow.workflows.len(), 1);
    let cust = flow.customizations.as_ref().unwrap();
    assert_eq!(cust.json_file_names[0].text, "/Workflows/Flow-1.json");
    assert_eq!(flow.manifest.as_ref().unwrap().managed.as_ref().unwrap().text, "0");
    assert_eq!(cust.connector.as_ref().unwrap().child("name").unwrap().text, "tf_5ftaskforge");
}

#[test]
fn an_artifact_zip_stays_a_connector_zip() {
    let bytes = zip(&[
        ("apiDefinition.swagger.json", b"{}".to_vec()),
        ("intro.md", b"x".to_vec()),
        ("old.zip", b"x".to_vec()),
    ]);
    let c = Connector::load_zip_bytes("a.zip", bytes).unwrap();
    assert!(matches!(c.origin, Origin::Zip(_)));
    assert!(c.package.is_none());
}

#[test]
fn a_wrapped_package_and_one_without_intro_are_packages() {
    let inner = zip(&[("PkgAssets/a.zip", b"not a zip".to_vec())]);
    let wrapped = zip(&[("Sub/intro.md", b"x".to_vec()), ("Sub/p.zip", inner.clone())]);
    let c = Connector::load_zip_bytes("w.zip", wrapped).unwrap();
    assert_eq!(c.nested_root.as_deref(), Some("Sub"));
    let p = c.package.as_deref().unwrap();
    assert_eq!(p.package_zip.as_ref().unwrap().path, "Sub/p.zip");
    let sol = &p.solutions[0];
    assert_eq!(sol.zip.path, "Sub/p.zip!/PkgAssets/a.zip");
    assert!(sol.zip.error.as_deref().unwrap().starts_with("not a readable zip archive"));
    assert_eq!(sol.kind(), SolutionKind::Other);

    let bare = Connector::load_zip_bytes("b.zip", zip(&[("p.zip", inner)])).unwrap();
    assert!(bare.package.is_some());
    assert!(bare.intro.is_none());
}

#[test]
fn traversal_names_are_listed_not_followed() {
    let inner = zip(&[("../evil.zip", b"x".to_vec()), ("PkgAssets/../../x.zip", b"x".to_vec())]);
    let c =
        Connector::load_zip_bytes("t.zip", zip(&[("p.zip", inner), ("../up.zip", b"x".to_vec())]))
            .unwrap();
    let p = c.package.as_deref().unwrap();
    assert!(p.solutions.is_empty());
    let zip = p.package_zip.as_ref().unwrap();
    assert_eq!(zip.entries.len(), 2);
    assert!(zip.entries.iter().all(Entry::escapes_root));
    assert!(zip.folders_in("").is_empty());
}

#[test]
fn oversized_entries_are_recorded_unread() {
    let mut bytes = package(&[]);
    // Declare the intro as 2 GiB in both headers, as a zip bomb would.
    let name = b"intro.md";
    for i in 0..bytes.len() - 46 {
        let (size_at, len_at, name_at) = match &bytes[i..i + 4] {
            b"PK\x03\x04" => (22, 26, 30),
            b"PK\x01\x02" => (24, 28, 46),
            _ => continue,
        };
        let len = usize::from(u16::from_le_bytes([bytes[i + len_at], bytes[i + len_at + 1]]));
        if bytes.get(i + name_at..i + name_at + len) == Some(name) {
            bytes[i + size_at..i + size_at + 4].copy_from_slice(&0x7FFF_FFFFu32.to_le_bytes());
        }
    }
    let c = Connector::load_zip_bytes("big.zip", bytes).unwrap();
    assert!(c.intro.is_none());
    let unread = &c.package.as_deref().unwrap().unread;
    assert_eq!(unread.len(), 1, "{unread:?}");
    assert_eq!(unread[0].path, "intro.md");
    assert!(unread[0].reason.starts_with("declares 2147483647 bytes"), "{}", unread[0].reason);
}
