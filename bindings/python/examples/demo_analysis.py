#!/usr/bin/env python3
"""The demo analysis of libflow's bundled data (data/), in Python.

Reads the trade, energy and finance layers and the economy attributes, then:
  1. dependence shares among the mission's economies (China, Russia, Iran,
     North Korea, Hong Kong, the US, the EU members of the set, India,
     Türkiye, the UAE, Kazakhstan), 2021 against 2023 -> dependence_heatmap.png;
  2. the Russia-China dyad: trade shares, dependence relative to GDP and its
     asymmetry;
  3. centrality: who the others depend on (PageRank of the import-dependence
     network);
  4. sanctions shocks: the G7 and the EU cut their trade in energy goods with
     Russia, and 80% of all their goods trade with it, each without and with
     rerouting through China, India, Türkiye, the UAE, Kazakhstan and Hong
     Kong -> shock_losses.png;
  5. the G7 and the EU cutting energy and finance flows with Russia, without
     and with rerouting, as a shock report per layer (with DebtRank on
     finance), and DebtRank of freezing the coalition-Russia bank claims.

Usage: demo_analysis.py [--data DIR] [--out DIR]
(from the source tree: LIBFLOW_LIBRARY=build/libflow.so, or a build/ next to
bindings/ is used). The demo data are approximations (see data/README.md):
the numbers show the methods and the direction of the effects, not statistics.
"""
import argparse
import csv
import os
import pathlib
import sys

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parents[2]
try:
    import libflow
except ImportError:  # run from the source tree
    sys.path.insert(0, str(HERE.parent))
    built = ROOT / "build" / "libflow.so"
    if "LIBFLOW_LIBRARY" not in os.environ and built.exists():
        os.environ["LIBFLOW_LIBRARY"] = str(built)
    import libflow

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

MISSION = ["CHN", "RUS", "IRN", "PRK", "HKG", "USA", "EU", "IND", "TUR", "ARE", "KAZ"]
G7 = ["USA", "JPN", "DEU", "FRA", "GBR", "ITA", "CAN"]
EU = ["AUT", "BEL", "BGR", "HRV", "CYP", "CZE", "DNK", "EST", "FIN", "FRA", "DEU", "GRC", "HUN",
      "IRL", "ITA", "LVA", "LTU", "LUX", "MLT", "NLD", "POL", "PRT", "ROU", "SVK", "SVN", "ESP",
      "SWE"]
INTERMEDIARIES = ["CHN", "IND", "TUR", "ARE", "KAZ", "HKG"]
HS_CHAPTERS = ["27", "84", "85", "87", "99"]  # as in data/trade.csv
ENERGY_PRODUCTS = ["crude_oil", "oil_products", "pipeline_gas", "lng"]
FINANCE_PRODUCTS = ["bank_claims"]


def load(data):
    """The three layers over the economies of economies.csv, with attributes."""
    with open(data / "economies.csv", newline="") as handle:
        codes = [row["code"] for row in csv.DictReader(handle)]
    dataset = libflow.Dataset(codes)
    # One matrix per HS chapter of trade, per fuel of energy (the fuels' units
    # differ: Mt, bcm) and per kind of claim. Codes matching no group would go
    # to "other".
    for product in HS_CHAPTERS + ENERGY_PRODUCTS + FINANCE_PRODUCTS:
        dataset.add_product_group(product, product)
    print("== Reading %s" % data)
    for name in ("trade", "energy", "finance"):
        report = dataset.read_csv(data / ("%s.csv" % name))
        print("%-8s rows %5d  accepted %5d  filtered %d  rejected %d  duplicates %d"
              % (name, report.rows, report.accepted, report.filtered, report.rejected,
                 report.duplicates))
    dataset.read_attributes(data / "economies.csv")
    return dataset


def layer_total(dataset, layer, year):
    """Sum of a layer's product matrices for one year."""
    mats = [dataset.matrix(k.layer, k.year, k.product) for k in dataset.keys
            if k.layer == layer and k.year == year]
    return sum(mats)


def dependence_heatmap(dataset, data, out):
    """Share of each partner in each mission economy's total trade."""
    merged = dataset.aggregate(libflow.Aggregation.read_csv(data / "mapping_eu.csv"))
    index = [merged.economy_index(code) for code in MISSION]
    fig, axes = plt.subplots(1, 2, figsize=(15, 6.8), constrained_layout=True)
    shares = {}
    for ax, year in zip(axes, (2021, 2023)):
        with merged.dyads("trade", year, all_products=True) as dyads:
            share = np.array(dyads["trade_share"])[np.ix_(index, index)] * 100
        np.fill_diagonal(share, np.nan)
        shares[year] = share
        image = ax.imshow(share, cmap="viridis", vmin=0, vmax=50)
        ax.set_xticks(range(len(MISSION)), MISSION, rotation=45)
        ax.set_yticks(range(len(MISSION)), MISSION)
        ax.set_xlabel("partner")
        ax.set_ylabel("economy (whose trade)")
        ax.set_title("Goods trade %d: partner's share of the economy's trade (%%)" % year)
        for i in range(len(MISSION)):
            for j in range(len(MISSION)):
                if np.isfinite(share[i, j]) and share[i, j] >= 0.5:
                    ax.text(j, i, "%.0f" % share[i, j], ha="center", va="center", fontsize=7,
                            color="white" if share[i, j] < 30 else "black")
    fig.colorbar(image, ax=axes, shrink=0.8, label="% of the economy's trade within the demo set")
    fig.suptitle("Dependence shares among the mission's economies (EU = DEU, FRA, ITA, NLD, "
                 "POL; demo data, approximations)")
    path = out / "dependence_heatmap.png"
    fig.savefig(path, dpi=110)
    plt.close(fig)
    r, c = MISSION.index("RUS"), MISSION.index("CHN")
    print("\n== Dependence shares (heatmap: %s)" % path)
    for year, share in shares.items():
        print("%d: China's share of Russia's trade %.1f%%, Russia's share of China's %.1f%%"
              % (year, share[r, c], share[c, r]))
    return path


def russia_china(dataset):
    profile = dataset.dyad_profile("RUS", "CHN", [("trade", 2021), ("trade", 2023)],
                                   size_attribute="gdp_usd_bn_2023", size_scales=[1000, 1000])
    print("\n== Russia-China dyad (dependence = bilateral trade / GDP)")
    columns = ["trade_share", "dependence", "asymmetry", "normalized_asymmetry", "salience"]
    print(profile[columns].to_string(float_format=lambda v: "%.4f" % v)
          if hasattr(profile, "to_string") else profile)


def centrality(dataset):
    with dataset.centrality("trade", 2023, all_products=True, network="dependence") as c:
        # ROW, the rest of the world, is a node (shares are shares of world
        # imports) but not an economy: it is left out of the ranking.
        pagerank = np.where(np.array(c.labels) == "ROW", -np.inf, c["pagerank"])
        order = libflow.rank(pagerank, k=5)
        print("\n== Who the others depend on: PageRank of the import-dependence network, 2023")
        for rank, i in enumerate(order, 1):
            print("%d. %s  %.3f" % (rank, c.labels[i], c["pagerank"][i]))


def run_cut(dataset, flows, severity):
    """The coalition's cut of one flow system with Russia, without and with
    rerouting: (economy codes, plain result, rerouted result)."""
    codes = dataset.economy_codes
    flows = flows.copy()
    np.fill_diagonal(flows, 0.0)
    gdp = dataset.attribute("gdp_usd_bn_2023") * 1000.0  # USD m, the unit of the flows
    # Size of each economy: total supply, GDP + all goods imports (an
    # approximation of gross output that is never below exports, so re-export
    # hubs stay productive in the country-level system).
    size = gdp + layer_total(dataset, "trade", 2023).sum(axis=0)
    model = libflow.IOModel.country(flows, size, codes)
    base = dict(groups={"G7": G7, "EU": EU}, sanctioning=["G7", "EU"], target="RUS",
                severity=severity)
    plain = libflow.run_shock(model, libflow.Scenario(name="cut", **base))
    evaded = libflow.run_shock(model, libflow.Scenario(
        name="cut_rerouted", substitution=0.6, via=INTERMEDIARIES, markup=0.15, **base))
    return codes, plain, evaded


def shock(dataset, out):
    """Coalition cuts with Russia on the 2023 trade systems: energy goods (HS
    27) fully, all goods by 80%; each without and with 60% rerouting."""
    cases = [("energy goods (HS 27), full cut", dataset.matrix("trade", 2023, "27"), 1.0),
             ("all goods, 80% cut", layer_total(dataset, "trade", 2023), 0.8)]
    shown = ["RUS", "DEU", "ITA", "NLD", "FRA", "POL", "JPN", "USA", "GBR", "CHN", "BLR",
             "KAZ", "TUR", "IND"]
    fig, axes = plt.subplots(2, 2, figsize=(14, 10), constrained_layout=True,
                             gridspec_kw={"width_ratios": [2.2, 1]})
    for row, (title, flows, severity) in enumerate(cases):
        codes, plain, evaded = run_cut(dataset, flows, severity)
        loss0 = plain.region_values("demand_total") / 1000.0
        loss1 = evaded.region_values("demand_total") / 1000.0
        via = evaded.region_values("rerouted_via") / 1000.0
        rent = evaded.region_values("transit_rent") / 1000.0
        print("\n== Shock: G7 + EU cut trade with Russia, %s (2023, USD bn)" % title)
        for name, result in (("no rerouting", plain), ("rerouting rho=0.6", evaded)):
            t = result.totals
            print("%-18s cut %.1f  rerouted %.1f  lost %.1f  (solver %s)"
                  % (name, t.cut / 1000, t.rerouted / 1000, t.lost / 1000, result.solver.name))
        idx = [codes.index(c) for c in shown]
        print("%-5s %12s %12s" % ("", "no reroute", "rerouted"))
        for c, i in zip(shown, idx):
            print("%-5s %12.2f %12.2f" % (c, loss0[i], loss1[i]))
        hubs = [codes.index(c) for c in INTERMEDIARIES]
        print("rerouted via: " + ", ".join("%s %.1f" % (codes[h], via[h]) for h in hubs))

        left, right = axes[row]
        x = np.arange(len(shown))
        left.bar(x - 0.2, loss0[idx], 0.4, label="no rerouting", color="#b2182b")
        left.bar(x + 0.2, loss1[idx], 0.4, label="60% rerouted via intermediaries",
                 color="#2166ac")
        left.set_xticks(x, shown)
        left.set_ylabel("output loss, USD bn (demand lens)")
        left.set_title("G7 + EU cut with Russia, %s: loss by economy" % title)
        left.legend()
        h = np.arange(len(hubs))
        right.bar(h - 0.2, via[hubs], 0.4, color="#4d9221", label="rerouted volume")
        right.bar(h + 0.2, rent[hubs], 0.4, color="#fdae61", label="transit rent (15% mark-up)")
        right.set_xticks(h, [codes[i] for i in hubs])
        right.set_ylabel("USD bn")
        right.set_title("Who carries the rerouted flows")
        right.legend()
    fig.suptitle("Sanctions shocks on the country-level trade system, 2023 (Leontief demand "
                 "lens; demo data, approximations)")
    path = out / "shock_losses.png"
    fig.savefig(path, dpi=100)
    plt.close(fig)
    print("(figure: %s)" % path)
    return path


def energy_finance_report(dataset):
    """The mission's headline scenario on the energy and finance layers of
    2022: G7 + EU cut both with Russia, without and with rerouting (60% of
    energy, 40% of finance through the intermediaries, 15% mark-up), as one
    report per layer with DebtRank on finance."""
    print("\n== G7 + EU cut energy and finance flows with Russia, 2022 (shock report)")
    base = dict(groups={"G7": G7, "EU": EU}, sanctioning=["G7", "EU"], target="RUS",
                severity={("energy", None): 1.0, ("finance", None): 1.0})
    scenarios = [("no rerouting", libflow.Scenario(name="g7_eu_russia", **base)),
                 ("rerouting", libflow.Scenario(
                     name="g7_eu_russia_rerouted", via=INTERMEDIARIES, markup=0.15,
                     substitution={("energy", None): 0.6, ("finance", None): 0.4}, **base))]
    for name, scenario in scenarios:
        report = libflow.ShockReport(dataset, 2022, scenario, size_attribute="gdp_usd_bn_2022",
                                     capital_attribute="bank_capital_usd_bn_2022")
        rus = report.economy_codes.index("RUS")
        for i, system in enumerate(report.systems):
            cut = report.cut(i)
            line = ("%-13s %-8s %-13s cut %7.1f rerouted %6.1f lost %7.1f %-6s Russia's loss "
                    "%6.1f" % (name, system.layer, system.product, cut.cut, cut.rerouted,
                               cut.lost, system.unit, report.values(i, "demand_total")[rus]))
            debt = report.debtrank(i)
            if debt is not None:
                line += "  DebtRank R %.4f" % debt.rank
            print(line)


def debtrank(dataset):
    """Freezing bank claims between the coalition and Russia (finance 2022)."""
    codes = dataset.economy_codes
    claims = layer_total(dataset, "finance", 2022)
    capital = dataset.attribute("bank_capital_usd_bn_2022")
    scenario = libflow.Scenario(groups={"G7": G7, "EU": EU}, sanctioning=["G7", "EU"],
                                target="RUS", severity=1.0)
    result = libflow.debtrank_scenario(claims, np.nan_to_num(capital), scenario, codes=codes,
                                       layer="finance")
    print("\n== DebtRank: coalition-Russia bank claims frozen (finance 2022)")
    print("initial impact %.4f, final impact %.4f, network-added R = %.4f, rounds %d"
          % (result.attrs["initial_impact"], result.attrs["final_impact"], result.attrs["rank"],
             result.attrs["rounds"]))
    top = result["distress_final"].sort_values(ascending=False, kind="stable")[:5]
    print("most distressed: " + ", ".join("%s %.3f" % item for item in top.items()))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=pathlib.Path, default=ROOT / "data")
    parser.add_argument("--out", type=pathlib.Path, default=pathlib.Path("."))
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    print("libflow %s (%s)" % (libflow.version(), libflow.library_path()))
    dataset = load(args.data)
    dependence_heatmap(dataset, args.data, args.out)
    russia_china(dataset)
    centrality(dataset)
    shock(dataset, args.out)
    energy_finance_report(dataset)
    debtrank(dataset)
    return 0


if __name__ == "__main__":
    sys.exit(main())
