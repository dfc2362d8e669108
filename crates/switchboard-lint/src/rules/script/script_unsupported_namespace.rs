use std::sync::LazyLock;

use regex::bytes::Regex;

use super::common::{CSharp, span};
use crate::{Check, Context, Levels, Severity, declare_rule};

/// The namespaces custom code may use (Microsoft's "Supported namespaces" list).
const SUPPORTED: &[&str] = &[
    "System",
    "System.Collections",
    "System.Collections.Generic",
    "System.Diagnostics",
    "System.IO",
    "System.IO.Compression",
    "System.Linq",
    "System.Net",
    "System.Net.Http",
    "System.Net.Http.Headers",
    "System.Net.Security",
    "System.Security.Authentication",
    "System.Security.Cryptography",
    "System.Text",
    "System.Text.RegularExpressions",
    "System.Threading",
    "System.Threading.Tasks",
    "System.Web",
    "System.Xml",
    "System.Xml.Linq",
    "System.Drawing",
    "System.Drawing.Drawing2D",
    "System.Drawing.Imaging",
    "Microsoft.Extensions.Logging",
    "Newtonsoft.Json",
    "Newtonsoft.Json.Linq",
];

/// A `using` directive: `static` (1), alias (2), target (3).
static USING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?m)^[ \t]*(?:global\s+)?using\s+(static\s+)?(?:(\w+)\s*=\s*)?([A-Za-z_][\w.]*(?:\s*\.\s*[A-Za-z_]\w*)*)\s*;")
        .expect("valid regex")
});

declare_rule! {
    /// ## What it does
    /// Checks that every `using` directive of script.csx names one of the 26 namespaces custom
    /// code supports: System, System.Collections, System.Collections.Generic,
    /// System.Diagnostics, System.IO, System.IO.Compression, System.Linq, System.Net,
    /// System.Net.Http, System.Net.Http.Headers, System.Net.Security,
    /// System.Security.Authentication, System.Security.Cryptography, System.Text,
    /// System.Text.RegularExpressions, System.Threading, System.Threading.Tasks, System.Web,
    /// System.Xml, System.Xml.Linq, System.Drawing, System.Drawing.Drawing2D,
    /// System.Drawing.Imaging, Microsoft.Extensions.Logging, Newtonsoft.Json and
    /// Newtonsoft.Json.Linq. `using static` and aliases must point into one of them.
    ///
    /// ## Why it matters
    /// The custom-code runtime compiles the script against these namespaces only; any other
    /// directive fails the compilation. The usual culprit is
    /// `Microsoft.PowerPlatform.Connectors.CustomCode.CSharp`, a stub package for compiling
    /// locally.
    ///
    /// ## Example
    /// ```csharp
    /// using Microsoft.PowerPlatform.Connectors.CustomCode.CSharp;
    /// using System.Net.Http.Json;
    /// ```
    ///
    /// ## Fix
    /// Remove the directive (the supported namespaces are imported for you) and replace the
    /// types it brought in with ones from the supported namespaces.
    pub ScriptUnsupportedNamespace {
        code: "CS004",
        name: "script-unsupported-namespace",
        group: Script,
        levels: Levels::all(Severity::Error),
    }
}

impl Check for ScriptUnsupportedNamespace {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(script) = cx.connector().script.as_ref() else { return };
        let code = CSharp::lex(script.file.bytes());
        let found: Vec<_> = USING.captures_iter(&code.masked).collect();
        let depths = code.depths_at(found.iter().filter_map(|c| c.get(0)).map(|m| m.start()));
        for (c, depth) in found.iter().zip(depths) {
            // Directives live at the top of the file (or of a namespace block, depth 1), not in
            // method bodies.
            if depth > 1 {
                continue;
            }
            let Some(target) = c.get(3) else { continue };
            let name: String = String::from_utf8_lossy(target.as_bytes())
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect();
            let type_or_alias = c.get(1).is_some() || c.get(2).is_some();
            let parent = name.rsplit_once('.').map(|(p, _)| p);
            let ok = SUPPORTED.contains(&name.as_str())
                || (type_or_alias && parent.is_some_and(|p| SUPPORTED.contains(&p)));
            if ok {
                continue;
            }
            let help = if name.starts_with("Microsoft.PowerPlatform.Connectors.CustomCode") {
                "this stub only serves local compilation; remove the directive before uploading"
            } else {
                "remove the directive and use types from the supported namespaces (System, System.Net.Http, Newtonsoft.Json, …)"
            };
            cx.report_in(
                &script.file,
                None,
                span(target.start(), target.end()),
                format!("The namespace '{name}' is not supported in custom code"),
            )
            .set_help(help);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{Fixture, check};

    fn script(code: &str) -> Vec<switchboard_diagnostics::Diagnostic> {
        check(
            &ScriptUnsupportedNamespace,
            &Fixture::new().set("script.csx", code.as_bytes().to_vec()).build(),
        )
    }

    #[test]
    fn supported_namespaces_pass() {
        assert_eq!(SUPPORTED.len(), 26);
        assert!(check(&ScriptUnsupportedNamespace, &Fixture::new().build()).is_empty());
        let code = "using System;\nusing Newtonsoft.Json.Linq;\nusing static System.Math;\n\
                    using J = Newtonsoft.Json.JsonConvert;\n// using Foo.Bar;\n\
                    public class Script : ScriptBase {\n  void M() {\n    using (var x = y) {}\n    using var z = new HttpClient();\n  }\n}\n";
        assert!(script(code).is_empty(), "{:?}", script(code));
    }

    #[test]
    fn other_namespaces_fail_at_the_name() {
        let d = script(
            "using System;\nusing Microsoft.PowerPlatform.Connectors.CustomCode.CSharp;\nusing System.Net.Http.Json;\n",
        );
        assert_eq!(d.len(), 2);
        assert_eq!((d[0].location.line, d[0].location.column), (2, 7));
        assert_eq!(
            d[0].message,
            "The namespace 'Microsoft.PowerPlatform.Connectors.CustomCode.CSharp' is not supported in custom code"
        );
        assert!(d[0].help.as_deref().is_some_and(|h| h.contains("local compilation")));
        assert_eq!(
            d[1].message,
            "The namespace 'System.Net.Http.Json' is not supported in custom code"
        );
        assert_eq!(d[1].severity, Severity::Error);
    }
}
