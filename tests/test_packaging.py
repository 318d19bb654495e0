"""`pip install .` (not only -e) must carry styles, translations and demo data inside the package."""

import subprocess
import sys
import zipfile

from kiosk_process import ROOT


def test_wheel_carries_catalogs_and_styles(tmp_path):
    out = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(tmp_path), str(ROOT)],
                         capture_output=True, text=True)
    if out.returncode != 0:  # no hatchling in this environment: build in isolation
        out = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(ROOT)],
                             capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    (wheel,) = tmp_path.glob("*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "kiosk/locale/zh_CN/LC_MESSAGES/kiosk.mo" in names
    styles = {n for n in names if n.startswith("kiosk/styles/")}
    shipped = {"kiosk/styles/" + p.name for p in (ROOT / "styles").iterdir() if p.suffix == ".tcss"}
    assert shipped <= styles
    assert "kiosk/demo/data.py" in names
    # `kiosk web`'s templates and stylesheet travel with it.
    web = {"kiosk/web/" + str(p.relative_to(ROOT / "kiosk" / "web")) for p in (ROOT / "kiosk" / "web").rglob("*.*")
           if p.suffix in (".html", ".css")}
    assert web and web <= names
    entry = [n for n in names if n.endswith("entry_points.txt")]
    assert entry and "kiosk = kiosk.cli:main" in zipfile.ZipFile(wheel).read(entry[0]).decode()
