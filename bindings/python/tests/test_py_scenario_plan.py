"""A scenario's cut plan (flow_scenario_plan): the sets, groups and rates a
run resolves, checked against the scenario file and the dataset's axis read
in Python."""
import math

import libflow


def test_plan_of_the_rerouted_demo_scenario(root):
    ds = libflow.Dataset()
    for name in ("energy.csv", "finance.csv"):
        ds.read_csv(root / "data" / name)
    path = root / "data" / "scenarios" / "g7_eu_russia_rerouted.txt"
    scenario = libflow.Scenario.read(path)
    lines = [line.split() for line in path.read_text().splitlines()
             if line.strip() and not line.startswith("#")]
    groups = {w[1]: w[2:] for w in lines if w[0] == "group"}
    plan = scenario.plan(ds)
    index = dict(zip(ds.economy_codes, range(ds.economy_count)))
    # Every member of G7 and EU in S, resolved to its position on the axis (-1: absent).
    for group, members in groups.items():
        rows = plan.xs("sanctioning:" + group, level=0)
        assert list(rows.index) == members
        assert list(rows["index"]) == [index.get(code, -1) for code in members]
        assert len(plan.xs("group:" + group, level=0)) == len(members)
    assert list(plan.xs("target", level=0).index) == ["RUS"]
    via = plan.xs("intermediary", level=0)
    assert list(via.index) == ["CHN", "IND", "TUR", "ARE", "KAZ", "HKG"]
    assert via.loc["KAZ", "capacity"] == 5 and via.loc["HKG", "capacity"] == 5
    assert math.isinf(via.loc["CHN", "capacity"])
    # Rates and kinds of every layer of the dataset: finance declared a stock.
    layers = plan.xs("layer", level=0)
    energy = [key for key in layers.index if key.startswith("energy:") and key != "energy:*"]
    assert sorted(energy) == ["energy:crude_oil", "energy:lng", "energy:oil_products",
                              "energy:pipeline_gas"]
    assert (layers.loc[energy, ["severity", "rho", "kind"]] == [1, 0.6, 0]).all().all()
    assert (layers.loc["finance:bank_claims", ["severity", "rho", "kind"]] == [1, 0.4, 1]).all()
    members = [code for m in groups.values() for code in m] + ["CHN", "IND", "TUR", "ARE",
                                                               "KAZ", "HKG"]
    assert plan.attrs["skipped"] == sum(code not in index for code in members)
    assert plan.attrs["economies"] == ds.economy_count
    assert plan.attrs["markup"] == 0.15 and plan.attrs["direction"] == 3
    # Without a dataset: the names as given, the rates the file states.
    assert scenario.sanctioning == ["G7", "EU"] and scenario.target == ["RUS"]
    assert scenario.substitution("finance") == 0.4 and scenario.severity("trade") == 0
    assert scenario.layer_kind("finance") == "stock" and scenario.layer_kind("energy") is None
    assert scenario.group_size("EU") == 27 and scenario.capacity("IND") == math.inf
