"""The pictures of `flowtool plot` on the demo data, checked as geometry: no
text covers another text, no flow value or name covers a node, every picture
has a colour legend, numbers are in the data's own unit (no k/M suffixes)
and titles are in words.

Text boxes are estimated as the layout code does (advance 0.62 em per
character, which DejaVu Sans digits and capitals do not exceed); rotated
labels (long heatmap column names) are left out.
"""
import itertools
import pathlib
import re
import subprocess
import xml.etree.ElementTree as ET

import pytest

from indices_ctypes import flowtool  # noqa: F401  (skips when the CLI is not built)

ROOT = pathlib.Path(__file__).resolve().parents[2]
NS = "{http://www.w3.org/2000/svg}"
PICTURES = {
    "network_top20": ["network", "data/trade.csv", "--year", "2023", "--top", "20"],
    "network_top40": ["network", "data/trade.csv", "--year", "2023", "--top", "40"],
    "network_crude": ["network", "data/energy.csv", "--layer", "energy", "--year", "2022",
                      "--product", "crude_oil", "--top", "15"],
    "network_finance": ["network", "data/finance.csv", "--layer", "finance", "--top", "40"],
    "heatmap_shares": ["heatmap", "data/trade.csv", "--year", "2023", "--economies",
                       "CHN,RUS,IRN,PRK,KAZ,TUR,IND,USA,DEU,JPN"],
    "heatmap_gas": ["heatmap", "data/energy.csv", "--layer", "energy", "--year", "2022",
                    "--product", "pipeline_gas", "--measure", "value"],
    "heatmap_claims": ["heatmap", "data/finance.csv", "--layer", "finance", "--measure",
                       "export_share", "--top", "16"],
}


def tool():
    import os

    library = pathlib.Path(os.environ.get("LIBFLOW_LIBRARY", ROOT / "build" / "libflow.so"))
    path = library.parent / "examples" / "flowtool"
    if not path.exists():
        pytest.skip("flowtool is not built")
    return path


def render(name, tmp_path):
    out = tmp_path / f"{name}.svg"
    subprocess.run([str(tool()), "plot", *PICTURES[name], "-o", str(out)], cwd=ROOT, check=True)
    return ET.parse(out).getroot()


def classes(e):
    return set(e.get("class", "").split())


def text_boxes(root):
    """(x0, y0, x1, y1, text, classes) of every unrotated text element."""
    boxes = []
    for e in root.iter(NS + "text"):
        if e.get("transform"):
            continue
        text = "".join(e.itertext())
        size = float(e.get("font-size"))
        x, y = float(e.get("x")), float(e.get("y"))
        width = 0.62 * size * len(text)
        anchor = e.get("text-anchor", "start")
        x0 = x - width / 2 if anchor == "middle" else x - width if anchor == "end" else x
        boxes.append((x0, y - 0.75 * size, x0 + width, y + 0.25 * size, text, classes(e)))
    return boxes


def overlap(a, b, slack=1.0):
    return (min(a[2], b[2]) - max(a[0], b[0]) > slack and
            min(a[3], b[3]) - max(a[1], b[1]) > slack)


def covers_disc(box, cx, cy, r, slack=1.0):
    nx, ny = min(max(cx, box[0]), box[2]), min(max(cy, box[1]), box[3])
    return (nx - cx) ** 2 + (ny - cy) ** 2 < (r - slack) ** 2


@pytest.mark.parametrize("name", sorted(PICTURES))
def test_picture_geometry(name, tmp_path):
    root = render(name, tmp_path)
    boxes = text_boxes(root)
    clashes = [(a[4], b[4]) for a, b in itertools.combinations(boxes, 2) if overlap(a, b)]
    assert not clashes, f"{name}: overlapping labels {clashes[:5]}"
    nodes = [(float(c.get("cx")), float(c.get("cy")), float(c.get("r")))
             for c in root.iter(NS + "circle") if "node" in classes(c)]
    covered = [(b[4], n) for b in boxes for n in nodes
               if b[5] & {"edge-label", "node-label"} and covers_disc(b, *n)]
    assert not covered, f"{name}: labels on nodes {covered[:5]}"
    assert any("legend" in classes(e) for e in root.iter()), f"{name}: no colour legend"
    texts = [b[4] for b in boxes]
    assert not [t for t in texts if re.fullmatch(r"-?[0-9.]+[kMGT]", t)], \
        f"{name}: numbers with k/M suffixes"
    title = texts[0]
    assert "_" not in title, f"{name}: title with a raw code: {title}"
    if name.startswith("network"):
        # the values shown are the flows of their arrows (tooltips carry all of them)
        shown = [b for b in boxes if "edge-label" in b[5]]
        assert shown, f"{name}: no flow value shown"
