//! Schemas and `$ref` (catalog §2.6, SW130–SW155).

use crate::Rule;

/// The rules of this group.
pub(crate) static RULES: &[&dyn Rule] = &[];
