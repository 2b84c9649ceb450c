//! Login throttling: after 5 failures for one account or one client address, each further
//! attempt must wait, twice as long after every failure (up to 15 minutes). Kept in
//! memory: each process throttles what it sees.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Failures allowed before waiting is required.
pub const FREE_FAILURES: u32 = 5;
const MAX_WAIT: Duration = Duration::from_secs(15 * 60);

#[derive(Default)]
pub struct Throttle {
    failures: Mutex<HashMap<String, (u32, Instant)>>,
}

fn wait_after(failures: u32) -> Duration {
    if failures < FREE_FAILURES {
        return Duration::ZERO;
    }
    let exponent = (failures - FREE_FAILURES).min(10);
    Duration::from_secs(1u64 << exponent).min(MAX_WAIT)
}

impl Throttle {
    /// How long `key` must still wait before its next attempt, if at all.
    pub fn wait(&self, key: &str) -> Option<Duration> {
        let map = self.failures.lock().ok()?;
        let (count, last) = map.get(key)?;
        let until = *last + wait_after(*count);
        until.checked_duration_since(Instant::now())
    }

    pub fn fail(&self, key: &str) {
        if let Ok(mut map) = self.failures.lock() {
            if map.len() > 100_000 {
                map.retain(|_, (_, last)| last.elapsed() < MAX_WAIT);
            }
            let entry = map.entry(key.to_owned()).or_insert((0, Instant::now()));
            entry.0 = entry.0.saturating_add(1);
            entry.1 = Instant::now();
        }
    }

    pub fn clear(&self, key: &str) {
        if let Ok(mut map) = self.failures.lock() {
            map.remove(key);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waits_grow_after_five_failures() {
        let throttle = Throttle::default();
        for _ in 0..4 {
            throttle.fail("email:a@b.org");
            assert_eq!(throttle.wait("email:a@b.org"), None);
        }
        throttle.fail("email:a@b.org");
        assert!(throttle.wait("email:a@b.org").is_some());
        assert_eq!(throttle.wait("email:other@b.org"), None);
        throttle.clear("email:a@b.org");
        assert_eq!(throttle.wait("email:a@b.org"), None);
        assert_eq!(wait_after(5), Duration::from_secs(1));
        assert_eq!(wait_after(8), Duration::from_secs(8));
        assert_eq!(wait_after(40), MAX_WAIT);
    }
}
