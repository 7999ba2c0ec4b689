//! Exercise 2 solved: `asyncio.Event` on `Notify`.

use tokio::sync::Notify;

use crate::given::Flag;

// ANCHOR: solution
#[derive(Debug, Default)]
pub struct Event {
    flag: Flag,
    notify: Notify,
}

impl Event {
    pub fn new() -> Event {
        Event::default()
    }

    pub fn is_set(&self) -> bool {
        self.flag.get()
    }

    pub fn set(&self) {
        // The flag first: a task that checks after this line needs no wake-up.
        self.flag.raise();
        self.notify.notify_waiters();
    }

    pub fn clear(&self) {
        self.flag.lower();
    }

    pub async fn wait(&self) {
        // Listen first, check second: a `Notified` receives every `notify_waiters`
        // made after it was created, so a `set` between the check and the `.await`
        // is not lost.
        let notified = self.notify.notified();
        if self.is_set() {
            return;
        }
        // One wake-up is enough: asyncio returns from wait() once set() has been
        // called, even if clear() came before this task ran again.
        notified.await;
    }
}
// ANCHOR_END: solution
