//! Analysis: what a policy decides over every request it can tell apart,
//! rather than for one. Three of its files each extend
//! [`Policy`](crate::Policy) with one method, named at the top of the file.
//!
//! - [`Policy::analyze`](crate::Policy::analyze) and its [`Warning`]s:
//!   rules that can never decide (`warnings`);
//! - [`Policy::decision_table`](crate::Policy::decision_table) and its
//!   [`DecisionTable`] (`table`);
//! - [`Policy::what_would_change`](crate::Policy::what_would_change) and its
//!   [`Change`]s (`change`), which probes the policy itself;
//! - the engine the first two share (`engine`): the finite space of
//!   requests, rule conditions compiled to formulas over it, and an
//!   explorer that cuts it into pieces. Its items are private to this
//!   folder.

mod change;
mod engine;
mod table;
mod warnings;

pub use change::{Change, FactChange};
pub use table::{DecisionTable, TableRow};
pub use warnings::{AnalysisError, Warning};
