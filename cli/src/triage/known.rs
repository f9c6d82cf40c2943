//! What the rest of the archive says about people, and what may be inferred
//! from it. Conservative, as the philosophy is ("being nice is not a
//! reason"):
//!
//! - a conversation in which both of you wrote: you have at least *spoken*
//!   (never *met*: messaging is not meeting); one-sided messages infer
//!   nothing;
//! - a recommendation they wrote for you: their view of your work is
//!   positive; one you wrote for them: yours is. Neither says whether you met,
//!   so each comes with a hint;
//! - endorsements are one click, often returned out of courtesy: context
//!   only;
//! - a connection at a company you worked at (`Positions.csv`): a hint.
//!
//! People are joined by profile URL where the file has one, else by name
//! (folded as in the people file); a name that two profile URLs share is
//! ambiguous and infers nothing.

use std::collections::{HashMap, HashSet};
use std::io::Read;

use acquaint::{Acquaintance, Contact, Direction, View};

use crate::error::{Error, excerpt};
use crate::triage::archive::{Archive, ExportFile};
use crate::triage::export::Invitation;
use crate::triage::people::{Match, People, name_key, url_key};
use crate::triage::table::{Column, Table};

/// The source of a fact the people file gives.
pub const PEOPLE_FILE: &str = "your people file";

/// A fact about a person and where it came from.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Fact {
    /// The people file's field, such as `acquaintance`.
    pub fact: String,
    /// Its value, as the people file writes it.
    pub value: String,
    /// Where it came from: a file of the export and what it holds, or the
    /// people file.
    pub source: String,
}

/// Everything known of one person, with where each piece came from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Known {
    /// The facts decided on: from the people file, or inferred.
    pub facts: Vec<Fact>,
    /// What the export holds but does not allow to infer, and why.
    pub not_inferred: Vec<String>,
    /// What the user could tell, in the people file, to decide better.
    pub hints: Vec<String>,
    /// What the export says that changes no fact (endorsements).
    pub context: Vec<String>,
}

/// A connection, from `Connections.csv`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Connection {
    /// The line of `Connections.csv`, from 1.
    pub line: u64,
    /// Their name.
    pub name: String,
    /// Their profile URL, or empty.
    pub url: String,
    /// Their company, or empty.
    pub company: String,
    /// `2024-01-15`, from `15 Jan 2024`.
    pub connected_on: Option<String>,
}

/// What one person's rows of the export add up to.
#[derive(Debug, Clone, Default)]
struct Evidence {
    /// Conversations in which both of you wrote, and the last day of one.
    both_wrote: u32,
    last_both: String,
    only_they_wrote: u32,
    only_i_wrote: u32,
    recommended_me: u32,
    i_recommended: u32,
    endorsed_me: Skills,
    i_endorsed: Skills,
    /// Their company, from `Connections.csv`.
    company: String,
}

/// Endorsed skills: a few kept for the message, all counted.
#[derive(Debug, Clone, Default)]
struct Skills {
    shown: Vec<String>,
    count: u32,
}

impl Skills {
    const SHOWN: usize = 3;

    fn add(&mut self, skill: &str) {
        self.count = self.count.saturating_add(1);
        if self.shown.len() < Skills::SHOWN {
            self.shown.push(excerpt(skill, 60));
        }
    }

    fn merge(&mut self, other: &Skills) {
        let room = Skills::SHOWN.saturating_sub(self.shown.len());
        self.shown.extend(other.shown.iter().take(room).cloned());
        self.count = self.count.saturating_add(other.count);
    }

    fn describe(&self) -> String {
        let mut s = self.shown.join(", ");
        let more = (self.count as usize).saturating_sub(self.shown.len());
        if more > 0 {
            s.push_str(&format!(" and {more} more"));
        }
        s
    }
}

/// The profile URLs seen for one name: enough to tell one from several.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Urls {
    One(String),
    Several,
}

/// Who I am in the export, as the invitations tell.
#[derive(Debug, Default)]
struct Me {
    urls: HashSet<String>,
    names: HashSet<String>,
}

/// Everything the archive says about people, ready to look up.
#[derive(Debug, Default)]
pub struct Knowledge {
    by_url: HashMap<String, Evidence>,
    by_name: HashMap<String, Evidence>,
    names: HashMap<String, Urls>,
    /// Folded company name -> as `Positions.csv` writes it.
    my_companies: HashMap<String, String>,
    /// The connections, in the file's order.
    pub connections: Vec<Connection>,
    /// Each file read, and its number of rows.
    pub rows: HashMap<ExportFile, usize>,
    /// Things worth saying about the export as a whole.
    pub notes: Vec<String>,
}

impl Knowledge {
    /// Nothing known: everyone not in the people file is a stranger.
    pub fn empty() -> Knowledge {
        Knowledge::default()
    }

    /// Knows only the invitations: who is named with which profile URL,
    /// so that two people of one name are told apart without an export.
    pub fn of_invitations(invitations: &[Invitation]) -> Knowledge {
        let mut k = Knowledge::default();
        for i in invitations {
            k.index(i.contact_name(), i.contact_url());
        }
        k
    }

    /// Whether people of this name come with more than one profile URL.
    fn namesakes(&self, name: &str) -> bool {
        name_key(name).is_some_and(|n| matches!(self.names.get(&n), Some(Urls::Several)))
    }

    /// Reads every file of the archive but `Invitations.csv`, which the
    /// caller read: the invitations tell who I am.
    pub fn read(archive: &Archive, invitations: &[Invitation]) -> Result<Knowledge, Error> {
        let mut k = Knowledge::default();
        let mut me = Me::default();
        for i in invitations {
            let (my_name, my_url) = match i.direction {
                Direction::Incoming => (&i.to, &i.invitee_url),
                Direction::Outgoing => (&i.from, &i.inviter_url),
            };
            me.urls.extend(url_key(my_url));
            me.names.extend(name_key(my_name));
            k.index(i.contact_name(), i.contact_url());
        }
        for file in ExportFile::ALL {
            let rows = archive.read_file(file, |reader, path| match file {
                ExportFile::Invitations => Ok(invitations.len()),
                ExportFile::Messages => k.read_messages(reader, path, &me),
                ExportFile::RecommendationsReceived => k.read_recommendations(reader, path, true),
                ExportFile::RecommendationsGiven => k.read_recommendations(reader, path, false),
                ExportFile::EndorsementsReceived => k.read_endorsements(reader, path, true),
                ExportFile::EndorsementsGiven => k.read_endorsements(reader, path, false),
                ExportFile::Connections => k.read_connections(reader, path),
                ExportFile::Positions => k.read_positions(reader, path),
            })?;
            if let Some(rows) = rows {
                k.rows.insert(file, rows);
            }
        }
        Ok(k)
    }

    /// Notes that `name` has the profile URL `url`, so that rows naming
    /// only the name can be joined, and two people of one name told apart.
    fn index(&mut self, name: &str, url: &str) {
        let (Some(name), Some(url)) = (name_key(name), url_key(url)) else {
            return;
        };
        match self.names.get_mut(&name) {
            None => {
                self.names.insert(name, Urls::One(url));
            }
            Some(Urls::One(seen)) if *seen != url => {
                self.names.insert(name, Urls::Several);
            }
            Some(_) => {}
        }
    }

    /// The evidence for a person: by URL when there is one, else by name.
    fn evidence(&mut self, name: &str, url: &str) -> Option<&mut Evidence> {
        if let Some(url) = url_key(url) {
            return Some(self.by_url.entry(url).or_default());
        }
        let name = name_key(name)?;
        Some(self.by_name.entry(name).or_default())
    }

    fn read_messages(
        &mut self,
        reader: &mut dyn Read,
        path: &str,
        me: &Me,
    ) -> Result<usize, Error> {
        const ID: usize = 0;
        const FROM: usize = 1;
        const FROM_URL: usize = 2;
        const TO: usize = 3;
        const TO_URLS: usize = 4;
        const DATE: usize = 5;
        const COLUMNS: [Column; 6] = [
            Column::required("CONVERSATION ID"),
            Column::required("FROM"),
            Column::optional("SENDER PROFILE URL"),
            Column::required("TO"),
            Column::optional("RECIPIENT PROFILE URLS").or(&["RECIPIENT PROFILE URL"]),
            Column::optional("DATE"),
        ];

        /// One conversation: who wrote, who was in it, its last day.
        #[derive(Default)]
        struct Conversation {
            writers: HashSet<u32>,
            members: HashSet<u32>,
            last: String,
        }
        // People are interned: a conversation holds small numbers, not
        // names, however many messages it has.
        let mut ids: HashMap<Who, u32> = HashMap::new();
        let mut who: Vec<Who> = Vec::new();
        let mut intern = |w: Who| -> u32 {
            *ids.entry(w).or_insert_with_key(|w| {
                who.push(w.clone());
                u32::try_from(who.len() - 1).unwrap_or(u32::MAX)
            })
        };
        let mut conversations: HashMap<String, Conversation> = HashMap::new();
        // Me, by URL when my URL is known and the row gives one, else by
        // name: an older `Invitations.csv` has no URLs, while a newer
        // `messages.csv` gives the sender's.
        let is_me = |name: &str, url: &str| match url_key(url) {
            Some(url) if !me.urls.is_empty() => me.urls.contains(&url),
            _ => name_key(name).is_some_and(|n| me.names.contains(&n)),
        };
        let mut mine_by_row: HashSet<u32> = HashSet::new();

        let mut table = open(reader, path, &COLUMNS, 0)?;
        let mut rows = 0;
        while table.next_row()? {
            rows += 1;
            let conversation = conversations.entry(table.get(ID).to_owned()).or_default();
            let date = day(table.get(DATE));
            if date > conversation.last.as_str() {
                conversation.last = date.to_owned();
            }
            let (from, from_url) = (table.get(FROM), table.get(FROM_URL));
            self.index(from, from_url);
            if let Some(sender) = Who::new(from, from_url) {
                let id = intern(sender);
                conversation.writers.insert(id);
                conversation.members.insert(id);
                if is_me(from, from_url) {
                    mine_by_row.insert(id);
                }
            }
            // Recipients are listed with commas; names are paired with
            // URLs only when both lists have the same length.
            let urls: Vec<&str> = table
                .get(TO_URLS)
                .split([',', ' ', '\n'])
                .filter(|u| !u.trim().is_empty())
                .collect();
            let names: Vec<&str> = table.get(TO).split(',').map(str::trim).collect();
            if urls.is_empty() {
                for name in names {
                    if let Some(w) = Who::new(name, "") {
                        conversation.members.insert(intern(w));
                    }
                }
            } else {
                let paired = names.len() == urls.len();
                for (i, url) in urls.iter().enumerate() {
                    let name = if paired { names[i] } else { "" };
                    if paired {
                        self.index(name, url);
                    }
                    if let Some(w) = Who::new("", url) {
                        let id = intern(w);
                        conversation.members.insert(id);
                        if is_me(name, url) {
                            mine_by_row.insert(id);
                        }
                    }
                }
            }
        }

        let mut mine: HashSet<u32> = who
            .iter()
            .enumerate()
            .filter(|(_, w)| match w {
                Who::Url(u) => me.urls.contains(u),
                Who::Name(n) => me.names.contains(n),
            })
            .filter_map(|(i, _)| u32::try_from(i).ok())
            .chain(mine_by_row)
            .collect();
        if me.urls.is_empty() && me.names.is_empty() && !conversations.is_empty() {
            // No invitations to tell who I am: I am in every conversation
            // of my own export, so take whoever is in the most, if only one
            // person is.
            let mut count: HashMap<u32, usize> = HashMap::new();
            for c in conversations.values() {
                for &m in &c.members {
                    *count.entry(m).or_default() += 1;
                }
            }
            let most = count.values().copied().max().unwrap_or(0);
            let top: Vec<u32> = count
                .iter()
                .filter(|&(_, &n)| n == most)
                .map(|(&id, _)| id)
                .take(2)
                .collect();
            match top.as_slice() {
                [one] => {
                    mine.insert(*one);
                }
                _ => {
                    self.notes.push(format!(
                        "`{path}`: no conversation used: without `Invitations.csv` I cannot \
                         tell which sender is you"
                    ));
                    return Ok(rows);
                }
            }
        }

        for c in conversations.values() {
            let i_wrote = c.writers.iter().any(|w| mine.contains(w));
            for &w in &c.writers {
                if mine.contains(&w) {
                    continue;
                }
                let e = self.evidence_of(&who[w as usize]);
                if i_wrote {
                    e.both_wrote += 1;
                    if c.last > e.last_both {
                        e.last_both.clone_from(&c.last);
                    }
                } else {
                    e.only_they_wrote += 1;
                }
            }
            if i_wrote {
                for &m in &c.members {
                    if !mine.contains(&m) && !c.writers.contains(&m) {
                        self.evidence_of(&who[m as usize]).only_i_wrote += 1;
                    }
                }
            }
        }
        Ok(rows)
    }

    fn evidence_of(&mut self, who: &Who) -> &mut Evidence {
        match who {
            Who::Url(u) => self.by_url.entry(u.clone()).or_default(),
            Who::Name(n) => self.by_name.entry(n.clone()).or_default(),
        }
    }

    fn read_recommendations(
        &mut self,
        reader: &mut dyn Read,
        path: &str,
        received: bool,
    ) -> Result<usize, Error> {
        const COLUMNS: [Column; 2] = [
            Column::required("First Name"),
            Column::required("Last Name"),
        ];
        let mut table = open(reader, path, &COLUMNS, 0)?;
        let mut rows = 0;
        while table.next_row()? {
            rows += 1;
            // They name people, not profile URLs: joined by name.
            let name = full_name(table.get(0), table.get(1));
            if let Some(e) = self.evidence(&name, "") {
                if received {
                    e.recommended_me += 1;
                } else {
                    e.i_recommended += 1;
                }
            }
        }
        Ok(rows)
    }

    fn read_endorsements(
        &mut self,
        reader: &mut dyn Read,
        path: &str,
        received: bool,
    ) -> Result<usize, Error> {
        const RECEIVED: [Column; 4] = [
            Column::required("Skill Name"),
            Column::required("Endorser First Name"),
            Column::required("Endorser Last Name"),
            Column::optional("Endorser Public Url"),
        ];
        const GIVEN: [Column; 4] = [
            Column::required("Skill Name"),
            Column::required("Endorsee First Name"),
            Column::required("Endorsee Last Name"),
            Column::optional("Endorsee Public Url"),
        ];
        let columns = if received { &RECEIVED } else { &GIVEN };
        let mut table = open(reader, path, columns, 0)?;
        let mut rows = 0;
        while table.next_row()? {
            rows += 1;
            let name = full_name(table.get(1), table.get(2));
            let url = table.get(3);
            self.index(&name, url);
            let skill = table.get(0);
            if let Some(e) = self.evidence(&name, url) {
                if received {
                    e.endorsed_me.add(skill);
                } else {
                    e.i_endorsed.add(skill);
                }
            }
        }
        Ok(rows)
    }

    fn read_connections(&mut self, reader: &mut dyn Read, path: &str) -> Result<usize, Error> {
        const COLUMNS: [Column; 5] = [
            Column::required("First Name"),
            Column::required("Last Name"),
            Column::required("URL").or(&["Profile URL"]),
            Column::optional("Company"),
            Column::optional("Connected On"),
        ];
        // LinkedIn starts the file with a few lines of notes.
        let mut table = open(reader, path, &COLUMNS, 8)?;
        while table.next_row()? {
            let name = full_name(table.get(0), table.get(1));
            let url = table.get(2).to_owned();
            let company = table.get(3).to_owned();
            let connected_on = match table.get(4) {
                "" => None,
                text => Some(connected_on(text).ok_or_else(|| {
                    table.bad(
                        "Connected On",
                        format_args!("`{}` is not a date like `15 Jan 2024`", excerpt(text, 40)),
                    )
                })?),
            };
            self.index(&name, &url);
            if !company.is_empty() {
                if let Some(e) = self.evidence(&name, &url) {
                    e.company.clone_from(&company);
                }
            }
            self.connections.push(Connection {
                line: table.line(),
                name,
                url,
                company,
                connected_on,
            });
        }
        Ok(self.connections.len())
    }

    fn read_positions(&mut self, reader: &mut dyn Read, path: &str) -> Result<usize, Error> {
        const COLUMNS: [Column; 1] = [Column::required("Company Name")];
        let mut table = open(reader, path, &COLUMNS, 0)?;
        let mut rows = 0;
        while table.next_row()? {
            rows += 1;
            let company = table.get(0);
            if let Some(folded) = name_key(company) {
                self.my_companies.insert(folded, company.to_owned());
            }
        }
        Ok(rows)
    }

    /// What the export says of the person named `name` with profile URL
    /// `url` (either may be empty).
    fn about(&self, name: &str, url: &str) -> (Evidence, Known) {
        let mut known = Known::default();
        let folded = name_key(name);
        let names = folded.as_ref().and_then(|n| self.names.get(n));
        let url = url_key(url).or_else(|| match names {
            Some(Urls::One(u)) => Some(u.clone()),
            _ => None,
        });
        let mut evidence = url
            .and_then(|u| self.by_url.get(&u))
            .cloned()
            .unwrap_or_default();
        if let Some(by_name) = folded.as_ref().and_then(|n| self.by_name.get(n)) {
            if names == Some(&Urls::Several) {
                known.hints.push(format!(
                    "several people in your export are named {name}: rows that give only \
                     this name (a recommendation, a message) are not used; if they are about \
                     this person, say so in your people file"
                ));
            } else {
                evidence.merge(by_name);
            }
        }
        (evidence, known)
    }
}

impl Evidence {
    fn merge(&mut self, other: &Evidence) {
        self.both_wrote += other.both_wrote;
        if other.last_both > self.last_both {
            self.last_both.clone_from(&other.last_both);
        }
        self.only_they_wrote += other.only_they_wrote;
        self.only_i_wrote += other.only_i_wrote;
        self.recommended_me += other.recommended_me;
        self.i_recommended += other.i_recommended;
        self.endorsed_me.merge(&other.endorsed_me);
        self.i_endorsed.merge(&other.i_endorsed);
        if self.company.is_empty() {
            self.company.clone_from(&other.company);
        }
    }
}

/// A participant of a conversation: by profile URL, else by name.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Who {
    Url(String),
    Name(String),
}

impl Who {
    fn new(name: &str, url: &str) -> Option<Who> {
        url_key(url)
            .map(Who::Url)
            .or_else(|| name_key(name).map(Who::Name))
    }
}

/// The contact to decide on for a person, how the people file knew them,
/// and every fact with its source. The people file wins: an inferred fact
/// fills only a field the person's entry leaves out.
pub fn resolve(
    people: &People,
    knowledge: &Knowledge,
    name: &str,
    url: &str,
    message: &str,
) -> (Contact, Match, Known) {
    let (evidence, mut known) = knowledge.about(name, url);
    let entry = match people.entry(name, url) {
        // An entry keyed by a name that several profiles share could be
        // any of them: it applies to none.
        Some((entry, Match::Name)) if knowledge.namesakes(name) => {
            known.hints.push(format!(
                "people of the name `{name}` invited you from different profiles: your people \
                 file's entry `{}` applies to none of them; key it by profile URL",
                entry.key
            ));
            None
        }
        found => found,
    };
    let (mut contact, matched, written) = match entry {
        Some((entry, how)) => (
            entry.contact.clone().with_name(name),
            how,
            entry.written.as_slice(),
        ),
        None => (Contact::new(name), Match::Stranger, &[][..]),
    };
    if !message.is_empty() {
        contact = contact.with_message(message);
    }
    for (field, value) in written {
        known.facts.push(Fact {
            fact: field.clone(),
            value: value.clone(),
            source: PEOPLE_FILE.into(),
        });
    }

    let e = &evidence;
    if e.both_wrote > 0 {
        let source = format!(
            "{}: you both wrote in {}{}",
            ExportFile::Messages.name(),
            plural(e.both_wrote, "conversation"),
            match e.last_both.as_str() {
                "" => String::new(),
                last => format!(", the last on {last}"),
            }
        );
        if infer(&mut known, written, "acquaintance", "spoken", source) {
            contact = contact.with_acquaintance(Acquaintance::Spoken);
        }
    } else {
        if e.only_they_wrote > 0 {
            known.not_inferred.push(format!(
                "{}: only they wrote, in {}: messages you never answered are not speaking",
                ExportFile::Messages.name(),
                plural(e.only_they_wrote, "conversation")
            ));
        }
        if e.only_i_wrote > 0 {
            known.not_inferred.push(format!(
                "{}: only you wrote, in {}: messages never answered are not speaking",
                ExportFile::Messages.name(),
                plural(e.only_i_wrote, "conversation")
            ));
        }
    }
    if e.recommended_me > 0 {
        let source = format!(
            "{}: they recommended you",
            ExportFile::RecommendationsReceived.name()
        );
        if infer(&mut known, written, "their-view", "positive", source) {
            contact = contact.with_their_view(View::Positive);
        }
    }
    if e.i_recommended > 0 {
        let source = format!(
            "{}: you recommended them",
            ExportFile::RecommendationsGiven.name()
        );
        if infer(&mut known, written, "my-view", "positive", source) {
            contact = contact.with_my_view(View::Positive);
        }
    }
    // A hint is for what the people file does not say yet.
    let acquaintance_known = said(written, "acquaintance").is_some();
    let who = match (e.recommended_me > 0, e.i_recommended > 0) {
        (true, true) => Some(format!("you and {name} recommended each other")),
        (true, false) => Some(format!("{name} recommended you")),
        (false, true) => Some(format!("you recommended {name}")),
        (false, false) => None,
    };
    if let (Some(who), false) = (who, acquaintance_known) {
        known.hints.push(format!(
            "{who}: a recommendation does not say whether you met or worked together; \
             if you did, say so in your people file"
        ));
    }
    if let Some(company) = name_key(&e.company).and_then(|c| knowledge.my_companies.get(&c)) {
        if !acquaintance_known {
            known.hints.push(format!(
                "works at {company}, where you worked ({}): if you worked together, say so in \
                 your people file",
                ExportFile::Positions.name()
            ));
        }
    }
    if e.endorsed_me.count > 0 {
        known.context.push(format!(
            "endorsed you for {} ({}); endorsements change no fact",
            e.endorsed_me.describe(),
            ExportFile::EndorsementsReceived.name()
        ));
    }
    if e.i_endorsed.count > 0 {
        known.context.push(format!(
            "you endorsed them for {} ({}); endorsements change no fact",
            e.i_endorsed.describe(),
            ExportFile::EndorsementsGiven.name()
        ));
    }
    (contact, matched, known)
}

/// What the people file says of `field`, if anything.
fn said<'a>(written: &'a [(String, String)], field: &str) -> Option<&'a str> {
    written
        .iter()
        .find(|(f, _)| f == field)
        .map(|(_, v)| v.as_str())
}

/// Records an inferred fact, unless the people file says otherwise;
/// whether the fact holds.
fn infer(
    known: &mut Known,
    written: &[(String, String)],
    field: &str,
    value: &str,
    source: String,
) -> bool {
    if let Some(said) = said(written, field) {
        known.not_inferred.push(format!(
            "{field} = {value} from {source}: your people file says {said}, which wins"
        ));
        return false;
    }
    known.facts.push(Fact {
        fact: field.into(),
        value: value.into(),
        source,
    });
    true
}

fn plural(n: u32, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

fn full_name(first: &str, last: &str) -> String {
    format!("{first} {last}").trim().to_owned()
}

/// Opens a file whose missing columns are named as such.
fn open<'r>(
    reader: &'r mut dyn Read,
    path: &str,
    columns: &[Column],
    notes: usize,
) -> Result<Table<&'r mut dyn Read>, Error> {
    Table::open(reader, path, columns, notes).map_err(|e| match e {
        Ok(missing) => Error::MissingColumn {
            path: path.to_owned(),
            column: missing.column,
            header: missing.header,
        },
        Err(e) => e,
    })
}

/// The day of a message's `DATE` (`2023-06-11 15:33:58 UTC`), or `""` when
/// it does not start with one: the day is only shown, never decided on.
fn day(date: &str) -> &str {
    let day = date.get(..10).unwrap_or("");
    let b = day.as_bytes();
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    let ok = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && digits(0..4)
        && digits(5..7)
        && digits(8..10);
    if ok { day } else { "" }
}

/// `15 Jan 2024` as `2024-01-15`.
fn connected_on(text: &str) -> Option<String> {
    const MONTHS: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let mut parts = text.split_whitespace();
    let (day, month, year) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() {
        return None;
    }
    let day: u8 = day.parse().ok().filter(|d| (1..=31).contains(d))?;
    let month = month.get(..3)?.to_ascii_lowercase();
    let month = MONTHS.iter().position(|m| *m == month)? + 1;
    let year: u16 = year.parse().ok().filter(|y| (1900..=9999).contains(y))?;
    Some(format!("{year:04}-{month:02}-{day:02}"))
}
