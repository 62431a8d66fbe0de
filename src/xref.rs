//! Links inside answers: which of them point at another entry, and how each
//! kind is shown. A link whose text is another entry's question
//! (`[How do I delete a room or a space?](#)`) or whose target is `#id`
//! is a cross-reference, shown as `faq show <id>`.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use crate::entry::Entry;
use crate::hyperlink;
use crate::sanitize::sanitize;
use crate::text;

/// Beyond this many links of one kind, [`CrossRefs::for_links`] looks them up
/// in a set rather than a list.
const FEW_LINKS: usize = 16;

/// Questions and ids of a corpus, to resolve links against.
#[derive(Debug, Default)]
pub struct CrossRefs {
    by_question: HashMap<String, String>,
    /// Every id and alias, to the id of its entry.
    ids: HashMap<String, String>,
}

impl CrossRefs {
    pub fn new(entries: &[Entry]) -> Self {
        CrossRefs {
            by_question: entries
                .iter()
                .map(|e| (text::comparable(&e.question), e.id.to_string()))
                .collect(),
            ids: entries
                .iter()
                .flat_map(|e| {
                    let id = e.id.to_string();
                    e.aliases
                        .iter()
                        .map(move |alias| (alias.to_string(), e.id.to_string()))
                        .chain([(id.clone(), id)])
                })
                .collect(),
        }
    }

    /// Only the entries the links of `markdown` can point at: all that
    /// [`rewrite_links`] needs to show that one answer, without indexing the
    /// whole corpus. Resolves every link of `markdown` as [`CrossRefs::new`]
    /// would.
    pub(crate) fn for_links(entries: &[Entry], markdown: &str) -> Self {
        let mut refs = CrossRefs::default();
        let links = links(markdown);
        if links.is_empty() {
            return refs;
        }
        // A few links at most, usually: a list compares faster than a set
        // hashes. Many links are looked up in sets, or every entry would be
        // compared with every link.
        let ids: Vec<&str> = links
            .iter()
            .filter_map(|l| l.target.strip_prefix('#'))
            .collect();
        let questions: Vec<String> = links
            .iter()
            .filter(|l| l.target.is_empty() || l.target == "#")
            .map(|l| text::comparable(&l.text))
            .collect();
        let id_set: Option<HashSet<&str>> =
            (ids.len() > FEW_LINKS).then(|| ids.iter().copied().collect());
        let question_set: Option<HashSet<&str>> =
            (questions.len() > FEW_LINKS).then(|| questions.iter().map(String::as_str).collect());
        for e in entries {
            let linked_by_id = match &id_set {
                Some(set) => set.contains(&*e.id),
                None => ids.contains(&&*e.id),
            };
            if linked_by_id {
                refs.ids.insert(e.id.to_string(), e.id.to_string());
            }
            for alias in e.aliases.iter() {
                let linked = match &id_set {
                    Some(set) => set.contains(&**alias),
                    None => ids.contains(&&**alias),
                };
                if linked {
                    refs.ids.insert(alias.to_string(), e.id.to_string());
                }
            }
            let linked = match &question_set {
                Some(set) => {
                    let question = text::comparable(&e.question);
                    set.contains(question.as_str()).then_some(question)
                }
                // Compared a character at a time: most questions differ
                // from every link text within a few characters.
                None => questions
                    .iter()
                    .find(|q| text::comparable_chars(&e.question).eq(q.chars()))
                    .cloned(),
            };
            if let Some(question) = linked {
                // A later entry with the same question wins, as in `new`.
                refs.by_question.insert(question, e.id.to_string());
            }
        }
        refs
    }

    /// The id a link points at, if it is a cross-reference.
    pub fn resolve(&self, link_text: &str, target: &str) -> Option<&str> {
        if let Some(anchor) = target.strip_prefix('#')
            && let Some(id) = self
                .ids
                .get(anchor)
                .or_else(|| self.ids.get(&text::github_slug(anchor)))
        {
            return Some(id);
        }
        if target.is_empty() || target == "#" {
            return self
                .by_question
                .get(&text::comparable(link_text))
                .map(String::as_str);
        }
        None
    }

    /// True when `anchor` (a link's `#…`) names an entry: its id, one of
    /// its aliases, or (as GitHub reads a link) what slugs to one.
    pub(crate) fn has_id(&self, anchor: &str) -> bool {
        self.ids.contains_key(anchor) || self.ids.contains_key(&text::github_slug(anchor))
    }
}

/// One link in a Markdown text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    /// Byte range of the whole link (`[text](target)` or `<url>`).
    pub span: Range<usize>,
    pub text: String,
    pub target: String,
}

/// Every inline link and autolink of `markdown`, in order.
pub fn links(markdown: &str) -> Vec<Link> {
    let mut out = Vec::new();
    let mut open: Option<(Range<usize>, String, String)> = None;
    for (event, range) in Parser::new_ext(markdown, Options::empty()).into_offset_iter() {
        match event {
            Event::Start(Tag::Link { dest_url, .. }) => {
                open = Some((range, dest_url.to_string(), String::new()));
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, _, text)) = open.as_mut() {
                    text.push_str(&t);
                }
            }
            Event::End(TagEnd::Link) => {
                if let Some((span, target, text)) = open.take() {
                    out.push(Link { span, text, target });
                }
            }
            _ => {}
        }
    }
    out
}

/// How links are written out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum LinkStyle {
    /// Keep Markdown links; only cross-references change, to name their command.
    Markdown,
    /// For a terminal: link text, then the URL where it is a real one.
    Terminal,
}

/// Rewrites the links of an answer for display.
pub(crate) fn rewrite_links(markdown: &str, refs: &CrossRefs, style: LinkStyle) -> String {
    let mut out = String::with_capacity(markdown.len() + 64);
    let mut last = 0;
    for link in links(markdown) {
        let replacement = match style {
            LinkStyle::Terminal => terminal_text(&link, refs),
            LinkStyle::Markdown => match refs.resolve(&link.text, &link.target) {
                Some(id) => format!("{} (`faq show {id}`)", link.text),
                None => continue,
            },
        };
        out.push_str(&markdown[last..link.span.start]);
        out.push_str(&replacement);
        last = link.span.end;
    }
    out.push_str(&markdown[last..]);
    out
}

/// [`rewrite_links`] in the terminal style, sanitised, with each web or mail
/// link marked to become a hyperlink (see [`hyperlink`]); also returns the
/// URLs by the numbers the marks carry. Sanitising is done here, piece by
/// piece, because it would escape the marks if done after.
pub fn rewrite_links_hyperlinked(markdown: &str, refs: &CrossRefs) -> (String, Vec<String>) {
    let mut out = String::with_capacity(markdown.len() + 64);
    let mut urls = Vec::new();
    let mut last = 0;
    for link in links(markdown) {
        let text = terminal_text(&link, refs);
        out.push_str(&sanitize(&markdown[last..link.span.start]));
        if refs.resolve(&link.text, &link.target).is_none() && hyperlink::linkable(&link.target) {
            hyperlink::mark(&sanitize(&text), urls.len(), &mut out);
            urls.push(link.target);
        } else {
            out.push_str(&sanitize(&text));
        }
        last = link.span.end;
    }
    out.push_str(&sanitize(&markdown[last..]));
    (out, urls)
}

/// A link as a terminal shows it: its text, then the command of a
/// cross-reference or the URL (once) of a real link.
fn terminal_text(link: &Link, refs: &CrossRefs) -> String {
    match refs.resolve(&link.text, &link.target) {
        // On a terminal the command is plain words, so it wraps like text
        // instead of leaving a lone `(` before a code span.
        Some(id) => format!("{} (faq show {id})", link.text),
        None if link.target.is_empty() || link.target.starts_with('#') => link.text.clone(),
        None if link.text == link.target || format!("mailto:{}", link.text) == link.target => {
            link.text.clone()
        }
        None => format!("{} <{}>", link.text, link.target),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refs_entry() -> Entry {
        Entry {
            category: vec![].into(),
            ..Entry::for_test(
                "delete-room-or-space",
                "How do I delete a room or a space?",
                "",
                "x",
            )
        }
    }

    fn refs() -> CrossRefs {
        CrossRefs::new(&[refs_entry()])
    }

    #[test]
    fn link_named_after_a_question_is_a_cross_reference() {
        let md = "see [How do I delete a room or a space?](#) now";
        assert_eq!(
            rewrite_links(md, &refs(), LinkStyle::Markdown),
            "see How do I delete a room or a space? (`faq show delete-room-or-space`) now"
        );
    }

    #[test]
    fn explicit_id_target_is_a_cross_reference() {
        let md = "[here](#delete-room-or-space)";
        assert_eq!(
            rewrite_links(md, &refs(), LinkStyle::Terminal),
            "here (faq show delete-room-or-space)"
        );
    }

    #[test]
    fn terminal_style_shows_text_and_real_urls() {
        let md = "[this](#) and [blog](https://e.io/b) and <https://e.io/x>";
        assert_eq!(
            rewrite_links(md, &refs(), LinkStyle::Terminal),
            "this and blog <https://e.io/b> and https://e.io/x"
        );
        assert_eq!(rewrite_links(md, &refs(), LinkStyle::Markdown), md);
    }

    #[test]
    fn hyperlinked_style_marks_only_web_and_mail_links() {
        let md = "[this](#) and [blog](https://e.io/b), <mailto:a@b.c>, [f](file:///x) \x1b";
        let (text, urls) = rewrite_links_hyperlinked(md, &refs());
        assert_eq!(urls, ["https://e.io/b", "mailto:a@b.c"]);
        assert_eq!(
            hyperlink::apply(&text, &urls, false),
            sanitize(&rewrite_links(md, &refs(), LinkStyle::Terminal))
        );
        assert!(!text.contains('\x1b'));
    }

    #[test]
    fn refs_for_one_answer_resolve_its_links_like_the_full_index() {
        let entries = faq_entries();
        let full = CrossRefs::new(&entries);
        for e in &entries {
            let only = CrossRefs::for_links(&entries, &e.answer);
            for style in [LinkStyle::Markdown, LinkStyle::Terminal] {
                assert_eq!(
                    rewrite_links(&e.answer, &only, style),
                    rewrite_links(&e.answer, &full, style),
                    "{}",
                    e.id
                );
            }
        }
        let md = "[a](#delete-room-or-space), [How do I delete a room or a space?](), [x](#nope)";
        let entries = [refs_entry()];
        let only = CrossRefs::for_links(&entries, md);
        assert_eq!(
            rewrite_links(md, &only, LinkStyle::Markdown),
            rewrite_links(md, &CrossRefs::new(&entries), LinkStyle::Markdown)
        );
        assert!(only.has_id("delete-room-or-space"));
    }

    #[test]
    fn refs_for_an_answer_of_many_links_resolve_like_the_full_index() {
        let mut entries = faq_entries();
        let mut md = String::new();
        for (i, e) in entries.iter().enumerate() {
            if i % 2 == 0 {
                md.push_str(&format!("[{}](#) ", e.question.to_uppercase()));
            } else {
                md.push_str(&format!("[x](#{}) ", e.id));
            }
        }
        md.push_str("[y](#nope) [No such question?]()");
        // A later entry with an earlier one's question takes its links.
        let mut twin = entries[0].clone();
        twin.id = "twin".into();
        entries.push(twin);
        let only = CrossRefs::for_links(&entries, &md);
        let full = CrossRefs::new(&entries);
        for style in [LinkStyle::Markdown, LinkStyle::Terminal] {
            assert_eq!(
                rewrite_links(&md, &only, style),
                rewrite_links(&md, &full, style)
            );
        }
        assert!(rewrite_links(&md, &only, LinkStyle::Markdown).contains("faq show twin"));
    }

    fn faq_entries() -> Vec<Entry> {
        crate::corpus::Corpus::load(&[crate::corpus::Source::Builtin]).entries
    }

    #[test]
    fn links_inside_code_are_not_links() {
        assert!(links("`[a](#)`").is_empty());
    }
}
