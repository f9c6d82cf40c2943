//! `acquaint triage`: the invitations of a LinkedIn data export, decided.
//!
//! `archive` finds the files of the export (folder or zip), `table` reads
//! a CSV file by column name, `export` reads `Invitations.csv`, `known`
//! infers facts from the other files, `people` reads the people file,
//! `report` decides and prints, `template` writes a people file, `ask`
//! asks what decides each invitation (reading answers with `keys` and
//! writing them with `record`), and `run` ties them to the flags.

pub mod archive;
pub mod ask;
pub mod export;
pub mod keys;
pub mod known;
pub mod people;
pub mod record;
pub mod report;
pub mod run;
pub mod table;
pub mod template;
