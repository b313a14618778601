import uuid

from django.conf import settings
from django.db import migrations


def create_homepage(apps, schema_editor):
    """Replace Wagtail's placeholder page with our home page in the default language."""
    ContentType = apps.get_model("contenttypes.ContentType")
    Locale = apps.get_model("wagtailcore.Locale")
    Page = apps.get_model("wagtailcore.Page")
    Site = apps.get_model("wagtailcore.Site")
    HomePage = apps.get_model("home.HomePage")

    page_type = ContentType.objects.get(model="page", app_label="wagtailcore")
    Page.objects.filter(content_type=page_type, depth=2, slug="home").delete()
    if HomePage.objects.exists():
        return

    locale, _ = Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    home_type, _ = ContentType.objects.get_or_create(model="homepage", app_label="home")
    root = Page.objects.get(depth=1)
    path = f"{root.path}{root.numchild + 1:04d}"
    while Page.objects.filter(path=path).exists():
        path = f"{path[:-4]}{int(path[-4:]) + 1:04d}"
    homepage = HomePage.objects.create(
        title="Регионална мрежа за социална кохезия",
        draft_title="Регионална мрежа за социална кохезия",
        slug="home",
        content_type=home_type,
        path=path,
        depth=2,
        numchild=0,
        url_path="/home/",
        locale=locale,
        translation_key=uuid.uuid4(),
        live=True,
    )
    Page.objects.filter(pk=root.pk).update(numchild=Page.objects.filter(depth=2).count())
    Site.objects.filter(is_default_site=True).delete()
    Site.objects.create(hostname="localhost", port=80, root_page_id=homepage.pk,
                        is_default_site=True, site_name="Regional Network for Social Cohesion")


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0001_initial"),
        ("wagtailcore", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(create_homepage, migrations.RunPython.noop),
    ]
