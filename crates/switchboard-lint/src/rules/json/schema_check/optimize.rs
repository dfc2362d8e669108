//! Compile-time rewrites of a compiled schema that make validation cheaper without changing
//! any result. A whole-corpus run validates millions of (schema node, value) pairs, and the
//! repository schemas are written for people: `type` goes through five nodes (`allOf`, two
//! `$ref`s, `anyOf`, the `enum` of type names) and most leaves only state a type.

use super::compile::{Additional, Node, NodeId, instance_type};
use switchboard_model::json::Value;

/// The longest run of `$ref`s `check` follows on one value before it gives up (and accepts).
pub(super) const MAX_HOPS: u32 = 32;

/// Points every edge at a bare `$ref` node to the node its chain of references ends at, when
/// that cannot change a result.
///
/// Following a reference has no effect of its own except counting a hop: `check` accepts a
/// value once more than [`MAX_HOPS`] references were followed without descending into it (the
/// guard against reference cycles). So chains are shortened only when no path of references,
/// `allOf`, `anyOf`, `oneOf` and `not` (the edges that stay on the same value) can reach that
/// limit: the graph of those edges must be acyclic, with at most [`MAX_HOPS`] references on
/// any path. `not` edges are left alone (a `not` of an `enum` changes the message).
pub(super) fn collapse_references(nodes: &mut [Node]) {
    if !hop_limit_unreachable(nodes) {
        return;
    }
    let end = |mut id: NodeId| {
        while let Some(next) = nodes[id].reference {
            id = next;
        }
        id
    };
    let ends: Vec<NodeId> = (0..nodes.len()).map(end).collect();
    for n in nodes.iter_mut() {
        let fix = |id: &mut NodeId| *id = ends[*id];
        n.properties.values_mut().for_each(fix);
        n.pattern_properties.iter_mut().for_each(|(_, id)| fix(id));
        if let Additional::Schema(id) = &mut n.additional {
            fix(id);
        }
        n.items.iter_mut().for_each(fix);
        n.tuple.iter_mut().for_each(fix);
        n.additional_items.iter_mut().for_each(fix);
        n.all_of.iter_mut().for_each(fix);
        n.any_of.iter_mut().for_each(fix);
        n.one_of.iter_mut().for_each(fix);
    }
}

/// Whether every path of same-value edges is acyclic and follows at most [`MAX_HOPS`]
/// references.
fn hop_limit_unreachable(nodes: &[Node]) -> bool {
    #[derive(Clone, Copy)]
    enum State {
        New,
        Busy,
        Done(u32),
    }
    /// The most references on a same-value path from `id`; `None` on a cycle.
    fn longest(nodes: &[Node], state: &mut [State], id: NodeId) -> Option<u32> {
        match state[id] {
            State::Done(n) => return Some(n),
            State::Busy => return None,
            State::New => state[id] = State::Busy,
        }
        let n = &nodes[id];
        let mut most = 0;
        if let Some(target) = n.reference {
            most = longest(nodes, state, target)? + 1;
        }
        for &next in n.all_of.iter().chain(&n.any_of).chain(&n.one_of).chain(&n.not) {
            most = most.max(longest(nodes, state, next)?);
        }
        state[id] = State::Done(most);
        Some(most)
    }
    let mut state = vec![State::New; nodes.len()];
    (0..nodes.len()).all(|id| longest(nodes, &mut state, id).is_some_and(|n| n <= MAX_HOPS))
}

/// For each node, `Some(types)` when the node states nothing but its allowed types (0: any
/// type): such a node accepts a value exactly when the value's type is allowed, which the
/// validator tests without a call.
pub(super) fn type_only(nodes: &[Node]) -> Vec<Option<u8>> {
    nodes
        .iter()
        .map(|n| {
            let only_types = !n.reject_all
                && n.reference.is_none()
                && n.enumeration.is_none()
                && n.constant.is_none()
                && n.required.is_empty()
                && n.min_properties.is_none()
                && n.max_properties.is_none()
                && n.properties.is_empty()
                && n.pattern_properties.is_empty()
                && matches!(n.additional, Additional::Any)
                && n.items.is_none()
                && n.tuple.is_empty()
                && n.additional_items.is_none()
                && n.min_items.is_none()
                && n.max_items.is_none()
                && !n.unique_items
                && n.min_length.is_none()
                && n.max_length.is_none()
                && n.pattern.is_none()
                && n.minimum.is_none()
                && n.maximum.is_none()
                && n.multiple_of.is_none()
                && n.all_of.is_empty()
                && n.any_of.is_empty()
                && n.one_of.is_empty()
                && n.not.is_none();
            only_types.then_some(n.types)
        })
        .collect()
}

/// Whether a type-only node accepts `inst` (see [`type_only`]).
pub(super) fn type_accepts(types: u8, inst: &Value) -> bool {
    types == 0 || types & instance_type(inst) != 0
}
