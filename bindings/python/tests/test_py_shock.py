"""Shocks through the binding: lenses 1-3 against numpy re-solving of the cut
system (DESIGN §5), rerouting conservation, Haimes & Jiang's published
inoperability examples, scenarios and their errors."""
import gc
import math

import numpy as np
import pytest

import libflow

CODES = ["USA", "RUS", "CHN", "HKG", "DEU", "IND"]


@pytest.fixture
def country(rng):
    n = len(CODES)
    flows = rng.random((n, n)) * 10
    np.fill_diagonal(flows, 0.0)
    size = flows.sum(axis=1) * 3 + 50
    return libflow.IOModel.country(flows, size, codes=CODES), flows, size


def _cut_mask(sanctioning, target):
    s = np.isin(CODES, sanctioning)
    t = np.isin(CODES, target)
    return np.outer(s, t) | np.outer(t, s)


def _lenses(flows, size, phi):
    """Lenses 1-3 by re-solving with numpy; phi = lost share of each flow."""
    n = len(size)
    a, b = flows / size[None, :], flows / size[:, None]
    y = size - flows.sum(axis=1)
    v = size - flows.sum(axis=0)
    at, bt = a * (1 - phi), b * (1 - phi)
    x_demand = np.linalg.solve(np.eye(n) - at, y)
    direct = (a - at) @ size
    x_supply = np.linalg.solve((np.eye(n) - bt).T, v)
    astar = at * size[None, :] / size[:, None]  # x^-1 A~ x
    q = np.linalg.solve(np.eye(n) - astar, direct / size)
    return {
        "output": size,
        "demand_total": size - x_demand,
        "demand_direct": direct,
        "demand_indirect": size - x_demand - direct,
        "supply_total": size - x_supply,
        "supply_direct": (phi * flows).sum(axis=0),
        "inoperability_unclipped": q,
        "inoperability": np.clip(q, 0, 1),
        "inoperability_loss": size * np.clip(q, 0, 1),
        "cut": (phi * flows).sum(axis=1),
    }


def test_haimes_jiang_published_examples():
    q = libflow.inoperability([[0, 0.8], [0.2, 0]], [0, 0.6])
    np.testing.assert_allclose(q, [0.48 / 0.84, 0.6 / 0.84], rtol=1e-12)
    astar = [[0, .9, 0, 0], [.4, 0, 0, 0], [1, .8, 0, 0], [1, .9, 0, 0]]
    np.testing.assert_allclose(libflow.inoperability(astar, [0, .5, 0, 0], clip=False),
                               [0.703125, 0.78125, 1.328125, 1.40625], rtol=1e-12)
    np.testing.assert_allclose(libflow.inoperability(astar, [0, .5, 0, 0]),
                               [0.703125, 0.78125, 1.0, 1.0], rtol=1e-12)


def test_lenses_match_numpy_without_rerouting(country):
    model, flows, size = country
    scenario = libflow.Scenario(name="g7_rus", sanctioning="G7", target=["RUS"],
                                groups={"G7": ["USA", "DEU", "JPN"]}, severity=0.6)
    result = libflow.run_shock(model, scenario)
    assert result.region_codes == CODES
    assert result.sets == (2, 1, 1)  # JPN is not in the model: skipped, counted
    expected = _lenses(flows, size, 0.6 * _cut_mask(["USA", "DEU"], ["RUS"]))
    for quantity, want in expected.items():
        if quantity != "cut":
            np.testing.assert_allclose(result.node_values(quantity), want, rtol=1e-9,
                                       atol=1e-9, err_msg=quantity)
        np.testing.assert_allclose(result.region_values(quantity), want, rtol=1e-9, atol=1e-9,
                                   err_msg=quantity)
    totals = result.totals
    assert totals.cut == pytest.approx(expected["cut"].sum(), rel=1e-12)
    assert totals.rerouted == 0.0 and totals.lost == pytest.approx(totals.cut)
    np.testing.assert_allclose(result.region_values("lost"), expected["cut"], rtol=1e-12)


def test_cut_and_lost_exist_per_region_only(country):
    model, flows, size = country
    result = libflow.run_shock(model, libflow.Scenario(sanctioning="USA", target="RUS",
                                                       severity=1.0))
    want = np.zeros(len(CODES))
    want[0], want[1] = flows[0, 1], flows[1, 0]
    np.testing.assert_allclose(result.region_values("cut"), want, rtol=1e-12)
    with pytest.raises(libflow.InvalidArgumentError):
        result.node_values("cut")


def test_direction_exports_only(country):
    model, flows, size = country
    scenario = libflow.Scenario(sanctioning=["USA"], target=["RUS"], direction="exports",
                                severity=1.0)
    assert scenario.direction == "exports"
    phi = np.zeros_like(flows)
    phi[0, 1] = 1.0  # only USA -> RUS
    result = libflow.run_shock(model, scenario)
    np.testing.assert_allclose(result.node_values("demand_total"),
                               _lenses(flows, size, phi)["demand_total"], rtol=1e-9, atol=1e-12)


def test_rerouting_conserves_and_reduces_the_loss(country):
    model, flows, size = country
    via = ["CHN", "HKG", "IND"]
    scenario = libflow.Scenario(sanctioning=["USA", "DEU"], target="RUS", severity=1.0,
                                substitution=0.5, via=via, throughput=math.inf, min_share=0.0)
    assert scenario.throughput == math.inf and scenario.min_share == 0.0
    result = libflow.run_shock(model, scenario)
    mask = _cut_mask(["USA", "DEU"], ["RUS"])
    totals = result.totals
    assert totals.cut == pytest.approx((flows * mask).sum(), rel=1e-12)
    assert totals.cut == pytest.approx(totals.rerouted + totals.lost, rel=1e-12)
    assert totals.rerouted == pytest.approx(0.5 * totals.cut, rel=1e-12)  # no capacity limits
    # Each cut flow s -> t is spread over h in proportion to P_sh * P_ht.
    hubs = [CODES.index(h) for h in via]
    want_via = np.zeros(len(CODES))
    for s, t in zip(*np.nonzero(mask)):
        weights = flows[s, hubs] * flows[hubs, t]
        want_via[hubs] += 0.5 * flows[s, t] * weights / weights.sum()
    np.testing.assert_allclose(result.region_values("rerouted_via"), want_via, rtol=1e-9)
    expected = _lenses(flows, size, _rerouted_phi(flows, 1.0 * mask, 0.5, hubs))
    np.testing.assert_allclose(result.node_values("demand_total"), expected["demand_total"],
                               rtol=1e-9)
    without = libflow.run_shock(model, libflow.Scenario(sanctioning=["USA", "DEU"],
                                                        target="RUS", severity=1.0))
    assert result.region_values("demand_total").sum() < \
        without.region_values("demand_total").sum()


def test_capacity_caps_an_intermediary(country):
    model, flows, size = country
    scenario = libflow.Scenario(sanctioning=["USA", "DEU"], target="RUS", severity=1.0,
                                substitution=1.0, via=["CHN", "HKG"], capacity={"HKG": 0.1})
    assert scenario.capacity("HKG") == 0.1 and scenario.capacity("CHN") == np.inf
    result = libflow.run_shock(model, scenario)
    via = result.region_values("rerouted_via")
    assert via[CODES.index("HKG")] == pytest.approx(0.1, rel=1e-9)
    totals = result.totals
    assert totals.cut == pytest.approx(totals.rerouted + totals.lost, rel=1e-12)
    assert totals.rerouted == pytest.approx(via.sum(), rel=1e-9)


def test_markup_is_rent_not_loss(country):
    model, flows, size = country
    base = dict(sanctioning=["USA"], target="RUS", severity=1.0, substitution=1.0,
                via=["CHN"])
    plain = libflow.run_shock(model, libflow.Scenario(**base))
    marked = libflow.run_shock(model, libflow.Scenario(markup=0.2, **base))
    rerouted = marked.region_values("rerouted_via")
    np.testing.assert_allclose(marked.region_values("transit_rent"), 0.2 * rerouted, rtol=1e-12)
    assert marked.region_values("markup_cost").sum() == pytest.approx(0.2 * rerouted.sum())
    np.testing.assert_allclose(marked.region_values("demand_total"),
                               plain.region_values("demand_total"), rtol=1e-12)


def test_scenario_text_round_trip_and_errors(tmp_path):
    text = """# energy embargo
name g7_energy_russia
group G7 USA JPN DEU FRA GBR ITA CAN
sanctioning G7
target RUS
direction imports
channels intermediate
cut energy * 1.0
cut * * 0.25
reroute energy * 0.6
via CHN IND TUR ARE KAZ HKG
capacity HKG 50
markup 0.1
"""
    path = tmp_path / "g7.scn"
    path.write_text(text)
    for scenario in (libflow.Scenario.read(path), libflow.Scenario.parse(text)):
        assert scenario.name == "g7_energy_russia"
        assert scenario.sanctioning == ["G7"] and scenario.target == ["RUS"]
        assert scenario.intermediaries == ["CHN", "IND", "TUR", "ARE", "KAZ", "HKG"]
        assert scenario.direction == "imports" and scenario.channels == "intermediate"
        assert scenario.severity("energy", "2709") == 1.0
        assert scenario.severity("trade") == 0.25
        assert scenario.substitution("energy") == 0.6 and scenario.substitution("trade") == 0.0
        assert scenario.capacity("HKG") == 50.0 and scenario.markup == pytest.approx(0.1)
        assert scenario.group_size("G7") == 7 and scenario.group_size("EU") == 0
        copy = scenario.copy()
        copy.name = "other"
        assert scenario.name == "g7_energy_russia" and copy.name == "other"
    bad = tmp_path / "bad.scn"
    bad.write_text("name x\ncut energy * 1.5\n")
    with pytest.raises(libflow.FlowValueError) as info:
        libflow.Scenario.read(bad)
    assert "bad.scn" in info.value.message and "2" in info.value.message
    with pytest.raises(libflow.ParseError) as info:
        libflow.Scenario.parse("name x\nsanction RUS\n", source="inline")
    assert "inline" in info.value.message and "sanction" in info.value.message
    with pytest.raises(libflow.FlowIOError):
        libflow.Scenario.read(tmp_path / "missing.scn")
    with pytest.raises(libflow.FlowValueError):
        libflow.Scenario(severity=-0.5)
    with pytest.raises(ValueError, match="direction"):
        libflow.Scenario(direction="sideways")


def test_unknown_economy_is_reported(country):
    model, flows, size = country
    scenario = libflow.Scenario(sanctioning=["USA"], target=["XYZ"], severity=1.0)
    with pytest.raises(libflow.UnknownLabelError) as info:
        libflow.run_shock(model, scenario)
    assert "XYZ" in info.value.message


def test_results_free_with_their_objects(country):
    model, flows, size = country
    gc.collect()
    before = libflow.live_handles()
    for _ in range(20):
        libflow.run_shock(model, libflow.Scenario(sanctioning="USA", target="RUS", severity=1))
    gc.collect()
    assert libflow.live_handles() == before


def test_region_frame(country):
    pytest.importorskip("pandas")
    model, flows, size = country
    result = libflow.run_shock(model, libflow.Scenario(sanctioning="USA", target="RUS",
                                                       severity=1.0))
    frame = result.region_frame(["demand_total", "cut"])
    assert list(frame.index) == CODES and list(frame.columns) == ["demand_total", "cut"]
    assert frame.loc["USA", "cut"] == pytest.approx(flows[0, 1])


# ---------------------------------------------------------------- batches


def test_each_member_equals_numpy_per_member(country):
    model, flows, size = country
    scenario = libflow.Scenario(sanctioning="G7", groups={"G7": ["USA", "DEU"]}, target="RUS",
                                severity=1.0)
    batch = libflow.ShockBatch.each_member(model, scenario)
    assert len(batch) == 2 and batch.region_codes == CODES
    for index, member in enumerate(["USA", "DEU"]):
        label = batch.label(index)
        assert label.member == CODES.index(member) and label.severity == 1.0
        want = _lenses(flows, size, _cut_mask([member], ["RUS"]))
        np.testing.assert_allclose(batch.region_values(index, "demand_total"),
                                   want["demand_total"], rtol=1e-9, atol=1e-12)
        np.testing.assert_allclose(batch.node_values(index, "supply_total"),
                                   want["supply_total"], rtol=1e-9, atol=1e-12)


def _rerouted_phi(flows, cut, rho, hubs):
    """Lost shares of unbounded rerouting: the cut pairs lose their cut share;
    rho of it travels s -> h -> t in proportion to P_sh P_ht, so both legs
    grow by it (a negative lost share)."""
    phi = cut.copy()
    gain = np.zeros_like(flows)
    for s, t in zip(*np.nonzero(cut)):
        weights = flows[s, hubs] * flows[hubs, t]
        if weights.sum() > 0:
            moved = rho * cut[s, t] * flows[s, t] * weights / weights.sum()
            gain[s, hubs] += moved
            gain[hubs, t] += moved
    legs = gain > 0
    phi[legs] -= gain[legs] / flows[legs]
    return phi


def test_substitution_sweep_equals_numpy(country):
    model, flows, size = country
    scenario = libflow.Scenario(sanctioning=["USA", "DEU"], target="RUS", severity=0.8,
                                via=["CHN", "HKG"], throughput=math.inf, min_share=0.0)
    batch = libflow.ShockBatch.sweep_substitution(model, scenario, 0.0, 1.0, steps=5)
    hubs = [CODES.index(h) for h in ("CHN", "HKG")]
    mask = _cut_mask(["USA", "DEU"], ["RUS"])
    losses = batch.region_matrix("demand_total")
    assert losses.shape == (5, len(CODES))
    for index, rho in enumerate(np.linspace(0.0, 1.0, 5)):
        assert batch.label(index).rho == pytest.approx(rho)
        want = _lenses(flows, size, _rerouted_phi(flows, 0.8 * mask, rho, hubs))["demand_total"]
        np.testing.assert_allclose(losses.iloc[index], want, rtol=1e-9, atol=1e-12)
    assert list(losses.columns) == CODES
    assert np.all(np.diff(losses.to_numpy().sum(axis=1)) < 0)  # more rerouting, less loss


def test_batch_of_scenarios_and_final_demand_sharing(country, rng):
    model, flows, size = country
    scenarios = [libflow.Scenario(sanctioning=s, target="RUS", severity=v)
                 for s, v in (("USA", 1.0), ("DEU", 0.5), ("IND", 0.25))]
    batch = libflow.ShockBatch.run(model, scenarios)
    for index, (member, severity) in enumerate((("USA", 1.0), ("DEU", 0.5), ("IND", 0.25))):
        want = _lenses(flows, size, severity * _cut_mask([member], ["RUS"]))
        np.testing.assert_allclose(batch.region_values(index, "inoperability"),
                                   want["inoperability"], rtol=1e-9, atol=1e-12)
    # Cuts of final demand only leave I - A unchanged: one shared solve.
    mrio_z = rng.random((6, 6)) * 10
    mrio_y = rng.random((6, 3)) * 50 + 5
    mrio = libflow.IOModel(mrio_z, mrio_y, regions=["USA", "RUS", "CHN"])
    final_only = [libflow.Scenario(sanctioning=s, target="RUS", severity=1.0, channels="final")
                  for s in ("USA", "CHN")]
    shared = libflow.ShockBatch.run(mrio, final_only)
    assert shared.work.factorisations == 0 and shared.work.base_solves >= 1
    x = mrio_z.sum(axis=1) + mrio_y.sum(axis=1)
    lmat = np.linalg.inv(np.eye(6) - mrio_z / x)
    for index, sanctioning in enumerate((0, 2)):
        ybar = mrio_y.copy()
        s, t = slice(2 * sanctioning, 2 * sanctioning + 2), slice(2, 4)
        ybar[s, 1] = 0.0  # RUS final demand buying from S
        ybar[t, sanctioning] = 0.0  # S final demand buying from RUS
        np.testing.assert_allclose(shared.node_values(index, "demand_total"),
                                   x - lmat @ ybar.sum(axis=1), rtol=1e-9, atol=1e-9)


def test_montecarlo_is_seeded_and_percentiles_match_numpy(country):
    model, flows, size = country
    scenario = libflow.Scenario(sanctioning=["USA", "DEU"], target="RUS", severity=1.0,
                                substitution=0.5, via=["CHN", "IND"])
    first = libflow.ShockBatch.montecarlo(model, scenario, draws=40, seed=7,
                                          severity=(0.5, 1.0), rho=(0.0, 0.8))
    again = libflow.ShockBatch.montecarlo(model, scenario, draws=40, seed=7,
                                          severity=(0.5, 1.0), rho=(0.0, 0.8))
    labels = [first.label(i) for i in range(len(first))]
    assert labels == [again.label(i) for i in range(len(again))]
    assert all(0.5 <= l.severity <= 1.0 and 0.0 <= l.rho <= 0.8 for l in labels)
    assert len({l.severity for l in labels}) > 1
    values = first.region_matrix("demand_total")
    bands = first.percentiles("demand_total", [5, 50, 95])
    assert list(bands.index) == CODES and list(bands.columns) == ["p5", "p50", "p95"]
    np.testing.assert_allclose(bands.to_numpy(),
                               np.percentile(values.to_numpy(), [5, 50, 95], axis=0).T,
                               rtol=1e-12)
    with pytest.raises(libflow.FlowValueError):
        first.percentiles("demand_total", [150])


# ---------------------------------------------------------------- DebtRank


def test_debtrank_hand_worked_chain():
    # Bank 0 lends 50 to bank 1 (capital 100): W = 0.5. Bank 1 lends 80 to bank 2
    # (capital 40): W = 1. Bank 2 defaults: h1 = 1 in round 2, then h0 = 0.5.
    exposure = [[0, 50, 0], [0, 0, 80], [0, 0, 0]]
    result = libflow.debtrank(exposure, [100, 40, 10], [0, 0, 1], value=[1 / 3] * 3)
    np.testing.assert_allclose(result["distress_initial"], [0, 0, 1])
    np.testing.assert_allclose(result["distress_final"], [0.5, 1.0, 1.0])
    assert result.attrs["rank"] == pytest.approx(0.5)
    assert result.attrs["initial_impact"] == pytest.approx(1 / 3)
    assert result.attrs["final_impact"] == pytest.approx(2.5 / 3)
    assert result.attrs["rounds"] >= 2


def test_debtrank_single_propagation_on_a_cycle():
    # 0 and 1 lend to each other; a node propagates once, so distress that
    # comes back to 0 is added once and not passed on again.
    exposure = [[0, 10], [10, 0]]
    single = libflow.debtrank(exposure, [20, 20], [0.4, 0], value=[0.5, 0.5])
    # round 2: h1 = 0.5 * 0.4 = 0.2; round 3: h0 = 0.4 + 0.5 * 0.2 = 0.5 (0 is inactive now).
    np.testing.assert_allclose(single["distress_final"], [0.5, 0.2])
    repeated = libflow.debtrank(exposure, [20, 20], [0.4, 0], value=[0.5, 0.5],
                                single_propagation=False, max_rounds=200)
    # increments keep flowing: h0 = 0.4 / (1 - 0.25), h1 = h0 / 2 in the limit
    np.testing.assert_allclose(repeated["distress_final"], [0.4 / 0.75, 0.2 / 0.75], rtol=1e-6)


def test_debtrank_of_a_scenario():
    codes = ["USA", "RUS", "CHN"]
    exposure = np.array([[0, 30, 20], [5, 0, 10], [10, 8, 0]], dtype=float)
    capital = np.array([60.0, 25.0, 80.0])
    scenario = libflow.Scenario(sanctioning="USA", target="RUS", severity=1.0)
    result = libflow.debtrank_scenario(exposure, capital, scenario, codes=codes,
                                       value=[1 / 3] * 3)
    # A full cut freezes the claims: USA writes off 30 on RUS (of capital 60),
    # RUS 5 on USA (of 25). Distress then travels on the claims left.
    np.testing.assert_allclose(result["distress_initial"], [0.5, 0.2, 0.0])
    left = exposure.copy()
    left[0, 1] = left[1, 0] = 0.0
    w = np.minimum(1, left / capital[:, None])  # w[i, j]: impact of j's distress on i
    h1 = np.array([0.5, 0.2, 0.0])
    h2 = np.minimum(1, h1 + w @ h1)  # both initially distressed nodes propagate once
    # round 3: only CHN became distressed in round 2 and propagates
    h3 = np.minimum(1, h2 + w[:, 2] * h2[2])
    np.testing.assert_allclose(result["distress_final"], h3, rtol=1e-12)
    assert list(result.index) == codes
    with pytest.raises(libflow.FlowValueError):
        libflow.debtrank(exposure, capital, [1.5, 0, 0])


def _contagion_reference(exposure, capital, cut, severity, recovery, discount, write_off):
    """DebtRank of a cut of claims without rerouting, written out: claims left
    E~ = E (1 - severity on cut pairs); write-off: lenders lose (1 - R) of the
    row-sum drop; withdrawal: borrowers lose discount x the column-sum drop;
    impacts (1 - R) E~ / capital; single propagation."""
    left = exposure * np.where(cut, 1.0 - severity, 1.0)
    claims_lost = exposure.sum(axis=1) - left.sum(axis=1)
    funding_lost = exposure.sum(axis=0) - left.sum(axis=0)
    loss = (1 - recovery) * claims_lost if write_off else discount * funding_lost
    h1 = np.minimum(1.0, loss / capital)
    w = np.minimum(1.0, (1 - recovery) * left / capital[:, None])
    np.fill_diagonal(w, 0.0)
    h, active = h1.copy(), h1 > 0
    while active.any():
        new = np.minimum(1.0, h + w @ (h * active))
        active = (new > 0) & (h == 0)
        h = new
    return h1, h, claims_lost, funding_lost


@pytest.mark.parametrize("severity,stock_cut,recovery",
                         [(0.5, "auto", 0.0), (0.5, "auto", 0.4), (1.0, "auto", 0.4),
                          (0.3, "write_off", 0.25), (1.0, "withdraw", 0.0)])
def test_contagion_of_a_cut_against_numpy(rng, severity, stock_cut, recovery):
    codes = ["USA", "GBR", "DEU", "CHN", "HKG", "JPN", "IND"]
    n = len(codes)
    exposure = rng.uniform(0, 40, (n, n)) * (rng.uniform(size=(n, n)) < 0.7)
    np.fill_diagonal(exposure, 0.0)
    capital = rng.uniform(20, 120, n)
    west, china = ["USA", "GBR", "DEU", "JPN"], ["CHN", "HKG"]
    scenario = libflow.Scenario(sanctioning=west, target=china, severity=severity)
    result = libflow.debtrank_scenario(exposure, capital, scenario, codes=codes,
                                       recovery=recovery, funding_discount=0.1,
                                       stock_cut=stock_cut)
    s, t = np.isin(codes, west), np.isin(codes, china)
    cut = np.outer(s, t) | np.outer(t, s)
    write_off = stock_cut == "write_off" or (stock_cut == "auto" and severity == 1.0)
    h1, h, lost, funding = _contagion_reference(exposure, capital, cut, severity, recovery, 0.1,
                                                write_off)
    np.testing.assert_allclose(result["distress_initial"], h1, rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(result["distress_final"], h, rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(result["claims_lost"], lost, rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(result["funding_lost"], funding, rtol=1e-12, atol=1e-12)
    assert result.attrs["stock_cut"] == (1 if write_off else 2)
    assert result.attrs["cut"] == pytest.approx(severity * exposure[cut].sum())


def test_layer_kinds_through_the_binding():
    dataset = libflow.Dataset(["USA", "RUS"])
    dataset.add_flow("finance", "USA", "RUS", 5.0, year=2022)
    dataset.add_flow("trade", "USA", "RUS", 5.0, year=2022)
    assert dataset.layer_kind("finance") == "stock" and dataset.layer_kind("trade") == "flow"
    dataset.set_layer_kind("trade", "stock")
    assert dataset.layer_kind("trade") == "stock"
    with pytest.raises(libflow.FlowValueError):
        libflow.IOModel.from_dataset(dataset, "trade", 2022, size="traded")
    scenario = libflow.Scenario.parse("sanctioning USA\ntarget RUS\nkind trade flow\n")
    assert scenario.layer_kind("trade") == "flow" and scenario.layer_kind("finance") is None
    scenario.set_layer_kind("finance", "flow")
    assert scenario.layer_kind("finance") == "flow"


# ---------------------------------------------------------------- reports on datasets


def _debtrank_reference(exposure, capital, h1):
    """DebtRank with single propagation (Battiston et al. 2012), written out."""
    with np.errstate(divide="ignore", invalid="ignore"):
        w = np.where(exposure > 0, np.minimum(1.0, exposure / capital[:, None]), 0.0)
    np.fill_diagonal(w, 0.0)
    h = h1.copy()
    active = h > 0
    while active.any():
        new = np.minimum(1.0, h + w @ (h * active))  # only active nodes pass distress on
        active = (new > 0) & (h == 0)  # distressed for the first time: active next round,
        # and every node propagates once only
        h = new
    return h


def test_shock_report_on_a_dataset(tmp_path):
    codes = ["USA", "RUS", "CHN", "DEU"]
    dataset = libflow.Dataset(codes)
    trade = np.array([[0, 30, 50, 40], [10, 0, 60, 20], [70, 40, 0, 35], [45, 25, 30, 0.0]])
    claims = np.array([[0, 8, 20, 30], [2, 0, 5, 1], [10, 3, 0, 6], [25, 6, 12, 0.0]])
    for i, origin in enumerate(codes):
        for j, destination in enumerate(codes):
            if trade[i, j]:
                dataset.add_flow("trade", origin, destination, trade[i, j], year=2023)
            if claims[i, j]:
                dataset.add_flow("finance", origin, destination, claims[i, j], year=2023)
    capital_csv = tmp_path / "capital.csv"
    capital_csv.write_text("code,capital\nUSA,40\nRUS,10\nCHN,60\nDEU,30\n")
    dataset.read_attributes(capital_csv)
    scenario = libflow.Scenario(sanctioning=["USA", "DEU"], target="RUS",
                                severity={("trade", None): 0.5, ("finance", None): 1.0})
    report = libflow.ShockReport(dataset, 2023, scenario, capital_attribute="capital")
    assert report.economies == 4 and report.economy_codes == codes
    systems = {s.layer: i for i, s in enumerate(report.systems)}
    assert sorted(systems) == ["finance", "trade"]
    mask = np.isin(codes, ["USA", "DEU"])[:, None] & np.isin(codes, ["RUS"])[None, :]
    mask = mask | mask.T
    t = systems["trade"]
    size = trade.sum(axis=1) + trade.sum(axis=0)  # no GDP and no money unit: traded volume
    np.testing.assert_allclose(report.values(t, "size"), size, rtol=1e-12)
    expected = _lenses(trade, size, 0.5 * mask)
    np.testing.assert_allclose(report.values(t, "demand_total"), expected["demand_total"],
                               rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(report.values(t, "supply_total"), expected["supply_total"],
                               rtol=1e-9, atol=1e-12)
    # Output is the size, so the inoperability lens is the demand share of size
    # clipped to [0, 1] (what flowtool's loss table states instead of a column).
    np.testing.assert_allclose(report.values(t, "output"), size, rtol=1e-12)
    np.testing.assert_allclose(report.values(t, "inoperability"),
                               np.clip(expected["demand_total"] / size, 0.0, 1.0),
                               rtol=1e-9, atol=1e-12)
    cut = report.cut(t)
    assert (cut.severity, cut.rho) == (0.5, 0.0)
    assert cut.cut == pytest.approx(0.5 * (trade * mask).sum()) and cut.lost == cut.cut
    assert report.debtrank(t) is None
    f = systems["finance"]
    capital = np.array([40.0, 10.0, 60.0, 30.0])
    h1 = np.minimum(1.0, (claims * mask).sum(axis=1) / capital)
    np.testing.assert_allclose(report.values(f, "distress_initial"), h1, rtol=1e-12)
    np.testing.assert_allclose(report.values(f, "distress_final"),
                               _debtrank_reference(claims * ~mask, capital, h1), rtol=1e-12)
    assert report.kind(f) == "stock" and report.kind(t) == "flow"
    assert np.isnan(report.values(f, "demand_total")).all()
    with pytest.raises(libflow.FlowValueError):
        report.model(f)
    weighted = report.debtrank(f)
    assert weighted.rank == pytest.approx(weighted.final - weighted.initial)
    frame = report.frame(t)
    assert list(frame.index) == codes
    with report.model(t) as model, report.options(t) as options:
        again = libflow.run_shock(model, scenario, options=options)
        np.testing.assert_allclose(again.region_values("demand_total"), expected["demand_total"],
                                   rtol=1e-9, atol=1e-12)


def test_shock_report_prices_value_physical_energy(tmp_path):
    """Crude (Mt) and gas (bcm) priced at 520 USD/t and 250 USD per 1000 m3:
    one USD_m system sized GDP + imports, lenses as numpy re-solves them on
    price x volume; unpriced, each product stays in its unit, sized by volume."""
    codes = ["RUS", "DEU", "CHN", "IND"]
    crude = np.array([[0, 10, 20, 15], [0, 0, 2, 0], [0, 4, 0, 1], [0, 3, 0, 0.0]])
    gas = np.array([[0, 5, 3, 1], [0, 0, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0.0]])
    rows = ["origin,destination,value,year,layer,product,unit"]
    for product, unit, m in (("crude_oil", "Mt", crude), ("natural_gas", "bcm", gas)):
        rows += ["%s,%s,%r,2022,energy,%s,%s" % (codes[i], codes[j], m[i, j], product, unit)
                 for i in range(4) for j in range(4) if m[i, j]]
    (tmp_path / "energy.csv").write_text("\n".join(rows) + "\n")
    (tmp_path / "gdp.csv").write_text("code,gdp\nRUS,2000\nDEU,4000\nCHN,18000\nIND,3500\n")
    dataset = libflow.Dataset(codes)
    dataset.set_product_digits(100)
    dataset.read_csv(tmp_path / "energy.csv")
    dataset.read_attributes(tmp_path / "gdp.csv")
    scenario = libflow.Scenario(sanctioning=["DEU", "IND"], target="RUS",
                                severity={("energy", None): 0.8}, direction="imports")
    report = libflow.ShockReport(dataset, 2022, scenario, size_attribute="gdp",
                                 prices={"crude_oil": 520, "natural_gas": 250})
    assert len(report) == 1 and report.systems[0].unit == "USD_m"
    flows = 520 * crude + 250 * gas
    size = np.array([2000, 4000, 18000, 3500.0]) * 1e3 + flows.sum(axis=0)
    phi = 0.8 * (np.isin(codes, ["RUS"])[:, None] & np.isin(codes, ["DEU", "IND"])[None, :])
    expected = _lenses(flows, size, phi)
    np.testing.assert_allclose(report.values(0, "size"), size, rtol=1e-14)
    # Losses are size - x with sizes ~1e7: absolute agreement to ~1e-13 of size.
    for q in ("demand_total", "supply_total"):
        np.testing.assert_allclose(report.values(0, q), expected[q], rtol=1e-9, atol=1e-6)
    np.testing.assert_allclose(report.values(0, "inoperability"), expected["inoperability"],
                               rtol=1e-9, atol=1e-15)
    row = report.systems_frame.iloc[0]
    assert row["value_units"] == 1
    assert row["price"] == pytest.approx(flows.sum() / (crude + gas).sum(), rel=1e-15)
    with pytest.raises(ValueError):
        report.model(0)
    plain = libflow.ShockReport(dataset, 2022, scenario, size_attribute="gdp")
    assert sorted(s.unit for s in plain.systems) == ["Mt", "bcm"]
    assert (plain.systems_frame["value_units"] == 0).all()
    assert plain.systems_frame["price"].isna().all()
    i = [s.product for s in plain.systems].index("crude_oil")
    np.testing.assert_allclose(plain.values(i, "size"), crude.sum(axis=0) + crude.sum(axis=1))
    with pytest.raises(libflow.FlowError):
        libflow.ShockOptions(prices={"crude_oil": -1})


def test_shock_report_systems_of_one_layer_in_two_units_keep_their_own_rows(tmp_path):
    """Oil (two products, Mt) and gas (two, bcm) on one layer: two systems that
    share the label energy:*; each system's rows are its own, as numpy
    re-solves them on that unit's flows (sized by traded volume)."""
    codes = ["RUS", "DEU", "CHN", "IND"]
    crude = np.array([[0, 10, 20, 15], [0, 0, 2, 0], [0, 4, 0, 1], [0, 3, 0, 0.0]])
    products = np.array([[0, 6, 1, 2], [1, 0, 0, 0], [0, 2, 0, 0], [0, 1, 0, 0.0]])
    gas = np.array([[0, 5, 3, 1], [0, 0, 1, 0], [0, 0, 0, 0], [0, 0, 0, 0.0]])
    lng = np.array([[0, 1, 2, 0], [0, 0, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0.0]])
    rows = ["origin,destination,value,year,layer,product,unit"]
    for product, unit, m in (("crude_oil", "Mt", crude), ("oil_products", "Mt", products),
                             ("pipeline_gas", "bcm", gas), ("lng", "bcm", lng)):
        rows += ["%s,%s,%r,2022,energy,%s,%s" % (codes[i], codes[j], m[i, j], product, unit)
                 for i in range(4) for j in range(4) if m[i, j]]
    (tmp_path / "energy.csv").write_text("\n".join(rows) + "\n")
    dataset = libflow.Dataset(codes)
    dataset.set_product_digits(100)
    dataset.read_csv(tmp_path / "energy.csv")
    scenario = libflow.Scenario(sanctioning=["DEU", "IND"], target="RUS",
                                severity={("energy", None): 1.0})
    report = libflow.ShockReport(dataset, 2022, scenario)
    units = [s.unit for s in report.systems]
    assert sorted(units) == ["Mt", "bcm"]
    phi = np.isin(codes, ["RUS"])[:, None] & np.isin(codes, ["DEU", "IND"])[None, :]
    phi = 1.0 * (phi | phi.T)
    for i, unit in enumerate(units):
        flows = crude + products if unit == "Mt" else gas + lng
        size = flows.sum(axis=0) + flows.sum(axis=1)
        expected = _lenses(flows, size, phi)
        frame = report.frame(i)
        assert list(frame.index) == codes
        np.testing.assert_allclose(frame["demand_total"], expected["demand_total"],
                                   rtol=1e-9, atol=1e-12)
        np.testing.assert_allclose(report.values(i, "supply_total"), expected["supply_total"],
                                   rtol=1e-9, atol=1e-12)
