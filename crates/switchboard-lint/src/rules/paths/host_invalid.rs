use super::common::replace_string;
use crate::{Check, Context, Levels, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks that `host` is a bare host name with an optional port (`name[:port]`): no
    /// scheme, path, braces, spaces or backslashes (`^[^{}/ :\\]+(?::\d+)?$`).
    ///
    /// ## Why it matters
    /// Microsoft's validator rejects other values with "The 'host' property, if present, must
    /// be a valid URI host without a scheme or path." ("HostNameNotValid"). Placeholders such
    /// as `{{replace_with_your_domain}}` cannot be resolved by the platform.
    ///
    /// ## Example
    /// ```json
    /// { "host": "https://api.contoso.com/v1" }
    /// ```
    ///
    /// ## Fix
    /// Keep only the host (`"host": "api.contoso.com"`) and move the path to
    /// `"basePath": "/v1"`; the scheme belongs in `schemes`. For per-tenant hosts, use a
    /// connection parameter and a set-host policy. A bare scheme prefix is removed by the
    /// automatic fix.
    pub HostInvalid {
        code: "SW041",
        name: "host-invalid",
        group: Paths,
        levels: Levels::all(Severity::Error),
        ms_rule: Some("HostNameNotValid"),
    }
}

/// Whether `host` matches `^[^{}/ :\\]+(?::\d+)?$`.
fn is_valid_host(host: &str) -> bool {
    let (name, port) = match host.split_once(':') {
        Some((name, port)) => (name, Some(port)),
        None => (host, None),
    };
    !name.is_empty()
        && !name.contains(['{', '}', '/', ' ', '\\'])
        && port.is_none_or(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
}

impl Check for HostInvalid {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(sw) = cx.swagger() else { return };
        let Some(node) = sw.root().get("host") else { return };
        let Some(host) = node.as_str() else { return }; // SW040 reports it.
        if is_valid_host(host) {
            return;
        }
        let d = cx.report_value(
            node,
            "The 'host' property, if present, must be a valid URI host without a scheme or path.",
        );
        let bare = host
            .strip_prefix("https://")
            .or_else(|| host.strip_prefix("http://"))
            .map(|h| h.trim_end_matches('/'));
        match bare {
            Some(h) if is_valid_host(h) => {
                d.set_fix(replace_string(node.span, h, "Remove the scheme"));
            }
            _ if host.contains('{') => {
                d.set_help("the host cannot be a placeholder: set a default host and change it per connection with a set-host policy");
            }
            _ => {
                d.set_help("keep only the host name; put the path in `basePath` and the scheme in `schemes`");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{check_swagger, pointers};
    use serde_json::json;

    #[test]
    fn host_and_port_pass() {
        assert!(check_swagger(&HostInvalid, json!({})).is_empty());
        assert!(check_swagger(&HostInvalid, json!({"host": "api.contoso.com:8443"})).is_empty());
    }

    #[test]
    fn url_fails_with_a_fix() {
        let d = check_swagger(&HostInvalid, json!({"host": "https://api.contoso.com/"}));
        assert_eq!(pointers(&d), ["/host"]);
        assert_eq!(
            d[0].fix.as_ref().map(|f| f.edits[0].replacement.as_str()),
            Some("\"api.contoso.com\"")
        );
    }

    #[test]
    fn placeholder_and_path_fail_without_fix() {
        let d = check_swagger(&HostInvalid, json!({"host": "{{replace_with_your_domain}}"}));
        assert_eq!(pointers(&d), ["/host"]);
        assert!(d[0].fix.is_none());
        let d = check_swagger(&HostInvalid, json!({"host": "https://api.contoso.com/v1"}));
        assert_eq!(d.len(), 1);
        assert!(d[0].fix.is_none());
        assert_eq!(check_swagger(&HostInvalid, json!({"host": "a.io:80x"})).len(), 1);
    }
}
