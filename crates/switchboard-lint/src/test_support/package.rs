//! Certification packages for rule tests: a package that passes every rule, built from the
//! base connector's files as a tree of files and nested zips, which a test edits by path and
//! then zips in memory (no binary fixtures).
//!
//! Paths name a file inside nested zips with `!/`, as diagnostics do:
//! `Taskforge.pdpkg.zip!/PkgAssets/TaskforgeConnector.zip!/solution.xml`.

use std::io::Write;

use switchboard_model::Connector;
use switchboard_model::json::to_pretty_string;

use super::{BASE_INTRO, base_icon, base_properties, base_swagger};

/// The package zip.
pub const PKG: &str = "Taskforge.pdpkg.zip";
/// The connector solution.
pub const CONNECTOR_SOLUTION: &str = "Taskforge.pdpkg.zip!/PkgAssets/TaskforgeConnector.zip";
/// The flow solution.
pub const FLOW_SOLUTION: &str = "Taskforge.pdpkg.zip!/PkgAssets/TaskforgeFlow.zip";
/// The connector's schema name, the prefix of its `Connector/` files.
pub const NAME: &str = "tf_5Ftaskforge";
/// The flow solution's workflow file.
pub const FLOW_FILE: &str = "Workflows/TaskforgeSample-8F3B2C1D-0000-4000-8000-000000000001.json";

/// A file, a folder entry or a nested zip.
#[derive(Clone, Debug)]
pub enum Node {
    /// A file.
    File(Vec<u8>),
    /// A folder entry (`name/`).
    Dir,
    /// A zip, written when its parent is.
    Zip(Tree),
}

/// The entries of one zip, by full path, in order.
pub type Tree = Vec<(String, Node)>;

/// A certification package under construction.
#[derive(Clone, Debug)]
pub struct PackageFixture {
    tree: Tree,
}

/// `customizations.xml` of a solution holding the connector and the given `<Workflows>`
/// content.
pub fn customizations(workflows: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="utf-8"?>
<ImportExportXml xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" OrganizationVersion="9.2.24044.204">
  <Entities />
  <Roles />
  <Workflows>{workflows}</Workflows>
  <FieldSecurityProfiles />
  <Templates />
  <Connectors>
    <Connector>
      <connectorid>8f3b2c1d-0000-4000-8000-000000000002</connectorid>
      <description>Taskforge helps teams plan their work.</description>
      <displayname>Taskforge</displayname>
      <iconbrandcolor>#3A5F8C</iconbrandcolor>
      <name>{NAME}</name>
      <connectortype>1</connectortype>
      <openapidefinition>/Connector/{NAME}_openapidefinition.json</openapidefinition>
      <connectionparameters>/Connector/{NAME}_connectionparameters.json</connectionparameters>
      <policytemplateinstances>/Connector/{NAME}_policytemplateinstances.json</policytemplateinstances>
      <iconblob>/Connector/{NAME}_iconblob.Png</iconblob>
    </Connector>
  </Connectors>
  <Languages>
    <Language>1033</Language>
  </Languages>
</ImportExportXml>
"#
    )
}

/// The `<Workflow>` of the sample flow.
pub fn workflow_xml() -> String {
    format!(
        r#"
    <Workflow WorkflowId="{{8f3b2c1d-0000-4000-8000-000000000001}}" Name="Taskforge sample">
      <JsonFileName>/{FLOW_FILE}</JsonFileName>
      <Type>1</Type>
      <Category>5</Category>
    </Workflow>
  "#
    )
}

/// `solution.xml` with the given `<Managed>` value.
pub fn solution_xml(managed: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="utf-8"?>
<ImportExportXml version="9.2.24044.204" SolutionPackageVersion="9.2" languagecode="1033">
  <SolutionManifest>
    <UniqueName>Taskforge</UniqueName>
    <Version>1.0.0.0</Version>
    <Managed>{managed}</Managed>
    <RootComponents>
      <RootComponent type="372" schemaName="{NAME}" behavior="0" />
    </RootComponents>
  </SolutionManifest>
</ImportExportXml>
"#
    )
}

fn file(name: &str, bytes: impl Into<Vec<u8>>) -> (String, Node) {
    (name.to_string(), Node::File(bytes.into()))
}

/// A solution zip holding the base connector, with `workflows` in its customizations.
fn solution(workflows: &str) -> Tree {
    let params = base_properties()["properties"]["connectionParameters"].clone();
    vec![
        file(
            "[Content_Types].xml",
            r#"<?xml version="1.0" encoding="utf-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/octet-stream" /><Default Extension="json" ContentType="application/octet-stream" /><Default Extension="Png" ContentType="application/octet-stream" /></Types>"#,
        ),
        file("customizations.xml", customizations(workflows)),
        file("solution.xml", solution_xml("0")),
        file(
            &format!("Connector/{NAME}_openapidefinition.json"),
            to_pretty_string(&base_swagger()),
        ),
        file(&format!("Connector/{NAME}_connectionparameters.json"), to_pretty_string(&params)),
        file(&format!("Connector/{NAME}_policytemplateinstances.json"), "[]\n"),
        file(&format!("Connector/{NAME}_iconblob.Png"), base_icon()),
    ]
}

/// A flow definition using the connector, as Power Automate exports it.
pub fn flow_json() -> String {
    format!(
        r#"{{
  "properties": {{
    "connectionReferences": {{
      "shared_tf-5ftaskforge-5f0123456789abcdef": {{
        "runtimeSource": "embedded",
        "connection": {{"connectionReferenceLogicalName": "tf_sharedtf5ftaskforge_1a2b3"}},
        "api": {{"name": "shared_tf-5ftaskforge-5f0123456789abcdef", "logicalName": "{NAME}"}}
      }}
    }},
    "definition": {{"triggers": {{}}, "actions": {{}}}}
  }},
  "schemaVersion": "1.0.0.0"
}}
"#
    )
}

impl PackageFixture {
    /// A package that passes every rule.
    pub fn new() -> Self {
        let mut flow = solution(&workflow_xml());
        flow.push(file(FLOW_FILE, flow_json()));
        let pkg = vec![
            file("[Content_Types].xml", "<Types />"),
            file("TaskforgePackage.dll", b"MZ\x90\x00".to_vec()),
            ("PkgAssets/".to_string(), Node::Dir),
            ("PkgAssets/TaskforgeConnector.zip".to_string(), Node::Zip(solution(""))),
            ("PkgAssets/TaskforgeFlow.zip".to_string(), Node::Zip(flow)),
        ];
        PackageFixture {
            tree: vec![file("intro.md", BASE_INTRO), (PKG.to_string(), Node::Zip(pkg))],
        }
    }

    /// Sets the file at `path` (created where missing, replaced otherwise).
    pub fn set(&mut self, path: &str, bytes: impl Into<Vec<u8>>) -> &mut Self {
        self.put(path, Node::File(bytes.into()))
    }

    /// Sets the entry at `path` to `node`.
    pub fn put(&mut self, path: &str, node: Node) -> &mut Self {
        let (tree, name) = self.locate(path);
        match tree.iter_mut().find(|(n, _)| *n == name) {
            Some(slot) => slot.1 = node,
            None => tree.push((name, node)),
        }
        self
    }

    /// Removes the entry at `path`; a path ending in `/` removes the folder and everything
    /// below it.
    pub fn remove(&mut self, path: &str) -> &mut Self {
        let (tree, name) = self.locate(path);
        if name.ends_with('/') {
            tree.retain(|(n, _)| !n.starts_with(&name));
        } else {
            tree.retain(|(n, _)| *n != name);
        }
        self
    }

    /// Replaces `from` by `to` in the text file at `path` (which must contain it).
    pub fn replace(&mut self, path: &str, from: &str, to: &str) -> &mut Self {
        let (tree, name) = self.locate(path);
        let Some((_, Node::File(bytes))) = tree.iter_mut().find(|(n, _)| *n == name) else {
            panic!("no file {path}");
        };
        let text = String::from_utf8(bytes.clone()).expect("a text file");
        assert!(text.contains(from), "{path} does not contain {from:?}");
        *bytes = text.replace(from, to).into_bytes();
        self
    }

    /// The zip bytes.
    pub fn bytes(&self) -> Vec<u8> {
        write_zip(&self.tree)
    }

    /// The package loaded as `package.zip`.
    pub fn build(&self) -> Connector {
        Connector::load_zip_bytes("package.zip", self.bytes()).expect("a readable zip")
    }

    /// The tree holding the last segment of `path`, and that segment.
    fn locate(&mut self, path: &str) -> (&mut Tree, String) {
        let mut parts: Vec<&str> = path.split("!/").collect();
        let last = parts.pop().unwrap_or_default().to_string();
        let mut tree = &mut self.tree;
        for zip in parts {
            let Some((_, Node::Zip(inner))) = tree.iter_mut().find(|(n, _)| n == zip) else {
                panic!("no zip {zip} on the way to {path}");
            };
            tree = inner;
        }
        (tree, last)
    }
}

/// Writes a tree as a zip (deflated), nested zips first written themselves.
pub fn write_zip(tree: &Tree) -> Vec<u8> {
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut w = zip::ZipWriter::new(&mut buf);
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        for (name, node) in tree {
            match node {
                Node::Dir => w.add_directory(name.as_str(), options).expect("add directory"),
                Node::File(bytes) => {
                    w.start_file(name.as_str(), options).expect("start file");
                    w.write_all(bytes).expect("write file");
                }
                Node::Zip(inner) => {
                    w.start_file(name.as_str(), options).expect("start file");
                    w.write_all(&write_zip(inner)).expect("write zip");
                }
            }
        }
        w.finish().expect("finish zip");
    }
    buf.into_inner()
}
