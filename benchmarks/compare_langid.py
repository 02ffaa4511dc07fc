"""Compare language identifiers on the short lines a wrapper detector must judge.

    python benchmarks/compare_langid.py [--data DIR] [--english 600]

The foreign-wrapper check runs an identifier on short Latin-script lines, where
language ID is least reliable.  This script measures, per candidate:

* foreign accuracy: our own short wrapper-style lines in eight languages
  (top language right, and "called non-English with confidence >= 0.9");
* English false-foreign rate: short English news lines read in place from
  ../shared/data (headlines, bylines, credits, datelines), the lines that must
  never be called foreign;
* speed (lines per second after loading), load time and install size
  (lingua's load time is paid by the first lingua row; later rows reuse its models);
* finally the wrapper check's own Latin-line test, identifier plus word gates.

Candidates: py3langid (n-gram naive Bayes, the langid.py model) and
lingua-language-detector (n-gram + rules, Rust core) in its high- and
low-accuracy modes, restricted and unrestricted.
"""
from __future__ import annotations

import argparse
import random
import time
from pathlib import Path
from typing import Callable

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"

# Short wrapper-style lines written for this benchmark (not taken from any article).
FOREIGN: dict[str, list[str]] = {
    "es": [
        "Lea también: los precios del petróleo suben otra vez",
        "Fuente: agencia de noticias internacional",
        "Noticias relacionadas con la guerra en el este",
        "Suscríbase a nuestro boletín diario",
        "El presidente habló con los periodistas esta mañana",
        "Todos los derechos reservados",
        "Más información sobre este tema",
        "Compartir en redes sociales",
        "La reunión terminó sin un acuerdo claro",
        "Haga clic aquí para ver el vídeo completo",
    ],
    "de": [
        "Lesen Sie auch: Die Preise steigen weiter",
        "Quelle: eine internationale Nachrichtenagentur",
        "Alle Rechte vorbehalten",
        "Mehr zum Thema Außenpolitik",
        "Der Kanzler sprach am Abend mit Reportern",
        "Jetzt kostenlos registrieren und weiterlesen",
        "Weitere Nachrichten aus aller Welt",
        "Das Treffen endete ohne eine Einigung",
        "Hier klicken, um das Video zu sehen",
        "Teilen Sie diesen Artikel mit Freunden",
    ],
    "fr": [
        "Lire aussi : les prix du pétrole repartent à la hausse",
        "Source : agence de presse internationale",
        "Tous droits réservés",
        "Abonnez-vous à notre lettre d'information",
        "Le président s'est entretenu avec les journalistes",
        "Plus d'informations sur ce sujet",
        "Partager sur les réseaux sociaux",
        "La réunion s'est terminée sans accord",
        "Cliquez ici pour voir la vidéo",
        "Les dernières nouvelles du monde entier",
    ],
    "tr": [
        "Haberin devamı için tıklayın",
        "Kaynak: uluslararası haber ajansı",
        "Tüm hakları saklıdır",
        "İlgili haberler ve son dakika gelişmeleri",
        "Cumhurbaşkanı gazetecilerle görüştü",
        "Bu habere yorum yapabilirsiniz",
        "Toplantı anlaşma olmadan sona erdi",
        "Videoyu izlemek için buraya tıklayın",
        "Dünyadan son haberler",
        "Haber Merkezi tarafından hazırlandı",
    ],
    "id": [
        "Baca juga: harga minyak naik lagi",
        "Sumber: kantor berita internasional",
        "Hak cipta dilindungi undang-undang",
        "Berita terkait perang di wilayah timur",
        "Presiden berbicara dengan wartawan pagi ini",
        "Klik di sini untuk menonton videonya",
        "Pertemuan berakhir tanpa kesepakatan",
        "Bagikan artikel ini kepada teman anda",
        "Berita terbaru dari seluruh dunia",
        "Ikuti kami di media sosial",
    ],
    "pt": [
        "Leia também: preços do petróleo voltam a subir",
        "Fonte: agência de notícias internacional",
        "Todos os direitos reservados",
        "Notícias relacionadas com a guerra",
        "O presidente falou com os jornalistas nesta manhã",
        "Clique aqui para assistir ao vídeo",
        "A reunião terminou sem acordo",
        "Compartilhe esta notícia com seus amigos",
        "Últimas notícias do mundo inteiro",
        "Assine a nossa newsletter gratuita",
    ],
    "it": [
        "Leggi anche: i prezzi del petrolio salgono ancora",
        "Fonte: agenzia di stampa internazionale",
        "Tutti i diritti riservati",
        "Notizie correlate sulla guerra",
        "Il presidente ha parlato con i giornalisti stamattina",
        "Clicca qui per guardare il video",
        "La riunione si è conclusa senza accordo",
        "Condividi questo articolo con i tuoi amici",
        "Ultime notizie dal mondo",
        "Iscriviti alla nostra newsletter",
    ],
    "nl": [
        "Lees ook: olieprijzen stijgen opnieuw",
        "Bron: internationaal persbureau",
        "Alle rechten voorbehouden",
        "Gerelateerd nieuws over de oorlog",
        "De president sprak vanochtend met journalisten",
        "Klik hier om de video te bekijken",
        "De vergadering eindigde zonder akkoord",
        "Deel dit artikel met je vrienden",
        "Het laatste nieuws uit de hele wereld",
        "Schrijf je in voor onze nieuwsbrief",
    ],
}


def english_lines(data: Path, count: int, seed: int = 7) -> list[str]:
    """Short English lines from the clean corpus: headlines and short body lines."""
    lines: list[str] = []
    for path in sorted(data.rglob("*.txt")):
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        for number, line in enumerate(text.splitlines()):
            line = line.strip()
            words = line.split()
            if number == 0 or 1 <= len(words) <= 8:
                if any(c.isalpha() for c in line):
                    lines.append(line)
    random.Random(seed).shuffle(lines)
    return lines[:count]


def py3langid_identifier() -> Callable[[str], tuple[str, float]]:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    return lambda text: identifier.classify(text)


def lingua_identifier(low_accuracy: bool, languages: tuple[str, ...] | None) -> Callable[[str], tuple[str, float]]:
    from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

    if languages:
        builder = LanguageDetectorBuilder.from_iso_codes_639_1(
            *[getattr(IsoCode639_1, code.upper()) for code in languages])
    else:
        builder = LanguageDetectorBuilder.from_all_languages()
    if low_accuracy:
        builder = builder.with_low_accuracy_mode()
    detector = builder.build()

    def classify(text: str) -> tuple[str, float]:
        values = detector.compute_language_confidence_values(text)
        if not values:
            return "und", 0.0
        best = values[0]
        return best.language.iso_code_639_1.name.lower(), best.value

    _ = Language  # imported to fail early when the package layout changes
    return classify


def installed_size(package: str) -> str:
    import importlib.util

    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        return "?"
    root = Path(list(spec.submodule_search_locations)[0])
    size = sum(p.stat().st_size for p in root.rglob("*") if p.is_file())
    return f"{size / 1e6:.1f} MB"


def evaluate(name: str, build: Callable[[], Callable[[str], tuple[str, float]]],
             english: list[str], size: str) -> None:
    started = time.perf_counter()
    classify = build()
    classify("warm up the model")
    load = time.perf_counter() - started
    started = time.perf_counter()
    foreign = [(lang, line, *classify(line)) for lang, lines in FOREIGN.items() for line in lines]
    native = [(line, *classify(line)) for line in english]
    rate = (len(foreign) + len(native)) / (time.perf_counter() - started)
    hits = sum(got == lang for lang, _, got, _ in foreign)
    per_lang = {lang: sum(got == lang for la, _, got, _ in foreign if la == lang) for lang in FOREIGN}
    print(f"{name:34} top-1 on foreign {hits}/{len(foreign)}; English called foreign "
          f"{sum(got != 'en' for _, got, _ in native)}/{len(native)};  {rate:6.0f} lines/s, "
          f"load {load:4.2f}s, size {size}")
    print(f"{'':36}per language {' '.join(f'{k}:{v}' for k, v in per_lang.items())}")
    for gate in (None, 0.5):
        # the confidence a non-English call needs so that no English line is called foreign
        english_worst = max((conf for line, got, conf in native
                             if got != "en" and _allowed(line, gate)), default=0.0)
        found = sum(got != "en" and conf > english_worst and _allowed(line, gate)
                    for _, line, got, conf in foreign)
        label = "identifier alone" if gate is None else f"+ wordfreq gate (English coverage < {gate})"
        print(f"{'':36}{label:44} zero-English-FP threshold {english_worst:.3f}: "
              f"foreign found {found}/{len(foreign)}")


def _allowed(line: str, gate: float | None) -> bool:
    """The wrapper check's second test: few of the line's words are common English words."""
    if gate is None:
        return True
    from wordfreq import tokenize, zipf_frequency

    words = [w for w in tokenize(line, "en") if w.isalpha()]
    if not words:
        return False
    english = sum(zipf_frequency(w, "en") >= 3.0 for w in words)
    return english / len(words) < gate


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=str(DEFAULT_DATA))
    parser.add_argument("--english", type=int, default=600, help="how many short English lines")
    args = parser.parse_args()
    english = english_lines(Path(args.data), args.english)
    print(f"{sum(len(v) for v in FOREIGN.values())} foreign lines in {len(FOREIGN)} languages, "
          f"{len(english)} short English lines\n")
    news_languages = ("en", "es", "de", "fr", "tr", "id", "pt", "it", "nl", "ms", "ca", "ro",
                      "pl", "sv", "da", "nb", "fi", "hu", "cs", "hr", "vi", "tl", "so", "sw")
    candidates = [
        ("py3langid (97 languages)", py3langid_identifier, installed_size("py3langid")),
        ("lingua high accuracy, all 75", lambda: lingua_identifier(False, None), installed_size("lingua")),
        ("lingua low accuracy, all 75", lambda: lingua_identifier(True, None), installed_size("lingua")),
        (f"lingua high, {len(news_languages)} Latin-script", lambda: lingua_identifier(False, news_languages),
         installed_size("lingua")),
    ]
    for name, build, size in candidates:
        evaluate(name, build, english, size)
    evaluate_check(english)


def evaluate_check(english: list[str]) -> None:
    """The wrapper check's whole Latin-line test (py3langid plus its word gates, shipped settings)."""
    from textlint_news.checks.wrapper import _latin_verdict
    from textlint_news.checks.wrapper import WrapperSettings
    from textlint_news.settings import shipped_settings

    settings = shipped_settings("wrapper", WrapperSettings)
    found = sum(bool(_latin_verdict(line, settings)) for lines in FOREIGN.values() for line in lines)
    named = sum(bool(v) and v[0] == NAMES[lang] for lang, lines in FOREIGN.items()
                for v in (_latin_verdict(line, settings) for line in lines))
    wrong = [line for line in english if _latin_verdict(line, settings)]
    print(f"\nwrapper check (py3langid + gates): foreign found {found}/{sum(map(len, FOREIGN.values()))}"
          f" (language right {named}); English called foreign {len(wrong)}/{len(english)}"
          + (f": {wrong[:5]}" if wrong else ""))


NAMES = {"es": "Spanish", "de": "German", "fr": "French", "tr": "Turkish", "id": "Indonesian",
         "pt": "Portuguese", "it": "Italian", "nl": "Dutch"}


if __name__ == "__main__":
    main()
