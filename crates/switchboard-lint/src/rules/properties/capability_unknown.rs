use crate::{Check, Context, Levels, Severity, declare_rule};

/// The values the repository README documents for `capabilities`.
const KNOWN: &[&str] = &["actions", "triggers", "gateway", "cloud"];

declare_rule! {
    /// ## What it does
    /// Checks that every entry of `properties.capabilities` is one of `actions`, `triggers`,
    /// `gateway` or `cloud` (exact spelling, lowercase).
    ///
    /// ## Why it matters
    /// Capabilities tell the platform what the connector offers (`gateway` enables on-premises
    /// data gateway connections). Unknown values such as `Actions` or `cloud only` are ignored,
    /// so whatever they were meant to say is lost. Most connectors leave the list empty.
    ///
    /// ## Example
    /// ```json
    /// { "properties": { "capabilities": ["Actions", "cloud only"] } }
    /// ```
    ///
    /// ## Fix
    /// Use the documented lowercase values, or an empty list.
    pub CapabilityUnknown {
        code: "AP010",
        name: "capability-unknown",
        group: Properties,
        levels: Levels::all(Severity::Info),
    }
}

impl Check for CapabilityUnknown {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(props) = cx.properties() else { return };
        let Some(list) = props.properties().and_then(|p| p.get("capabilities")) else { return };
        for item in list.items() {
            let Some(value) = item.as_str() else { continue };
            if KNOWN.contains(&value) {
                continue;
            }
            let help = match KNOWN.iter().find(|k| k.eq_ignore_ascii_case(value)) {
                Some(k) => format!("write '{k}'"),
                None => {
                    "use actions, triggers, gateway or cloud, or leave the list empty".to_string()
                }
            };
            cx.report_properties(item.span, format!("unknown capability '{value}'")).set_help(help);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{check_properties, pointers};
    use serde_json::json;

    #[test]
    fn documented_values_pass() {
        let patch =
            json!({"properties": {"capabilities": ["actions", "triggers", "gateway", "cloud"]}});
        assert!(check_properties(&CapabilityUnknown, patch).is_empty());
    }

    #[test]
    fn other_values_fail_at_the_entry() {
        let patch = json!({"properties": {"capabilities": ["actions", "Actions", "cloud only"]}});
        let d = check_properties(&CapabilityUnknown, patch);
        assert_eq!(pointers(&d), ["/properties/capabilities/1", "/properties/capabilities/2"]);
        assert_eq!(d[0].help.as_deref(), Some("write 'actions'"));
        assert_eq!(d[0].severity, Severity::Info);
    }
}
