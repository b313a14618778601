"""Media on S3-compatible storage: a local S3 server (moto's, started here) stands in for
AWS or MinIO. Images are public objects with plain addresses; documents and community
files stay private and reach visitors only through the site's views and their checks."""

import io
import json
import socket
import urllib.error
import urllib.request

import boto3
import pytest
from django.core.files.base import ContentFile
from django.db.models import Sum
from moto.server import ThreadedMotoServer
from PIL import Image as PillowImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, CollectionViewRestriction

from publications.models import DownloadCount, PublicationIndexPage
from tests.publications.factories import PublicationPageFactory, editions_of

pytestmark = pytest.mark.django_db

BUCKET = "rnsc-media"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def s3_endpoint():
    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    yield f"http://127.0.0.1:{port}"
    server.stop()


@pytest.fixture
def bucket(s3_endpoint, settings, monkeypatch):
    """The site's default storage is the bucket, as MEDIA_BUCKET makes it in production."""
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    monkeypatch.setenv("AWS_DEFAULT_REGION", "eu-central-1")
    client = boto3.client("s3", endpoint_url=s3_endpoint, region_name="eu-central-1")
    client.create_bucket(
        Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": "eu-central-1"}
    )
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": BUCKET,
                "endpoint_url": s3_endpoint,
                "region_name": "eu-central-1",
                "querystring_auth": False,
                "default_acl": None,
                "file_overwrite": False,
            },
        },
    }
    yield client
    objects = client.list_objects_v2(Bucket=BUCKET).get("Contents", [])
    for item in objects:
        client.delete_object(Bucket=BUCKET, Key=item["Key"])
    client.delete_bucket(Bucket=BUCKET)


def keys(client):
    return [item["Key"] for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", [])]


def png(width=640, height=400):
    buffer = io.BytesIO()
    PillowImage.new("RGB", (width, height), (200, 80, 40)).save(buffer, "PNG")
    return buffer.getvalue()


def test_an_image_and_its_renditions_live_in_the_bucket_at_plain_addresses(bucket, s3_endpoint):
    image = get_image_model().objects.create(
        title="Border crossing", file=ContentFile(png(), name="crossing.png")
    )
    rendition = image.get_rendition("width-320")
    assert any(key.startswith("original_images/crossing") for key in keys(bucket))
    assert any(key.startswith("images/crossing") for key in keys(bucket))
    assert rendition.url.startswith(f"{s3_endpoint}/{BUCKET}/images/")
    assert "Signature" not in rendition.url and "X-Amz" not in rendition.url
    stored = bucket.get_object(Bucket=BUCKET, Key=rendition.file.name)["Body"].read()
    assert PillowImage.open(io.BytesIO(stored)).size == (320, 200)


PUBLIC_IMAGES = {
    "Version": "2012-10-17",
    "Statement": [
        {
            "Effect": "Allow",
            "Principal": "*",
            "Action": "s3:GetObject",
            "Resource": f"arn:aws:s3:::{BUCKET}/images/*",
        }
    ],
}


def anonymous_status(url):
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - local S3
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_the_readme_bucket_policy_shows_renditions_and_hides_documents(bucket, s3_endpoint):
    bucket.put_bucket_policy(Bucket=BUCKET, Policy=json.dumps(PUBLIC_IMAGES))
    image = get_image_model().objects.create(
        title="Danube bridge", file=ContentFile(png(), name="bridge.png")
    )
    rendition = image.get_rendition("width-480")
    document = get_document_model().objects.create(
        title="Register", file=ContentFile(b"members' register", name="register.txt")
    )
    assert anonymous_status(rendition.url) == 200
    assert anonymous_status(f"{s3_endpoint}/{BUCKET}/{document.file.name}") == 403
    assert anonymous_status(f"{s3_endpoint}/{BUCKET}/{image.file.name}") == 403


def test_a_document_is_streamed_through_the_site_and_never_by_its_address(client, bucket):
    document = get_document_model().objects.create(
        title="Statute", file=ContentFile(b"%PDF-1.7 statute of the network", name="statute.pdf")
    )
    assert any(key.startswith("documents/statute") for key in keys(bucket))
    response = client.get(document.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.7 statute of the network"
    assert response["Content-Security-Policy"] == "default-src 'none'"


def test_a_private_document_in_the_bucket_stays_behind_its_password(client, bucket):
    root = Collection.get_first_root_node()
    private = root.add_child(name="Board papers")
    CollectionViewRestriction.objects.create(
        collection=private,
        restriction_type=CollectionViewRestriction.PASSWORD,
        password="board-2026",  # noqa: S106
    )
    document = get_document_model().objects.create(
        title="Minutes",
        collection=private,
        file=ContentFile(b"minutes of the board", name="minutes.txt"),
    )
    response = client.get(document.url)
    assert response.status_code == 200
    assert b"minutes of the board" not in response.content
    assert 'name="password"' in response.content.decode()


def test_a_publication_download_streams_from_the_bucket_resumes_and_counts(client, bucket):
    index = PublicationIndexPage.objects.get(locale__language_code="bg")
    document = get_document_model().objects.create(
        title="Compendium", file=ContentFile(b"%PDF-1.7 draft", name="draft.pdf")
    )
    page = PublicationPageFactory(parent=index, editions=editions_of({"bg": document}))
    edition = page.editions.get()
    content = b"%PDF-1.7 compendium kept in the bucket"
    edition.document.file.save("compendium.pdf", ContentFile(content), save=True)
    assert any(key.startswith("documents/compendium") for key in keys(bucket))

    def counted():
        downloads = DownloadCount.objects.filter(
            publication_key=edition.page.translation_key, language=edition.language
        )
        return downloads.aggregate(total=Sum("count"))["total"] or 0

    before = counted()
    reader = {"HTTP_USER_AGENT": "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0"}
    response = client.get(edition.download_url, **reader)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == content
    assert counted() == before + 1
    resumed = client.get(edition.download_url, HTTP_RANGE="bytes=9-18", **reader)
    assert resumed.status_code == 206
    assert b"".join(resumed.streaming_content) == content[9:19]
    assert counted() == before + 1, "a resumed download is not a new one"
