from gigs.text import MAX_TERMS_PER_QUERY, query_terms, terms


def test_terms_fold_case_accents_stop_words_and_plurals():
    assert terms("I will design LOGOS and stories for your Café") == ["design", "logo", "story", "cafe"]


def test_terms_keep_programming_names_whole():
    assert terms("C++ and C# developer, node.js") == ["c++", "c#", "developer", "node", "js"]


def test_a_query_is_capped():
    assert len(query_terms(" ".join(f"word{n}" for n in range(50)))) == MAX_TERMS_PER_QUERY
