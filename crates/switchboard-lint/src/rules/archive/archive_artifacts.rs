use switchboard_model::connector::{ICON_FILE, is_os_debris};

use super::common::{is_zip, root_file, root_prefix};
use crate::{Check, Context, Levels, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// For a connector given as a .zip archive (the legacy certification submission), checks
    /// that the archive holds exactly the connector artifacts: `apiDefinition.swagger.json`,
    /// `apiProperties.json` and `icon.png`, plus `script.csx` for connectors with custom code.
    /// A missing icon and any other file (readme.md, settings.json, screenshots) are reported;
    /// a missing swagger or apiProperties.json is PK001/PK003's finding, folders and OS debris
    /// are ZP002's.
    ///
    /// ## Why it matters
    /// The submission portal takes "exactly three files at the root" (four with custom code);
    /// archives with other content are rejected before review.
    ///
    /// ## Example
    /// `connector.zip` holding `apiDefinition.swagger.json`, `apiProperties.json`, `icon.png`
    /// and `readme.md`.
    ///
    /// ## Fix
    /// Zip only the artifacts: `zip connector.zip apiDefinition.swagger.json apiProperties.json
    /// icon.png` (and `script.csx`). The readme goes to the GitHub pull request, not the zip.
    pub ArchiveArtifacts {
        code: "ZP001",
        name: "archive-artifacts",
        group: Archive,
        levels: Levels::all(Severity::Error),
    }
}

impl Check for ArchiveArtifacts {
    fn check(&self, cx: &mut Context<'_>) {
        let c = cx.connector();
        if !is_zip(c) {
            return;
        }
        let prefix = root_prefix(c);
        if c.icon.is_none() {
            cx.report_file(
                &format!("{prefix}{ICON_FILE}"),
                "the archive has no icon.png: a submission holds apiDefinition.swagger.json, apiProperties.json and icon.png",
            )
            .set_help("add the connector icon as icon.png at the root of the archive");
        }
        let known: Vec<&str> = [
            c.swagger.as_ref().map(|f| f.entry.as_str()),
            c.properties.as_ref().map(|f| f.entry.as_str()),
            c.icon.as_ref().map(|f| f.entry.as_str()),
            c.script.as_ref().map(|f| f.entry.as_str()),
        ]
        .into_iter()
        .flatten()
        .collect();
        let extra: Vec<&str> = c
            .entries
            .iter()
            .filter(|e| !is_os_debris(&e.path))
            .filter_map(|e| root_file(&prefix, e).map(|name| (e, name)))
            .filter(|(_, name)| !known.contains(name))
            .map(|(e, _)| e.path.as_str())
            .collect();
        let Some(first) = extra.first() else { return };
        let shown: Vec<String> = extra.iter().take(5).map(|p| format!("'{p}'")).collect();
        let more =
            if extra.len() > 5 { format!(" and {} more", extra.len() - 5) } else { String::new() };
        let first = (*first).to_string();
        cx.report_file(
            &first,
            format!(
                "the archive holds files other than the connector artifacts: {}{more}",
                shown.join(", ")
            ),
        )
        .set_help(
            "zip only apiDefinition.swagger.json, apiProperties.json, icon.png (and script.csx)",
        );
    }
}

#[cfg(test)]
mod tests {
    use super::super::common::{artifacts_zip, zip_connector};
    use super::*;
    use crate::test_support::{Fixture, check};

    #[test]
    fn the_artifacts_pass() {
        assert!(check(&ArchiveArtifacts, &artifacts_zip(&[])).is_empty());
        assert!(
            check(&ArchiveArtifacts, &artifacts_zip(&[("script.csx", b"class Script {}")]))
                .is_empty()
        );
        // Folders are not this rule's business.
        assert!(
            check(&ArchiveArtifacts, &Fixture::new().set("notes.txt", b"x".to_vec()).build())
                .is_empty()
        );
    }

    #[test]
    fn extra_files_fail_once() {
        let c =
            artifacts_zip(&[("readme.md", b"# T"), ("settings.json", b"{}"), (".DS_Store", b"x")]);
        let d = check(&ArchiveArtifacts, &c);
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(
            d[0].message,
            "the archive holds files other than the connector artifacts: 'readme.md', 'settings.json'"
        );
        assert_eq!(&*d[0].location.file, "test.zip!/readme.md");
        assert_eq!(d[0].severity, Severity::Error);
    }

    #[test]
    fn missing_icon_fails() {
        let c =
            zip_connector(&[("apiDefinition.swagger.json", b"{}"), ("apiProperties.json", b"{}")]);
        let d = check(&ArchiveArtifacts, &c);
        assert_eq!(d.len(), 1);
        assert_eq!(&*d[0].location.file, "test.zip!/icon.png");
    }
}
