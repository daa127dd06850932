//! Concurrent branches on the virtual clock.
//!
//! Parallel branches and inline Map iterations run concurrently on AWS. The
//! engine runs them one after another, each from the virtual time it starts
//! at, appending its events to the history; [`join`] then puts those events
//! in the order concurrent branches would have logged them, and when one
//! branch fails, cuts every other branch where it stood at that moment and
//! logs the `…StateAborted` / `MapIterationAborted` events AWS logs for what
//! was still running.
//!
//! An event's place among concurrent branches is its [`Key`]: its time, then
//! the service round trips its branch had made (a Task's result comes after
//! every branch's instantaneous work of the same moment), then its place in
//! its branch (branches advance in step), then the branch.

use crate::history::{Details, HistoryEvent};
use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::ops::Range;
use std::sync::Arc;

/// Time (ms), round trips, place in the branch, branch.
pub(crate) type Key = (i64, u64, u64, usize);

/// Where a branch's work begins or ends on the order: time, round trips and
/// events before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Mark {
    pub ms: i64,
    pub ticks: u64,
    pub seq: u64,
}

impl Mark {
    /// The start of a run at `ms`, before any of its work.
    pub fn at(ms: i64) -> Mark {
        Mark {
            ms,
            ticks: 0,
            seq: 0,
        }
    }
}

/// Where concurrent runs start: at most `MaxConcurrency` at once (absent
/// or 0: all at once), each in the slot that frees first.
pub(crate) struct Slots {
    /// When each busy slot frees; `None`: a slot for every run.
    free: Option<BinaryHeap<Reverse<Mark>>>,
    start: Mark,
}

impl Slots {
    /// Slots for `runs` runs from `start`.
    pub fn new(max_concurrency: Option<i64>, runs: usize, start: Mark) -> Slots {
        let slots = match max_concurrency {
            Some(c) if c > 0 => usize::try_from(c).unwrap_or(runs),
            _ => runs,
        };
        Slots {
            free: (slots < runs).then(|| std::iter::repeat_n(Reverse(start), slots).collect()),
            start,
        }
    }

    /// Where the next run starts.
    pub fn take(&mut self) -> Mark {
        self.free
            .as_mut()
            .and_then(BinaryHeap::pop)
            .map_or(self.start, |Reverse(m)| m)
    }

    /// A run that took a slot ended here.
    pub fn release(&mut self, end: Mark) {
        if let Some(free) = &mut self.free {
            free.push(Reverse(end));
        }
    }

    /// Whether every run has a slot of its own.
    pub fn all_at_once(&self) -> bool {
        self.free.is_none()
    }
}

/// One branch or iteration as it ran.
pub(crate) struct Run {
    /// Its events: these indexes of the history.
    pub range: Range<usize>,
    /// Where it began.
    pub start: Mark,
    /// How it failed, if it did.
    pub failure: Option<Cut>,
}

/// A branch's failure, which ends the others.
pub(crate) struct Cut {
    /// The index of the event that logged the failure (`None`: it logged
    /// nothing of its own).
    pub event: Option<usize>,
    /// The execution's deadline, when the failure is its timeout.
    pub deadline: Option<i64>,
    /// Whether the others' running states are logged as aborted (not for
    /// `States.Runtime` and the other errors that end the execution at once).
    pub abort: bool,
}

/// What [`join`] did.
pub(crate) struct Joined {
    fork: usize,
    /// For each index from `fork` before the join, its index after it
    /// (from `fork`; `u32::MAX`: dropped). Empty: nothing moved.
    remap: Vec<u32>,
    /// The branch whose failure ended the others.
    pub failed: Option<usize>,
    /// When that failure happened.
    pub cut_ms: Option<i64>,
}

impl Joined {
    /// The new id of the event with this id (`None`: dropped).
    pub fn id(&self, id: u64) -> Option<u64> {
        let index = usize::try_from(id).ok()?.checked_sub(1)?;
        self.index(index).map(|i| i as u64 + 1)
    }

    /// The new index of the event at this index (`None`: dropped).
    pub fn index(&self, index: usize) -> Option<usize> {
        match index.checked_sub(self.fork) {
            None => Some(index),
            Some(_) if self.remap.is_empty() => Some(index),
            Some(i) => self
                .remap
                .get(i)
                .filter(|&&j| j != u32::MAX)
                .map(|&j| self.fork + j as usize),
        }
    }
}

/// Event types that end a round trip to a service (or to an activity
/// worker).
fn round_trip(ty: &str) -> bool {
    matches!(
        ty,
        "TaskSubmitted"
            | "TaskSucceeded"
            | "TaskFailed"
            | "TaskTimedOut"
            | "LambdaFunctionSucceeded"
            | "LambdaFunctionFailed"
            | "LambdaFunctionTimedOut"
            | "ActivityStarted"
            | "ActivitySucceeded"
            | "ActivityFailed"
            | "ActivityTimedOut"
    )
}

/// The keys of a branch's events, from where it began.
fn keys<'e>(
    events: impl Iterator<Item = &'e HistoryEvent> + 'e,
    start: Mark,
    branch: usize,
) -> impl Iterator<Item = Key> + 'e {
    events.scan(start, move |at, e| {
        if round_trip(e.event_type()) {
            at.ticks += 1;
        }
        at.ms = at.ms.max(e.timestamp().millis());
        let key = (at.ms, at.ticks, at.seq, branch);
        at.seq += 1;
        Some(key)
    })
}

/// A key in 16 bytes, for sorting many (round trips and places saturate
/// past four million, branches past a million).
type Packed = (i64, u64);

/// The low bits of a packed key: the branch.
const BRANCH_BITS: u32 = 20;

fn pack((ms, ticks, seq, branch): Key) -> Packed {
    const BITS22: u64 = (1 << 22) - 1;
    const BITS20: u64 = (1 << BRANCH_BITS) - 1;
    let branch = u64::try_from(branch).unwrap_or(BITS20).min(BITS20);
    (
        ms,
        ticks.min(BITS22) << 42 | seq.min(BITS22) << BRANCH_BITS | branch,
    )
}

/// A run's own events.
fn own<'e>(events: &'e [HistoryEvent], run: &Run) -> &'e [HistoryEvent] {
    events.get(run.range.clone()).unwrap_or_default()
}

/// Where a run ended on the order (where an iteration waiting for its slot
/// begins).
pub(crate) fn end(events: &[HistoryEvent], run: &Run, clock_ms: i64) -> Mark {
    let last = keys(own(events, run).iter(), run.start, 0).last();
    match last {
        Some((ms, ticks, seq, _)) => Mark {
            ms: ms.max(clock_ms),
            ticks,
            seq: seq + 1,
        },
        None => Mark {
            ms: clock_ms.max(run.start.ms),
            ..run.start
        },
    }
}

/// The key of a run's failure.
fn failure_key(run: &Run, cut: &Cut, own: &[Key], branch: usize) -> Key {
    if let Some(d) = cut.deadline {
        return (d, 0, 0, 0);
    }
    match cut
        .event
        .and_then(|i| i.checked_sub(run.range.start))
        .and_then(|i| own.get(i))
    {
        Some(k) => *k,
        None => (run.start.ms, run.start.ticks, run.start.seq, branch),
    }
}

/// The key of the earliest failure among runs so far, and its run.
pub(crate) fn first_failure(events: &[HistoryEvent], runs: &[Run]) -> Option<(Key, usize)> {
    runs.iter()
        .enumerate()
        .filter_map(|(b, r)| {
            let cut = r.failure.as_ref()?;
            let own: Vec<Key> = keys(own(events, r).iter(), r.start, b).collect();
            Some((failure_key(r, cut, &own, b), b))
        })
        .min()
}

/// States that take time; an instantaneous state that was entered before
/// the cut is left to finish.
fn aborted_type(entered: &str) -> Option<&'static str> {
    Some(match entered {
        "TaskStateEntered" => "TaskStateAborted",
        "WaitStateEntered" => "WaitStateAborted",
        "MapStateEntered" => "MapStateAborted",
        "ParallelStateEntered" => "ParallelStateAborted",
        _ => return None,
    })
}

/// What was running in a branch at its last kept event.
enum Open {
    /// A state (its name; the aborted event's type, `None` for an
    /// instantaneous one).
    State(Arc<str>, Option<&'static str>),
    /// A Map iteration: the Map's name, the index.
    Iteration(Arc<str>, usize),
}

fn open_states(events: &[&HistoryEvent]) -> Vec<Open> {
    let mut open: Vec<Open> = Vec::new();
    for e in events {
        let ty = e.event_type();
        if let Some((index, name)) = e.iteration() {
            if ty == "MapIterationStarted" {
                open.push(Open::Iteration(Arc::clone(name), index));
            } else if let Some(at) = open
                .iter()
                .rposition(|o| matches!(o, Open::Iteration(n, i) if n == name && *i == index))
            {
                open.remove(at);
            }
        } else if ty.ends_with("StateEntered") {
            let name = e.detail_str("name").unwrap_or_default();
            open.push(Open::State(name.into(), aborted_type(ty)));
        } else if ty.ends_with("StateExited") {
            let name = e.detail_str("name").unwrap_or_default();
            if let Some(at) = open
                .iter()
                .rposition(|o| matches!(o, Open::State(n, _) if &**n == name))
            {
                open.remove(at);
            }
        } else if ty.ends_with("StateAborted") {
            if let Some(at) = open
                .iter()
                .rposition(|o| matches!(o, Open::State(_, Some(a)) if *a == ty))
            {
                open.remove(at);
            }
        }
    }
    open
}

/// Orders the events logged from `fork` on by their keys, cuts the branches
/// at the earliest failure and logs what it aborted; ids and
/// `previousEventId`s are renumbered. The events are moved in place.
pub(crate) fn join(events: &mut Vec<HistoryEvent>, fork: usize, runs: &[Run]) -> Joined {
    let failure = first_failure(events, runs);
    let fork = fork.min(events.len());
    let n = events.len() - fork;
    let local = |r: &Run| r.range.start.saturating_sub(fork)..r.range.end.saturating_sub(fork);
    let tail = events.get(fork..).unwrap_or_default();
    let mut key_of: Vec<Packed> = vec![(i64::MAX, u64::MAX); n];
    for (b, r) in runs.iter().enumerate() {
        let range = local(r);
        let (Some(own), Some(dst)) = (tail.get(range.clone()), key_of.get_mut(range)) else {
            continue;
        };
        for (d, k) in dst.iter_mut().zip(keys(own.iter(), r.start, b)) {
            *d = pack(k);
        }
    }
    let mut keep = vec![true; n];
    let mut aborts: Vec<(usize, Vec<Open>)> = Vec::new();
    if let Some((kf, failed)) = failure {
        let kf = pack(kf);
        let abort = runs
            .get(failed)
            .and_then(|r| r.failure.as_ref())
            .is_some_and(|c| c.abort);
        for (b, r) in runs.iter().enumerate() {
            let range = local(r);
            let (true, Some(own), Some(ks), Some(kept)) = (
                b != failed,
                tail.get(range.clone()),
                key_of.get(range.clone()),
                keep.get_mut(range),
            ) else {
                continue;
            };
            let mut last_kept = None;
            for (i, (k, flag)) in ks.iter().zip(kept.iter_mut()).enumerate() {
                // What happened at the same moment and step as the
                // failure is logged too (simultaneous timeouts are).
                *flag = (k.0, k.1 >> BRANCH_BITS) <= (kf.0, kf.1 >> BRANCH_BITS);
                if *flag {
                    last_kept = Some(i);
                }
            }
            // An instantaneous state entered before the cut finishes.
            if let Some(l) = last_kept {
                let ty = |i: usize| own.get(i).map_or("", HistoryEvent::event_type);
                let finishes = ty(l).ends_with("StateEntered")
                    && aborted_type(ty(l)).is_none()
                    && ty(l + 1).ends_with("StateExited");
                if let (true, Some(next)) = (finishes, kept.get_mut(l + 1)) {
                    *next = true;
                }
            }
            if abort {
                let still: Vec<&HistoryEvent> = own
                    .iter()
                    .zip(kept.iter())
                    .filter(|(_, k)| **k)
                    .map(|(e, _)| e)
                    .collect();
                let open = open_states(&still);
                if !open.is_empty() {
                    aborts.push((b, open));
                }
            }
        }
    }
    let index = |i: usize| u32::try_from(i).unwrap_or(u32::MAX);
    let mut order: Vec<u32> = (0..n)
        .filter(|&i| keep.get(i).copied().unwrap_or(false))
        .map(index)
        .collect();
    let packed = |i: &u32| key_of.get(*i as usize).copied();
    let sorted = order
        .windows(2)
        .all(|w| matches!(w, [a, b] if packed(a) <= packed(b)));
    let identity = sorted && order.len() == n;
    let mut remap = Vec::new();
    if !identity {
        if !sorted {
            order.sort_by_key(packed);
        }
        remap = vec![u32::MAX; n];
        for (pos, &i) in order.iter().enumerate() {
            if let Some(r) = remap.get_mut(i as usize) {
                *r = index(pos);
            }
        }
        // Where each event goes: the kept in order, then the dropped.
        let mut target: Vec<u32> = remap.clone();
        let dropped = target.iter_mut().filter(|t| **t == u32::MAX);
        for (next, t) in (order.len()..).zip(dropped) {
            *t = index(next);
        }
        if let Some(tail) = events.get_mut(fork..) {
            for i in 0..n {
                loop {
                    let j = target.get(i).map_or(i, |&t| t as usize);
                    if j == i || j >= n {
                        break;
                    }
                    tail.swap(i, j);
                    target.swap(i, j);
                }
            }
        }
        events.truncate(fork + order.len());
    }
    let joined = Joined {
        fork,
        remap,
        failed: failure.map(|(_, b)| b),
        cut_ms: failure.map(|(k, _)| k.0),
    };
    if !identity {
        for e in events.iter_mut().skip(fork) {
            let renumber = |id: u64| joined.id(id).unwrap_or(id);
            let (id, prev) = (renumber(e.id()), renumber(e.previous_event_id()));
            e.set_ids(id, prev);
        }
    }
    let at_ms = joined.cut_ms.unwrap_or_default();
    // Aborted events follow the failure that aborts them.
    let failure_event = failure
        .and_then(|(_, b)| runs.get(b))
        .and_then(|r| r.failure.as_ref())
        .and_then(|c| c.event)
        .and_then(|i| joined.index(i));
    for (b, open) in aborts {
        let prev = failure_event
            .or_else(|| {
                runs.get(b)
                    .map(local)
                    .and_then(|range| range.rev().find(|&i| keep.get(i).copied().unwrap_or(false)))
                    .and_then(|i| joined.index(fork + i))
            })
            .map_or(0, |j| j as u64 + 1);
        // The outermost first: an iteration, then its running Task.
        for o in open {
            let (ty, details) = match o {
                Open::State(_, Some(ty)) => (ty, None),
                Open::State(_, None) => continue,
                Open::Iteration(name, index) => (
                    "MapIterationAborted",
                    Some(Details::Iteration {
                        key: "mapIterationAbortedEventDetails",
                        index,
                        name,
                    }),
                ),
            };
            let id = events.len() as u64 + 1;
            events.push(HistoryEvent::new(id, prev, at_ms, ty, details));
        }
    }
    joined
}
