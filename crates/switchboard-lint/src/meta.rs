//! Rule metadata: code, name, group, severities per profile, documentation.

use switchboard_diagnostics::Severity;

use crate::Profile;

/// The catalog section a rule belongs to; also its folder under `src/rules/`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Group {
    /// Files present in the connector folder (PK).
    Package,
    /// JSON well-formedness of the swagger and apiProperties (JS, JP) and schema conformance (SCH).
    Json,
    /// Swagger root, `info` and connector metadata (SW001–SW037).
    Info,
    /// Host, schemes and paths (SW040–SW059).
    Paths,
    /// Operations (SW060–SW081, SW167).
    Operations,
    /// Responses (SW090–SW099).
    Responses,
    /// Parameters (SW100–SW125, SW141, SW150, SW151).
    Parameters,
    /// Schemas and `$ref` (SW130–SW155).
    Schemas,
    /// `x-ms-*` extensions: dynamic values, webhooks, paging (SW158–SW169).
    Extensions,
    /// Security definitions (SW170–SW174).
    Security,
    /// Strings and language (SW180–SW185).
    Strings,
    /// apiProperties.json (AP).
    Properties,
    /// The icon (IC).
    Icon,
    /// Custom code, script.csx (CS).
    Script,
    /// readme.md (RM).
    Readme,
    /// intro.md (IN).
    Intro,
    /// Submission archives (ZP).
    Archive,
    /// The Partner Center certification package: nested zips of Dataverse solutions (PZ).
    Submission,
    /// Checks beyond Microsoft's (BX).
    Beyond,
}

impl Group {
    /// The folder name.
    pub fn as_str(self) -> &'static str {
        match self {
            Group::Package => "package",
            Group::Json => "json",
            Group::Info => "info",
            Group::Paths => "paths",
            Group::Operations => "operations",
            Group::Responses => "responses",
            Group::Parameters => "parameters",
            Group::Schemas => "schemas",
            Group::Extensions => "extensions",
            Group::Security => "security",
            Group::Strings => "strings",
            Group::Properties => "properties",
            Group::Icon => "icon",
            Group::Script => "script",
            Group::Readme => "readme",
            Group::Intro => "intro",
            Group::Archive => "archive",
            Group::Submission => "submission",
            Group::Beyond => "beyond",
        }
    }
}

/// A rule's severity under each profile; `None` means the rule does not run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Levels {
    /// Under `default` (authoring; Microsoft's `IsCertificationValidation=false`).
    pub default: Option<Severity>,
    /// Under `certification` for verified publishers.
    pub certification: Option<Severity>,
    /// Under `certification` for independent publishers.
    pub independent: Option<Severity>,
}

impl Levels {
    /// The same severity everywhere.
    pub const fn all(s: Severity) -> Self {
        Self { default: Some(s), certification: Some(s), independent: Some(s) }
    }

    /// A certification rule (catalog "(cert)"): `s` when certifying, info while authoring.
    pub const fn cert(s: Severity) -> Self {
        Self { default: Some(Severity::Info), certification: Some(s), independent: Some(s) }
    }

    /// `cert` when certifying, `other` while authoring (catalog "error (cert) / warning").
    pub const fn cert_else(cert: Severity, other: Severity) -> Self {
        Self { default: Some(other), certification: Some(cert), independent: Some(cert) }
    }

    /// An independent-publisher rule (catalog "(IP)"): runs only for IP certification.
    pub const fn ip(s: Severity) -> Self {
        Self { default: None, certification: None, independent: Some(s) }
    }

    /// `ip` for independent publishers, `other` elsewhere (catalog "warning (error for IP)").
    pub const fn ip_else(ip: Severity, other: Severity) -> Self {
        Self { default: Some(other), certification: Some(other), independent: Some(ip) }
    }

    /// Certification only, verified publishers (catalog "certified: …"): off elsewhere.
    pub const fn verified(s: Severity) -> Self {
        Self { default: None, certification: Some(s), independent: None }
    }

    /// Advice about Switchboard itself while authoring (what its runtime can run): off when
    /// certifying, where it is not the platform's concern.
    pub const fn authoring(s: Severity) -> Self {
        Self { default: Some(s), certification: None, independent: None }
    }

    /// The severity under `profile`.
    pub fn for_profile(self, profile: Profile) -> Option<Severity> {
        match profile {
            Profile::Default => self.default,
            Profile::Certification => self.certification,
            Profile::IndependentPublisher => self.independent,
        }
    }
}

/// Everything known about a rule except its check.
#[derive(Clone, Copy, Debug)]
pub struct RuleMeta {
    /// Stable code such as `SW012`; never reused.
    pub code: &'static str,
    /// Kebab-case name such as `title-restricted-words`.
    pub name: &'static str,
    /// Catalog section.
    pub group: Group,
    /// Severity per profile.
    pub levels: Levels,
    /// Version that introduced the rule.
    pub since: &'static str,
    /// Microsoft's Swagger Validator rule name, when there is one (catalog §13).
    pub ms_rule: Option<&'static str>,
    /// The rule's doc comment, verbatim (each line keeps rustdoc's leading space).
    pub raw_docs: &'static str,
}

impl RuleMeta {
    /// The documentation as Markdown.
    pub fn docs(&self) -> String {
        let mut out = String::with_capacity(self.raw_docs.len());
        for line in self.raw_docs.lines() {
            out.push_str(line.strip_prefix(' ').unwrap_or(line));
            out.push('\n');
        }
        out.trim_end().to_string()
    }

    /// The first sentence of "What it does", for lists and SARIF short descriptions.
    pub fn summary(&self) -> &'static str {
        self.raw_docs
            .lines()
            .map(str::trim)
            .find(|l| !l.is_empty() && !l.starts_with('#'))
            .unwrap_or(self.name)
    }
}

/// Declares a rule type: a unit struct, its metadata and its documentation (the doc comment).
///
/// ```ignore
/// declare_rule! {
///     /// ## What it does
///     /// ...
///     pub TitleTooLong {
///         code: "SW011",
///         name: "title-too-long",
///         group: Info,
///         levels: Levels::cert(Severity::Error),
///         ms_rule: Some("FieldLengthExceeded"),
///     }
/// }
/// impl Check for TitleTooLong { fn check(&self, cx: &mut Context<'_>) { ... } }
/// ```
#[macro_export]
macro_rules! declare_rule {
    (
        $(#[doc = $doc:literal])*
        $vis:vis $name:ident {
            code: $code:literal,
            name: $kebab:literal,
            group: $group:ident,
            levels: $levels:expr,
            $(since: $since:literal,)?
            $(ms_rule: $ms:expr,)?
        }
    ) => {
        $(#[doc = $doc])*
        #[derive(Clone, Copy, Debug, Default)]
        $vis struct $name;

        impl $crate::Declared for $name {
            fn meta() -> &'static $crate::RuleMeta {
                static META: $crate::RuleMeta = $crate::RuleMeta {
                    code: $code,
                    name: $kebab,
                    group: $crate::Group::$group,
                    levels: $levels,
                    since: $crate::declare_rule!(@since $($since)?),
                    ms_rule: $crate::declare_rule!(@ms $($ms)?),
                    raw_docs: concat!($($doc, "\n"),*),
                };
                &META
            }
        }
    };
    (@since) => { "0.1.0" };
    (@since $s:literal) => { $s };
    (@ms) => { None };
    (@ms $e:expr) => { $e };
}
