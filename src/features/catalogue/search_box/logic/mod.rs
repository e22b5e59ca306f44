//! The search box's rules, without a DOM: the recent-searches list, the highlight of the
//! typed part in a suggestion, the option list shown under the box and the keyboard state
//! machine of the combobox (WAI-ARIA 1.2 combobox with a listbox popup).

use std::ops::Range;

use storefront_api_types::{CategoryRef, ProductSummary, SearchSuggestions};

/// How many recent searches are kept.
pub const RECENT_MAX: usize = 8;

// ---------------------------------------------------------------- recent searches

/// Lower case for ASCII and Latin-1 letters. Deliberately without Unicode's case tables
/// (about 15 KB of wasm): Chinese has no case, and these cover English and pinyin.
pub fn fold(c: char) -> char {
    match c {
        'A'..='Z' | 'À'..='Ö' | 'Ø'..='Þ' => char::from_u32(c as u32 + 32).unwrap_or(c),
        _ => c,
    }
}

/// Whether two searches are the same for the recent list: equal ignoring (Latin) case.
pub fn same_search(a: &str, b: &str) -> bool {
    a.chars().map(fold).eq(b.chars().map(fold))
}

/// Puts `q` (trimmed) first in `list`, dropping an older copy of it (any case) and anything
/// past [`RECENT_MAX`]. Returns whether it was added (`false` for an empty `q`).
pub fn push_recent(list: &mut Vec<String>, q: &str) -> bool {
    let q = q.trim();
    if q.is_empty() {
        return false;
    }
    list.retain(|x| !same_search(x, q));
    list.insert(0, q.to_owned());
    list.truncate(RECENT_MAX);
    true
}

/// Removes `q` (any case) from `list`. Returns whether something was removed.
pub fn remove_recent(list: &mut Vec<String>, q: &str) -> bool {
    let before = list.len();
    list.retain(|x| !same_search(x, q.trim()));
    list.len() != before
}

/// A list read back from the device made safe: trimmed, no empties, no duplicates, capped.
pub fn sanitize_recent(list: Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(list.len().min(RECENT_MAX));
    for q in list {
        let q = q.trim();
        if !q.is_empty() && !out.iter().any(|x| same_search(x, q)) && out.len() < RECENT_MAX {
            out.push(q.to_owned());
        }
    }
    out
}

// ---------------------------------------------------------------- highlight

/// A piece of a suggestion's text; `marked` pieces match what was typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Segment<'a> {
    /// The text of this piece (always on `char` boundaries).
    pub text: &'a str,
    /// Whether it matches the query (shown in `<mark>`).
    pub marked: bool,
}

/// Whether `c` continues the character before it on screen (combining marks, variation
/// selectors, emoji skin tones, keycaps, tag characters) so a highlight never splits it.
fn continues(c: char) -> bool {
    matches!(c,
        '\u{0300}'..='\u{036F}'
        | '\u{1AB0}'..='\u{1AFF}'
        | '\u{20D0}'..='\u{20FF}'
        | '\u{FE00}'..='\u{FE0F}'
        | '\u{FE20}'..='\u{FE2F}'
        | '\u{1F3FB}'..='\u{1F3FF}'
        | '\u{E0020}'..='\u{E007F}'
        | '\u{E0100}'..='\u{E01EF}'
        | '\u{200D}')
}

/// Splits `text` into pieces, marking every occurrence (ignoring case) of each word of
/// `query` and of the whole `query`. Works on `char`s, so Chinese and emoji are never cut inside a character, and a
/// match is widened to the whole of a composed emoji or accented letter.
pub fn highlight<'a>(text: &'a str, query: &str) -> Vec<Segment<'a>> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut marked = vec![false; chars.len()];
    // each word, and the whole text when it has several (so a phrase is marked as one)
    let mut terms: Vec<Vec<char>> = query
        .split_whitespace()
        .map(|t| t.chars().collect())
        .collect();
    if terms.len() > 1 {
        terms.push(query.trim().chars().collect());
    }
    for start in 0..chars.len() {
        // never start in the middle of a composed character
        if continues(chars[start].1) || (start > 0 && chars[start - 1].1 == '\u{200D}') {
            continue;
        }
        for term in &terms {
            let fits = chars.len() - start >= term.len()
                && chars[start..start + term.len()]
                    .iter()
                    .zip(term)
                    .all(|(&(_, a), &b)| fold(a) == fold(b));
            if fits && !term.is_empty() {
                let mut end = start + term.len();
                // widen to the end of the last composed character
                while end < chars.len()
                    && (continues(chars[end].1) || chars[end - 1].1 == '\u{200D}')
                {
                    end += 1;
                }
                marked[start..end].iter_mut().for_each(|m| *m = true);
            }
        }
    }
    let mut out: Vec<Segment<'a>> = Vec::new();
    let mut run_start = 0;
    for i in 1..=chars.len() {
        if i == chars.len() || marked[i] != marked[run_start] {
            let from = chars[run_start].0;
            let to = chars.get(i).map_or(text.len(), |c| c.0);
            out.push(Segment {
                text: &text[from..to],
                marked: marked[run_start],
            });
            run_start = i;
        }
    }
    out
}

// ---------------------------------------------------------------- option list model

/// The sections of the list, in display order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Group {
    /// Searches made on this device (only with an empty box).
    Recent,
    /// Popular searches from the server.
    Popular,
    /// Matching categories.
    Categories,
    /// Matching products.
    Products,
}

/// One option of the list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Choice {
    /// A recent search on this device.
    Recent(String),
    /// A popular search.
    Popular(String),
    /// A category.
    Category(CategoryRef),
    /// A product.
    Product(Box<ProductSummary>),
}

/// Where choosing an option leads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// The search page for this text.
    Search(String),
    /// A category page (slug).
    Category(String),
    /// A product page (slug).
    Product(String),
}

impl Choice {
    /// The section the option belongs to.
    pub fn group(&self) -> Group {
        match self {
            Choice::Recent(_) => Group::Recent,
            Choice::Popular(_) => Group::Popular,
            Choice::Category(_) => Group::Categories,
            Choice::Product(_) => Group::Products,
        }
    }

    /// Where choosing it leads.
    pub fn target(&self) -> Target {
        match self {
            Choice::Recent(q) | Choice::Popular(q) => Target::Search(q.clone()),
            Choice::Category(c) => Target::Category(c.slug.clone()),
            Choice::Product(p) => Target::Product(p.slug.clone()),
        }
    }
}

/// The options to show. With an empty box: the recent searches, then the popular ones not
/// already among them. With text: the server's suggestions for it (`suggestions` may be
/// for an earlier text while the next answer is on its way).
pub fn build_choices(
    typed_empty: bool,
    recent: &[String],
    suggestions: Option<&SearchSuggestions>,
) -> Vec<Choice> {
    let mut out = Vec::new();
    if typed_empty {
        out.extend(recent.iter().cloned().map(Choice::Recent));
    }
    if let Some(s) = suggestions.filter(|s| s.query.trim().is_empty() == typed_empty) {
        out.extend(
            s.queries
                .iter()
                .filter(|q| !q.trim().is_empty())
                .filter(|q| !typed_empty || !recent.iter().any(|r| same_search(r, q)))
                .cloned()
                .map(Choice::Popular),
        );
        if !typed_empty {
            out.extend(s.categories.iter().cloned().map(Choice::Category));
            out.extend(
                s.products
                    .iter()
                    .cloned()
                    .map(|p| Choice::Product(Box::new(p))),
            );
        }
    }
    out
}

/// The runs of consecutive options of one section, in order, as index ranges.
pub fn sections(choices: &[Choice]) -> Vec<(Group, Range<usize>)> {
    let mut out: Vec<(Group, Range<usize>)> = Vec::new();
    for (i, c) in choices.iter().enumerate() {
        match out.last_mut() {
            Some((g, r)) if *g == c.group() => r.end = i + 1,
            _ => out.push((c.group(), i..i + 1)),
        }
    }
    out
}

/// How many options at the start of the list can be removed (the recent searches).
pub fn removable(choices: &[Choice]) -> usize {
    choices
        .iter()
        .take_while(|c| matches!(c, Choice::Recent(_)))
        .count()
}

// ---------------------------------------------------------------- keyboard state machine

/// A key the combobox handles.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NavKey {
    /// `ArrowDown`
    Down,
    /// `ArrowUp`
    Up,
    /// `Home`
    Home,
    /// `End`
    End,
    /// `Enter`
    Enter,
    /// `Escape`
    Escape,
    /// `Tab`
    Tab,
    /// `Delete`
    Delete,
    /// Anything else (typing).
    Other,
}

impl NavKey {
    /// The key of a `KeyboardEvent.key` value.
    pub fn from_name(key: &str) -> NavKey {
        match key {
            "ArrowDown" | "Down" => NavKey::Down,
            "ArrowUp" | "Up" => NavKey::Up,
            "Home" => NavKey::Home,
            "End" => NavKey::End,
            "Enter" => NavKey::Enter,
            "Escape" | "Esc" => NavKey::Escape,
            "Tab" => NavKey::Tab,
            "Delete" => NavKey::Delete,
            _ => NavKey::Other,
        }
    }
}

/// What the component must do after a key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Nothing: let the browser handle the key (caret movement, Tab, typing).
    Ignore,
    /// The list opened or the active option moved (prevent the default).
    Moved,
    /// Open option `i` (prevent the default).
    Choose(usize),
    /// Search for the typed text (prevent the default).
    Submit,
    /// The list closed (prevent the default).
    Close,
    /// Empty the box (prevent the default).
    Clear,
    /// Remove recent search `i` (prevent the default).
    Remove(usize),
}

/// The state of the popup list: open or not, the active option (`aria-activedescendant`),
/// how many options it has, and whether a message row (no option) is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ListState {
    /// The shopper wants the list (focus in the box and not dismissed).
    pub open: bool,
    /// The option with visual focus.
    pub active: Option<usize>,
    /// Number of options.
    pub len: usize,
    /// Options `0..removable` can be deleted (recent searches).
    pub removable: usize,
    /// A message row without options is shown ("Suggestions unavailable").
    pub note: bool,
}

impl ListState {
    /// Whether the popup is visible (`aria-expanded`).
    pub fn expanded(&self) -> bool {
        self.open && (self.len > 0 || self.note)
    }

    /// The active option, when it exists and the list is visible.
    pub fn active(&self) -> Option<usize> {
        self.active.filter(|&i| i < self.len && self.expanded())
    }

    /// New options arrived: the active option is reset.
    pub fn set_options(&mut self, len: usize, removable: usize, note: bool) {
        self.len = len;
        self.removable = removable.min(len);
        self.note = note;
        self.active = None;
    }

    /// The shopper typed: the list opens with no active option.
    pub fn typed(&mut self) {
        self.open = true;
        self.active = None;
    }

    /// Opens the list without an active option (focus, click).
    pub fn show(&mut self) {
        self.open = true;
    }

    /// Closes the list.
    pub fn close(&mut self) {
        self.open = false;
        self.active = None;
    }

    /// Option `i` is pointed at (mouse over).
    pub fn point(&mut self, i: usize) {
        if i < self.len {
            self.active = Some(i);
        }
    }

    /// Option `i` was removed: the active option stays on the same row when it can.
    pub fn removed(&mut self, i: usize) {
        if i >= self.len {
            return;
        }
        self.len -= 1;
        if i < self.removable {
            self.removable -= 1;
        }
        self.active = match self.active {
            _ if self.len == 0 => None,
            Some(a) if a > i => Some(a - 1),
            Some(a) => Some(a.min(self.len - 1)),
            None => None,
        };
    }

    /// Handles a key press in the box. `text_empty`: the box holds no text.
    pub fn key(&mut self, key: NavKey, text_empty: bool) -> Action {
        let expanded = self.expanded();
        match key {
            NavKey::Down if !expanded => {
                self.open = true;
                self.active = (self.len > 0).then_some(0);
                Action::Moved
            }
            NavKey::Up if !expanded => {
                self.open = true;
                self.active = self.len.checked_sub(1);
                Action::Moved
            }
            NavKey::Down if self.len > 0 => {
                self.active = Some(match self.active() {
                    Some(a) if a + 1 < self.len => a + 1,
                    _ => 0,
                });
                Action::Moved
            }
            NavKey::Up if self.len > 0 => {
                self.active = Some(match self.active() {
                    Some(a) if a > 0 => a - 1,
                    _ => self.len - 1,
                });
                Action::Moved
            }
            NavKey::Home if self.active().is_some() => {
                self.active = Some(0);
                Action::Moved
            }
            NavKey::End if self.active().is_some() => {
                self.active = Some(self.len - 1);
                Action::Moved
            }
            NavKey::Enter => match self.active() {
                Some(i) => {
                    self.close();
                    Action::Choose(i)
                }
                None => {
                    self.close();
                    Action::Submit
                }
            },
            NavKey::Escape if expanded => {
                self.close();
                Action::Close
            }
            NavKey::Escape if !text_empty => {
                self.active = None;
                Action::Clear
            }
            NavKey::Tab => {
                self.close();
                Action::Ignore
            }
            NavKey::Delete => match self.active() {
                Some(i) if i < self.removable => Action::Remove(i),
                _ => Action::Ignore,
            },
            _ => Action::Ignore,
        }
    }
}

#[cfg(test)]
mod tests;
