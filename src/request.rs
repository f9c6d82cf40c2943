//! What a rule looks at: the request, with the user's own settings.

use crate::contact::Contact;
use crate::platform::{Direction, Platform};
use crate::settings::Settings;

/// Everything a rule may look at: the contact, the platform, the direction
/// of the request and the user's settings.
///
/// ```
/// use acquaint::{Contact, Direction, Platform, Policy, Request};
///
/// let policy = Policy::default();
/// let ada = Contact::new("Ada");
/// let request = Request::new(&ada, &Platform::LinkedIn, Direction::Incoming, policy.settings());
/// assert_eq!(request.contact.name(), "Ada");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct Request<'a> {
    /// Who the request is with.
    pub contact: &'a Contact,
    /// The network.
    pub platform: &'a Platform,
    /// Who asked.
    pub direction: Direction,
    /// The user's settings (job seeking, profession, interests, passions).
    pub settings: &'a Settings,
}

impl<'a> Request<'a> {
    /// Gathers what a rule may look at.
    pub fn new(
        contact: &'a Contact,
        platform: &'a Platform,
        direction: Direction,
        settings: &'a Settings,
    ) -> Request<'a> {
        Request {
            contact,
            platform,
            direction,
            settings,
        }
    }
}
