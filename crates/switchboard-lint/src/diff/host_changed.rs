use super::{Detect, Diff, Sink};
use crate::declare_change;

declare_change! {
    /// ## What it detects
    /// A change of `host` or `basePath` (compared without a trailing `/`; a missing
    /// `basePath` is `/`).
    ///
    /// ## Why it matters
    /// Existing connections start calling a different backend, or a different root on the
    /// same one. Unless the new address serves the same API, every flow fails.
    ///
    /// ## Example
    /// Old: `"host": "api.taskforge.io", "basePath": "/v1"`; new: `"basePath": "/v2"`.
    ///
    /// ## Fix
    /// Keep the address of the published API; route new versions with new operations, or
    /// with a policy (`setHost`, `routeRequest`) where the address depends on the connection.
    pub HostChanged {
        code: "BC019",
        name: "host-changed",
        class: Breaking,
        severity: Warning,
    }
}

impl Detect for HostChanged {
    fn detect(&self, d: &Diff<'_>, out: &mut Sink) {
        for (key, normalize) in [("host", false), ("basePath", true)] {
            let value = |side: &super::Side<'_>| {
                let v = side.doc.root.get_str(key);
                if normalize {
                    let t = v.unwrap_or("/").trim_end_matches('/');
                    if t.is_empty() { "/".to_string() } else { t.to_string() }
                } else {
                    v.unwrap_or_default().to_ascii_lowercase()
                }
            };
            let (a, b) = (value(&d.old), value(&d.new));
            if a != b {
                let at = |side: &super::Side<'_>| side.doc.root.get(key).map(|n| side.at(n));
                out.report(
                    key,
                    format!("The {key} has been changed from '{a}' to '{b}'. Existing connections will call the new address."),
                    at(&d.old),
                    at(&d.new),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diff::test_support::{base, detect, paths};

    #[test]
    fn unchanged_and_trailing_slash_pass() {
        assert!(detect(&HostChanged, &base()).is_empty());
        assert!(detect(&HostChanged, &base().set("/basePath", "/v1/".into())).is_empty());
    }

    #[test]
    fn host_and_base_path_are_reported() {
        let new = base().set("/host", "api.taskforge.com".into()).set("/basePath", "/v2".into());
        let c = detect(&HostChanged, &new);
        assert_eq!(paths(&c), ["basePath", "host"]);
        assert_eq!(c[1].new.as_ref().unwrap().pointer, "/host");
    }
}
