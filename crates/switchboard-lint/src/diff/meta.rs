//! Change-kind metadata: code, name, class, severity, documentation.

use switchboard_diagnostics::Severity;

/// What a change means for the flows and connections that already use the connector.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Class {
    /// Existing flows or connections can stop working, or silently change behaviour.
    Breaking,
    /// New capability; existing flows are unaffected.
    Additive,
    /// Text, display and annotations only: nothing existing flows send or receive changes.
    Cosmetic,
}

impl Class {
    /// `breaking`, `additive` or `cosmetic`.
    pub fn as_str(self) -> &'static str {
        match self {
            Class::Breaking => "breaking",
            Class::Additive => "additive",
            Class::Cosmetic => "cosmetic",
        }
    }
}

/// Everything known about a change kind except its detection.
#[derive(Clone, Copy, Debug)]
pub struct KindMeta {
    /// Stable code such as `BC001`; never reused.
    pub code: &'static str,
    /// Kebab-case name such as `operation-removed`.
    pub name: &'static str,
    /// Breaking, additive or cosmetic.
    pub class: Class,
    /// The catalog's severity (§9): how loudly the pipeline reports it.
    pub severity: Severity,
    /// The name Microsoft's breaking-change detector gives the kind, when it has one.
    pub ms_name: Option<&'static str>,
    /// The doc comment, verbatim (each line keeps rustdoc's leading space).
    pub raw_docs: &'static str,
}

impl KindMeta {
    /// The documentation as Markdown.
    pub fn docs(&self) -> String {
        let mut out = String::with_capacity(self.raw_docs.len());
        for line in self.raw_docs.lines() {
            out.push_str(line.strip_prefix(' ').unwrap_or(line));
            out.push('\n');
        }
        out.trim_end().to_string()
    }

    /// The first sentence of "What it detects", for lists.
    pub fn summary(&self) -> &'static str {
        self.raw_docs
            .lines()
            .map(str::trim)
            .find(|l| !l.is_empty() && !l.starts_with('#'))
            .unwrap_or(self.name)
    }
}

/// Declares a change kind: a unit struct, its metadata and its documentation (the doc
/// comment, with the sections `## What it detects`, `## Why it matters`, `## Example`,
/// `## Fix`).
#[macro_export]
macro_rules! declare_change {
    (
        $(#[doc = $doc:literal])*
        $vis:vis $name:ident {
            code: $code:literal,
            name: $kebab:literal,
            class: $class:ident,
            severity: $severity:ident,
            $(ms_name: $ms:expr,)?
        }
    ) => {
        $(#[doc = $doc])*
        #[derive(Clone, Copy, Debug, Default)]
        $vis struct $name;

        impl $crate::diff::DeclaredKind for $name {
            fn meta() -> &'static $crate::diff::KindMeta {
                static META: $crate::diff::KindMeta = $crate::diff::KindMeta {
                    code: $code,
                    name: $kebab,
                    class: $crate::diff::Class::$class,
                    severity: $crate::Severity::$severity,
                    ms_name: $crate::declare_change!(@ms $($ms)?),
                    raw_docs: concat!($($doc, "\n"),*),
                };
                &META
            }
        }
    };
    (@ms) => { None };
    (@ms $e:expr) => { $e };
}
