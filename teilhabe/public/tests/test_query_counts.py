import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_finder_page_needs_a_fixed_number_of_queries(client, django_assert_num_queries):
    url = reverse("public:finder", args=["ar"])
    client.get(url)  # draws the map once per process
    with django_assert_num_queries(12):
        client.get(url, {"seite": 2})
    with django_assert_num_queries(3):  # unchanged directory (3 version queries): cached
        client.get(url, {"seite": 2})


def test_the_api_offer_list_needs_a_fixed_number_of_queries(client, django_assert_num_queries):
    with django_assert_num_queries(8):
        client.get(reverse("api:offer-list"), {"lang": "ar", "page": 2})
