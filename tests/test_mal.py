"""The ``mal`` HTML card: strict HTML5, safe values, MyAnimeList's layout, checked in headless Chromium."""

from __future__ import annotations

import os
import struct
import subprocess
import sys
import textwrap
from io import BytesIO
from pathlib import Path
from xml.etree import ElementTree as ET

import attrs
import html5lib
import pytest

import layzner
import layzner_mal
from layzner import (
    Character,
    Company,
    Credit,
    DateRange,
    Link,
    PartialDate,
    Series,
    Synopsis,
    Title,
)

from .support.chromium import run_chromium
from .support.series import make_series

HOSTILE = "<script>alert(1)</script>"
# Attributes through which HTML can make a request or navigate.
URL_ATTRIBUTES = frozenset(
    {"href", "src", "srcset", "action", "formaction", "poster", "data", "background", "cite",
     "ping", "manifest", "longdesc", "xlink:href", "imagesrcset"}
)  # fmt: skip


def _exporter() -> layzner.Exporter:
    found: list[layzner.Exporter] = []
    layzner_mal.layzner_register_exporters(found.append)
    return next(e for e in found if e.name == "mal")


def _export(series: Series, **options: object) -> str:
    exporter = _exporter()
    output = BytesIO()
    parsed = exporter.parse_options({"today": "2024-06-01", **options})
    exporter.export(
        layzner.ExportContext(
            series=series, options=parsed, output=output, version=layzner.__version__
        )
    )
    return output.getvalue().decode("utf-8")


def _parse(html: str) -> ET.Element:
    """Parse *html* strictly with html5lib: any parse error fails the test."""
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    root: ET.Element = parser.parse(html)
    return root


def _text(element: ET.Element) -> str:
    return " ".join("".join(element.itertext()).split())


def _rows(root: ET.Element) -> dict[str, str]:
    """Return each sidebar row's text ("Genre: Drama"), keyed by its data-row."""
    return {div.get("data-row", ""): _text(div) for div in root.iter("div") if div.get("data-row")}


def _png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


# --- the page as HTML ----------------------------------------------------------


def test_page_is_one_strict_html5_document_without_script() -> None:
    """The page parses with no HTML5 error, has inline CSS only and not one script."""
    html = _export(make_series())
    assert html.startswith('<!DOCTYPE html>\n<html lang="en">')
    root = _parse(html)
    assert list(root.iter("script")) == []
    assert [link.get("rel") for link in root.iter("link")] == []
    assert len(list(root.iter("style"))) == 1
    assert not any(name.startswith("on") for el in root.iter() for name in el.attrib)


def test_information_rows_read_like_myanimelist() -> None:
    """Every Information row holds the value MyAnimeList would show for the series."""
    rows = _rows(_parse(_export(make_series())))
    assert rows == {
        "synonyms": "Synonyms: Vesper of the Star Harbor, Hoshiminato no Vesper",
        "japanese": "Japanese: 星港のヴェスパー",
        "english": "English: Star Harbor Vesper",
        "type": "Type: TV",
        "episodes": "Episodes: 26 (+2 OVA)",
        "status": "Status: Finished Airing",
        "aired": "Aired: Apr 2, 1999 to Sep 1999",
        "premiered": "Premiered: Spring 1999",
        "broadcaster": "Broadcasters: Hikari TV, Wavefront Media",
        "producer": "Producers: Orbit Sound, Blue Anchor Records",
        "licensor": "Licensor: Wavefront Media",
        "studios": "Studio: Studio Kairo",
        "source": "Source: Unknown",
        "genres": "Genres: Mecha, Drama",
        "tags": "Tags: space, mars",
        "rating": "Rating: PG-13 - Teens 13 or older",
    }


def test_every_company_appears_under_its_role() -> None:
    """No company is dropped: each role, even one the page has no label for, gets a row."""
    series = attrs.evolve(
        make_series(),
        companies=(
            Company("Studio Kairo", ("studio",)),
            Company("Wave Video", ("distributor",)),
            Company("Lantern Sound", ("music label",)),
        ),
    )
    rows = _rows(_parse(_export(series)))
    assert rows["distributor"] == "Distributor: Wave Video"
    assert rows["music label"] == "Music Label: Lantern Sound"
    assert rows["studios"] == "Studio: Studio Kairo"


def test_the_source_row_shows_the_source_material() -> None:
    """The Source row says what the series was adapted from, once the model knows."""
    rows = _rows(_parse(_export(attrs.evolve(make_series(), source_material="Light novel"))))
    assert rows["source"] == "Source: Light novel"


@pytest.mark.parametrize(("media_type", "shown"), [("TV", True), ("Movie", False), ("OVA", False)])
def test_premiered_is_a_tv_seasons_row(media_type: str, shown: bool) -> None:
    """Only a TV series premieres in a season; a film or an OVA has no Premiered row."""
    rows = _rows(_parse(_export(attrs.evolve(make_series(), media_type=media_type))))
    assert ("premiered" in rows) is shown


def test_missing_values_show_unknown_or_none_found() -> None:
    """A series known only by its title shows Unknown or None found, never an empty row."""
    root = _parse(_export(Series(id="bare", title="Bare Title")))
    assert _rows(root) == {
        "type": "Type: Unknown",
        "episodes": "Episodes: Unknown",
        "status": "Status: Unknown",
        "aired": "Aired: Unknown",
        "premiered": "Premiered: Unknown",
        "studios": "Studios: None found",
        "source": "Source: Unknown",
        "genres": "Genres: None found",
        "rating": "Rating: Unknown",
    }
    text = _text(root)
    assert "No synopsis information has been added to this title." in text
    assert "No opening theme has been added to this title." in text
    assert list(root.iter("img")) == []


@pytest.mark.parametrize(
    ("aired", "expected"),
    [
        (DateRange(PartialDate(1999, 1, 9), None), "Jan 9, 1999 to ?"),
        (DateRange(None, PartialDate(1999, 3)), "? to Mar 1999"),
        (DateRange(PartialDate(1999), PartialDate(2000)), "1999 to 2000"),
        (DateRange(PartialDate(2001, 7, 14), PartialDate(2001, 7, 14)), "Jul 14, 2001"),
    ],
)
def test_aired_writes_known_parts_and_question_marks(aired: DateRange, expected: str) -> None:
    """Aired shows each date as precisely as it is known, and "?" for an unknown one."""
    rows = _rows(_parse(_export(attrs.evolve(make_series(), aired=aired))))
    assert rows["aired"] == f"Aired: {expected}"


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        ("1999-10-01", "Finished Airing"),
        ("1999-09-30", "Currently Airing"),
        ("1999-04-02", "Currently Airing"),
        ("1999-04-01", "Not yet aired"),
    ],
)
def test_status_is_judged_against_today(today: str, expected: str) -> None:
    """Status is Finished Airing only once the end date has passed."""
    rows = _rows(_parse(_export(make_series(), today=today)))
    assert rows["status"] == f"Status: {expected}"


def test_status_of_a_print_work_is_about_publishing() -> None:
    """A manga is Publishing or Finished, with Volumes and Chapters instead of Episodes."""
    manga = make_series(
        id="m", title="Paper Moon Atlas", media_type="Manga", volumes=1, chapters=8,
        aired=DateRange(PartialDate(2020, 5), None), authors=(Credit("Rie Tachibana", "Story & Art"),),
    )  # fmt: skip
    rows = _rows(_parse(_export(manga)))
    assert rows["status"] == "Status: Publishing"
    assert rows["aired"] == "Published: May 2020 to ?"
    assert rows["volumes"] == "Volumes: 1"
    assert rows["chapters"] == "Chapters: 8"
    assert rows["authors"] == "Author: Rie Tachibana (Story & Art)"
    assert "episodes" not in rows


def test_source_date_epoch_sets_today_and_the_option_wins(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without the option, SOURCE_DATE_EPOCH is today; the today option overrides it."""
    series = attrs.evolve(make_series(), aired=DateRange(PartialDate(2030, 1, 1), None))
    exporter = _exporter()

    def status(options: dict[str, object]) -> str:
        output = BytesIO()
        parsed = exporter.parse_options(options)
        exporter.export(
            layzner.ExportContext(series=series, options=parsed, output=output, version="0")
        )
        return _rows(_parse(output.getvalue().decode()))["status"]

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1893456000")  # 2030-01-01T00:00:00Z
    assert status({}) == "Status: Currently Airing"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1893455999")  # a second earlier
    assert status({}) == "Status: Not yet aired"
    assert status({"today": "2030-01-02"}) == "Status: Currently Airing"


@pytest.mark.parametrize("today", ["2024-13-01", "yesterday", "2024-02-30"])
def test_a_bad_today_is_one_option_error(today: str) -> None:
    """A today option that is not a date is an OptionError naming the option."""
    with pytest.raises(layzner.OptionError, match="option 'today'"):
        _export(make_series(), today=today)


def test_a_bad_source_date_epoch_is_one_option_error(monkeypatch: pytest.MonkeyPatch) -> None:
    """A SOURCE_DATE_EPOCH that is not a number of seconds is an OptionError naming it."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "tomorrow")
    exporter = _exporter()
    context = layzner.ExportContext(
        series=make_series(), options=exporter.parse_options({}), output=BytesIO(), version="0"
    )
    with pytest.raises(layzner.OptionError, match="SOURCE_DATE_EPOCH"):
        exporter.export(context)


def test_japanese_text_carries_lang_ja() -> None:
    """Every piece of Japanese text sits in an element with lang="ja"."""
    root = _parse(_export(make_series()))
    marked = [_text(el) for el in root.iter() if el.get("lang") == "ja"]
    for japanese in ("星港のヴェスパー", "星の風", "夜を越えて", "火星の港は眠らない。"):
        assert japanese in marked
    # And no Japanese text is left outside such an element.
    for element in root.iter():
        if element.get("lang") == "ja":
            element.clear()
    assert not any("\u3040" <= char <= "\u9fff" for char in "".join(root.itertext()))


def test_themes_are_numbered_like_myanimelist() -> None:
    """Opening and ending themes read '1: "Title (native, English)" by Artist (eps 1-26)'."""
    root = _parse(_export(make_series()))
    lists = {ol.get("id"): [_text(li) for li in ol.iter("li")] for ol in root.iter("ol")}
    assert lists == {
        "opening-themes": [
            '1: "Hoshi no Kaze (星の風, Wind of the Stars)" by Blue Harbor (eps 1-26)',
            '2: "Harbor Lights" by Blue Harbor, Aya Mori (eps 14-25, 26)',
        ],
        "ending-themes": [
            '1: "Yoru o Koete (夜を越えて)" by Aya Mori (eps 1-13)',
            '2: "Red Harbor" by Aya Mori (eps 14-26)',
        ],
    }


# --- safety --------------------------------------------------------------------


def _hostile() -> Series:
    return attrs.evolve(
        make_series(),
        title=f"Evil {HOSTILE}",
        titles=(Title(f"Evil {HOSTILE}", "en", "main"), Title('"><img src=x>', "en", "synonym")),
        characters=(Character(HOSTILE, main=True),),
        links=(
            Link("Script", "javascript:alert(1)"),
            Link("Cased", "JaVaScRiPt:alert(1)"),
            Link("Spaced", " javascript:alert(1)"),
            Link("Tabbed", "java\tscript:alert(1)"),
            Link("Data", "data:text/html,<script>alert(1)</script>"),
            Link("Relative", "//evil.example/x"),
            Link("Good", 'https://example.org/"onmouseover="alert(1)'),
        ),
        image="javascript:alert(1)",
        synopses=(Synopsis(f"{HOSTILE} <b>bold</b> &amp;", "x"),),
    )


def _url_attributes(root: ET.Element) -> list[tuple[str, str, str]]:
    return [
        (element.tag, name, value)
        for element in root.iter()
        for name, value in element.attrib.items()
        if name.lower() in URL_ATTRIBUTES
    ]


def test_hostile_values_stay_text_and_unsafe_urls_are_dropped() -> None:
    """Markup in values is escaped text, and only http(s) URLs become href or src."""
    html = _export(_hostile())
    root = _parse(html)
    assert list(root.iter("script")) == []
    assert [el.tag for el in root.iter("b")] == []
    assert _url_attributes(root) == [
        ("a", "href", 'https://example.org/"onmouseover="alert(1)'),
    ]
    h1 = next(root.iter("h1"))
    assert _text(h1) == f"Evil {HOSTILE}"
    assert f"{HOSTILE} <b>bold</b> &amp;" in _text(root)
    # A link whose URL was dropped is still listed, as plain text.
    assert "Script" in [_text(li) for li in root.iter("li")]


def test_only_the_poster_and_links_carry_urls() -> None:
    """The page can request nothing but its poster: no other URL in any attribute or the CSS."""
    series = make_series()
    root = _parse(_export(series))
    assert _url_attributes(root) == [
        ("img", "src", series.image),
        *[("a", "href", link.url) for link in series.links],
    ]
    css = "".join(style.text or "" for style in root.iter("style"))
    assert "url(" not in css
    assert "@import" not in css
    csp = next(m for m in root.iter("meta") if m.get("http-equiv") == "Content-Security-Policy")
    assert "default-src 'none'" in csp.get("content", "")


def test_offline_leaves_the_poster_out() -> None:
    """With offline=true the page has no img, no src, and forbids images outright."""
    root = _parse(_export(make_series(), offline="true"))
    assert list(root.iter("img")) == []
    assert [name for _tag, name, _value in _url_attributes(root)] == ["href", "href"]
    csp = next(m for m in root.iter("meta") if m.get("http-equiv") == "Content-Security-Policy")
    assert "img-src 'none'" in csp.get("content", "")


def test_image_has_alt_text() -> None:
    """The poster's alt text names the series."""
    image = next(_parse(_export(make_series())).iter("img"))
    assert image.get("alt") == "Poster of Star Harbor Vesper"


# --- in a real browser ---------------------------------------------------------


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, ET.Element]:
    """Write the page and the DOM Chromium renders from it."""
    tmp_path = tmp_path_factory.mktemp("mal-chromium")
    page = tmp_path / "vesper.html"
    page.write_text(_export(make_series()), encoding="utf-8")
    dom = run_chromium(tmp_path, "--dump-dom", page.as_uri()).stdout
    return page, html5lib.parse(dom, namespaceHTMLElements=False)


def test_chromium_renders_title_information_themes_and_characters(
    rendered: tuple[Path, ET.Element],
) -> None:
    """Headless Chromium's DOM has the title, every Information row, both theme lists and the characters."""
    _page, dom = rendered
    assert _text(next(dom.iter("h1"))) == "Star Harbor Vesper"
    rows = _rows(dom)
    for key in ("type", "episodes", "status", "aired", "premiered", "studios", "producer",
                "licensor", "source", "genres", "rating"):  # fmt: skip
        assert rows[key].split(":", 1)[1].strip(), key
    assert rows["aired"] == "Aired: Apr 2, 1999 to Sep 1999"
    themes = {ol.get("id"): len(list(ol.iter("li"))) for ol in dom.iter("ol")}
    assert themes == {"opening-themes": 2, "ending-themes": 2}
    names = [_text(s) for s in dom.iter("span") if s.get("class") == "name"]
    assert names[:4] == ["Lena Marsh", "Toma Kirishima", "Admiral Vargas", "Oswin Hale"]
    assert list(dom.iter("script")) == []


def test_chromium_renders_hostile_values_as_text(tmp_path: Path) -> None:
    """In Chromium, a seed's <script> and javascript: link stay text: no script, no such href."""
    page = tmp_path / "hostile.html"
    page.write_text(_export(_hostile()), encoding="utf-8")
    dom = html5lib.parse(
        run_chromium(tmp_path, "--dump-dom", page.as_uri()).stdout, namespaceHTMLElements=False
    )
    assert list(dom.iter("script")) == []
    assert not any("javascript" in (a.get("href") or "").lower() for a in dom.iter("a"))
    assert _text(next(dom.iter("h1"))) == f"Evil {HOSTILE}"


@pytest.mark.parametrize("width", [390, 1280])
def test_page_fits_the_width_and_is_screenshotted(
    rendered: tuple[Path, ET.Element], tmp_path: Path, width: int
) -> None:
    """At 390 and 1280 px nothing overflows sideways; a screenshot is left in tmp_path to look at."""
    fonts = subprocess.run(
        ["fc-list", ":lang=ja", "family"], capture_output=True, text=True, check=True
    ).stdout
    assert "Noto Sans CJK" in fonts, "fonts-noto-cjk is needed: scripts/test installs it"
    page, _dom = rendered
    shot = tmp_path / f"mal-{width}.png"
    run_chromium(tmp_path, f"--screenshot={shot}", f"--window-size={width},1400", page.as_uri())
    assert _png_size(shot) == (width, 1400)
    # The page may not run script, so a probe page frames it at this width and measures it.
    probe = page.with_name(f"probe-{width}.html")
    probe.write_text(
        textwrap.dedent(f"""\
            <!DOCTYPE html><html><body style="margin:0">
            <iframe id="f" src="{page.name}" width="{width}" height="900" style="border:0"></iframe>
            <p id="r">pending</p>
            <script>
            document.getElementById("f").addEventListener("load", function () {{
              var d = this.contentDocument.documentElement;
              document.getElementById("r").textContent = d.scrollWidth + " " + d.clientWidth;
            }});
            </script></body></html>
            """),
        encoding="utf-8",
    )
    dom = run_chromium(
        tmp_path, "--allow-file-access-from-files", "--virtual-time-budget=5000",
        "--dump-dom", probe.as_uri(),
    ).stdout  # fmt: skip
    result = _text(next(p for p in html5lib.parse(dom, namespaceHTMLElements=False).iter("p")))
    scroll_width, client_width = (int(n) for n in result.split())
    assert scroll_width <= client_width


# --- as a plugin ---------------------------------------------------------------


def test_export_through_the_registry_matches_the_exporter() -> None:
    """``layzner.export(series, "mal")`` finds the plugin by entry point and writes the same page."""
    series = make_series()
    assert layzner.export(series, "mal", today="2024-06-01") == _export(series).encode()
    info = next(f for f in layzner.formats() if f.name == "mal")
    assert (info.status, info.extension, info.media_type) == ("ok", ".html", "text/html")
    assert [option.name for option in info.options] == ["offline", "today"]


def test_loading_the_plugin_does_not_import_jinja2() -> None:
    """Importing the plugin and registering its exporters leaves Jinja2 unimported."""
    code = """
        import sys
        import layzner_mal
        layzner_mal.layzner_register_exporters(lambda exporter: None)
        print("jinja2" in sys.modules)
    """
    result = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"


def test_two_exports_in_fresh_processes_are_byte_identical(tmp_path: Path) -> None:
    """Two processes with different hash seeds write the same bytes for the same input."""
    code = """
        import sys
        import layzner
        from tests.support.series import make_series
        sys.stdout.buffer.write(layzner.export(make_series(), "mal", today="2024-06-01"))
    """
    outputs = []
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(Path(__file__).parents[1])}
        env.pop("SOURCE_DATE_EPOCH", None)
        result = subprocess.run(
            [sys.executable, "-c", textwrap.dedent(code)], capture_output=True, env=env, check=True
        )
        outputs.append(result.stdout)
    assert outputs[0] == outputs[1]
    assert outputs[0].startswith(b"<!DOCTYPE html>")


def test_layzner_from_the_seeds_renders_in_chromium(tmp_path: Path) -> None:
    """Layzner, loaded from the seeds, shows its facts in Chromium's rendered DOM."""
    series = layzner.load()
    page = tmp_path / "layzner.html"
    page.write_bytes(layzner.export(series, "mal", today="2024-06-01") or b"")
    _parse(page.read_text(encoding="utf-8"))
    dom = html5lib.parse(
        run_chromium(tmp_path, "--dump-dom", page.as_uri()).stdout, namespaceHTMLElements=False
    )
    rows = _rows(dom)
    assert _text(next(dom.iter("h1"))) == series.title
    assert rows["status"] == "Status: Finished Airing"
    assert rows["aired"] == "Aired: Oct 3, 1985 to Jun 26, 1986"
    assert rows["premiered"] == "Premiered: Fall 1985"
    assert rows["episodes"] == "Episodes: 38 (+3 OVA)"
    themes = {ol.get("id"): [_text(li) for li in ol.iter("li")] for ol in dom.iter("ol")}
    assert len(themes["opening-themes"]) == len([s for s in series.songs if s.kind == "opening"])
    assert len(themes["ending-themes"]) == len([s for s in series.songs if s.kind == "ending"])
    assert themes["ending-themes"][0].endswith("(eps 1-25)")
    names = {_text(s) for s in dom.iter("ul") if s.get("class") == "grid characters"}
    assert all(character.name in " ".join(names) for character in series.characters)
