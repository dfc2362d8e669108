use crate::{Check, Context, Levels, Severity, declare_rule};
use switchboard_model::Origin;

/// Files a connector folder may hold (compared case-insensitively).
const KNOWN: &[&str] = &[
    "apidefinition.swagger.json",
    "apiproperties.json",
    "readme.md",
    "script.csx",
    "icon.png",
    "settings.json",
    "intro.md",
];

declare_rule! {
    /// ## What it does
    /// Lists files and folders in the connector folder other than the swagger, the properties,
    /// readme.md, intro.md, icon.png, script.csx and settings.json.
    ///
    /// ## Why it matters
    /// One pull request carries one connector; reviewers ask to remove screenshots, slide decks,
    /// extra scripts and sub-folders, and they bloat the package.
    ///
    /// ## Example
    /// `MyConnector/images/screenshot1.png`, `MyConnector/old_swagger.json`.
    ///
    /// ## Fix
    /// Move screenshots into the pull-request description and delete other files.
    pub ExtraFiles {
        code: "PK007",
        name: "extra-files",
        group: Package,
        levels: Levels::all(Severity::Info),
    }
}

impl Check for ExtraFiles {
    fn check(&self, cx: &mut Context<'_>) {
        let c = cx.connector();
        if !matches!(c.origin, Origin::Folder(_)) {
            return;
        }
        let mut extra: Vec<String> = Vec::new();
        for e in &c.entries {
            let (top, is_dir) = match e.path.split_once('/') {
                Some((top, _)) => (top, true),
                None => (e.path.as_str(), e.is_dir),
            };
            let shown = if is_dir { format!("{top}/") } else { top.to_string() };
            if (is_dir || !KNOWN.contains(&top.to_ascii_lowercase().as_str()))
                && !extra.contains(&shown)
            {
                extra.push(shown);
            }
        }
        if extra.is_empty() {
            return;
        }
        let shown: Vec<String> = extra.iter().take(5).map(|p| format!("'{p}'")).collect();
        let more =
            if extra.len() > 5 { format!(" and {} more", extra.len() - 5) } else { String::new() };
        let message = format!(
            "the folder holds files that are not part of a connector: {}{more}",
            shown.join(", ")
        );
        let first = extra[0].trim_end_matches('/').to_string();
        cx.report_file(&first, message)
            .set_help("keep only the connector artifacts; put screenshots in the pull request");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{Fixture, check};

    #[test]
    fn known_files_pass() {
        let c = Fixture::new()
            .set("settings.json", b"{}".to_vec())
            .set("script.csx", b"x".to_vec())
            .build();
        assert!(check(&ExtraFiles, &c).is_empty());
    }

    #[test]
    fn extra_files_fail_once() {
        let c = Fixture::new()
            .set("notes.txt", b"x".to_vec())
            .set("images/a.png", b"x".to_vec())
            .build();
        let d = check(&ExtraFiles, &c);
        assert_eq!(d.len(), 1, "{d:?}");
        assert!(
            d[0].message.contains("'notes.txt'") && d[0].message.contains("'images/'"),
            "{}",
            d[0].message
        );
    }
}
