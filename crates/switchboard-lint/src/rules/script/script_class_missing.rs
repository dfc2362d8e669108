use std::sync::LazyLock;

use regex::bytes::Regex;
use switchboard_diagnostics::{Edit, Fix};

use super::common::{CSharp, span};
use crate::rules::readme::common::report_whole;
use crate::{Check, Context, Levels, Severity, declare_rule};

/// A class deriving from `ScriptBase`: modifiers (1), name (2).
static SCRIPT_CLASS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"((?:\b(?:public|internal|private|protected|sealed|partial|abstract|static|unsafe)\s+)*)\bclass\s+(\w+)\s*:\s*(?:[\w.]+\.)?ScriptBase\b",
    )
    .expect("valid regex")
});

/// Any class named `Script`.
static CLASS_SCRIPT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\bclass\s+(Script)\b").expect("valid regex"));

/// The message Microsoft's documentation uses.
const MESSAGE: &str = "The class name must be Script and it must implement ScriptBase";

declare_rule! {
    /// ## What it does
    /// Checks that script.csx declares `public class Script : ScriptBase` (comments and strings
    /// are ignored; modifiers such as `sealed` and a qualified `ScriptBase` are accepted).
    ///
    /// ## Why it matters
    /// The custom-code runtime instantiates the class named `Script` deriving from
    /// `ScriptBase`; with another name (names are case-sensitive: `script` is not `Script`),
    /// another base class, or without `public`, the upload fails to compile or the code never
    /// runs.
    ///
    /// ## Example
    /// ```csharp
    /// class MyScript : ScriptBase { ... }
    /// ```
    ///
    /// ## Fix
    /// Declare `public class Script : ScriptBase` (the fix renames or adds `public`).
    pub ScriptClassMissing {
        code: "CS002",
        name: "script-class-missing",
        group: Script,
        levels: Levels::all(Severity::Error),
    }
}

impl Check for ScriptClassMissing {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(script) = cx.connector().script.as_ref() else { return };
        let code = CSharp::lex(script.file.bytes());
        let Some(found) = SCRIPT_CLASS.captures(&code.masked) else {
            if let Some(name) = CLASS_SCRIPT.captures(&code.masked).and_then(|c| c.get(1)) {
                cx.report_in(
                    &script.file,
                    None,
                    span(name.start(), name.end()),
                    "class Script must implement ScriptBase",
                )
                .set_help("declare `public class Script : ScriptBase`");
            } else {
                report_whole(cx, script, MESSAGE)
                    .set_help("declare `public class Script : ScriptBase` with `public override Task<HttpResponseMessage> ExecuteAsync()`");
            }
            return;
        };
        let (Some(modifiers), Some(name)) = (found.get(1), found.get(2)) else { return };
        if name.as_bytes() != b"Script" {
            let shown = String::from_utf8_lossy(name.as_bytes()).into_owned();
            let at = span(name.start(), name.end());
            cx.report_in(
                &script.file,
                None,
                at,
                format!("{MESSAGE}: the class deriving from ScriptBase is named '{shown}'"),
            )
            .set_fix(Fix {
                message: format!("Rename '{shown}' to 'Script'"),
                edits: vec![Edit { span: at, replacement: "Script".to_string() }],
            });
            return;
        }
        let public = modifiers.as_bytes().split(u8::is_ascii_whitespace).any(|w| w == b"public");
        if !public {
            // Replace a narrower access modifier, or insert `public` before the others.
            let mut edit = Edit {
                span: span(modifiers.start(), modifiers.start()),
                replacement: "public ".to_string(),
            };
            let mut pos = modifiers.start();
            for word in modifiers.as_bytes().split(u8::is_ascii_whitespace) {
                if matches!(word, b"internal" | b"private" | b"protected") {
                    edit = Edit {
                        span: span(pos, pos + word.len()),
                        replacement: "public".to_string(),
                    };
                    break;
                }
                pos += word.len() + 1;
            }
            let at = span(modifiers.start(), name.end());
            cx.report_in(&script.file, None, at, "class Script must be public")
                .set_fix(Fix { message: "Make the class public".to_string(), edits: vec![edit] });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{Fixture, check};

    fn script(code: &str) -> Vec<switchboard_diagnostics::Diagnostic> {
        check(
            &ScriptClassMissing,
            &Fixture::new().set("script.csx", code.as_bytes().to_vec()).build(),
        )
    }

    #[test]
    fn script_class_passes() {
        assert!(check(&ScriptClassMissing, &Fixture::new().build()).is_empty());
        assert!(script("public class Script: ScriptBase {}").is_empty());
        assert!(script("public sealed class Script : Microsoft.X.ScriptBase\n{\n}").is_empty());
    }

    #[test]
    fn wrong_name_fails_at_the_name_with_a_fix() {
        let d = script("// class Script : ScriptBase\npublic class script: ScriptBase\n{\n}");
        assert_eq!(d.len(), 1);
        assert_eq!((d[0].location.line, d[0].location.column), (2, 14));
        assert_eq!(
            d[0].message,
            "The class name must be Script and it must implement ScriptBase: the class deriving from ScriptBase is named 'script'"
        );
        assert_eq!(d[0].fix.as_ref().map(|f| f.edits[0].replacement.as_str()), Some("Script"));
    }

    #[test]
    fn not_public_or_no_base_or_nothing_fails() {
        let d = script("sealed class Script : ScriptBase {}");
        assert_eq!(d[0].message, "class Script must be public");
        let edit = d[0].fix.as_ref().map(|f| (f.edits[0].span.start, f.edits[0].span.end));
        assert_eq!(edit, Some((0, 0)));
        let d = script("internal class Script : ScriptBase {}");
        let edit = d[0].fix.as_ref().map(|f| (f.edits[0].span.start, f.edits[0].span.end));
        assert_eq!(edit, Some((0, 8)));
        let d = script("public class Script : Base {}");
        assert_eq!(
            (d[0].message.as_str(), d[0].location.column),
            ("class Script must implement ScriptBase", 14)
        );
        let d = script("var x = \"class Script : ScriptBase\";");
        assert_eq!(d[0].message, MESSAGE);
        assert_eq!(d[0].severity, Severity::Error);
    }
}
