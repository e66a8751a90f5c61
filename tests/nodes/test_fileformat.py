"""The .journey.json format: round trip, unknown keys, migration, errors."""
import json

import pytest

from nodes import Journey, JourneyFileError, UnsupportedVersionError, dumps, load, loads, save
from resources import TEMPLATES_DIR

ACTIVATION = TEMPLATES_DIR / "new-customer-activation.journey.json"


def doc():
    return json.loads(ACTIVATION.read_text(encoding="utf-8"))


def test_file_is_sorted_two_space_and_reloads_identically():
    text = ACTIVATION.read_text(encoding="utf-8")
    assert dumps(loads(text)) == text
    parsed = json.loads(text)
    assert list(parsed) == sorted(parsed)
    assert text.startswith('{\n  "format": "journey-canvas"')
    assert "graph" in parsed and "edges" in parsed["graph"] and "links" not in parsed["graph"]


def test_graph_is_networkx_node_link_data():
    import networkx as nx

    graph = nx.node_link_graph(doc()["graph"], edges="edges")
    assert isinstance(graph, nx.DiGraph) and graph.number_of_nodes() == 14
    assert graph.edges["register", "wait-open-page"]["outlet"] == "next"


def test_unknown_keys_survive_a_round_trip():
    data = doc()
    data["x_top"] = {"keep": 1}
    data["journey"]["x_owner"] = "王经理"
    data["journey"]["entry"]["x_quota"] = 5
    data["graph"]["nodes"][0]["x_color"] = "#fff"
    data["graph"]["nodes"][0]["config"]["x_note"] = "备注"
    data["graph"]["edges"][0]["x_style"] = "dashed"
    data["graph"]["graph"]["x_zoom"] = 1.5
    data["graph"]["x_extra"] = []
    again = json.loads(dumps(loads(json.dumps(data))))
    assert again == data


def test_old_version_is_migrated():
    data = doc()
    data["format_version"] = 0
    data["graph"]["links"] = data["graph"].pop("edges")
    for edge in data["graph"]["links"]:
        edge["port"] = edge.pop("outlet")
    journey = loads(json.dumps(data))
    assert journey.edge_from("register", "next") == "wait-open-page"
    assert json.loads(dumps(journey))["format_version"] == 1


def test_newer_version_is_refused_clearly():
    data = doc()
    data["format_version"] = 99
    with pytest.raises(UnsupportedVersionError) as caught:
        loads(json.dumps(data))
    assert "newer" in caught.value.message("en") and "升级" in caught.value.message("zh_CN")


@pytest.mark.parametrize(
    "mutate, path",
    [
        (lambda d: d["graph"]["nodes"][3]["config"]["duration"].update(amount="three"),
         "graph.nodes[3].config.duration.amount"),
        (lambda d: d["graph"]["nodes"][1]["config"].pop("event"), "graph.nodes[1].config.event"),
        (lambda d: d["graph"]["nodes"][2].update(kind="teleport"), "graph.nodes[2]"),
        (lambda d: d["graph"]["nodes"][2]["config"].update(channel="pigeon"),
         "graph.nodes[2].config.channel"),
        (lambda d: d["journey"]["entry"].update(sample_percent=150),
         "journey.entry.sample_percent"),
        (lambda d: d["journey"].update(timezone="Mars/Olympus"), "journey.timezone"),
        (lambda d: d["graph"]["edges"][0].update(target="ghost"), "graph.edges[0].target"),
        (lambda d: d["graph"]["edges"][0].pop("outlet"), "graph.edges[0].outlet"),
        (lambda d: d["graph"].update(nodes={}), "graph.nodes"),
        (lambda d: d.update(format="something-else"), "format"),
        (lambda d: d["graph"]["nodes"][4]["config"]["paths"][1]["condition"]["all"][1]["count"]
         .update(value=-1), "graph.nodes[4].config.paths[1].condition.all[1].count.value"),
    ],
)
def test_malformed_file_names_the_json_path(mutate, path):
    data = doc()
    mutate(data)
    with pytest.raises(JourneyFileError) as caught:
        loads(json.dumps(data), source="a.journey.json")
    assert caught.value.path == path
    assert str(caught.value).startswith(f"a.journey.json: {path}: ")


def test_not_json_names_line_and_column():
    with pytest.raises(JourneyFileError) as caught:
        loads('{\n  "format": ,\n}')
    assert "line 2" in caught.value.message("en")


def test_save_is_atomic_and_leaves_no_temp_files(tmp_path, monkeypatch):
    journey = load(ACTIVATION)
    target = tmp_path / "a.journey.json"
    target.write_text("original", encoding="utf-8")

    def boom(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr("os.replace", boom)
    with pytest.raises(OSError):
        save(journey, target)
    assert target.read_text(encoding="utf-8") == "original"
    assert [p.name for p in tmp_path.iterdir()] == ["a.journey.json"]
    monkeypatch.undo()
    save(journey, target)
    assert load(target).graph.number_of_nodes() == 14
    assert [p.name for p in tmp_path.iterdir()] == ["a.journey.json"]


def test_missing_file_is_a_file_error(tmp_path):
    with pytest.raises(JourneyFileError) as caught:
        load(tmp_path / "nope.journey.json")
    assert "cannot read" in str(caught.value)


def test_empty_journey_round_trips():
    journey = Journey()
    assert dumps(loads(dumps(journey))) == dumps(journey)
