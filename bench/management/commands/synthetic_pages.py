"""Synthetic standard pages for the search benchmark only; never part of the demo.

``synthetic_pages --count N`` tops the corpus up to N live StandardPages spread evenly over
the site's languages (bg, ro, en: 3,334/3,333/3,333 for 10,000), each language under its own
"Synthetic corpus" page (slug ``synthetic-corpus``) below that language's home page.

The text reads like the site's real content: sentences put together from each language's
social-services vocabulary, with the inflected forms a real page would use (Bulgarian
definite and plural forms, Romanian cases with comma-below diacritics, English plurals),
60-200 words a page. Page *k* of a language always gets the same text (its own seeded
random generator), so a topped-up corpus is the same as one built in one go.

Pages are added with ``add_child`` in batches of one transaction each, without revisions
or ``page_published`` signals, so the search documents are not built here: pass
``--rebuild-search`` to run ``rebuild_search`` when pages were added (or some synthetic
page has no search document yet, after an interrupted run).
"""

import random
import string
import time
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from wagtail.models import Site
from wagtail.rich_text import RichText

from home.models import StandardPage
from search.models import SearchDocument

PARENT_SLUG = "synthetic-corpus"
PARENT_TITLE = "Synthetic corpus"
PARENT_TRANSLATION_KEY = uuid.UUID("0b7f6c8e-4a57-4c0e-9a55-5e2b1f0c3d21")
BATCH = 250  # pages per transaction
PROGRESS_EVERY = 1000
MIN_WORDS, MAX_WORDS = 60, 200
SEED = "synthetic-pages-v1"


def phrases(text):
    """The phrases of a text separated by ";", with line breaks and indents as spaces."""
    return tuple(" ".join(phrase.split()) for phrase in text.split(";") if phrase.strip())


@dataclass(frozen=True)
class Vocabulary:
    """One language's sentence and title templates and the words for their slots.

    A template names its slots in braces; a slot named like ``service2`` takes its words
    from ``service`` (the trailing digit only lets one template use a slot twice).
    """

    words: dict[str, tuple[str, ...]]
    sentences: tuple[str, ...]
    titles: tuple[str, ...]
    numbers: tuple[int, int] = (3, 120)  # range of {number}


BG = Vocabulary(
    words={
        "org": phrases(
            """
            общината; доставчикът на услугата; сдружението; фондацията; социалният работник;
            екипът на центъра; дирекция „Социално подпомагане“; регионалната мрежа; читалището;
            областната администрация; кметството
            """
        ),
        "office": phrases(
            """
            общината; кметството; дирекция „Социално подпомагане“; центъра за обществена
            подкрепа; деловодството на общината
            """
        ),
        "verb": phrases(
            """
            предоставя; организира; финансира; развива; разширява; планира; предлага;
            координира; подкрепя
            """
        ),
        "service": phrases(
            """
            социални услуги; социалната услуга; социалните услуги; социална услуга; грижа в
            домашна среда; грижата в домашна среда; патронажна грижа; дневен център; дневния
            център; дневните центрове; личен асистент; личните асистенти; център за обществена
            подкрепа; приемна грижа; кризисен център; защитено жилище; защитените жилища;
            мобилни услуги; консултации; психологическа подкрепа; обществена трапезария; топъл
            обяд; услугите за ранно детско развитие; интегрирани здравно-социални услуги
            """
        ),
        "group": phrases(
            """
            деца; децата; деца в риск; децата с увреждания; хора с увреждания; хората с
            увреждания; възрастни хора; възрастните хора; самотно живеещите; семейства;
            семействата; младежи; младежите; родители; родителите; уязвими групи; уязвимите
            групи; безработни; лица с хронични заболявания; детето; едно дете; възрастен човек
            """
        ),
        "people": phrases(
            """
            деца; възрастни хора; семейства; младежи; родители; души; хора с увреждания;
            потребители; доброволци
            """
        ),
        "place": phrases(
            """
            община Видин; община Враца; община Монтана; община Лом; община Белоградчик; община
            Кула; град Видин; област Плевен; област Русе; Силистра; Добрич; Никопол; Свищов;
            Оряхово; селата на общината; малките населени места; общините по поречието на Дунав
            """
        ),
        "partner": phrases(
            """
            окръг Долж; окръг Мехединци; окръг Олт; Калафат; Крайова; Турну Мъгуреле; Гюргево;
            румънски общини; партньори от Румъния
            """
        ),
        "goal": phrases(
            """
            по-добро качество на живот; социално включване на уязвимите групи;
            деинституционализация на грижата; подкрепа за независим живот; равен достъп до
            услуги; по-малко бедност и изолация
            """
        ),
        "time": phrases(
            """
            през 2023 г.; през 2024 г.; от началото на годината; всяка седмица; през зимните
            месеци; в рамките на проекта; до края на 2026 г.
            """
        ),
    },
    sentences=(
        "{org} {verb} {service} за {group} в {place}.",
        "{time} {org} {verb} {service} и {service2}.",
        "В {place} {number} {people} получават {service}.",
        "Проектът подобрява достъпа на {group} до {service} и {service2}.",
        "Социалните работници посещават {group} по домовете им {time}.",
        "{org} работи в партньорство с {partner} за {goal}.",
        "Целта е {goal} за {group} в {place}.",
        "Заявления за {service} се подават в {office}, а решението е готово до {number} дни.",
        "Според оценката на потребностите в {place} има нужда от {service} за {group}.",
        "{time} капацитетът на услугата нараства с {number} места.",
        "Обучението на персонала включва работа с {group} и с техните семейства.",
        "Доброволци от {place} помагат на {group} {time}.",
    ),
    titles=(
        "{service} за {group} в {place}",
        "{org}: {service} {time}",
        "{goal} в {place}",
        "Нови {people} ползват {service}",
    ),
)

RO = Vocabulary(
    words={
        "org": phrases(
            """
            primăria; furnizorul de servicii; asociația; fundația; asistentul social; echipa
            centrului; Direcția Generală de Asistență Socială și Protecția Copilului; consiliul
            județean; rețeaua regională; serviciul public de asistență socială
            """
        ),
        "office": phrases(
            """
            primărie; direcția de asistență socială; sediul asociației; serviciul public de
            asistență socială; registratura primăriei
            """
        ),
        "verb": phrases(
            """
            oferă; organizează; finanțează; dezvoltă; extinde; coordonează; susține; asigură
            """
        ),
        "service": phrases(
            """
            servicii sociale; serviciile sociale; un serviciu social; asistență socială;
            asistența socială; îngrijire la domiciliu; îngrijirea la domiciliu; un centru de zi;
            centrele de zi; centrul de zi; asistență personală; asistenții personali; plasament
            familial; un centru de criză; locuințe protejate; consiliere psihologică; o cantină
            socială; servicii mobile; servicii integrate socio-medicale; protecția copilului
            """
        ),
        "group": phrases(
            """
            copii; copiii; copiii în situație de risc; persoane vârstnice; persoanele vârstnice;
            persoane cu dizabilități; persoanele cu dizabilități; tineri; tinerii; familii;
            familiile; părinți; părinții; grupuri vulnerabile; grupurile vulnerabile; șomeri;
            persoane singure; un copil; o persoană vârstnică
            """
        ),
        "group_of": phrases(
            """
            copiilor; persoanelor vârstnice; persoanelor cu dizabilități; tinerilor; familiilor;
            grupurilor vulnerabile; părinților; copilului; vârstnicilor singuri
            """
        ),
        "people": phrases(
            """
            copii; persoane vârstnice; familii; tineri; părinți; persoane; beneficiari;
            voluntari
            """
        ),
        "place": phrases(
            """
            județul Dolj; județul Mehedinți; județul Olt; județul Teleorman; județul Giurgiu;
            județul Călărași; județul Constanța; Calafat; Craiova; Drobeta-Turnu Severin; Turnu
            Măgurele; Giurgiu; Zimnicea; comunele județului; localitățile mici; zona Dunării
            """
        ),
        "partner": phrases(
            """
            regiunea Vidin; municipiul Vidin; orașul Lom; districtul Vrața; Ruse; Silistra;
            Pleven; parteneri din Bulgaria
            """
        ),
        "goal": phrases(
            """
            incluziunea socială a grupurilor vulnerabile; o viață independentă; o calitate mai
            bună a vieții; dezinstituționalizarea îngrijirii; acces egal la servicii; reducerea
            sărăciei și a izolării
            """
        ),
        "time": phrases(
            """
            în 2023; în 2024; de la începutul anului; în fiecare săptămână; în lunile de iarnă;
            în cadrul proiectului; până la sfârșitul lui 2026
            """
        ),
    },
    sentences=(
        "{org} {verb} {service} pentru {group} în {place}.",
        "{time}, {org} {verb} {service} și {service2}.",
        "În {place}, {number} {people} beneficiază de {service}.",
        "Proiectul îmbunătățește accesul {group_of} la {service} și {service2}.",
        "Asistenții sociali vizitează {group} la domiciliu {time}.",
        "{org} lucrează în parteneriat cu {partner} pentru {goal}.",
        "Scopul este {goal} în {place}.",
        "Cererile pentru {service} se depun la {office}, iar decizia se ia în {number} de zile.",
        "Evaluarea nevoilor arată că în {place} este nevoie de {service} pentru {group}.",
        "{time}, capacitatea serviciului crește cu {number} de locuri.",
        "Formarea personalului include lucrul cu {group} și cu familiile lor.",
        "Voluntari din {place} sprijină {group} {time}.",
    ),
    titles=(
        "{service} pentru {group} în {place}",
        "{org}: {service} {time}",
        "{goal} în {place}",
        "Noi {people} beneficiază de {service}",
    ),
    numbers=(20, 120),  # "20 de locuri": Romanian puts "de" after numbers from 20
)

EN = Vocabulary(
    words={
        "org": phrases(
            """
            the municipality; the service provider; the association; the foundation; the social
            worker; the centre's team; the Social Assistance Directorate; the regional network;
            the county council; the community centre
            """
        ),
        "verb": phrases(
            """
            provides; organises; funds; develops; expands; coordinates; supports; offers
            """
        ),
        "service": phrases(
            """
            social services; a social service; home care; care at home; a day centre; day
            centres; the day centre; personal assistance; personal assistants; foster care; a
            crisis centre; sheltered housing; psychological counselling; a soup kitchen; mobile
            services; community support; integrated health and social care; early childhood
            services
            """
        ),
        "group": phrases(
            """
            children; a child; children at risk; people with disabilities; a person with
            disabilities; older people; elderly residents; young people; families; a family;
            parents; vulnerable groups; unemployed people; people living alone; disabled
            children
            """
        ),
        "people": phrases(
            """
            children; older people; families; young people; parents; people; service users;
            volunteers
            """
        ),
        "place": phrases(
            """
            Vidin municipality; Vratsa municipality; Montana; Lom; Pleven district; Ruse;
            Silistra; Dolj County; Mehedinți County; Olt County; Teleorman County; Giurgiu
            County; Calafat; Craiova; small villages; rural communities along the Danube
            """
        ),
        "partner": phrases(
            """
            partners in Romania; Romanian municipalities; Dolj County; partners in Bulgaria;
            Vidin municipality; the Calafat social services
            """
        ),
        "goal": phrases(
            """
            a better quality of life; the social inclusion of vulnerable groups; the
            deinstitutionalisation of care; support for independent living; equal access to
            services; less poverty and isolation
            """
        ),
        "time": phrases(
            """
            in 2023; in 2024; since the start of the year; every week; during the winter months;
            within the project; by the end of 2026
            """
        ),
    },
    sentences=(
        "{org} {verb} {service} for {group} in {place}.",
        "{time}, {org} {verb} {service} and {service2}.",
        "In {place}, {number} {people} receive {service}.",
        "The project improves access to {service} and {service2} for {group}.",
        "Social workers visit {group} at home {time}.",
        "{org} works with {partner} towards {goal}.",
        "The aim is {goal} in {place}.",
        "Applications for {service} go to {org}, which decides within {number} days.",
        "The needs assessment shows that {place} needs {service} for {group}.",
        "{time}, the service gains {number} places.",
        "Staff training covers working with {group} and their families.",
        "Volunteers from {place} help {group} {time}.",
    ),
    titles=(
        "{service} for {group} in {place}",
        "{org}: {service} {time}",
        "{goal} in {place}",
        "More {people} use {service}",
    ),
)

VOCABULARIES = {"bg": BG, "ro": RO, "en": EN}


def capitalised(text):
    """The text with its first letter in upper case (sentence start), the rest untouched."""
    return text[:1].upper() + text[1:]


def fill(template, vocabulary, rng):
    """One template with every slot replaced by a word picked at random."""
    values = {}
    for _literal, slot, _spec, _conversion in string.Formatter().parse(template):
        if slot and slot not in values:
            if slot == "number":
                values[slot] = str(rng.randint(*vocabulary.numbers))
            else:
                values[slot] = rng.choice(vocabulary.words[slot.rstrip("0123456789")])
    # "г." or "2026." before the full stop must not make "..".
    return capitalised(template.format(**values)).replace("..", ".")


def page_text(language, number):
    """(title, lead, paragraphs) of synthetic page ``number`` of a language, reproducibly.

    Sentences are added until the page reaches a word count drawn from 60-200; the first
    sentence is the lead, the rest go into paragraphs of two to five sentences.
    """
    vocabulary = VOCABULARIES[language]
    rng = random.Random(f"{SEED}:{language}:{number}")  # noqa: S311 (test data, not security)
    title = fill(rng.choice(vocabulary.titles), vocabulary, rng)
    target = rng.randint(MIN_WORDS, MAX_WORDS)
    sentences, words = [], len(title.split())
    while words < target:
        sentence = fill(rng.choice(vocabulary.sentences), vocabulary, rng)
        if words + len(sentence.split()) > MAX_WORDS and words >= MIN_WORDS:
            break
        sentences.append(sentence)
        words += len(sentence.split())
    paragraphs, rest = [], sentences[1:]
    while rest:
        size = rng.randint(2, 5)
        paragraphs.append(" ".join(rest[:size]))
        rest = rest[size:]
    return title, sentences[0], paragraphs


def build_page(language, number, locale):
    """An unsaved live StandardPage holding synthetic page ``number`` of a language."""
    title, lead, paragraphs = page_text(language, number)
    html = "".join(f"<p>{paragraph}</p>" for paragraph in paragraphs)
    now = timezone.now()
    return StandardPage(
        title=title[:255],
        slug=slug_of(number),
        locale=locale,
        lead=lead,
        body=[("rich_text", RichText(html))] if html else [],
        live=True,
        first_published_at=now,
        last_published_at=now,
    )


def split_evenly(count, languages):
    """{language: pages}: ``count`` spread over the languages, the first ones taking the rest."""
    share, rest = divmod(count, len(languages))
    return {language: share + (index < rest) for index, language in enumerate(languages)}


def home_pages():
    """{language code: home page} of the default site, in settings.LANGUAGES order."""
    try:
        root = Site.objects.get(is_default_site=True).root_page
    except Site.DoesNotExist as error:
        raise CommandError("No default site: run `manage.py load_demo` first.") from error
    homes = {
        page.locale.language_code: page
        for page in root.get_translations(inclusive=True).select_related("locale")
    }
    return {code: homes[code] for code, _name in settings.LANGUAGES if code in homes}


def corpus_parent(home):
    """The language's "Synthetic corpus" page under its home page, created when missing."""
    parent = StandardPage.objects.child_of(home).filter(slug=PARENT_SLUG).first()
    if parent is None:
        parent = home.add_child(
            instance=StandardPage(
                title=PARENT_TITLE,
                slug=PARENT_SLUG,
                locale=home.locale,
                translation_key=PARENT_TRANSLATION_KEY,
                lead="Generated pages for the search benchmark (make bench); not demo content.",
                live=True,
            )
        )
    return parent


def synthetic_pages(parent):
    return StandardPage.objects.child_of(parent)


def slug_of(number):
    return f"synthetic-{number:05d}"


def missing_numbers(parent, wanted):
    """The numbers of the pages to add so that ``parent`` has ``wanted`` pages, lowest first.

    Numbers whose slug is taken are skipped, so a page deleted by hand is made again and
    nothing collides with what is there.
    """
    taken = set(synthetic_pages(parent).values_list("slug", flat=True))
    numbers, number = [], 0
    while len(taken) + len(numbers) < wanted:
        if slug_of(number) not in taken:
            numbers.append(number)
        number += 1
    return numbers


class Command(BaseCommand):
    help = (
        "Top the synthetic search corpus up to N StandardPages spread over the site's "
        "languages, under each language's 'Synthetic corpus' page (benchmarks only)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, required=True, metavar="N")
        parser.add_argument(
            "--rebuild-search",
            action="store_true",
            help="Rebuild the search index afterwards if pages were added or are not indexed.",
        )

    def handle(self, *args, count, rebuild_search, **options):
        if count < 0:
            raise CommandError("--count must not be negative.")
        homes = home_pages()
        started = time.monotonic()
        added = 0
        parents = []
        for language, wanted in split_evenly(count, list(homes)).items():
            parent = corpus_parent(homes[language])
            parents.append(parent)
            added += self.top_up(language, parent, wanted, started, added)
        elapsed = time.monotonic() - started
        self.stdout.write(
            self.style.SUCCESS(f"Synthetic corpus: {added} pages added in {elapsed:.1f} s.")
        )
        if rebuild_search:
            self.rebuild_if_needed(added, parents)

    def top_up(self, language, parent, wanted, started, added_before):
        """Add the language's missing pages in batches; returns how many were added."""
        numbers = missing_numbers(parent, wanted)
        self.stdout.write(f"  {language}: {wanted - len(numbers)} of {wanted} pages present")
        for batch_start in range(0, len(numbers), BATCH):
            with transaction.atomic():
                for number in numbers[batch_start : batch_start + BATCH]:
                    parent.add_child(instance=build_page(language, number, parent.locale))
                    added_before += 1
                    if added_before % PROGRESS_EVERY == 0:
                        elapsed = time.monotonic() - started
                        self.stdout.write(f"    {added_before} pages added ({elapsed:.0f} s)")
        return len(numbers)

    def rebuild_if_needed(self, added, parents):
        """Run rebuild_search when pages were added or some synthetic page is not indexed."""
        indexed = SearchDocument.objects.filter(page__isnull=False).values("page_id")
        missing = any(
            synthetic_pages(parent).live().exclude(pk__in=indexed).exists() for parent in parents
        )
        if added or missing:
            call_command("rebuild_search", stdout=self.stdout, stderr=self.stderr)
        else:
            self.stdout.write("Search index already covers the synthetic corpus.")
