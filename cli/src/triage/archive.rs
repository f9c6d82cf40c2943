//! The LinkedIn data archive ("Get a copy of your data"): the unzipped
//! folder or the downloaded `.zip`, read in place. Each file it may hold is
//! an [`ExportFile`]; any of them may be missing.

use std::collections::HashMap;
use std::fs::File;
use std::io::{BufReader, Read};
use std::path::{Path, PathBuf};

use crate::error::{Error, excerpt};

/// The files of the archive that triage reads, named once here.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ExportFile {
    /// `Invitations.csv`: the invitations to triage.
    Invitations,
    /// `messages.csv`: who spoke with whom.
    Messages,
    /// Recommendations written for you.
    RecommendationsReceived,
    /// Recommendations you wrote.
    RecommendationsGiven,
    /// Endorsements of your skills.
    EndorsementsReceived,
    /// Endorsements you gave.
    EndorsementsGiven,
    /// `Connections.csv`: your connections.
    Connections,
    /// `Positions.csv`: where you worked.
    Positions,
}

impl ExportFile {
    /// Every file, in the order the summary lists them.
    pub const ALL: [ExportFile; 8] = [
        ExportFile::Invitations,
        ExportFile::Messages,
        ExportFile::RecommendationsReceived,
        ExportFile::RecommendationsGiven,
        ExportFile::EndorsementsReceived,
        ExportFile::EndorsementsGiven,
        ExportFile::Connections,
        ExportFile::Positions,
    ];

    /// The file's name as LinkedIn writes it (found in any case).
    pub fn name(self) -> &'static str {
        match self {
            ExportFile::Invitations => "Invitations.csv",
            ExportFile::Messages => "messages.csv",
            ExportFile::RecommendationsReceived => "Recommendations_Received.csv",
            ExportFile::RecommendationsGiven => "Recommendations_Given.csv",
            ExportFile::EndorsementsReceived => "Endorsement_Received_Info.csv",
            ExportFile::EndorsementsGiven => "Endorsement_Given_Info.csv",
            ExportFile::Connections => "Connections.csv",
            ExportFile::Positions => "Positions.csv",
        }
    }

    fn from_name(name: &str) -> Option<ExportFile> {
        ExportFile::ALL
            .into_iter()
            .find(|f| f.name().eq_ignore_ascii_case(name))
    }
}

/// An archive, folder or zip, with where each known file is in it.
#[derive(Debug)]
pub struct Archive {
    path: PathBuf,
    kind: Kind,
}

#[derive(Debug)]
enum Kind {
    Folder(HashMap<ExportFile, PathBuf>),
    // The entry index of each file; the zip is reopened for each file, as
    // an entry's reader borrows its archive.
    Zip(HashMap<ExportFile, usize>),
}

impl Archive {
    /// Finds the known files at the top level of a folder or a `.zip`.
    /// Two entries with the same name but for case are an error: which one
    /// LinkedIn meant cannot be told.
    pub fn open(path: &Path) -> Result<Archive, Error> {
        let shown = path.display().to_string();
        let read_error = |source| Error::Read {
            what: "export",
            path: shown.clone(),
            source,
        };
        let metadata = std::fs::metadata(path).map_err(read_error)?;
        let kind = if metadata.is_dir() {
            let mut found = HashMap::new();
            for entry in std::fs::read_dir(path).map_err(read_error)? {
                let entry = entry.map_err(read_error)?;
                let name = entry.file_name().to_string_lossy().into_owned();
                if let Some(file) = ExportFile::from_name(&name) {
                    insert_once(&mut found, file, entry.path(), &shown)?;
                }
            }
            Kind::Folder(found)
        } else {
            let zip = open_zip(path)?;
            let mut found = HashMap::new();
            for index in 0..zip.len() {
                let Some(file) = zip.name_for_index(index).and_then(ExportFile::from_name) else {
                    continue;
                };
                insert_once(&mut found, file, index, &shown)?;
            }
            Kind::Zip(found)
        };
        Ok(Archive {
            path: path.to_owned(),
            kind,
        })
    }

    /// The archive as given on the command line.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Whether the archive has `file`.
    pub fn has(&self, file: ExportFile) -> bool {
        match &self.kind {
            Kind::Folder(found) => found.contains_key(&file),
            Kind::Zip(found) => found.contains_key(&file),
        }
    }

    /// Streams `file` through `read`, with the name to give it in
    /// messages; `None` when the archive does not have it. Nothing is
    /// extracted to disk: a zip entry is decompressed as it is read.
    pub fn read_file<T>(
        &self,
        file: ExportFile,
        read: impl FnOnce(&mut dyn Read, &str) -> Result<T, Error>,
    ) -> Result<Option<T>, Error> {
        match &self.kind {
            Kind::Folder(found) => {
                let Some(path) = found.get(&file) else {
                    return Ok(None);
                };
                let name = path.display().to_string();
                let reader = File::open(path).map_err(|source| Error::Read {
                    what: file.name(),
                    path: name.clone(),
                    source,
                })?;
                read(&mut BufReader::new(reader), &name).map(Some)
            }
            Kind::Zip(found) => {
                let Some(&index) = found.get(&file) else {
                    return Ok(None);
                };
                let shown = self.path.display().to_string();
                let mut zip = open_zip(&self.path)?;
                let mut entry = zip.by_index(index).map_err(|e| Error::Archive {
                    path: shown.clone(),
                    message: format!("entry `{}`: {e}", file.name()),
                })?;
                read(&mut entry, &format!("{shown}/{}", file.name())).map(Some)
            }
        }
    }
}

fn insert_once<T>(
    found: &mut HashMap<ExportFile, T>,
    file: ExportFile,
    at: T,
    archive: &str,
) -> Result<(), Error> {
    if found.insert(file, at).is_some() {
        return Err(Error::Archive {
            path: archive.to_owned(),
            message: format!(
                "it holds `{}` twice (names differing only in case): keep one",
                file.name()
            ),
        });
    }
    Ok(())
}

fn open_zip(path: &Path) -> Result<zip::ZipArchive<BufReader<File>>, Error> {
    let shown = path.display().to_string();
    let file = File::open(path).map_err(|source| Error::Read {
        what: "export",
        path: shown.clone(),
        source,
    })?;
    zip::ZipArchive::new(BufReader::new(file)).map_err(|e| Error::Archive {
        path: shown,
        message: format!(
            "{}; give the `.zip` LinkedIn sent, or the folder it unzips to",
            excerpt(&e.to_string(), 200)
        ),
    })
}
