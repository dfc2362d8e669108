//! Strings and language (catalog §2.9, SW180–SW185).

use crate::Rule;

/// The rules of this group.
pub(crate) static RULES: &[&dyn Rule] = &[];
