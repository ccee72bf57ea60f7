"""The example script runs on the bundled data and writes its two figures."""
import os
import pathlib
import subprocess
import sys

import pytest

SCRIPT = pathlib.Path(__file__).resolve().parents[1] / "examples" / "demo_analysis.py"


def test_demo_analysis_writes_figures(tmp_path, root):
    pytest.importorskip("matplotlib")
    pytest.importorskip("pandas")
    if not (root / "data" / "trade.csv").is_file():
        pytest.skip("the demo data is not in this tree")
    env = dict(os.environ, MPLBACKEND="Agg", MPLCONFIGDIR=str(tmp_path / "mpl"))
    proc = subprocess.run([sys.executable, str(SCRIPT), "--data", str(root / "data"), "--out",
                           str(tmp_path)], env=env, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    # The mission's findings must come out of the data: China is the economy the
    # others depend on, Russia's dependence on China is the unequal one, and
    # rerouting lowers the loss.
    assert "1. CHN" in out
    assert "rerouting rho=0.6" in out and "rerouted via: CHN" in out
    import matplotlib.image

    for name in ("dependence_heatmap.png", "shock_losses.png"):
        path = tmp_path / name
        assert path.is_file(), name
        assert path.stat().st_size > 20_000, name
        pixels = matplotlib.image.imread(path)
        assert pixels.shape[0] > 400 and pixels.shape[1] > 800, name
        colours = {tuple(p) for p in pixels[::7, ::7, :3].reshape(-1, 3).round(2)}
        assert len(colours) > 50, name  # a picture, not a blank canvas


def test_readme_example_runs(tmp_path, root):
    """The session in bindings/python/README.md works as written."""
    pytest.importorskip("pandas")
    if not (root / "data" / "trade.csv").is_file():
        pytest.skip("the demo data is not in this tree")
    readme = (SCRIPT.parents[1] / "README.md").read_text()
    code = readme.split("```python\n", 1)[1].split("```", 1)[0]
    env = dict(os.environ, PYTHONPATH=str(SCRIPT.parents[1]))
    proc = subprocess.run([sys.executable, "-c", code], cwd=root, env=env, capture_output=True,
                          text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert "rerouted_via" in proc.stdout
