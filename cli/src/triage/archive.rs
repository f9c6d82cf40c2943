//! The LinkedIn data archive ("Get a copy of your data"): the unzipped
//! folder or the downloaded `.zip`, read in place. Each file it may hold is
//! an [`ExportFile`]; any of them may be missing.

use std::collections::HashMap;
use std::fs::File;
use std::io::{BufReader, Read, Seek, SeekFrom};
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

/// The most an export file may hold once unzipped, in megabytes, unless
/// `--max-file-mb` says otherwise: LinkedIn's own files are a few megabytes
/// for most people, and a zip that inflates a thousandfold is refused
/// rather than read into memory.
pub const MAX_FILE_MB: u64 = 256;

/// How deep in the folders of an archive its files are looked for: the
/// export's own files are at the top, or in one folder when it was zipped
/// again.
const MAX_DEPTH: usize = 3;

/// An archive, folder or zip, with where each known file is in it.
#[derive(Debug)]
pub struct Archive {
    path: PathBuf,
    kind: Kind,
    /// The most bytes a file may hold once unzipped.
    limit_mb: u64,
}

#[derive(Debug)]
enum Kind {
    Folder(HashMap<ExportFile, PathBuf>),
    // The entry's name of each file; the zip is reopened for each file, as
    // an entry's reader borrows its archive.
    Zip(HashMap<ExportFile, String>),
}

impl Archive {
    /// Finds the known files of a folder or a `.zip`, at the top or in a
    /// folder of it (up to three deep). A file found twice (in two folders,
    /// under names differing only in case, or as two entries of one name
    /// in a zip) is an error naming both places: which one LinkedIn meant
    /// cannot be told. Files are read later, each refused past `limit_mb`
    /// megabytes once unzipped.
    pub fn open(path: &Path, limit_mb: u64) -> Result<Archive, Error> {
        let shown = path.display().to_string();
        let read_error = |source| Error::Read {
            what: "export",
            path: shown.clone(),
            source,
        };
        let metadata = std::fs::metadata(path).map_err(read_error)?;
        let kind = if metadata.is_dir() {
            let mut found = HashMap::new();
            find_in_folder(path, 0, &mut found, &shown)?;
            Kind::Folder(found)
        } else {
            // The zip crate's checks first, and its messages; then every
            // entry of the directory it reads, from the end record it chose
            // (found by its comment, which runs to the end of the file).
            let zip = open_zip(path)?;
            let names = zip_entry_names(path, zip.comment().len())?;
            let mut found: HashMap<ExportFile, String> = HashMap::new();
            for name in names {
                let base = name.rsplit(['/', '\\']).next().unwrap_or(&name);
                let depth = name.matches(['/', '\\']).count();
                let Some(file) = ExportFile::from_name(base).filter(|_| depth <= MAX_DEPTH) else {
                    continue;
                };
                if let Some(first) = found.get(&file) {
                    return Err(twice(&shown, file, first, &name));
                }
                found.insert(file, name);
            }
            Kind::Zip(found)
        };
        Ok(Archive {
            path: path.to_owned(),
            kind,
            limit_mb,
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
    /// extracted to disk: a zip entry is decompressed as it is read, and
    /// refused once past the limit.
    pub fn read_file<T>(
        &self,
        file: ExportFile,
        read: impl FnOnce(&mut dyn Read, &str) -> Result<T, Error>,
    ) -> Result<Option<T>, Error> {
        let limit = self.limit_mb.saturating_mul(1 << 20);
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
                self.capped(BufReader::new(reader), limit, &name, read)
            }
            Kind::Zip(found) => {
                let Some(entry_name) = found.get(&file) else {
                    return Ok(None);
                };
                let shown = self.path.display().to_string();
                let name = format!("{shown}/{entry_name}");
                let mut zip = open_zip(&self.path)?;
                let entry = zip.by_name(entry_name).map_err(|e| Error::Archive {
                    path: shown.clone(),
                    message: format!("entry `{entry_name}`: {e}"),
                })?;
                // The size the zip declares, refused at once; the reader
                // below holds to the limit whatever it declares.
                if entry.size() > limit {
                    return Err(self.too_large(name));
                }
                self.capped(entry, limit, &name, read)
            }
        }
    }

    fn capped<R: Read, T>(
        &self,
        reader: R,
        limit: u64,
        name: &str,
        read: impl FnOnce(&mut dyn Read, &str) -> Result<T, Error>,
    ) -> Result<Option<T>, Error> {
        let mut capped = Capped {
            inner: reader,
            left: limit,
            passed: false,
        };
        let result = read(&mut capped, name);
        if capped.passed {
            return Err(self.too_large(name.to_owned()));
        }
        result.map(Some)
    }

    fn too_large(&self, path: String) -> Error {
        Error::TooLarge {
            path,
            limit_mb: self.limit_mb,
            flag: "--max-file-mb",
        }
    }
}

/// A reader that fails once more than `left` bytes have come through.
struct Capped<R> {
    inner: R,
    left: u64,
    passed: bool,
}

impl<R: Read> Read for Capped<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        match self.left.checked_sub(n as u64) {
            Some(left) => {
                self.left = left;
                Ok(n)
            }
            None => {
                self.passed = true;
                Err(std::io::Error::other("past the size limit"))
            }
        }
    }
}

/// The known files of a folder and of its folders, up to [`MAX_DEPTH`].
fn find_in_folder(
    dir: &Path,
    depth: usize,
    found: &mut HashMap<ExportFile, PathBuf>,
    archive: &str,
) -> Result<(), Error> {
    let read_error = |source| Error::Read {
        what: "export",
        path: dir.display().to_string(),
        source,
    };
    for entry in std::fs::read_dir(dir).map_err(read_error)? {
        let entry = entry.map_err(read_error)?;
        let path = entry.path();
        let kind = entry.file_type().map_err(read_error)?;
        if kind.is_dir() && depth < MAX_DEPTH {
            find_in_folder(&path, depth + 1, found, archive)?;
            continue;
        }
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(file) = ExportFile::from_name(&name) else {
            continue;
        };
        if let Some(first) = found.get(&file) {
            let relative = |p: &Path| p.strip_prefix(archive).unwrap_or(p).display().to_string();
            return Err(twice(archive, file, &relative(first), &relative(&path)));
        }
        found.insert(file, path);
    }
    Ok(())
}

fn twice(archive: &str, file: ExportFile, first: &str, second: &str) -> Error {
    Error::Archive {
        path: archive.to_owned(),
        message: format!(
            "it holds `{}` twice, as `{first}` and as `{second}`: keep one",
            file.name()
        ),
    }
}

/// The name of every entry of a zip's central directory, in order, repeats
/// included: the zip crate keeps only the last entry of a name, and a
/// second `Invitations.csv` must not be dropped unseen. Read from the end
/// of the file (the end-of-central-directory record, zip64 when it says
/// so), in time linear in the directory's size.
fn zip_entry_names(path: &Path, comment_len: usize) -> Result<Vec<String>, Error> {
    let shown = path.display().to_string();
    let read_error = |source| Error::Read {
        what: "export",
        path: shown.clone(),
        source,
    };
    let bad = |what: &str| Error::Archive {
        path: shown.clone(),
        message: format!("{what}; give the `.zip` LinkedIn sent, or the folder it unzips to"),
    };
    let mut file = File::open(path).map_err(read_error)?;
    let len = file.metadata().map_err(read_error)?.len();
    // The end record is 22 bytes and a comment of at most 65,535.
    let tail_len = len.min(22 + 65_535);
    let mut tail = vec![0; tail_len as usize];
    file.seek(SeekFrom::Start(len - tail_len))
        .map_err(read_error)?;
    file.read_exact(&mut tail).map_err(read_error)?;
    // The end record the zip crate read: its comment runs to the end of
    // the file. (Scanning back for a signature could find one inside a
    // comment, and a directory other than the one the crate reads.)
    let at = tail
        .len()
        .checked_sub(22 + comment_len)
        .filter(|&at| tail[at..].starts_with(b"PK\x05\x06"))
        .ok_or_else(|| bad("not a zip archive (no end of central directory)"))?;
    let u16_at = |b: &[u8], i: usize| {
        b.get(i..i + 2)
            .map_or(0, |x| u16::from_le_bytes([x[0], x[1]]) as u64)
    };
    let u32_at = |b: &[u8], i: usize| {
        b.get(i..i + 4)
            .map_or(0, |x| u32::from_le_bytes([x[0], x[1], x[2], x[3]]) as u64)
    };
    let u64_at = |b: &[u8], i: usize| {
        b.get(i..i + 8).map_or(0, |x| {
            u64::from_le_bytes([x[0], x[1], x[2], x[3], x[4], x[5], x[6], x[7]])
        })
    };
    let end = &tail[at..];
    let (mut entries, mut size) = (u16_at(end, 10), u32_at(end, 12));
    let end_at = len - tail_len + at as u64;
    let mut dir_end = end_at;
    if entries == 0xFFFF || size == 0xFFFF_FFFF {
        // Zip64: the locator, 20 bytes before, gives its end record.
        let locator = at
            .checked_sub(20)
            .filter(|&l| tail[l..].starts_with(b"PK\x06\x07"))
            .ok_or_else(|| bad("a zip64 archive without its locator"))?;
        let record_at = u64_at(&tail[locator..], 8);
        let mut record = [0u8; 56];
        file.seek(SeekFrom::Start(record_at)).map_err(read_error)?;
        file.read_exact(&mut record).map_err(read_error)?;
        if !record.starts_with(b"PK\x06\x06") {
            return Err(bad("a zip64 archive with a broken end record"));
        }
        entries = u64_at(&record, 32);
        size = u64_at(&record, 40);
        dir_end = record_at;
    }
    let start = dir_end
        .checked_sub(size)
        .ok_or_else(|| bad("a central directory larger than the file"))?;
    let mut dir = Vec::new();
    file.seek(SeekFrom::Start(start)).map_err(read_error)?;
    (&mut file)
        .take(size)
        .read_to_end(&mut dir)
        .map_err(read_error)?;
    // Each entry is at least 46 bytes: a count past that is a lie.
    let mut names = Vec::with_capacity(entries.min(dir.len() as u64 / 46) as usize);
    let mut i = 0;
    while i + 46 <= dir.len() && dir[i..].starts_with(b"PK\x01\x02") {
        let name_len = u16_at(&dir, i + 28) as usize;
        let extra_len = u16_at(&dir, i + 30) as usize;
        let comment_len = u16_at(&dir, i + 32) as usize;
        let name = dir
            .get(i + 46..i + 46 + name_len)
            .ok_or_else(|| bad("a central directory entry cut short"))?;
        names.push(String::from_utf8_lossy(name).into_owned());
        i += 46 + name_len + extra_len + comment_len;
    }
    Ok(names)
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
