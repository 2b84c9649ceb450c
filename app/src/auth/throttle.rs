//! Sign-in throttling. Every attempt is counted *before* its password is checked, under
//! one lock, so a burst of parallel guesses gets at most [`FREE_FAILURES`] answers and
//! then waits; a successful sign-in takes its attempt back. Two keys are counted:
//!
//! - the account *from this client*: five free failures, then a wait that doubles from
//!   1 second up to 15 minutes. Someone guessing from one place cannot lock the account's
//!   owner out elsewhere.
//! - the client alone, across accounts: [`FREE_CLIENT_FAILURES`] free failures, so one
//!   address cannot try password after password on many accounts.
//!
//! Counts are forgotten 15 minutes after the last failure. The map holds at most
//! [`MAX_KEYS`] keys (expired and harmless ones are dropped first). Kept in memory: each
//! process throttles what it sees.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Failures allowed for one account from one client before waiting is required.
pub const FREE_FAILURES: u32 = 5;
/// Failures allowed from one client, over every account, before waiting is required.
pub const FREE_CLIENT_FAILURES: u32 = 20;
const MAX_WAIT: Duration = Duration::from_secs(15 * 60);
/// How long after its last failure a count is forgotten.
const FORGET_AFTER: Duration = MAX_WAIT;
/// The most keys kept.
pub const MAX_KEYS: usize = 100_000;

#[derive(Debug, Clone, Copy)]
struct Entry {
    failures: u32,
    free: u32,
    last: Instant,
}

impl Entry {
    fn expired(&self, now: Instant) -> bool {
        now.duration_since(self.last) >= FORGET_AFTER
    }

    /// How long from `now` the next attempt must wait, if at all.
    fn wait(&self, now: Instant) -> Option<Duration> {
        if self.expired(now) {
            return None;
        }
        let until = self.last + wait_after(self.failures, self.free);
        until.checked_duration_since(now).filter(|d| !d.is_zero())
    }
}

#[derive(Default)]
pub struct Throttle {
    entries: Mutex<HashMap<String, Entry>>,
}

fn wait_after(failures: u32, free: u32) -> Duration {
    if failures < free {
        return Duration::ZERO;
    }
    let exponent = (failures - free).min(10);
    Duration::from_secs(1u64 << exponent).min(MAX_WAIT)
}

/// The keys one sign-in attempt is counted under.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttemptKeys {
    account: String,
    client: String,
}

impl AttemptKeys {
    /// `email` as typed (compared without case), `client` as [`super::client`] gives it.
    pub fn new(email: &str, client: &str) -> Self {
        Self {
            account: format!("account:{}|{client}", email.trim().to_lowercase()),
            client: format!("client:{client}"),
        }
    }
}

impl Throttle {
    /// Counts an attempt under both keys, or refuses it with how long to wait when either
    /// must still wait (then nothing is counted).
    pub fn begin(&self, keys: &AttemptKeys) -> Result<(), Duration> {
        let Ok(mut map) = self.entries.lock() else {
            return Err(Duration::from_secs(1));
        };
        let now = Instant::now();
        for key in [&keys.account, &keys.client] {
            if let Some(wait) = map.get(key).and_then(|e| e.wait(now)) {
                return Err(wait);
            }
        }
        for (key, free) in [
            (&keys.account, FREE_FAILURES),
            (&keys.client, FREE_CLIENT_FAILURES),
        ] {
            if !map.contains_key(key) && map.len() >= MAX_KEYS {
                make_room(&mut map, now);
            }
            if !map.contains_key(key) && map.len() >= MAX_KEYS {
                // Full of live entries: this attempt goes uncounted rather than growing
                // the map without bound.
                continue;
            }
            let entry = map.entry(key.clone()).or_insert(Entry {
                failures: 0,
                free,
                last: now,
            });
            if entry.expired(now) {
                entry.failures = 0;
            }
            entry.failures = entry.failures.saturating_add(1);
            entry.last = now;
        }
        Ok(())
    }

    /// The attempt succeeded: the account is clear from this client, and the client's
    /// count takes the attempt back.
    pub fn succeeded(&self, keys: &AttemptKeys) {
        if let Ok(mut map) = self.entries.lock() {
            map.remove(&keys.account);
            if let Some(entry) = map.get_mut(&keys.client) {
                entry.failures = entry.failures.saturating_sub(1);
                if entry.failures == 0 {
                    map.remove(&keys.client);
                }
            }
        }
    }

    /// How many keys are kept.
    pub fn len(&self) -> usize {
        self.entries.lock().map_or(0, |m| m.len())
    }

    /// Whether no key is kept.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Drops expired entries, then those that do not make anyone wait.
fn make_room(map: &mut HashMap<String, Entry>, now: Instant) {
    map.retain(|_, e| !e.expired(now));
    if map.len() >= MAX_KEYS {
        map.retain(|_, e| e.failures >= e.free);
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn attempts_are_counted_before_they_are_checked() {
        let throttle = Throttle::default();
        let keys = AttemptKeys::new("A@b.org", "10.0.0.1");
        // Six attempts in a row, none finished yet: the sixth must wait.
        for _ in 0..FREE_FAILURES {
            assert!(throttle.begin(&keys).is_ok());
        }
        let wait = throttle.begin(&keys).unwrap_err();
        assert!(
            wait > Duration::ZERO && wait <= Duration::from_secs(1),
            "{wait:?}"
        );
        assert_eq!(wait_after(5, 5), Duration::from_secs(1));
        assert_eq!(wait_after(8, 5), Duration::from_secs(8));
        assert_eq!(wait_after(40, 5), MAX_WAIT);
    }

    #[test]
    fn a_guesser_elsewhere_does_not_lock_the_owner_out() {
        let throttle = Throttle::default();
        let guesser = AttemptKeys::new("a@b.org", "203.0.113.9");
        for _ in 0..FREE_FAILURES {
            throttle.begin(&guesser).unwrap();
        }
        assert!(throttle.begin(&guesser).is_err());
        // The owner, from another address, signs in; so does someone else from the
        // guesser's address with another account.
        let owner = AttemptKeys::new("a@b.org", "198.51.100.7");
        assert!(throttle.begin(&owner).is_ok());
        throttle.succeeded(&owner);
        let neighbour = AttemptKeys::new("c@b.org", "203.0.113.9");
        assert!(throttle.begin(&neighbour).is_ok());
    }

    #[test]
    fn one_client_cannot_spray_many_accounts() {
        let throttle = Throttle::default();
        for n in 0..FREE_CLIENT_FAILURES {
            let keys = AttemptKeys::new(&format!("user{n}@b.org"), "203.0.113.9");
            assert!(throttle.begin(&keys).is_ok(), "attempt {n}");
        }
        let next = AttemptKeys::new("another@b.org", "203.0.113.9");
        assert!(throttle.begin(&next).is_err());
        assert!(
            throttle
                .begin(&AttemptKeys::new("another@b.org", "192.0.2.1"))
                .is_ok()
        );
    }

    #[test]
    fn success_clears_the_account_and_returns_the_attempt() {
        let throttle = Throttle::default();
        let keys = AttemptKeys::new("a@b.org", "10.0.0.1");
        for _ in 0..4 {
            throttle.begin(&keys).unwrap();
        }
        throttle.begin(&keys).unwrap();
        throttle.succeeded(&keys);
        for _ in 0..FREE_FAILURES {
            assert!(throttle.begin(&keys).is_ok());
        }
    }

    #[test]
    fn the_map_stays_bounded() {
        let throttle = Throttle::default();
        for n in 0..(MAX_KEYS / 2 + 10) {
            let _ = throttle.begin(&AttemptKeys::new(&format!("u{n}@b.org"), &format!("c{n}")));
        }
        assert!(throttle.len() <= MAX_KEYS, "{}", throttle.len());
        assert!(!throttle.is_empty());
    }
}
