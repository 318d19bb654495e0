"""One `public_url` setting from which every QR code and link derives, and a warning while it is
still the example address: `kiosk qr` says so, and the paths are the ones `kiosk web` serves."""

from __future__ import annotations

import pytest

from kiosk import config
from kiosk.config import EXAMPLE_PUBLIC_URL, Settings
from kiosk_process import run_kiosk

pytestmark = pytest.mark.unit


def test_links_derive_from_public_url():
    s = Settings(public_url="https://gongshi.yinggu.cn/")
    assert s.pledge_template().format(project_id=7, estate_id=1) == "https://gongshi.yinggu.cn/pledge?project=7"
    assert s.track_template().format(ticket="123456786") == "https://gongshi.yinggu.cn/track?ticket=123456786"
    assert not s.public_url_is_example()
    assert Settings().public_url == EXAMPLE_PUBLIC_URL and Settings().public_url_is_example()
    assert Settings(public_url="https://a.example.org/kiosk").public_url_is_example()
    # A single link can still be pointed elsewhere.
    assert Settings(pledge_url="https://x.cn/p?id={project_id}").pledge_template() == "https://x.cn/p?id={project_id}"


def test_the_settings_file_sets_it(tmp_path):
    f = tmp_path / "kiosk.toml"
    f.write_text('public_url = "https://gongshi.binhe.cn"\n', encoding="utf-8")
    s = config.load(f)
    assert s.pledge_template().startswith("https://gongshi.binhe.cn/pledge?")


@pytest.mark.process
def test_kiosk_qr_warns_while_the_address_is_the_example(demo_path, tmp_path):
    if not demo_path.endswith(".db"):
        pytest.skip("one backend is enough for a command's words")
    out = tmp_path / "qr.svg"
    none = tmp_path / "none.toml"
    none.write_text("", encoding="utf-8")
    r = run_kiosk("--db", demo_path, "--config", str(none), "--lang", "en", "qr", "1", "--out", str(out))
    assert r.returncode == 0, r.stderr
    assert "public_url is still the example address" in r.stderr and "https://kiosk.example.org/pledge?project=1" in r.stdout
    real = tmp_path / "real.toml"
    real.write_text('public_url = "https://gongshi.binhe.cn"\n', encoding="utf-8")
    r = run_kiosk("--db", demo_path, "--config", str(real), "--lang", "en", "qr", "1", "--out", str(out))
    assert r.returncode == 0 and r.stderr == ""
    assert "https://gongshi.binhe.cn/pledge?project=1" in r.stdout
