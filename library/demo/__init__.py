"""Demo library: topics, real Bulgarian, Romanian and EU acts, two practices, the statute."""

from decimal import Decimal
from pathlib import Path

from wagtail.models import Site

from home.demo.support import (
    SOURCE_LANGUAGE,
    demo_uuid,
    index_page_fields,
    load_yaml,
    locales,
    pick,
    refresh_page,
    stream,
    translate,
)
from library.models import (
    LegislationPage,
    LegislationRelation,
    LibraryIndexPage,
    PracticePage,
    StatuteMember,
    StatutePage,
    Topic,
)
from providers.models import Provider

DATA = Path(__file__).parent / "library.yaml"


def build_sections(log):
    """The library's index in three languages and its topics; returns both."""
    data = load_yaml(DATA)
    home = Site.objects.get(is_default_site=True).root_page.specific

    topics = {item["key"]: build_topic(item) for item in data["topics"]}
    for item in data["topics"]:
        translate(
            topics[item["key"]],
            lambda lang, item=item: Topic(name=pick(item["name"], lang), slug=item["key"]),
        )
    log(f"topics: {len(topics)}")

    index = build_child(home, LibraryIndexPage, data["index"], index_fields)
    refresh_page(index, lambda lang, page: index_fields(data["index"], lang, page), ["seo_title"])
    translate(index, lambda lang: index_fields(data["index"], lang, LibraryIndexPage()))
    return index, topics


def build(log):
    data = load_yaml(DATA)
    index, topics = build_sections(log)

    acts = {}
    for item in data["acts"]:
        acts[item["key"]] = build_child(
            index,
            LegislationPage,
            item,
            act_fields,
            topics=[topics[key] for key in item.get("topics", [])],
        )
    for item in data["acts"]:
        add_relations(acts[item["key"]], item, acts)
    created = sum(
        translate(
            acts[item["key"]], lambda lang, item=item: act_fields(item, lang, LegislationPage())
        )
        for item in data["acts"]
    )
    log(f"acts: {len(acts)}, {created} translations made")

    for item in data["practices"]:
        page = build_child(
            index,
            PracticePage,
            item,
            practice_fields,
            topics=[topics[key] for key in item.get("topics", [])],
        )
        refresh_page(
            page, lambda lang, page, item=item: practice_fields(item, lang, page), ["show_in_menus"]
        )
        translate(page, lambda lang, item=item: practice_fields(item, lang, PracticePage()))
    log(f"practices: {len(data['practices'])}")

    members = data["statute"]["founding_members"]
    statute = build_child(
        index,
        StatutePage,
        data["statute"],
        lambda item, lang, page: statute_fields(
            item, lang, page, members=members, locale=locales()[lang]
        ),
    )
    refresh_page(
        statute,
        lambda lang, page: statute_fields(data["statute"], lang, page, members=members),
        ["show_in_menus"],
    )
    translate(
        statute, lambda lang: statute_fields(data["statute"], lang, StatutePage(), members=members)
    )
    log("statute: 1")


def member_provider(member):
    return Provider.objects.filter(
        external_id=member.get("provider") or "-", locale__language_code=SOURCE_LANGUAGE
    ).first()


def build_topic(item):
    key = demo_uuid("topic", item["key"])
    topic = Topic.objects.filter(translation_key=key, locale__language_code=SOURCE_LANGUAGE).first()
    return topic or Topic.objects.create(
        name=pick(item["name"], SOURCE_LANGUAGE),
        slug=item["key"],
        translation_key=key,
        locale=locales()[SOURCE_LANGUAGE],
    )


def build_child(parent, model, data, fill, topics=()):
    """The Bulgarian page for ``data`` under ``parent``, created and published once."""
    slug = pick(data["slug"], SOURCE_LANGUAGE)
    existing = model.objects.child_of(parent).filter(slug=slug).first()
    if existing:
        return existing
    page = fill(data, SOURCE_LANGUAGE, model())
    parent.add_child(instance=page)
    if topics:
        page.topics.set(topics)
    page.save_revision().publish()
    return page


def index_fields(data, language, page):
    page = index_page_fields(data, language, page)
    page.legal_notice = pick(data["legal_notice"], language)
    return page


def _articles(items, language, key):
    return stream([{"type": "article", "value": item} for item in items], language, key)


def act_fields(data, language, page):
    page.title = pick(data["short_title"], language)
    page.slug = pick(data["slug"], language)
    page.search_description = ""
    page.jurisdiction = data["jurisdiction"]
    page.act_type = data["act_type"]
    page.official_title = data["official_title"]
    page.number = data.get("number") or ""
    page.year = data["year"]
    page.adoption_date = data.get("adoption_date")
    page.gazette_issue = str(data["gazette_issue"])
    page.gazette_date = data["gazette_date"]
    republication = data.get("republication") or {}
    page.republication_issue = str(republication.get("issue", ""))
    page.republication_date = republication.get("date")
    page.entry_into_force = data.get("entry_into_force")
    page.status = data["status"]
    page.status_date = data.get("status_date")
    amendment = data.get("last_amendment") or {}
    page.last_amendment_issue = str(amendment.get("issue", ""))
    page.last_amendment_date = amendment.get("date")
    page.official_url = data.get("official_url") or ""
    page.unconfirmed = pick(data["unconfirmed"], language) if data.get("unconfirmed") else ""
    page.summary = pick(data["summary"], language)
    page.articles = _articles(data.get("articles", []), language, f"act.{data['key']}")
    return page


def add_relations(page, data, acts):
    if page.relations.exists() or not data.get("relations"):
        return
    for position, relation in enumerate(data["relations"]):
        LegislationRelation.objects.create(
            page=page,
            sort_order=position,
            relation_type=relation["type"],
            target=acts[relation["target"]],
        )
    page.save_revision().publish()


def practice_fields(data, language, page):
    page.title = pick(data["title"], language)
    page.slug = pick(data["slug"], language)
    page.lead = pick(data["lead"], language)
    page.organisation = pick(data["organisation"], language)
    page.place = pick(data["place"], language)
    page.period_start = data.get("period_start")
    page.period_end = data.get("period_end")
    page.programme = pick(data["programme"], language)
    page.project_code = data.get("project_code") or ""
    amount = data.get("budget_amount")
    page.budget_amount = Decimal(str(amount)) if amount else None
    page.budget_currency = data.get("budget_currency") or ""
    page.objectives = pick(data["objectives"], language)
    page.activities = pick(data["activities"], language)
    page.results = stream(
        [{"type": "result", "value": item} for item in data.get("results", [])],
        language,
        f"practice.{data['key']}.results",
    )
    page.contacts = pick(data["contacts"], language)
    page.show_in_menus = True  # listed under the library in the footer navigation
    return page


def statute_fields(data, language, page, members=None, locale=None):
    page.title = pick(data["title"], language)
    page.slug = pick(data["slug"], language)
    page.lead = pick(data["lead"], language)
    page.adoption_date = data["adoption_date"]
    page.adoption_place = pick(data["adoption_place"], language)
    page.articles = _articles(data["articles"], language, "statute")
    page.show_in_menus = True  # listed under the library in the footer navigation
    if members is not None:
        page.members = [
            StatuteMember(
                name=pick(m["name"], language),
                town=pick(m["town"], language),
                country=m["country"],
                website=m.get("website", ""),
                sort_order=n,
                translation_key=demo_uuid("statute-member", n),
                locale=locale,
                joined=data["adoption_date"],
                provider=member_provider(m),
            )
            for n, m in enumerate(members)
        ]
    return page
