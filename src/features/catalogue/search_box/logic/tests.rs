//! Tests of the search box's pure rules.
#![allow(clippy::unwrap_used)]

use super::*;

fn strings(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| (*s).to_owned()).collect()
}

#[test]
fn recent_list_is_trimmed_deduplicated_newest_first_and_capped() {
    let mut list = Vec::new();
    assert!(!push_recent(&mut list, "   "));
    assert!(list.is_empty());
    assert!(push_recent(&mut list, "  Jacket "));
    assert!(push_recent(&mut list, "运动鞋"));
    assert!(push_recent(&mut list, "JACKET"));
    assert_eq!(list, strings(&["JACKET", "运动鞋"]));
    for i in 0..10 {
        push_recent(&mut list, &format!("q{i}"));
    }
    assert_eq!(list.len(), RECENT_MAX);
    assert_eq!(list[0], "q9");
    assert_eq!(list[RECENT_MAX - 1], "q2");
    assert!(remove_recent(&mut list, "Q5"));
    assert!(!list.contains(&"q5".to_owned()));
    assert!(!remove_recent(&mut list, "absent"));
    // Latin-1 case folding, nothing fancier
    assert!(same_search("ÀÉÎ Jacket", "àéî JACKET"));
    assert!(!same_search("ΑΒΓ", "αβγ"));
    let mut l = strings(&["Straße"]);
    push_recent(&mut l, "STRASSE");
    assert_eq!(l.len(), 2, "ß does not lowercase to ss");
    push_recent(&mut l, "ÉTÉ");
    push_recent(&mut l, "été");
    assert_eq!(l, strings(&["été", "STRASSE", "Straße"]));
}

#[test]
fn stored_list_is_sanitized() {
    let raw = strings(&["  a ", "", "A", "b", " ", "c", "d", "e", "f", "g", "h", "i"]);
    assert_eq!(
        sanitize_recent(raw),
        strings(&["a", "b", "c", "d", "e", "f", "g", "h"])
    );
}

fn marks(text: &str, q: &str) -> Vec<(String, bool)> {
    highlight(text, q)
        .into_iter()
        .map(|s| (s.text.to_owned(), s.marked))
        .collect()
}

fn m(v: &[(&str, bool)]) -> Vec<(String, bool)> {
    v.iter().map(|(s, b)| ((*s).to_owned(), *b)).collect()
}

#[test]
fn highlight_marks_matches_ignoring_case() {
    assert_eq!(
        marks("Denim Jacket", "jack"),
        m(&[("Denim ", false), ("Jack", true), ("et", false)])
    );
    assert_eq!(marks("abc", ""), m(&[("abc", false)]));
    assert_eq!(marks("abc", "   "), m(&[("abc", false)]));
    assert_eq!(marks("abc", "xyz"), m(&[("abc", false)]));
    assert_eq!(marks("", "a"), m(&[]));
    assert_eq!(marks("abc", "abcd"), m(&[("abc", false)]));
    assert_eq!(marks("ABC", "abc"), m(&[("ABC", true)]));
    // every occurrence, every word, merged when adjacent
    assert_eq!(
        marks("cotton shirt, cotton", "cotton SHIRT"),
        m(&[("cotton shirt", true), (", ", false), ("cotton", true)])
    );
    assert_eq!(marks("aaa", "a"), m(&[("aaa", true)]));
    assert_eq!(
        marks("shirt cotton", "cotton shirt"),
        m(&[("shirt", true), (" ", false), ("cotton", true)])
    );
}

#[test]
fn highlight_is_char_boundary_safe_for_chinese_and_emoji() {
    assert_eq!(
        marks("男子运动鞋", "运动"),
        m(&[("男子", false), ("运动", true), ("鞋", false)])
    );
    assert_eq!(
        marks("羽绒 Jacket 羽绒服", "羽绒 jacket"),
        m(&[
            ("羽绒 Jacket", true),
            (" ", false),
            ("羽绒", true),
            ("服", false)
        ])
    );
    assert_eq!(
        marks("🎉派对🎉", "派对"),
        m(&[("🎉", false), ("派对", true), ("🎉", false)])
    );
    assert_eq!(marks("👍🏽 好", "👍"), m(&[("👍🏽", true), (" 好", false)]));
    // a ZWJ family is never split
    assert_eq!(
        marks("👨\u{200D}👩\u{200D}👧 套装", "👨"),
        m(&[("👨\u{200D}👩\u{200D}👧", true), (" 套装", false)])
    );
    assert_eq!(
        marks("👨\u{200D}👩\u{200D}👧", "👩"),
        m(&[("👨\u{200D}👩\u{200D}👧", false)])
    );
    // accented letters: combining mark stays with its letter
    assert_eq!(marks("cafe\u{301}", "cafe"), m(&[("cafe\u{301}", true)]));
    // İ (U+0130) is not folded: compared per char, no panic
    assert_eq!(marks("İstanbul", "i"), m(&[("İstanbul", false)]));
    assert_eq!(
        marks("İstanbul", "stan"),
        m(&[("İ", false), ("stan", true), ("bul", false)])
    );
    // pieces always rebuild the text
    for (t, q) in [("运动鞋🏃‍♀️跑步", "跑"), ("ÀÉÎ", "é"), ("a\u{FE0F}b", "a")] {
        let joined: String = highlight(t, q).iter().map(|s| s.text).collect();
        assert_eq!(joined, t);
    }
}

fn suggestions(q: &str) -> SearchSuggestions {
    serde_json::from_str(&format!(
        r#"{{"query":"{q}","queries":["jacket","Denim jacket",""],
            "categories":[{{"id":"c_1","slug":"coats","name":{{"zh-CN":"外套","en":"Coats"}}}}],
            "products":[{{"id":"p_1","slug":"blazer","name":{{"zh-CN":"外套","en":"Blazer"}},
              "brand":"B","category":{{"id":"c_1","slug":"coats","name":{{"zh-CN":"外套","en":"Coats"}}}},
              "image":{{"url":"/x.svg","width":800,"height":1000,"alt":{{"zh-CN":"a","en":"a"}}}},
              "price":{{"amount_minor":100,"currency":"CNY"}},"created_at":"2025-03-01T08:00:00Z"}}]}}"#
    ))
    .unwrap() // ok: test only
}

#[test]
fn choices_with_an_empty_box_are_recent_then_new_popular() {
    let recent = strings(&["JACKET", "运动鞋"]);
    let popular = suggestions("");
    let c = build_choices(true, &recent, Some(&popular));
    assert_eq!(
        c,
        vec![
            Choice::Recent("JACKET".into()),
            Choice::Recent("运动鞋".into()),
            Choice::Popular("Denim jacket".into()),
        ]
    );
    assert_eq!(removable(&c), 2);
    assert_eq!(
        sections(&c),
        vec![(Group::Recent, 0..2), (Group::Popular, 2..3)]
    );
    assert_eq!(c[2].target(), Target::Search("Denim jacket".into()));
    // answers for typed text are not shown for an empty box, and vice versa
    assert_eq!(build_choices(true, &[], Some(&suggestions("ja"))), vec![]);
    assert_eq!(build_choices(false, &recent, Some(&popular)), vec![]);
    assert_eq!(build_choices(false, &recent, None), vec![]);
}

#[test]
fn choices_for_text_are_queries_categories_products() {
    let c = build_choices(false, &strings(&["x"]), Some(&suggestions("ja")));
    let groups: Vec<Group> = c.iter().map(Choice::group).collect();
    assert_eq!(
        groups,
        [
            Group::Popular,
            Group::Popular,
            Group::Categories,
            Group::Products
        ]
    );
    assert_eq!(removable(&c), 0);
    assert_eq!(c[2].target(), Target::Category("coats".into()));
    assert_eq!(c[3].target(), Target::Product("blazer".into()));
    assert_eq!(
        sections(&c),
        vec![
            (Group::Popular, 0..2),
            (Group::Categories, 2..3),
            (Group::Products, 3..4)
        ]
    );
    assert_eq!(sections(&[]), vec![]);
}

fn open_with(len: usize) -> ListState {
    let mut s = ListState::default();
    s.set_options(len, 0, false);
    s.typed();
    s
}

#[test]
fn arrows_move_and_wrap() {
    let mut s = open_with(3);
    assert!(s.expanded());
    assert_eq!(s.active(), None);
    assert_eq!(s.key(NavKey::Down, false), Action::Moved);
    assert_eq!(s.active(), Some(0));
    s.key(NavKey::Down, false);
    s.key(NavKey::Down, false);
    assert_eq!(s.active(), Some(2));
    s.key(NavKey::Down, false);
    assert_eq!(s.active(), Some(0), "wraps to the first");
    s.key(NavKey::Up, false);
    assert_eq!(s.active(), Some(2), "wraps to the last");
    s.key(NavKey::Home, false);
    assert_eq!(s.active(), Some(0));
    s.key(NavKey::End, false);
    assert_eq!(s.active(), Some(2));

    let mut s = open_with(3);
    assert_eq!(s.key(NavKey::Up, false), Action::Moved);
    assert_eq!(s.active(), Some(2), "up from nothing goes to the last");
    // Home/End without an active option move the caret
    let mut s = open_with(3);
    assert_eq!(s.key(NavKey::Home, false), Action::Ignore);
    assert_eq!(s.key(NavKey::End, false), Action::Ignore);
    // nothing to move to
    let mut s = open_with(0);
    assert!(!s.expanded());
    assert_eq!(s.key(NavKey::Down, false), Action::Moved);
    assert_eq!(s.active(), None);
    assert_eq!(s.key(NavKey::Down, false), Action::Moved);
    assert_eq!(s.active(), None);
}

#[test]
fn closed_list_opens_on_arrows() {
    let mut s = open_with(4);
    s.close();
    assert!(!s.expanded());
    assert_eq!(s.key(NavKey::Down, false), Action::Moved);
    assert!(s.expanded());
    assert_eq!(s.active(), Some(0));
    s.close();
    s.key(NavKey::Up, false);
    assert_eq!(s.active(), Some(3));
}

#[test]
fn active_resets_when_results_change_or_text_is_typed() {
    let mut s = open_with(5);
    s.key(NavKey::Down, false);
    s.key(NavKey::Down, false);
    assert_eq!(s.active(), Some(1));
    s.set_options(2, 0, false);
    assert_eq!(s.active(), None);
    s.key(NavKey::Down, false);
    s.typed();
    assert_eq!(s.active(), None);
    // a stale index never escapes
    s.active = Some(9);
    assert_eq!(s.active(), None);
    s.point(1);
    assert_eq!(s.active(), Some(1));
    s.point(7);
    assert_eq!(s.active(), Some(1));
}

#[test]
fn enter_chooses_the_active_option_or_searches_the_text() {
    let mut s = open_with(3);
    assert_eq!(s.key(NavKey::Enter, false), Action::Submit);
    assert!(!s.expanded());
    let mut s = open_with(3);
    s.key(NavKey::Down, false);
    s.key(NavKey::Down, false);
    assert_eq!(s.key(NavKey::Enter, false), Action::Choose(1));
    assert!(!s.open);
    // closed list: Enter searches even if an index lingers
    let mut s = open_with(3);
    s.key(NavKey::Down, false);
    s.close();
    assert_eq!(s.key(NavKey::Enter, false), Action::Submit);
}

#[test]
fn escape_closes_then_clears_and_tab_closes() {
    let mut s = open_with(3);
    s.key(NavKey::Down, false);
    assert_eq!(s.key(NavKey::Escape, false), Action::Close);
    assert!(!s.expanded());
    assert_eq!(s.key(NavKey::Escape, false), Action::Clear);
    assert_eq!(s.key(NavKey::Escape, true), Action::Ignore);
    let mut s = open_with(3);
    assert_eq!(s.key(NavKey::Tab, false), Action::Ignore);
    assert!(!s.open);
    // a message row alone still counts as an open list
    let mut s = ListState::default();
    s.set_options(0, 0, true);
    s.show();
    assert!(s.expanded());
    assert_eq!(s.key(NavKey::Escape, false), Action::Close);
    assert_eq!(s.key(NavKey::Other, false), Action::Ignore);
}

#[test]
fn delete_removes_only_recent_searches() {
    let mut s = ListState::default();
    s.set_options(4, 2, false);
    s.show();
    assert_eq!(
        s.key(NavKey::Delete, true),
        Action::Ignore,
        "no active option"
    );
    s.key(NavKey::Down, true);
    s.key(NavKey::Down, true);
    assert_eq!(s.key(NavKey::Delete, true), Action::Remove(1));
    s.removed(1);
    assert_eq!((s.len, s.removable, s.active()), (3, 1, Some(1)));
    s.key(NavKey::Down, true);
    assert_eq!(s.key(NavKey::Delete, true), Action::Ignore, "popular");
    s.key(NavKey::Home, true);
    s.removed(0);
    assert_eq!((s.len, s.removable, s.active()), (2, 0, Some(0)));
    // removing above the active one keeps the same option active
    let mut s = ListState::default();
    s.set_options(3, 3, false);
    s.show();
    s.key(NavKey::Up, true);
    assert_eq!(s.active(), Some(2));
    s.removed(0);
    assert_eq!(s.active(), Some(1));
    s.removed(1);
    assert_eq!(s.active(), Some(0));
    s.removed(0);
    assert_eq!((s.len, s.active()), (0, None));
    s.removed(0);
    assert_eq!(s.len, 0);
}

#[test]
fn key_names() {
    assert_eq!(NavKey::from_name("ArrowDown"), NavKey::Down);
    assert_eq!(NavKey::from_name("Esc"), NavKey::Escape);
    assert_eq!(NavKey::from_name("a"), NavKey::Other);
}
