//! `x-ms-*` extensions: dynamic values, webhooks, paging (catalog §2.7, SW158–SW169).

use crate::Rule;

/// The rules of this group.
pub(crate) static RULES: &[&dyn Rule] = &[];
