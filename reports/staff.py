"""Thanks to our people: praise that names a member of staff («Спасибо
Светлане из поддержки!») is theirs, counted per person over the week and all
time — the team's wall of fame.

Names are matched with their case endings («Светлана», «Светлане»,
«Светланой», «Олегу»), which Snowball, made for common words, does not do for
names (it stems «Светлана» to «светла»): a text's word is a name's form when
it is the name without its final vowel plus one of Russian's noun endings."""

from __future__ import annotations

from matching.query import tokenize

# The endings of Russian nouns in every case, singular and plural; "" for the bare stem (Олег).
ENDINGS = frozenset("""
а я у ю е ы и о ой ей ою ею ом ем ам ям ами ями ах ях ов ев ым им ь
""".split()) | {""}
_FINAL_VOWELS = "аяоеуыийь"


def _base(word: str) -> str:
    return word[:-1] if len(word) > 3 and word[-1] in _FINAL_VOWELS else word


def _is_form(name_word: str, word: str) -> bool:
    if word == name_word:
        return True
    base = _base(name_word)
    return len(base) >= 2 and word.startswith(base) and word[len(base):] in ENDINGS


def names_in(text: str, staff: tuple[str, ...]) -> list[str]:
    """The members of staff that `text` names, in the order of `staff`."""
    words = tokenize(text)
    named = []
    for person in staff:
        wanted = tokenize(person)
        if wanted and any(all(_is_form(w, words[i + j]) for j, w in enumerate(wanted))
                          for i in range(len(words) - len(wanted) + 1)):
            named.append(person)
    return named


def like_patterns(staff: tuple[str, ...]) -> list[str]:
    """SQL LIKE patterns that every text naming one of `staff` matches: a cheap
    first pass over all time before `names_in` decides. Each name's base as
    written, capitalised and shouted (LIKE is case-sensitive for Cyrillic),
    with any е matching ё too."""
    patterns = set()
    for person in staff:
        words = tokenize(person)
        if words:
            base = _base(words[0]) if len(_base(words[0])) >= 2 else words[0]
            patterns.update(f"%{form.replace('е', '_').replace('Е', '_')}%"
                            for form in (base, base.capitalize(), base.upper()))
    return sorted(patterns)
