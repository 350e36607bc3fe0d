"""site/lookup.py: the dict-first attribute lookup gives what Jinja's own lookup gives, in every case."""

import pytest
from jinja2 import ChainableUndefined, Environment, StrictUndefined, UndefinedError

from coverage_digest.site.lookup import dict_first_getattr

TEMPLATE = (
    "{{ v.name }}|{{ v.missing }}|{{ v.missing is defined }}|{{ v.items is callable }}|{{ v['name'] }}|"
    "{% for k, x in v.items() %}{{ k }}={{ x.inner if x is mapping else x }};{% endfor %}|{{ v.obj.real }}|"
    "{{ v.nested.inner }}|{% if v.flag %}yes{% else %}no{% endif %}|{{ v.keys is defined }}"
)
VIEW = {"name": "A & <b>", "flag": False, "obj": 3, "nested": {"inner": "'q'"}, "items": "shadowed key"}


def _render(env):
    return env.from_string(TEMPLATE).render(v=VIEW)


@pytest.mark.parametrize("undefined", [None, ChainableUndefined])
def test_same_output_as_jinjas_lookup(undefined):
    kwargs = {"autoescape": True} | ({"undefined": undefined} if undefined else {})
    plain, fast = Environment(**kwargs), Environment(**kwargs)
    fast.getattr = dict_first_getattr(fast)
    assert _render(fast) == _render(plain)
    assert _render(fast).split("|")[3] == "True"  # `v.items` is the dict's method, as in Jinja


def test_a_missing_key_is_the_environments_undefined():
    env = Environment(undefined=StrictUndefined)
    env.getattr = dict_first_getattr(env)
    with pytest.raises(UndefinedError):
        env.from_string("{{ v.nope }}").render(v={})
