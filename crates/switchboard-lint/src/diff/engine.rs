//! Matching two versions and running the change kinds over the matches.

use std::collections::HashMap;

use switchboard_diagnostics::{Location, Severity};
use switchboard_model::Connector;

use super::fields::{self, FieldPair};
use super::side::{OpEntry, Side};
use super::update::{self, Update};
use super::{Class, DiffError, KindMeta};

/// One change between two versions.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    /// The change kind's code (`BC001`).
    pub code: &'static str,
    /// Breaking, additive or cosmetic.
    pub class: Class,
    /// The catalog's severity for the kind.
    pub severity: Severity,
    /// One sentence.
    pub message: String,
    /// The value path as Microsoft prints it (`operation/<opId>/parameter/<name>`).
    pub path: String,
    /// Where the changed value is in the old version.
    pub old: Option<Location>,
    /// Where it is in the new version.
    pub new: Option<Location>,
}

/// Everything found between two versions.
#[derive(Clone, Debug)]
pub struct DiffReport {
    /// The changes: breaking first, then additive, then cosmetic; by path within each.
    pub changes: Vec<Change>,
    /// Minor or major update for certification (BC100).
    pub update: Update,
}

impl DiffReport {
    /// How many changes of `class`.
    pub fn count(&self, class: Class) -> usize {
        self.changes.iter().filter(|c| c.class == class).count()
    }

    /// Whether anything is breaking.
    pub fn is_breaking(&self) -> bool {
        self.count(Class::Breaking) > 0
    }
}

/// Two versions, matched: what every change kind reads.
#[derive(Debug)]
pub struct Diff<'a> {
    /// The published version.
    pub old: Side<'a>,
    /// The update.
    pub new: Side<'a>,
    /// Operations present in both (by operationId; by method and path when the id changed).
    pub pairs: Vec<OpPair<'a>>,
    /// Old operations without a match (indices into `old.operations`).
    pub removed: Vec<usize>,
    /// New operations without a match (indices into `new.operations`).
    pub added: Vec<usize>,
}

/// An operation in both versions, with its inputs and outputs aligned.
#[derive(Debug)]
pub struct OpPair<'a> {
    /// Index into `old.operations`.
    pub old: usize,
    /// Index into `new.operations`.
    pub new: usize,
    /// Matched by method and path: the operationId changed.
    pub renamed: bool,
    /// The value path (`operation/<new opId>`).
    pub path: String,
    /// Parameters, body and their nested fields.
    pub inputs: Vec<FieldPair<'a>>,
    /// 2xx response and notification schemas and their nested fields.
    pub outputs: Vec<FieldPair<'a>>,
}

impl<'a> Diff<'a> {
    /// Whether both versions have an apiProperties.json to compare. A version given as a lone
    /// definition file has none, and its absence is not a change.
    pub fn has_properties(&self) -> bool {
        self.old.properties.is_some() && self.new.properties.is_some()
    }

    /// The two operations of a pair.
    pub fn ops(&self, pair: &OpPair<'a>) -> (&OpEntry<'a>, &OpEntry<'a>) {
        (&self.old.operations[pair.old], &self.new.operations[pair.new])
    }
}

/// Collects the changes of the kind being run.
#[derive(Debug, Default)]
pub struct Sink {
    current: Option<&'static KindMeta>,
    changes: Vec<Change>,
}

impl Sink {
    /// Reports a change of the current kind at `path`, located in either or both versions.
    pub fn report(
        &mut self,
        path: impl Into<String>,
        message: impl Into<String>,
        old: Option<Location>,
        new: Option<Location>,
    ) {
        let Some(meta) = self.current else { return };
        self.changes.push(Change {
            code: meta.code,
            class: meta.class,
            severity: meta.severity,
            message: message.into(),
            path: path.into(),
            old,
            new,
        });
    }
}

/// Compares two connectors with every change kind.
pub fn diff(old: &Connector, new: &Connector) -> Result<DiffReport, DiffError> {
    diff_with(super::all(), old, new)
}

/// Compares two connectors with the given change kinds only.
pub fn diff_with(
    kinds: &[&'static dyn super::ChangeKind],
    old: &Connector,
    new: &Connector,
) -> Result<DiffReport, DiffError> {
    let d = matched(Side::new(old)?, Side::new(new)?);
    let mut sink = Sink::default();
    for kind in kinds {
        sink.current = Some(kind.meta());
        kind.detect(&d, &mut sink);
    }
    let mut changes = sink.changes;
    changes.sort_by(|a, b| (a.class, &a.path, a.code).cmp(&(b.class, &b.path, b.code)));
    changes.dedup();
    Ok(DiffReport { changes, update: update::classify(&d) })
}

/// Matches the operations of two versions and aligns their fields.
fn matched<'a>(old: Side<'a>, new: Side<'a>) -> Diff<'a> {
    let mut by_id: HashMap<&str, usize> = HashMap::new();
    for (j, op) in new.operations.iter().enumerate().rev() {
        if let Some(id) = op.op.operation_id() {
            by_id.insert(id, j);
        }
    }
    let mut new_taken = vec![false; new.operations.len()];
    let mut old_match: Vec<Option<(usize, bool)>> = vec![None; old.operations.len()];
    for (i, op) in old.operations.iter().enumerate() {
        if let Some(&j) = op.op.operation_id().and_then(|id| by_id.get(id))
            && !new_taken[j]
        {
            old_match[i] = Some((j, false));
            new_taken[j] = true;
        }
    }
    // An id that disappeared while its method and path stayed: the operation was renamed.
    for (i, op) in old.operations.iter().enumerate() {
        if old_match[i].is_some() {
            continue;
        }
        let route = op.route();
        if let Some(j) =
            (0..new.operations.len()).find(|&j| !new_taken[j] && new.operations[j].route() == route)
        {
            let renamed = op.op.operation_id().is_some()
                && new.operations[j].op.operation_id().is_some()
                && op.op.operation_id() != new.operations[j].op.operation_id();
            old_match[i] = Some((j, renamed));
            new_taken[j] = true;
        }
    }

    let mut pairs = Vec::new();
    let mut removed = Vec::new();
    for (i, m) in old_match.iter().enumerate() {
        let Some((j, renamed)) = *m else {
            removed.push(i);
            continue;
        };
        let (o, n) = (&old.operations[i], &new.operations[j]);
        let path = n.path();
        let body_name = n
            .params
            .iter()
            .find(|p| p.is_body())
            .and_then(switchboard_model::swagger::Parameter::name);
        let inputs = fields::align(
            fields::inputs(old.doc, o, &path, body_name),
            fields::inputs(new.doc, n, &path, None),
        );
        let code_map = success_code_map(o, n);
        let outputs = fields::align(
            fields::outputs(old.doc, o, &path, &code_map),
            fields::outputs(new.doc, n, &path, &[]),
        );
        pairs.push(OpPair { old: i, new: j, renamed, path, inputs, outputs });
    }
    let added = (0..new.operations.len()).filter(|&j| !new_taken[j]).collect();
    Diff { old, new, pairs, removed, added }
}

/// When the only 2xx response with a schema changed its code (`200` → `201`), compare the two
/// schemas as one: flows read the body, not the status code.
fn success_code_map<'a>(old: &OpEntry<'a>, new: &OpEntry<'a>) -> Vec<(&'a str, &'a str)> {
    let codes = |op: &OpEntry<'a>| -> Vec<&'a str> {
        op.responses
            .iter()
            .filter(|r| r.is_success() && r.schema().is_some())
            .map(|r| r.code)
            .collect()
    };
    match (codes(old).as_slice(), codes(new).as_slice()) {
        ([from], [to]) if from != to => vec![(*from, *to)],
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diff::test_support::{base, report};
    use serde_json::json;

    fn codes(r: &DiffReport) -> Vec<&str> {
        r.changes.iter().map(|c| c.code).collect()
    }

    #[test]
    fn a_version_against_itself_has_no_changes() {
        let r = report(&base(), &base());
        assert!(r.changes.is_empty(), "{:?}", r.changes);
        assert_eq!(r.update.class, super::super::UpdateClass::Unchanged);
    }

    #[test]
    fn changes_are_grouped_breaking_first_and_counted() {
        let new = base()
            .set("/info/description", "Plan tasks.".into())
            .remove("/paths/~1tasks~1{taskId}")
            .set(
                "/paths/~1tasks/get/parameters/-",
                json!({"name": "q", "in": "query", "type": "string"}),
            );
        let r = report(&base(), &new);
        assert_eq!(codes(&r), ["BC001", "BC031", "BC044"]);
        assert_eq!(
            (r.count(Class::Breaking), r.count(Class::Additive), r.count(Class::Cosmetic)),
            (1, 1, 1)
        );
        assert!(r.is_breaking());
    }

    #[test]
    fn a_renamed_operation_is_compared_as_one() {
        let new = base()
            .set("/paths/~1tasks~1{taskId}/get/operationId", "FetchTask".into())
            .set("/paths/~1tasks~1{taskId}/get/parameters/0/type", "integer".into());
        let r = report(&base(), &new);
        assert_eq!(codes(&r), ["BC009", "BC026"]);
        assert_eq!(r.changes[0].path, "operation/FetchTask/parameter/taskId");
        assert_eq!(r.changes[1].path, "operation/GetTask");
    }

    #[test]
    fn recursive_definitions_end() {
        // Task.parent refers to Task; a change deep in it is found once per use, not forever.
        let new = base().set("/definitions/Task/properties/id/type", "integer".into());
        let r = report(&base(), &new);
        assert_eq!(codes(&r), ["BC014"; 4]);
    }

    #[test]
    fn an_unparsable_definition_is_an_error_with_its_position() {
        let bad = Connector::from_files(
            std::path::Path::new("bad"),
            vec![("apiDefinition.swagger.json".into(), b"{\n  \"swagger\": [\n".to_vec())],
        );
        let err = diff(&base().connector("old"), &bad).unwrap_err();
        assert!(matches!(err, DiffError::Unparsable { line: 3, .. }), "{err}");
        let empty = Connector::from_files(std::path::Path::new("empty"), Vec::new());
        assert!(matches!(diff(&empty, &empty), Err(DiffError::NoDefinition { .. })));
    }
}
