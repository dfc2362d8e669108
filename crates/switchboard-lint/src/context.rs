//! What a rule sees and how it reports.

use switchboard_diagnostics::{Diagnostic, Location, Severity};
use switchboard_model::api_properties::ApiProperties;
use switchboard_model::json::{JsonFile, Value};
use switchboard_model::{Connector, Origin, SourceFile, Span};

use crate::rules::readme::common::Texts;
use crate::{Profile, RuleMeta, SwaggerIndex};

/// The connector under check and the findings so far.
///
/// Accessors return references with the connector's lifetime `'a`, not the context's, so a
/// rule can hold them while it reports.
pub struct Context<'a> {
    connector: &'a Connector,
    swagger: Option<&'a SwaggerIndex<'a>>,
    texts: &'a Texts<'a>,
    properties: Option<ApiProperties<'a>>,
    profile: Profile,
    rule: Option<&'static RuleMeta>,
    severity: Severity,
    out: Vec<Diagnostic>,
}

impl<'a> Context<'a> {
    pub(crate) fn new(
        connector: &'a Connector,
        swagger: Option<&'a SwaggerIndex<'a>>,
        texts: &'a Texts<'a>,
        profile: Profile,
    ) -> Self {
        Self {
            connector,
            swagger,
            texts,
            properties: connector.properties_root().map(ApiProperties::new),
            profile,
            rule: None,
            severity: Severity::Info,
            out: Vec::new(),
        }
    }

    pub(crate) fn begin(&mut self, rule: &'static RuleMeta, severity: Severity) {
        self.rule = Some(rule);
        self.severity = severity;
    }

    pub(crate) fn finish(self) -> Vec<Diagnostic> {
        self.out
    }

    /// How many findings have been reported so far (by any rule): compare two readings to
    /// tell whether a check in between reported anything.
    pub fn reported(&self) -> usize {
        self.out.len()
    }

    /// The connector.
    pub fn connector(&self) -> &'a Connector {
        self.connector
    }

    /// The swagger with its index, when the file exists and parsed.
    pub fn swagger(&self) -> Option<&'a SwaggerIndex<'a>> {
        self.swagger
    }

    /// The readme and intro, decoded and scanned once per connector.
    pub(crate) fn texts(&self) -> &'a Texts<'a> {
        self.texts
    }

    /// The apiProperties view, when the file exists and parsed.
    pub fn properties(&self) -> Option<ApiProperties<'a>> {
        self.properties
    }

    /// The apiProperties file, when it exists.
    pub fn properties_file(&self) -> Option<&'a JsonFile> {
        self.connector.properties.as_ref().map(|f| &f.file)
    }

    /// The effective profile.
    pub fn profile(&self) -> Profile {
        self.profile
    }

    /// Whether the connector is a folder or artifact archive (package rules apply), not a lone
    /// definition file. A certification package ([`Origin::Package`]) is not: its files are
    /// Dataverse exports under other names, checked by the submission rules (PZ).
    pub fn is_package(&self) -> bool {
        matches!(self.connector.origin, Origin::Folder(_) | Origin::Zip(_))
    }

    /// The certification package's layout, when the connector came from one.
    pub fn submission(&self) -> Option<&'a switchboard_model::connector::package::Package> {
        self.connector.package.as_deref()
    }

    /// The code of the rule running now.
    pub fn code(&self) -> &'static str {
        self.rule.map_or("", |r| r.code)
    }

    /// Reports a finding with an already built location.
    pub fn report_at(&mut self, location: Location, message: impl Into<String>) -> &mut Diagnostic {
        let d = Diagnostic::new(self.code(), self.severity, message, location);
        self.out.push(d);
        let last = self.out.len() - 1;
        &mut self.out[last]
    }

    /// Reports a finding at a span of the swagger file.
    pub fn report_swagger(&mut self, span: Span, message: impl Into<String>) -> &mut Diagnostic {
        let location = match self.connector.swagger.as_ref() {
            Some(f) => Location::span(&f.file.source, f.file.root(), span),
            None => Location::file(
                self.connector.display_name(switchboard_model::connector::SWAGGER_FILE),
            ),
        };
        self.report_at(location, message)
    }

    /// Reports a finding at a swagger value.
    pub fn report_value(&mut self, value: &Value, message: impl Into<String>) -> &mut Diagnostic {
        self.report_swagger(value.span, message)
    }

    /// Reports a finding at a span of apiProperties.json.
    pub fn report_properties(&mut self, span: Span, message: impl Into<String>) -> &mut Diagnostic {
        let location = match self.connector.properties.as_ref() {
            Some(f) => Location::span(&f.file.source, f.file.root(), span),
            None => Location::file(
                self.connector.display_name(switchboard_model::connector::PROPERTIES_FILE),
            ),
        };
        self.report_at(location, message)
    }

    /// Reports a finding at a span of a text file (readme, intro, script) or a JSON file.
    pub fn report_in(
        &mut self,
        source: &SourceFile,
        root: Option<&Value>,
        span: Span,
        message: impl Into<String>,
    ) -> &mut Diagnostic {
        self.report_at(Location::span(source, root, span), message)
    }

    /// Reports a finding about a file as a whole (missing, too large); `entry` is its name
    /// inside the connector.
    pub fn report_file(&mut self, entry: &str, message: impl Into<String>) -> &mut Diagnostic {
        let name = self.connector.display_name(entry);
        self.report_at(Location::file(name), message)
    }
}
