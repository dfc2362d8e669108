use switchboard_model::json::Value;

use super::fields::compact;
use super::{Detect, Diff, Side, Sink};
use crate::declare_change;

declare_change! {
    /// ## What it detects
    /// Changes to what describes the connector rather than its operations: the swagger's
    /// `info` (`title`, `description`, `version`, `contact`), `x-ms-connector-metadata`,
    /// apiProperties `publisher`, `stackOwner` and `iconBrandColor`, and the icon.
    ///
    /// ## Why it matters
    /// Nothing existing flows send or receive changes. A new title renames the connector
    /// everywhere users see it; certification counts a title change as a major update
    /// (BC100), while contact, description, publisher and icon changes keep it minor.
    ///
    /// ## Example
    /// Old: `"publisher": "Taskforge"`; new: `"publisher": "Taskforge Inc."`.
    ///
    /// ## Fix
    /// Nothing to fix.
    pub ConnectorInfoChanged {
        code: "BC044",
        name: "connector-info-changed",
        class: Cosmetic,
        severity: Info,
    }
}

impl Detect for ConnectorInfoChanged {
    fn detect(&self, d: &Diff<'_>, out: &mut Sink) {
        for key in ["title", "description", "version", "contact"] {
            let (a, b) = (info(&d.old, key), info(&d.new, key));
            if a.map(compact) != b.map(compact) {
                out.report(
                    format!("info/{key}"),
                    format!("The connector's {key} has been changed."),
                    a.map(|n| d.old.at(n)),
                    b.map(|n| d.new.at(n)),
                );
            }
        }
        let (a, b) = (metadata(&d.old), metadata(&d.new));
        if a.map(compact) != b.map(compact) {
            out.report(
                "x-ms-connector-metadata",
                "The connector metadata (website, privacy policy, categories) has been changed.",
                a.map(|n| d.old.at(n)),
                b.map(|n| d.new.at(n)),
            );
        }
        // A version without apiProperties.json or icon (a lone definition file) is not
        // compared on them.
        let keys: &[&str] =
            if d.has_properties() { &["publisher", "stackOwner", "iconBrandColor"] } else { &[] };
        for key in keys {
            let (a, b) = (property(&d.old, key), property(&d.new, key));
            if a.map(compact) != b.map(compact) {
                out.report(
                    format!("properties/{key}"),
                    format!("The connector's {key} has been changed."),
                    a.map(|n| d.old.at_properties(n)),
                    b.map(|n| d.new.at_properties(n)),
                );
            }
        }
        if icon(&d.old).is_some() && icon(&d.new).is_some() && icon(&d.old) != icon(&d.new) {
            let at = |side: &Side<'_>| {
                side.connector
                    .icon
                    .as_ref()
                    .map(|f| switchboard_diagnostics::Location::file(f.file.name().clone()))
            };
            out.report("icon", "The icon has been changed.", at(&d.old), at(&d.new));
        }
    }
}

fn info<'a>(side: &Side<'a>, key: &str) -> Option<&'a Value> {
    side.doc.info().and_then(|i| i.get(key))
}

fn metadata<'a>(side: &Side<'a>) -> Option<&'a Value> {
    side.doc.root.get("x-ms-connector-metadata")
}

fn property<'a>(side: &Side<'a>, key: &str) -> Option<&'a Value> {
    side.properties.and_then(|(_, p)| p.properties()).and_then(|p| p.get(key))
}

fn icon<'a>(side: &Side<'a>) -> Option<&'a [u8]> {
    side.connector.icon.as_ref().map(|f| f.file.bytes())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diff::test_support::{base, detect, paths};

    #[test]
    fn unchanged_passes() {
        assert!(detect(&ConnectorInfoChanged, &base()).is_empty());
    }

    #[test]
    fn title_and_publisher_are_reported() {
        let new = base()
            .set("/info/title", "Taskforge Cloud".into())
            .set_properties("/properties/publisher", "Taskforge".into());
        let c = detect(&ConnectorInfoChanged, &new);
        assert_eq!(paths(&c), ["info/title", "properties/publisher"]);
        assert!(c[1].new.as_ref().unwrap().file.ends_with("apiProperties.json"));
    }
}
