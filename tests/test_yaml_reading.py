"""The strict YAML reader: YAML 1.1 traps stay text, dangerous constructs are refused."""

from __future__ import annotations

import pytest

from clustersite.yamlfile import YamlProblem, parse_yaml, read_yaml_file


def test_yaml_11_traps_stay_the_text_that_was_typed() -> None:
    data = parse_yaml("country: NO\ntime: 1:30\npostcode: 0123\nanswer: yes\nswitch: on\nversion: 1.10\n")
    assert data == {"country": "NO", "time": "1:30", "postcode": "0123", "answer": "yes", "switch": "on", "version": "1.10"}


def test_true_false_and_empty_are_typed() -> None:
    assert parse_yaml("a: true\nb: false\nc:\nd: ~\n") == {"a": True, "b": False, "c": None, "d": None}


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("name: A\nname: B\n", 2, 'duplicate key "name" (first on line 1)'),
        ("a: &x 1\nb: *x\n", 1, "anchors and aliases (& and *) are not allowed"),
        ("a: [1]\nb: *unknown\n", 2, "anchors and aliases (& and *) are not allowed"),
        ("a:\n\t- b\n", 2, "a tab character is not allowed here"),
        ("a: !!python/object/apply:os.system ['id']\n", 1, "the tag tag:yaml.org,2002:python/object/apply:os.system is not allowed"),
        ("a: 'unclosed\n", 1, "this is not valid YAML: found unexpected end of stream"),  # where the quote opened
    ],
)
def test_refused_constructs_name_their_line(text: str, line: int, message: str) -> None:
    with pytest.raises(YamlProblem) as caught:
        parse_yaml(text)
    assert caught.value.line == line
    assert caught.value.message == message


def test_billion_laughs_is_refused_before_expansion() -> None:
    bomb = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n'
    with pytest.raises(YamlProblem, match="anchors and aliases"):
        parse_yaml(bomb)


def test_file_level_problems(tmp_path) -> None:
    cases = {
        "bom.yml": ("\ufeffname: A\n".encode(), None),
        "latin1.yml": (b"name: A\ncity: Ia\xfei\n", "members/latin1.yml:2: the file is not valid UTF-8 (save it with UTF-8 encoding)"),
        "empty.yml": (b"\n# only a comment\n", "members/empty.yml:1: the file is empty (fill in at least the required keys)"),
        "huge.yml": (b"name: A\ndescription: " + b"x" * (5 * 1024 * 1024) + b"\n", "members/huge.yml:1: the file is 5.0 MB, over the 512 KB limit (a data file should be a few KB; move long texts out)"),
    }
    for name, (content, expected) in cases.items():
        path = tmp_path / name
        path.write_bytes(content)
        data, errors = read_yaml_file(path, f"members/{name}")
        if expected is None:
            assert errors == [] and data == {"name": "A"}, "a UTF-8 byte-order mark (Windows editors) is accepted"
        else:
            assert [str(e) for e in errors] == [expected]


def test_every_mapping_and_list_remembers_its_lines() -> None:
    data = parse_yaml("name: A\ncontacts:\n  - name: B\n    email: x\n  - name: C\n")
    assert data.key_lines == {"name": 1, "contacts": 2}
    assert data["contacts"].item_lines == [3, 5]
    assert data["contacts"][0].key_lines == {"name": 3, "email": 4}
