"""The article's credits, studios, broadcasters and licensors: each cue form, and the non-names it refuses.

Every text is written exactly as a flattened Wikipedia lead reads: lowercase,
no punctuation, digits or stop words (``Produced by Madhouse, the series was
directed by Rie Matsumoto`` is ``produced madhouse series directed rie
matsumoto``).  The people and companies are real, from works that are not in
the shared development set.
"""

from __future__ import annotations

import pytest

from layzner import Credit, SourceDocument
from layzner._readers import Reading
from layzner._readers.article import read_article

SOURCE = SourceDocument("a", "article.txt", "article", "")
LEAD = "iron lantern japanese 鉄の灯 hepburn tetsu tōrō japanese anime television series"
END = "story follows crew ship lost deep space"


def _read(sentence: str) -> Reading:
    return read_article(f"{LEAD} {sentence} {END}", SOURCE)


def _companies(reading: Reading, role: str) -> list[str]:
    return [s.value.name for s in reading.companies if role in s.value.roles]


def _credits(reading: Reading) -> list[tuple[str, str]]:
    return [(s.value.person, s.value.role) for s in reading.staff]


@pytest.mark.parametrize(
    ("sentence", "studios"),
    [
        ("produced madhouse directed rie matsumoto", ["Madhouse"]),
        # "animated by Studio Chizu": whether "studio" is part of the name is lost.
        ("animated studio chizu released july", ["Chizu"]),
        ("animation produced xebec directed", ["Xebec"]),
        ("animation studio satelight series composition", ["Satelight"]),
        ("produced sunrise bandai visual directed", ["Sunrise", "Bandai Visual"]),
        ("produced tatsunoko productions gainax directed", ["Tatsunoko Productions", "Gainax"]),
        # A rarer English word is a studio where the sentence says one comes.
        ("produced trigger directed", ["Trigger"]),
        ("produced bones media factory directed", ["Bones", "Media Factory"]),
        ("produced kyoto animation directed", ["Kyoto Animation"]),
        ("produced production ig directed", ["Production Ig"]),
        ("produced ufotable partnership topcraft later", ["Ufotable", "Topcraft"]),
        ("produced comix wave films distributed toho", ["Comix Wave Films"]),
        # One word, then the next clause: "animated by Madhouse, and aired on ...".
        ("directed hiroshi kōjina animated madhouse aired", ["Madhouse"]),
        # "...created and animated by Sunrise, led by a production team of ...".
        ("created animated sunrise led production team", ["Sunrise"]),
        # The lead's "a series by Madhouse, which aired on ..." lost its "by".
        ("madhouse aired tv tokyo", ["Madhouse"]),
        # A company word that is the next sentence's: "Produced by Madhouse,
        # the film follows ...", "animated by Studio Deen, with music by ...".
        ("film produced madhouse film follows trio", ["Madhouse"]),
        ("film animated studio deen music kenji kawai released", ["Deen"]),
        (
            "film produced madhouse tezuka productions music composed toshiyuki honda",
            ["Madhouse", "Tezuka Productions"],
        ),
        ("animation studio hal film maker adapted", ["Hal Film Maker"]),
        # "animated by Sunrise, the series ...": a name before the noun.
        ("animated sunrise series aired", ["Sunrise"]),
        # An adaptation's "by" was lost: "adapted by Madhouse into an anime
        # series", "an anime adaptation by Bones aired ...", "an anime series
        # by Brain's Base, directed by ...".
        ("manga adapted madhouse anime television series aired", ["Madhouse"]),
        ("manga adapted toei animation anime television series", ["Toei Animation"]),
        ("manga anime television series adaptation bones aired tokyo mx", ["Bones"]),
        ("adapted anime television series artland directed", ["Artland"]),
        ("adapted anime television series brains base directed", ["Brains Base"]),
        ("directed takahiro omori produced brains base aired wowow", ["Brains Base"]),
        # "... into four series by Sunrise, the first of which, directed by ...".
        ("adapted four anime television series sunrise first directed", ["Sunrise"]),
        (
            "directed makoto shinkai produced comix wave films distributed toho",
            ["Comix Wave Films"],
        ),
        ("animation provided production ig music composed", ["Production Ig"]),
        # "Produced by Nishizaki for Academy Productions": a producer named
        # before, then the studio the lost "for" introduced.
        (
            "created yoshinobu nishizaki directed produced nishizaki academy productions aired",
            ["Academy Productions"],
        ),
    ],
)
def test_studio_cues(sentence: str, studios: list[str]) -> None:
    """``produced``, ``animated``, ``animation produced`` and ``animation studio`` name studios, several in a row."""
    assert _companies(_read(sentence), "studio") == studios


def test_a_company_ended_by_a_company_word_after_the_leads_noun_is_the_studio() -> None:
    """``anime series by Tokyo Movie Shinsha`` lost its ``by``: a name ended by a company word still is one."""
    text = f"moomin japanese ムーミン japanese anime series tokyo movie shinsha based {END} {END}"
    assert _companies(read_article(text, SOURCE), "studio") == ["Tokyo Movie Shinsha"]


@pytest.mark.parametrize(
    ("sentence", "credits"),
    [
        ("directed rie matsumoto aired", [("Rie Matsumoto", "Director")]),
        (
            "created directed shinichi watanabe animation",
            [("Shinichi Watanabe", "Original Creator"), ("Shinichi Watanabe", "Director")],
        ),
        ("chief director kazuki akane animation", [("Kazuki Akane", "Chief Director")]),
        (
            "series directed akiyuki shinbo tatsuya oishi original",
            [("Akiyuki Shinbo", "Director"), ("Tatsuya Oishi", "Director")],
        ),
        (
            "production team director shinichirō watanabe screenwriter keiko nobumoto",
            [("Shinichirō Watanabe", "Director"), ("Keiko Nobumoto", "Screenplay")],
        ),
        (
            "created kōichi mashimo also directed first season",
            [("Kōichi Mashimo", "Original Creator"), ("Kōichi Mashimo", "Director")],
        ),
        ("original concept hajime yatate", [("Hajime Yatate", "Original Creator")]),
        ("based manga name kōta hirano produced", [("Kōta Hirano", "Original Creator")]),
        (
            "based manga written illustrated rumiko takahashi",
            [("Rumiko Takahashi", "Original Creator")],
        ),
        (
            "manga series written illustrated rumiko takahashi adapted",
            [("Rumiko Takahashi", "Original Creator")],
        ),
        ("written yōsuke kuroda character", [("Yōsuke Kuroda", "Writer")]),
        ("scripts written dai satō music", [("Dai Satō", "Script")]),
        ("series composition hiroshi ōnogi broadcast", [("Hiroshi Ōnogi", "Series Composition")]),
        (
            "features character designs takahiro yoshimatsu",
            [("Takahiro Yoshimatsu", "Character Design")],
        ),
        (
            "mechanical designs kanetake ebikawa music",
            [("Kanetake Ebikawa", "Mechanical Design")],
        ),
        ("music composed kenji kawai broadcast", [("Kenji Kawai", "Music")]),
        ("music yoko kanno broadcast", [("Yoko Kanno", "Music")]),
        (
            "written chiaki j konaka ikuko takahashi aired",
            [("Chiaki J Konaka", "Writer"), ("Ikuko Takahashi", "Writer")],
        ),
        ("chief directed hideaki anno", [("Hideaki Anno", "Chief Director")]),
        # A run that splits into pairs exactly: the last pair is a name even
        # when the catalog knows neither of its words.
        (
            "directed keiichi satō shūhei yabuta aired",
            [("Keiichi Satō", "Director"), ("Shūhei Yabuta", "Director")],
        ),
        (
            "directed satoshi kon codirected shōgo furuya screenplay",
            [("Satoshi Kon", "Director"), ("Shōgo Furuya", "Co-Director")],
        ),
        ("soundtrack composed susumu hirasawa media", [("Susumu Hirasawa", "Music")]),
        ("score composed shōji yamashiro performed", [("Shōji Yamashiro", "Music")]),
        # A given name in its own romanisation ("Leiji", not "Reiji") before a
        # known family name; "directed by Matsumoto" is then Leiji Matsumoto.
        (
            "created yoshinobu nishizaki leiji matsumoto directed matsumoto aired",
            [
                ("Yoshinobu Nishizaki", "Original Creator"),
                ("Leiji Matsumoto", "Original Creator"),
                ("Leiji Matsumoto", "Director"),
            ],
        ),
        # An active sentence: "... in April. Tetsurō Araki directed the first two seasons."
        (
            "premiered april tetsurō araki directed first two seasons",
            [("Tetsurō Araki", "Director")],
        ),
        # The anime made from a light novel is the series: its director is read.
        (
            "light novel anime adaptation directed ryūtarō nakamura aired",
            [("Ryūtarō Nakamura", "Director")],
        ),
        # A novel's or a manga's anime adaptation, its studio named first:
        # "An anime adaptation produced by Kyoto Animation and directed by ...".
        (
            "novel series anime television series adaptation produced kyoto animation directed "
            "tatsuya ishihara aired",
            [("Tatsuya Ishihara", "Director")],
        ),
        (
            "manga adapted anime television series artland directed hiroshi nagahama broadcast",
            [("Hiroshi Nagahama", "Director")],
        ),
        # "directed by Keiichirō Saitō, with Tomohiro Suzuki handling series
        # composition, Reiko Nagasawa designing the characters ...".
        (
            "directed keiichirō saitō tomohiro suzuki handling series composition reiko "
            "nagasawa designing characters evan call composing music",
            [
                ("Tomohiro Suzuki", "Series Composition"),
                ("Keiichirō Saitō", "Director"),
                ("Reiko Nagasawa", "Character Design"),
            ],
        ),
    ],
)
def test_credit_cues(sentence: str, credits: list[tuple[str, str]]) -> None:
    """Each cue credits the names after it with its role; cues in a row add up."""
    assert _credits(_read(sentence)) == credits


def test_a_credit_has_the_evidence_of_the_name() -> None:
    """A credit's evidence is the name as the article writes it, at its offset."""
    text = f"{LEAD} directed rie matsumoto aired {END}"
    (stated,) = read_article(text, SOURCE).staff
    assert stated.evidence.text == "rie matsumoto"
    assert stated.evidence.offset == text.index("rie matsumoto")


@pytest.mark.parametrize(
    ("sentence", "networks"),
    [
        ("aired tokyo mx april june", ["Tokyo MX"]),
        ("broadcast tv tokyo network", ["TV Tokyo"]),
        ("premiered mbs april", ["MBS"]),
        # "Fuji TV's Noitamina block": the possessive lost its apostrophe.
        ("originally aired fuji tvs noitamina block", ["Fuji TV"]),
        ("aired japan april june cbc", ["CBC"]),
        (
            "began airing japan tokyo mx followed tv osaka bs fuji atx",
            ["Tokyo MX", "TV Osaka", "BS Fuji", "AT-X"],
        ),
        ("broadcast nhk educational tv", ["NHK Educational TV"]),
        ("premiered japan nagoya tv affiliated ann stations", ["Nagoya TV", "ANN"]),
        # A broadcaster the list lacks, by the shape of its name.
        (
            "premiered japan nagoya broadcasting network ann affiliates april",
            ["Nagoya Broadcasting Network", "ANN"],
        ),
        ("aired kansai telecasting corporation april", ["Kansai Telecasting Corporation"]),
        # A country, or a broadcaster the list knows, heads no longer name.
        ("broadcast across japan tv asahis ann network", ["TV Asahi", "ANN"]),
        ("premiered japan wowow television station october", ["WOWOW"]),
        ("aired japan television april", []),
    ],
)
def test_network_cues(sentence: str, networks: list[str]) -> None:
    """``aired``, ``broadcast``, ``premiered`` and ``airing`` name the broadcasters after them."""
    assert _companies(_read(sentence), "broadcaster") == networks


@pytest.mark.parametrize(
    ("sentence", "licensors"),
    [
        ("licensed sentai filmworks", ["Sentai Filmworks"]),
        ("licensed north america sentai filmworks", ["Sentai Filmworks"]),
        ("licensed release north america media blasters", ["Media Blasters"]),
        (
            "licensed funimation north america madman entertainment australia",
            ["Funimation", "Madman Entertainment"],
        ),
        (
            "licensed north america manga entertainment later funimation",
            ["Manga Entertainment", "Funimation"],
        ),
        ("discotek media licensed series", ["Discotek Media"]),
        # Reading backwards, a company word that begins a name is the name's.
        ("composed susumu hirasawa media blasters licensed series", ["Media Blasters"]),
        # "NIS America", "Aniplex of America": where it licenses would be "north america".
        (
            "licensed north america nis america later aniplex america",
            ["Nis America", "Aniplex America"],
        ),
        # "...aired on WOWOW. It was licensed by...": a broadcaster ends the sentence before.
        ("later wowow licensed north america bandai entertainment", ["Bandai Entertainment"]),
    ],
)
def test_licensor_cues(sentence: str, licensors: list[str]) -> None:
    """``licensed`` names its licensors after where and how, or just before an active verb."""
    assert _companies(_read(sentence), "licensor") == licensors


@pytest.mark.parametrize(
    ("sentence", "credits"),
    [
        # Role words: "composer Yoko Kanno", "producer Masayuki Ozaki".
        ("music composer yoko kanno", [("Yoko Kanno", "Music")]),
        ("producer masayuki ozaki coproduced", [("Masayuki Ozaki", "Producer")]),
        # Ordinary English words end a name: "Yoko Kanno. Collectively, ..."
        ("music composed yoko kanno collectively known", [("Yoko Kanno", "Music")]),
        # A flattened hyphen joins common words, which name nobody.
        ("directed spinoff liveaction", []),
        # A western name whose boundary is lost ("Edmondo De Amicis", then "i.e.").
        ("created edmondo de amicis ie monthly", []),
        # A leftover word after a name: where the next name starts is not in the text.
        ("directed hiroshi hamasaki takuya", [("Hiroshi Hamasaki", "Director")]),
        # "... the final season by MAPPA. Tetsurō Araki directed ...": where the
        # name begins is not in the text.
        ("final season mappa tetsurō araki directed first two seasons", []),
        # "directed by Masayuki and Kazuya Tsurumaki": two given names are no name.
        ("directed masayuki kazuya tsurumaki first", []),
        # A name-first list: "Yoichi Kotabe (character design), Toyoo Ashida ...".
        ("including yoichi kotabe character design animation director toyoo ashida", []),
        # Two people share the family name: "written maeda" names neither.
        (
            "conceived jun maeda character design naga maeda stories written maeda",
            [("Jun Maeda", "Original Creator"), ("Naga Maeda", "Character Design")],
        ),
        # A manga made from the series: its illustrator is no staff of the series.
        ("manga adaptation illustrated mitsu izumi", []),
        # "A live-action film directed by Katsuhiro Otomo": another work's director.
        ("licensed funimation liveaction film directed katsuhiro otomo released", []),
        # A spin-off manga's author is no staff of the series.
        ("spinoff manga series written illustrated rumiko takahashi", []),
        # "yasuhiro nightow": the family name is no name word, so the given
        # name alone would be half a name.
        ("manga series written illustrated yasuhiro nightow adapted", []),
        # The art director's name was lost: the next cue's name is not theirs.
        (
            "art director music composed yasuharu takanashi",
            [("Yasuharu Takanashi", "Music")],
        ),
    ],
)
def test_non_names_are_refused_in_credits(sentence: str, credits: list[tuple[str, str]]) -> None:
    """Role words, English words, compounds, unclear boundaries and others' roles never make a credit."""
    assert _credits(_read(sentence)) == credits


@pytest.mark.parametrize(
    "sentence",
    [
        "produced yasuyuki ueda triangle staff",  # a producer, not a company
        "coproduced yasuyuki ueda",
        "aired october march",  # months
        "currently licensed",  # an adverb before the verb
        "studio split nippon",  # "split" is a verb
        "licensed films closure",  # a bare company word, then an English word
        "produced pictures aired",  # "A-1 Pictures" lost its digit
        "produced toei animation spinoff horror",  # "Spinoff" is no company
        "licensed australasian region httpsenwikipediaorgwikiironlantern",  # the page's address
        "series produced sequels",  # a plural of an everyday word
        "gundam produced reboot waning popularity",  # "produced as a reboot"
        "internet radio shows produced promote",
        "animated cgi sequences",  # a format, not a studio
        "manga also licensed english yen press",  # the manga's licensor, not the series'
        "animated comedydrama film directed",  # what kind of film, not who animated it
        "animated war drama film written",
        "licensed north america liveaction film directed",  # "film" is the work here
        # Between the adaptation and its verb, no name: "first season", a producer.
        "anime television series adaptation first season aired",
        "anime television series yasuyuki ueda directed",
        "manga adapted two anime television series",
        "adapted four anime television series sunrise first season",  # no verb bounds it
    ],
)
def test_non_names_are_refused_as_companies(sentence: str) -> None:
    """Months, adverbs, verbs, bare company words, compounds, people, formats and addresses are no company."""
    names = {s.value.name for s in _read(sentence).companies}
    assert names <= {"Toei Animation"}


def test_months_before_a_licensor_are_skipped() -> None:
    """``released march gkids`` and ``april june licensed`` give the licensor, never a month."""
    reading = _read("april june licensed north america march gkids")
    assert _companies(reading, "licensor") == ["Gkids"]


def test_people_never_become_credits_of_an_unknown_kind() -> None:
    """A name read after a cue gets that cue's role, never ``Composer`` for ``composed`` of a group."""
    reading = _read("production group formed director kunio okawara composed mika oda ren ito")
    assert [s.value for s in reading.staff] == [Credit("Kunio Okawara", "Director")]


@pytest.mark.parametrize("creator", ["dr tenma", "umetaro tenma"])
def test_past_the_lead_created_credits_no_creator(creator: str) -> None:
    """``a robot created by Dr. Tenma`` in the plot names a character, not the work's creator."""
    plot = " ".join([END] * 6)
    text = f"{LEAD} produced madhouse {plot} boy robot created {creator} replace son {END}"
    assert read_article(text, SOURCE).staff == []


def test_past_the_lead_another_anime_series_names_no_studio() -> None:
    """``known for the anime series Naruto, which aired ...`` names another work, not its studio."""
    plot = " ".join([END] * 6)
    text = f"{LEAD} produced madhouse {plot} director best known anime series naruto aired {END}"
    assert _companies(read_article(text, SOURCE), "studio") == ["Madhouse"]


def test_past_the_lead_an_anime_series_studio_ended_by_a_company_word() -> None:
    """``... and into two anime television series by Kyoto Animation, directed by`` far from the lead."""
    plot = " ".join([END] * 6)
    text = f"{LEAD} {plot} released september two anime television series kyoto animation directed"
    assert _companies(read_article(text, SOURCE), "studio") == ["Kyoto Animation"]


def test_a_company_named_after_a_person_named_before() -> None:
    """``tezuka productions`` is a company even after ``created osamu tezuka``; ``produced tezuka`` is not."""
    reading = _read(
        "created osamu tezuka adaptation produced mappa tezuka productions directed "
        "kazuhiro furuhashi producer tezuka"
    )
    assert _companies(reading, "studio") == ["Mappa", "Tezuka Productions"]
