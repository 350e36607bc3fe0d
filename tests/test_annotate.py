import dataclasses

from hypothesis import given
from hypothesis import strategies as st

from coverage_digest.site.annotate import Mark, Node, annotate


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


def _reference(text, marks):
    """The straightforward nesting (quadratic: a scan and a re-sort per mark), kept to check the linear one against."""

    def build(start, end, marks):
        nodes, pos, pending = [], start, list(marks)
        while pending:
            outer = pending.pop(0)
            if outer.start > pos:
                nodes.append(Node(text=text[pos : outer.start]))
            inside, rest = [], []
            for m in pending:
                if m.start >= outer.end:
                    rest.append(m)
                elif m.end <= outer.end:
                    inside.append(m)
                else:
                    inside.append(dataclasses.replace(m, end=outer.end))
                    attrs = tuple((k, v) for k, v in m.attrs if k != "id")
                    rest.append(dataclasses.replace(m, start=outer.end, attrs=attrs))
            nodes.append(Node(mark=outer, children=build(outer.start, outer.end, inside)))
            pos = outer.end
            pending = sorted(rest, key=lambda m: (m.start, -m.end, m.rank))
        if pos < end:
            nodes.append(Node(text=text[pos:end]))
        return tuple(nodes)

    valid = [m for m in marks if 0 <= m.start < m.end <= len(text)]
    return build(0, len(text), sorted(valid, key=lambda m: (m.start, -m.end, m.rank)))


@given(
    st.text(alphabet="ab ", min_size=1, max_size=30),
    st.lists(st.tuples(st.integers(0, 31), st.integers(0, 31), st.integers(0, 2)), max_size=9),
)
def test_nesting_equals_the_straightforward_algorithm(text, spans):
    marks = [Mark(a, b, "span", (("id", f"m{i}"),), rank) for i, (a, b, rank) in enumerate(spans)]
    assert annotate(text, marks) == _reference(text, marks)


def test_nesting_work_grows_linearly_with_the_marks(monkeypatch):
    """Ten times the sentences and quotes of a paragraph: at most fifteen times the comparisons (counted)."""
    from coverage_digest.site import annotate as module

    calls = [0]
    order = module._order

    def counted(m):
        calls[0] += 1
        return order(m)

    monkeypatch.setattr(module, "_order", counted)
    work = []
    for n in (2_000, 20_000):
        text = "A sentence here. " * n
        marks = [Mark(17 * i, 17 * i + 16, "span", (("id", f"s{i}"),)) for i in range(n)]
        marks += [Mark(17 * i + 2, 17 * i + 30, "mark", rank=1) for i in range(0, n - 2, 7)]  # quotes across sentences
        calls[0] = 0
        annotate(text, marks)
        work.append(calls[0])
    assert work[1] <= 15 * work[0]


_MACRO_ENV = None


def _macro_html(nodes):
    """What macros.html's recursive `nodes` macro renders (the templates' old path), for comparison."""
    global _MACRO_ENV
    if _MACRO_ENV is None:
        from jinja2 import Environment, FileSystemLoader

        from coverage_digest.site import TEMPLATES

        _MACRO_ENV = Environment(
            loader=FileSystemLoader(str(TEMPLATES)), trim_blocks=True, lstrip_blocks=True, autoescape=True
        )
    template = _MACRO_ENV.from_string('{% import "macros.html" as m %}{{ m.nodes(items) }}')
    return template.render(items=nodes)


@given(
    st.text(alphabet="ab &<>\"'é", max_size=30),
    st.lists(st.tuples(st.integers(0, 30), st.integers(1, 12), st.sampled_from(["span", "q", "mark"])), max_size=6),
)
def test_nodes_html_is_the_macro_byte_for_byte(text, spans):
    from coverage_digest.site.annotate import nodes_html

    marks = [
        Mark(s, s + n, tag, (("id", f"m{i}"), ("title", f'say "{text[:5]}" & <go>'), ("class", "x'y")), i % 2)
        for i, (s, n, tag) in enumerate(spans)
    ]
    nodes = annotate(text, marks)
    assert str(nodes_html(nodes)) == _macro_html(nodes)
