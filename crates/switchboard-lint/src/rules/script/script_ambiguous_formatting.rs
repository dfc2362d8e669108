use std::sync::LazyLock;

use regex::bytes::Regex;
use switchboard_diagnostics::{Edit, Fix};

use super::common::{CSharp, span};
use crate::{Check, Context, Levels, Severity, declare_rule};

/// `Formatting.None` / `Formatting.Indented`, with the character before (1) and the name (2).
static BARE_FORMATTING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(^|[^.\w])\s*(Formatting)\s*\.\s*(?:None|Indented)\b").expect("valid regex")
});

declare_rule! {
    /// ## What it does
    /// Finds `Formatting.None` and `Formatting.Indented` written without a namespace in
    /// script.csx.
    ///
    /// ## Why it matters
    /// The custom-code runtime imports both `Newtonsoft.Json` and `System.Xml`, and both have a
    /// `Formatting` enum: a bare `Formatting.Indented` is an ambiguous reference (CS0104) and
    /// the script fails to compile on upload, although it builds locally.
    ///
    /// ## Example
    /// ```csharp
    /// var text = json.ToString(Formatting.None);
    /// ```
    ///
    /// ## Fix
    /// Write `Newtonsoft.Json.Formatting.None` (the fix does it).
    pub ScriptAmbiguousFormatting {
        code: "CS009",
        name: "script-ambiguous-formatting",
        group: Script,
        levels: Levels::all(Severity::Warning),
    }
}

impl Check for ScriptAmbiguousFormatting {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(script) = cx.connector().script.as_ref() else { return };
        let code = CSharp::lex(script.file.bytes());
        for c in BARE_FORMATTING.captures_iter(&code.masked) {
            let Some(name) = c.get(2) else { continue };
            let at = span(name.start(), name.end());
            cx.report_in(
                &script.file,
                None,
                at,
                "'Formatting' is ambiguous between Newtonsoft.Json and System.Xml: write Newtonsoft.Json.Formatting",
            )
            .set_fix(Fix {
                message: "Qualify as Newtonsoft.Json.Formatting".to_string(),
                edits: vec![Edit { span: at, replacement: "Newtonsoft.Json.Formatting".to_string() }],
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{Fixture, check};

    fn script(code: &str) -> Vec<switchboard_diagnostics::Diagnostic> {
        check(
            &ScriptAmbiguousFormatting,
            &Fixture::new().set("script.csx", code.as_bytes().to_vec()).build(),
        )
    }

    #[test]
    fn qualified_formatting_passes() {
        assert!(check(&ScriptAmbiguousFormatting, &Fixture::new().build()).is_empty());
        let code = "var a = o.ToString(Newtonsoft.Json.Formatting.None);\nvar b = \"Formatting.None\"; // Formatting.Indented\nvar c = MyFormatting.None;";
        assert!(script(code).is_empty());
    }

    #[test]
    fn bare_formatting_fails_with_a_fix() {
        let d = script(
            "var a = o.ToString(Formatting.Indented);\nvar b = JsonConvert.SerializeObject(x,\n    Formatting.None);",
        );
        assert_eq!(d.len(), 2);
        assert_eq!((d[0].location.line, d[0].location.column), (1, 20));
        assert_eq!((d[1].location.line, d[1].location.column), (3, 5));
        let edit =
            d[0].fix.as_ref().map(|f| (f.edits[0].span.start, f.edits[0].replacement.as_str()));
        assert_eq!(edit, Some((19, "Newtonsoft.Json.Formatting")));
        assert_eq!(d[0].severity, Severity::Warning);
    }
}
