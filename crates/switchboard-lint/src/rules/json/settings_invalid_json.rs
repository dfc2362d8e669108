use super::syntax::{Which, check_root_object, report_issues};
use crate::{Check, Context, Levels, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks that paconn's `settings.json`, when present, is well-formed JSON (any strict-JSON
    /// violation, invalid UTF-8 or duplicate key) and an object.
    ///
    /// ## Why it matters
    /// paconn reads `settings.json` to find the connector's files and its environment; a broken
    /// file stops `paconn create`/`update` and `switchboard create`/`update` alike.
    ///
    /// ## Example
    /// ```json
    /// { "apiDefinition": "apiDefinition.swagger.json", }
    /// ```
    ///
    /// ## Fix
    /// Fix the JSON at the reported position.
    pub SettingsInvalidJson {
        code: "ST001",
        name: "settings-invalid-json",
        group: Json,
        levels: Levels::all(Severity::Error),
    }
}

impl Check for SettingsInvalidJson {
    fn check(&self, cx: &mut Context<'_>) {
        report_issues(cx, Which::Settings, |_| true);
        check_root_object(cx, Which::Settings);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{Fixture, check};

    #[test]
    fn valid_settings_pass() {
        let c = Fixture::new().set("settings.json", b"{\"icon\": \"icon.png\"}".to_vec()).build();
        assert!(check(&SettingsInvalidJson, &c).is_empty());
    }

    #[test]
    fn broken_settings_fail() {
        let c = Fixture::new().set("settings.json", b"{\"icon\": \"icon.png\",}".to_vec()).build();
        assert_eq!(check(&SettingsInvalidJson, &c).len(), 1);
    }
}
