//! Where the parts of a Swagger document came from, so that what [`super::connectorize`]
//! reports is located in the source the user gave, not in the generated definition.

use std::collections::BTreeMap;
use std::sync::Arc;

use switchboard_diagnostics::Location;
use switchboard_model::connector::SWAGGER_FILE;
use switchboard_model::json::pointer;

use crate::source::Source;

/// Maps pointers into the Swagger document being connectorized to source locations.
#[derive(Debug)]
pub struct Origins<'a> {
    kind: Kind<'a>,
}

#[derive(Debug)]
enum Kind<'a> {
    /// The document is the source itself (plain Swagger 2.0): pointers resolve in it.
    Same(&'a Source),
    /// A converted document: Swagger pointer → source location, by longest prefix.
    Map { file: Arc<str>, map: BTreeMap<String, Location> },
    /// Nothing known: findings point into the generated `apiDefinition.swagger.json`.
    Output,
}

impl<'a> Origins<'a> {
    /// Findings point into the generated definition (for callers without a source map).
    pub fn output() -> Self {
        Origins { kind: Kind::Output }
    }

    /// The Swagger document is `source` itself.
    pub fn same(source: &'a Source) -> Self {
        Origins { kind: Kind::Same(source) }
    }

    /// A converted document whose parts are mapped with [`Origins::insert`]; anything
    /// unmapped is located at the start of `file`.
    pub fn mapped(file: impl Into<Arc<str>>) -> Self {
        Origins { kind: Kind::Map { file: file.into(), map: BTreeMap::new() } }
    }

    /// Records that the Swagger node at `swagger_pointer` came from `location`.
    pub fn insert(&mut self, swagger_pointer: String, location: Location) {
        if let Kind::Map { map, .. } = &mut self.kind {
            map.insert(swagger_pointer, location);
        }
    }

    /// The source location of the Swagger node at `swagger_pointer` (or of its nearest
    /// mapped ancestor).
    pub fn locate(&self, swagger_pointer: &str) -> Location {
        match &self.kind {
            Kind::Output => {
                let mut l = Location::file(SWAGGER_FILE);
                l.pointer = swagger_pointer.to_string();
                l
            }
            Kind::Same(source) => {
                let mut node = &source.root;
                let mut span = node.span;
                for token in pointer::tokens(swagger_pointer).unwrap_or_default() {
                    let next = match node.as_object() {
                        Some(o) => o.member(&token).map(|m| (&m.value, m.key_span)),
                        None => token
                            .parse::<usize>()
                            .ok()
                            .and_then(|i| node.as_array()?.get(i))
                            .map(|v| (v, v.span)),
                    };
                    let Some((value, key_span)) = next else { break };
                    node = value;
                    span = if key_span == value.span { value.span } else { key_span };
                }
                source.location(span)
            }
            Kind::Map { file, map } => {
                let mut p = swagger_pointer;
                loop {
                    if let Some(l) = map.get(p) {
                        return l.clone();
                    }
                    match p.rfind('/') {
                        Some(i) => p = &p[..i],
                        None => return Location::file(file.clone()),
                    }
                }
            }
        }
    }
}
