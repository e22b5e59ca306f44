//! The app's async executor: Leptos's effects, resources and tasks run on it. While the app is
//! built out of sight at start-up (`crate::app`), they run in slices of at most [`SLICE_MS`]
//! of the main thread, after which the browser gets the thread back (input, layout, paint)
//! before the rest runs in a task of its own; once the app shows ([`end_slicing`]), every
//! ready task runs before the next paint, as with Leptos's default executor.
//!
//! Why not Leptos's default (wasm-bindgen-futures): it runs every ready future in one
//! microtask loop, so the start-up (the mount, the first page, the renders of the first
//! answers; on a first visit each Rust function is also compiled on its first call) is one
//! long task: on a mid-range phone several hundred milliseconds in which a tap does nothing.
//! Here the same work is cut where the app's own code awaits (effects, resources). On a fast
//! device, or once the code is compiled, a slice holds all of it and nothing changes: the
//! order of the futures is the same (first in, first run) and the work stays in one task.
//! Slicing stops when the app shows because a change cut in two would be painted half done (a
//! layout shift); out of sight, nothing is painted. No crate offers a time-sliced
//! executor for the browser's main thread. The tasks are kept here too, without `unsafe`: a
//! task's waker is an `Arc` of its id (`std::task::Wake`), its future stays in a thread-local
//! table. (`async-task` would do that part, but its local tasks check their thread through
//! `std::thread`, which cost the main module about 4 KB of its 250 KB budget.)

use std::cell::RefCell;
use std::collections::VecDeque;
use std::task::Context;

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::task::{Wake, Waker};

use any_spawner::{CustomExecutor, PinnedFuture, PinnedLocalFuture};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// The main-thread time one slice may take before the rest waits for a task of its own: well
/// under the 50 ms that make a task "long", with room for the layout that follows it.
pub const SLICE_MS: f64 = 8.0;

/// What is on its way to run the queue.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Next {
    /// Nothing: the next task scheduled asks for a run.
    Nothing,
    /// A microtask (or a run going on now, which drains the queue).
    Soon,
    /// A message to the channel: a task of its own, after the browser's pending work.
    Later,
}

/// A task's waker: which task, and whether it is already queued.
struct Handle {
    slot: usize,
    generation: u32,
    queued: AtomicBool,
}

impl Wake for Handle {
    fn wake(self: Arc<Self>) {
        self.wake_by_ref();
    }

    fn wake_by_ref(self: &Arc<Self>) {
        if !self.queued.swap(true, Ordering::Relaxed) {
            schedule(Arc::clone(self));
        }
    }
}

/// A task's place in [`TASKS`]: its generation (a handle of an earlier task there finds
/// nothing) and its future (out while it is polled, gone once it is done).
struct Slot {
    generation: u32,
    future: Option<PinnedLocalFuture<()>>,
}

#[derive(Default)]
struct Tasks {
    slots: Vec<Slot>,
    free: Vec<usize>,
}

struct Queue {
    runnables: VecDeque<Arc<Handle>>,
    next: Next,
    /// When the current slice began (`performance.now()`), `None` once a new task began.
    slice_start: Option<f64>,
    /// A message is on its way that ends the current slice.
    reset_posted: bool,
    /// Slices are cut only while the app is built out of sight ([`end_slicing`]).
    slicing: bool,
}

/// The browser's side: the clock, the microtask and the channel, made once.
struct Hooks {
    performance: Option<web_sys::Performance>,
    window: web_sys::Window,
    run_soon: Closure<dyn FnMut()>,
    _on_message: Closure<dyn FnMut(web_sys::MessageEvent)>,
    channel: web_sys::MessageChannel,
}

thread_local! {
    static QUEUE: RefCell<Queue> = const {
        RefCell::new(Queue {
            runnables: VecDeque::new(),
            next: Next::Nothing,
            slice_start: None,
            reset_posted: false,
            slicing: true,
        })
    };
    static HOOKS: Option<Hooks> = hooks();
    static TASKS: RefCell<Tasks> = RefCell::default();
}

/// A message on the channel: ends the slice of the task that posted it, and runs the queue
/// when a run waits for it.
#[derive(Clone, Copy)]
enum Message {
    Reset = 0,
    Run = 1,
}

fn hooks() -> Option<Hooks> {
    let window = web_sys::window()?;
    let channel = web_sys::MessageChannel::new().ok()?;
    let run_soon = Closure::<dyn FnMut()>::new(run);
    let on_message =
        Closure::<dyn FnMut(web_sys::MessageEvent)>::new(|ev: web_sys::MessageEvent| {
            let run_now = QUEUE.with_borrow_mut(|q| {
                // a new task: whatever slice was going on has ended
                q.slice_start = None;
                if ev.data().as_f64() == Some(Message::Reset as u8 as f64) {
                    q.reset_posted = false;
                    false
                } else {
                    q.next == Next::Later
                }
            });
            if run_now {
                run();
            }
        });
    channel
        .port1()
        .set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    Some(Hooks {
        performance: window.performance(),
        window,
        run_soon,
        _on_message: on_message,
        channel,
    })
}

fn now() -> f64 {
    HOOKS.with(|h| {
        h.as_ref()
            .and_then(|h| h.performance.as_ref())
            .map_or_else(js_sys::Date::now, web_sys::Performance::now)
    })
}

fn post(message: Message) {
    HOOKS.with(|h| {
        if let Some(h) = h {
            let _ = h
                .channel
                .port2()
                .post_message(&JsValue::from(message as u8));
        }
    });
}

/// True when the current task has used its slice.
fn over_budget(q: &Queue, now: f64) -> bool {
    q.slicing && q.slice_start.is_some_and(|start| now - start >= SLICE_MS)
}

/// From now on every ready task runs before the browser paints again, as with
/// wasm-bindgen-futures: once the app shows, a change is never painted half done (a list
/// without the line above it that says how many, a grid before its rows are measured).
pub fn end_slicing() {
    QUEUE.with_borrow_mut(|q| q.slicing = false);
}

/// Queues a task that is ready to make progress, and asks for a run when none is coming.
fn schedule(runnable: Arc<Handle>) {
    let ask = QUEUE.with_borrow_mut(|q| {
        q.runnables.push_back(runnable);
        if q.next != Next::Nothing {
            return None;
        }
        q.next = if over_budget(q, now()) {
            Next::Later
        } else {
            Next::Soon
        };
        Some(q.next)
    });
    match ask {
        Some(Next::Soon) => HOOKS.with(|h| match h {
            Some(h) => h
                .window
                .queue_microtask(h.run_soon.as_ref().unchecked_ref()),
            // no window (never in the app): run now
            None => run(),
        }),
        Some(Next::Later) => post(Message::Run),
        _ => {}
    }
}

/// Runs queued tasks, first in first run, until the queue is empty or the slice is used; then
/// the rest waits for a task of its own.
fn run() {
    let post_reset = QUEUE.with_borrow_mut(|q| {
        q.next = Next::Soon;
        if q.slice_start.is_none() {
            q.slice_start = Some(now());
        }
        !std::mem::replace(&mut q.reset_posted, true)
    });
    if post_reset {
        post(Message::Reset);
    }
    while let Some(runnable) = QUEUE.with_borrow_mut(|q| q.runnables.pop_front()) {
        poll(&runnable);
        let yield_now = QUEUE.with_borrow_mut(|q| {
            let over = !q.runnables.is_empty() && over_budget(q, now());
            if over {
                q.next = Next::Later;
            }
            over
        });
        if yield_now {
            post(Message::Run);
            return;
        }
    }
    QUEUE.with_borrow_mut(|q| q.next = Next::Nothing);
}

/// Leptos's executor for the app (`any_spawner`); the browser has one thread, so `spawn` is
/// `spawn_local`.
struct Slices;

impl CustomExecutor for Slices {
    fn spawn(&self, fut: PinnedFuture<()>) {
        spawn(fut);
    }

    fn spawn_local(&self, fut: PinnedLocalFuture<()>) {
        spawn(fut);
    }

    fn poll_local(&self) {}
}

fn spawn(future: PinnedLocalFuture<()>) {
    let (slot, generation) = TASKS.with_borrow_mut(|t| {
        if let Some(slot) = t.free.pop() {
            let s = &mut t.slots[slot];
            s.generation = s.generation.wrapping_add(1);
            s.future = Some(future);
            (slot, s.generation)
        } else {
            t.slots.push(Slot {
                generation: 0,
                future: Some(future),
            });
            (t.slots.len() - 1, 0)
        }
    });
    Arc::new(Handle {
        slot,
        generation,
        queued: AtomicBool::new(false),
    })
    .wake();
}

/// Polls the task of `handle` once, when it is still there: done, its place is free.
fn poll(handle: &Arc<Handle>) {
    handle.queued.store(false, Ordering::Relaxed);
    let future = TASKS.with_borrow_mut(|t| {
        t.slots
            .get_mut(handle.slot)
            .filter(|s| s.generation == handle.generation)
            .and_then(|s| s.future.take())
    });
    let Some(mut future) = future else {
        return;
    };
    let waker = Waker::from(Arc::clone(handle));
    let done = future
        .as_mut()
        .poll(&mut Context::from_waker(&waker))
        .is_ready();
    TASKS.with_borrow_mut(|t| {
        if done {
            t.free.push(handle.slot);
        } else if let Some(s) = t.slots.get_mut(handle.slot) {
            s.future = Some(future);
        }
    });
}

/// Makes this executor Leptos's (before anything spawns). A second call changes nothing.
pub fn init() {
    let _ = any_spawner::Executor::init_custom_executor(Slices);
}
