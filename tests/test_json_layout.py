"""The export's JSON layout: read back as what was written, outer levels indented, each record
at the flat depth on one line."""

import json

from hypothesis import given, strategies as st

from kiosk.domain import json_layout

values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=30,
)


@given(values, st.integers(min_value=0, max_value=5))
def test_reads_back_as_written(value, flat_at):
    assert json.loads(json_layout.dumps(value, flat_at)) == value


def test_records_at_the_flat_depth_are_one_line_each():
    doc = {"estates": [{"name": "甲", "projects": [{"id": 1, "sources": [{"k": "a"}]}, {"id": 2, "sources": []}]}]}
    text = json_layout.dumps(doc, flat_at=4)
    lines = text.splitlines()
    assert '        {"id": 1, "sources": [{"k": "a"}]},' in lines and '        {"id": 2, "sources": []}' in lines
    assert lines[0] == "{" and lines[1] == '  "estates": [' and '      "name": "甲",' in lines  # not escaped
    assert json_layout.dumps(doc, flat_at=0) == json.dumps(doc, ensure_ascii=False)
