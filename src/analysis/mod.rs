//! Analysis: what a policy decides over every request it can tell apart,
//! rather than for one. Four of its files each extend
//! [`Policy`](crate::Policy) with one method, named at the top of the file.
//!
//! - [`Policy::analyze`](crate::Policy::analyze) and its [`Warning`]s:
//!   rules that can never decide (`warnings`);
//! - [`Policy::decision_table`](crate::Policy::decision_table) and its
//!   [`DecisionTable`] (`table`);
//! - [`Policy::diff`](crate::Policy::diff) and its [`PolicyDiff`]: where
//!   two policies decide differently (`diff`), its rows built and printed
//!   as the decision table's are;
//! - the facts of a table's or a diff's row as data, [`FactCell`]s of
//!   condition keys and [`FactValue`]s (`cells`);
//! - [`Policy::ask`] and its [`AskTree`]: the fewest questions that decide
//!   an invitation when some facts are not known (`ask`), which probes the
//!   policy itself;
//! - [`Policy::what_would_change`](crate::Policy::what_would_change) and its
//!   [`Change`]s (`change`), which probes the policy itself;
//! - the engine the analyses share (`engine`): the finite space of
//!   requests of one policy or two, rule conditions compiled to formulas
//!   over it, and an explorer that cuts it into pieces. Its items are
//!   private to this folder.

mod ask;
mod cells;
mod change;
mod diff;
mod engine;
mod table;
mod warnings;

pub use ask::{Answer, AnswerValue, AskNode, AskTree, Fact, Question};
pub use cells::{FactCell, FactValue};
pub use change::{Change, FactChange};
pub use diff::{DiffRow, PolicyDiff};
pub use table::{DecisionTable, TableRow};
pub use warnings::{AnalysisError, Warning};
