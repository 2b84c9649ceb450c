//! What the admins' companies page shows of the imports: the company alias table and the
//! last InnerSource Patterns import's review list.

use serde::{Deserialize, Serialize};

/// Another spelling of a company's name and the name it stands for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AliasView {
    pub alias: String,
    pub name: String,
}

/// Something the Patterns import could not read with confidence, left out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewItem {
    /// The pattern file, relative to the checkout.
    pub file: String,
    pub what: String,
}
