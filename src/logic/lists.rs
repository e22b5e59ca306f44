//! Lists of product ids kept on the device: the wishlist and recently viewed products.
//! Both are `Vec<String>` of product ids, newest first, without duplicates.

use crate::storage::push_front_unique;

/// At most this many products are kept in the wishlist (one `ids=` request).
pub const WISHLIST_MAX: usize = 100;
/// At most this many recently viewed products are kept.
pub const RECENT_MAX: usize = 12;

/// Adds `id` to the front of `list`, or removes it when present. Returns whether it is
/// in the list afterwards.
pub fn toggle(list: &mut Vec<String>, id: &str, max: usize) -> bool {
    if list.iter().any(|x| x == id) {
        list.retain(|x| x != id);
        false
    } else {
        push_front_unique(list, id, max);
        true
    }
}

/// A list read from storage, cleaned: no empty or duplicate ids, at most `max`.
pub fn sanitize(list: Vec<String>, max: usize) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(list.len().min(max));
    for id in list {
        let id = id.trim();
        if !id.is_empty() && !out.iter().any(|x| x == id) && out.len() < max {
            out.push(id.to_owned());
        }
    }
    out
}

/// Records a view of `id`: moves it to the front, keeps at most [`RECENT_MAX`].
pub fn record_view(list: &mut Vec<String>, id: &str) {
    push_front_unique(list, id, RECENT_MAX);
}

/// The recently viewed ids to show on the page of `current`: every other id, newest first.
pub fn others(list: &[String], current: &str) -> Vec<String> {
    list.iter()
        .filter(|id| id.as_str() != current)
        .take(RECENT_MAX)
        .cloned()
        .collect()
}

/// `items` in the order of `ids`, dropping items whose key is not in `ids` (an answer for
/// ids that were removed meanwhile) and ids without an item (unknown products).
pub fn order_by_ids<T>(items: Vec<T>, ids: &[String], key: impl Fn(&T) -> &str) -> Vec<T> {
    let mut slots: Vec<Option<T>> = items.into_iter().map(Some).collect();
    ids.iter()
        .filter_map(|id| {
            slots
                .iter_mut()
                .find(|s| s.as_ref().is_some_and(|t| key(t) == id))
                .and_then(Option::take)
        })
        .collect()
}

/// The requested ids the server did not return, when the answer looks complete (every
/// returned id was requested and nothing is left on a next page): products that no longer
/// exist. `None` when the answer cannot tell.
pub fn unknown_ids(requested: &[String], returned: &[&str], complete: bool) -> Option<Vec<String>> {
    if !complete || returned.iter().any(|r| !requested.iter().any(|q| q == r)) {
        return None;
    }
    Some(
        requested
            .iter()
            .filter(|q| !returned.contains(&q.as_str()))
            .cloned()
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn toggle_adds_newest_first_and_removes() {
        let mut list = Vec::new();
        assert!(toggle(&mut list, "a", 3));
        assert!(toggle(&mut list, "b", 3));
        assert_eq!(list, v(&["b", "a"]));
        assert!(!toggle(&mut list, "a", 3));
        assert_eq!(list, v(&["b"]));
        assert!(toggle(&mut list, "a", 3));
        assert!(toggle(&mut list, "c", 3));
        assert!(toggle(&mut list, "d", 3));
        assert_eq!(list, v(&["d", "c", "a"]), "the oldest falls off at the cap");
    }

    #[test]
    fn sanitize_drops_blanks_duplicates_and_excess() {
        assert_eq!(sanitize(v(&["a", " ", "b", "a", "c"]), 2), v(&["a", "b"]));
        assert_eq!(sanitize(v(&[" x "]), 5), v(&["x"]));
    }

    #[test]
    fn recently_viewed_moves_to_front_caps_and_excludes_current() {
        let mut list = Vec::new();
        for i in 0..15 {
            record_view(&mut list, &format!("p{i}"));
        }
        assert_eq!(list.len(), RECENT_MAX);
        assert_eq!(list.first().map(String::as_str), Some("p14"));
        record_view(&mut list, "p10");
        assert_eq!(&list[..3], &v(&["p10", "p14", "p13"])[..]);
        assert_eq!(list.len(), RECENT_MAX);
        let shown = others(&list, "p10");
        assert_eq!(shown.len(), RECENT_MAX - 1);
        assert!(!shown.contains(&"p10".to_owned()));
        assert_eq!(shown.first().map(String::as_str), Some("p14"));
    }

    #[test]
    fn order_follows_ids_and_tolerates_gaps() {
        let items = vec![("b", 2), ("x", 9), ("a", 1), ("c", 3)];
        let ordered = order_by_ids(items, &v(&["c", "gone", "a", "b"]), |t| t.0);
        assert_eq!(ordered, vec![("c", 3), ("a", 1), ("b", 2)]);
    }

    #[test]
    fn unknown_ids_only_from_a_complete_answer() {
        let req = v(&["a", "b", "c"]);
        assert_eq!(unknown_ids(&req, &["a", "c"], true), Some(v(&["b"])));
        assert_eq!(unknown_ids(&req, &["a", "b", "c"], true), Some(vec![]));
        assert_eq!(unknown_ids(&req, &["a"], false), None, "more pages");
        assert_eq!(unknown_ids(&req, &["a", "z"], true), None, "filter ignored");
    }
}
