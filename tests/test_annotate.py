from coverage_digest.site.annotate import Mark, annotate


def flatten(nodes):
    return "".join(n.text if n.mark is None else flatten(n.children) for n in nodes)


def ids(nodes):
    out = []
    for n in nodes:
        if n.mark is not None:
            out += [v for k, v in n.mark.attrs if k == "id"] + ids(n.children)
    return out


def test_nested_marks_keep_all_text_once():
    text = 'Alpha beta. Gamma "delta. Eps" zeta.'
    marks = [
        Mark(0, 11, "span", (("id", "s0"),)),
        Mark(12, 36, "span", (("id", "s1"),)),
        Mark(19, 30, "q", (("id", "q0"),), 1),
    ]
    nodes = annotate(text, marks)
    assert flatten(nodes) == text
    assert ids(nodes) == ["s0", "s1", "q0"]


def test_crossing_marks_are_split_and_ids_stay_unique():
    text = "One two. Three four."
    marks = [
        Mark(0, 8, "span", (("id", "s0"),)),
        Mark(9, 20, "span", (("id", "s1"),)),
        Mark(4, 14, "q", (("id", "q0"),), 1),
    ]
    nodes = annotate(text, marks)
    assert flatten(nodes) == text
    assert sorted(ids(nodes)) == ["q0", "s0", "s1"]


def test_out_of_range_marks_are_ignored():
    assert flatten(annotate("abc", [Mark(2, 9, "span"), Mark(1, 1, "span")])) == "abc"
